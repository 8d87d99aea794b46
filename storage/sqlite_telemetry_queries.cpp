#include "sqlite_telemetry_queries.h"

#include "sqlite_database.h"
#include "sqlite_statement.h"

#include <limits>

namespace kansoku {

SqliteTelemetryQueries::SqliteTelemetryQueries(std::string databasePath)
    : m_pool(std::move(databasePath))
    , m_traceQueries(m_pool, m_entities)
    , m_logQueries(m_pool, m_entities)
    , m_metricQueries(m_pool, m_entities)
    , m_analysisQueries(m_pool, m_entities)
{}

bool SqliteTelemetryQueries::checkConnection(std::string *errorMessage)
{
    ReadConnectionPool::Lease connection(m_pool);
    if (!connection.get()) {
        *errorMessage = connection.error();
        return false;
    }
    return true;
}

std::vector<TraceSummary> SqliteTelemetryQueries::traces(const TraceQuery &query) const
{
    return m_traceQueries.traces(query);
}

std::optional<Trace> SqliteTelemetryQueries::trace(const TraceId &traceId) const
{
    return m_traceQueries.trace(traceId);
}

LogPage SqliteTelemetryQueries::logs(const LogQuery &query) const
{
    return m_logQueries.logs(query);
}

std::int64_t SqliteTelemetryQueries::countLogs(const LogQuery &query) const
{
    return m_logQueries.countLogs(query);
}

std::vector<MetricStream>
SqliteTelemetryQueries::metricStreams(const MetricStreamQuery &query) const
{
    return m_metricQueries.metricStreams(query);
}

std::optional<Metric> SqliteTelemetryQueries::metricPoints(const MetricPointQuery &query) const
{
    return m_metricQueries.metricPoints(query);
}

void SqliteTelemetryQueries::forEachAnalysisTrace(
    const TimeRange &range, const std::function<bool(const AnalysisTrace &)> &visit) const
{
    m_analysisQueries.forEachAnalysisTrace(range, visit);
}

std::vector<std::string> SqliteTelemetryQueries::services() const
{
    std::vector<std::string> names;
    ReadConnectionPool::Lease connection(m_pool);
    if (!connection.get())
        return names;
    SqliteStatement *select = connection.get()->cached("SELECT name FROM services ORDER BY name");
    if (!select)
        return names;
    while (select->step() == SQLITE_ROW)
        names.push_back(select->columnText(0));
    select->reset();
    return names;
}

std::optional<TimeRange> SqliteTelemetryQueries::timeBounds() const
{
    ReadConnectionPool::Lease connection(m_pool);
    if (!connection.get())
        return std::nullopt;
    SqliteStatement *select
        = connection.get()->cached("SELECT min_time_ns, max_time_ns FROM totals WHERE id = 1");
    if (!select || select->step() != SQLITE_ROW || select->isNull(0)) {
        if (select)
            select->reset();
        return std::nullopt;
    }
    constexpr std::int64_t maxTimeNs = std::numeric_limits<std::int64_t>::max();
    TimeRange range;
    range.startNs = select->columnInt(0);
    const std::int64_t last = select->columnInt(1);
    range.endNs = last == maxTimeNs ? maxTimeNs : last + 1; // half-open: include the last instant
    select->reset();
    return range;
}

TelemetryTotals SqliteTelemetryQueries::totals() const
{
    TelemetryTotals totals;
    ReadConnectionPool::Lease connection(m_pool);
    if (!connection.get())
        return totals;
    SqliteStatement *select = connection.get()->cached(
        "SELECT spans, traces, log_records, data_points, metric_streams FROM totals WHERE id = 1");
    if (select && select->step() == SQLITE_ROW) {
        totals.spans = select->columnInt(0);
        totals.traces = select->columnInt(1);
        totals.logRecords = select->columnInt(2);
        totals.dataPoints = select->columnInt(3);
        totals.metricStreams = select->columnInt(4);
    }
    if (select)
        select->reset();
    return totals;
}

} // namespace kansoku
