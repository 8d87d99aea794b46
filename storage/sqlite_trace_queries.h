// The trace queries of SqliteTelemetryQueries: the trace list (summaries, filtered, sorted, paged)
// and one whole trace. Any thread, concurrently: each call leases its own read-only connection.
#pragma once

#include "core/telemetry_queries.h"

namespace kansoku {

class ReadConnectionPool;
class StoredEntityCache;

class SqliteTraceQueries
{
public:
    // Borrows both; they must outlive this.
    SqliteTraceQueries(ReadConnectionPool &pool, StoredEntityCache &entities);

    std::vector<TraceSummary> traces(const TraceQuery &query) const;
    std::optional<Trace> trace(const TraceId &traceId) const;

private:
    ReadConnectionPool &m_pool;
    StoredEntityCache &m_entities;
};

} // namespace kansoku
