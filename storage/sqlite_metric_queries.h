// The metric queries of SqliteTelemetryQueries: the list of metric streams and one stream's
// points, optionally one per time bucket. Any thread, concurrently: each call leases its own
// read-only connection.
#pragma once

#include "core/telemetry_queries.h"

namespace kansoku {

class ReadConnectionPool;
class StoredEntityCache;

class SqliteMetricQueries
{
public:
    // Borrows both; they must outlive this.
    SqliteMetricQueries(ReadConnectionPool &pool, StoredEntityCache &entities);

    std::vector<MetricStream> metricStreams(const MetricStreamQuery &query) const;
    std::optional<Metric> metricPoints(const MetricPointQuery &query) const;

private:
    ReadConnectionPool &m_pool;
    StoredEntityCache &m_entities;
};

} // namespace kansoku
