// The log queries of SqliteTelemetryQueries: a page of logs (full text, filters, keyset paging)
// and the count of matching logs. Any thread, concurrently: each call leases its own read-only
// connection.
#pragma once

#include "core/telemetry_queries.h"

namespace kansoku {

class ReadConnectionPool;
class StoredEntityCache;

class SqliteLogQueries
{
public:
    // Borrows both; they must outlive this.
    SqliteLogQueries(ReadConnectionPool &pool, StoredEntityCache &entities);

    LogPage logs(const LogQuery &query) const;
    std::int64_t countLogs(const LogQuery &query) const;

private:
    // The query's SQL from SELECT on, with its parameters, for a page or for the count.
    struct LogSql;
    static LogSql buildLogSql(const LogQuery &query, bool forCount);

    ReadConnectionPool &m_pool;
    StoredEntityCache &m_entities;
};

} // namespace kansoku
