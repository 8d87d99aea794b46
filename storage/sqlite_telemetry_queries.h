// TelemetryQueries over the SQLite file, on read-only connections from a small pool: every method
// may run on any thread, concurrently. Shared by pointer (TelemetryStore::queries()).
//
// Behaviour beyond models/telemetry_queries.h:
// - LogQuery::fullText uses FTS5 syntax (unicode61: case-folded words, "phrase", prefix*, AND,
//   OR, NOT, column filters body:/attributes:) over the body text, the string/bytes/array/map
//   attribute values and the hex trace id; numbers and booleans are left to attribute filters.
//   An invalid query gives an empty page and a count of 0, never an error.
// - A trace id filter is served by the FTS index; a span id filter alone scans the logs (newest
//   first), so combine it with the trace id when possible.
// - Attribute filters compare against span (or log record) attributes, not resource attributes.
// - Points of a stream with the same time are stored once (a re-sent point is dropped).
#pragma once

#include "core/telemetry_queries.h"
#include "read_connection_pool.h"

#include <mutex>
#include <unordered_map>

namespace kansoku {

class SqliteDatabase;

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
    std::optional<TimeRange> timeBounds() const override;
    TelemetryTotals totals() const override;

private:
    struct StoredResource
    {
        Resource resource;
        std::string schemaUrl;
    };
    struct StoredScope
    {
        InstrumentationScope scope;
        std::string schemaUrl;
    };
    class Connection;

    // Resources, scopes and service names never change once written, so they are cached by id.
    const StoredResource *resource(SqliteDatabase &database, std::int64_t resourceId) const;
    const StoredScope *scope(SqliteDatabase &database, std::int64_t scopeId) const;
    std::string serviceName(SqliteDatabase &database, std::int64_t serviceId) const;
    // Logs query: SQL after SELECT, with its parameters appended to params.
    struct LogSql;
    LogSql buildLogSql(const LogQuery &query, bool forCount) const;

    mutable ReadConnectionPool m_pool;
    mutable std::mutex m_cacheMutex;
    mutable std::unordered_map<std::int64_t, std::unique_ptr<StoredResource>> m_resources;
    mutable std::unordered_map<std::int64_t, std::unique_ptr<StoredScope>> m_scopes;
    mutable std::unordered_map<std::int64_t, std::string> m_services;
};

} // namespace kansoku
