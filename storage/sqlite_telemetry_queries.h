// TelemetryQueries over the SQLite file, on read-only connections from a small pool: every method
// may run on any thread, concurrently. Shared by pointer (TelemetryStore::queries()). Hands each
// signal's queries (and the analysis read) to its own class and answers the cross-signal ones
// (services, bounds, totals).
//
// Behaviour beyond models/core/telemetry_queries.h:
// - LogQuery::fullText uses FTS5 syntax (unicode61: case-folded words, "phrase", prefix*, AND,
//   OR, NOT, column filters body:/attributes:) over the body text, the string/bytes/array/map
//   attribute values and the hex trace id; numbers and booleans are left to attribute filters.
//   An invalid query gives an empty page and a count of 0, never an error.
// - A trace id filter is served by the FTS index; a span id filter alone scans the logs (newest
//   first), so combine it with the trace id when possible.
// - Attribute filters compare against span (or log record) attributes, not resource attributes.
// - Points of a stream with the same time are stored once (a re-sent point is dropped).
// - services() and serviceStatistics() leave out services whose telemetry is all gone (cleared or
//   pruned: retired_services) until new telemetry of them arrives.
#pragma once

#include "core/telemetry_queries.h"
#include "read_connection_pool.h"
#include "sqlite_analysis_queries.h"
#include "sqlite_log_queries.h"
#include "sqlite_metric_queries.h"
#include "sqlite_trace_queries.h"
#include "stored_entity_cache.h"

#include <string>
#include <utility>
#include <vector>

namespace kansoku {

class SqliteTelemetryQueries : public TelemetryQueries
{
public:
    explicit SqliteTelemetryQueries(std::string databasePath);

    // Opens one connection to prove the file is readable; false + message otherwise.
    bool checkConnection(std::string *errorMessage);

    std::vector<TraceSummary> traces(const TraceQuery &query) const override;
    std::optional<Trace> trace(const TraceId &traceId) const override;
    LogPage logs(const LogQuery &query) const override;
    std::int64_t countLogs(const LogQuery &query) const override;
    std::vector<MetricStream> metricStreams(const MetricStreamQuery &query) const override;
    std::optional<Metric> metricPoints(const MetricPointQuery &query) const override;
    std::vector<std::string> services() const override;
    std::vector<ServiceStatistics> serviceStatistics() const override;
    std::optional<TimeRange> timeBounds() const override;
    TelemetryTotals totals() const override;
    void
    forEachAnalysisTrace(const TimeRange &range,
                         const std::function<bool(const AnalysisTrace &)> &visit) const override;

private:
    // The services with telemetry (all but the retired ones) as (service_id, name), by name.
    static std::vector<std::pair<std::int64_t, std::string>>
    listedServices(SqliteDatabase &database);

    // Thread-safe themselves; mutable because every const query leases from and fills them.
    mutable ReadConnectionPool m_pool;
    mutable StoredEntityCache m_entities;
    // Declared after what they borrow.
    const SqliteTraceQueries m_traceQueries;
    const SqliteLogQueries m_logQueries;
    const SqliteMetricQueries m_metricQueries;
    const SqliteAnalysisQueries m_analysisQueries;
};

} // namespace kansoku
