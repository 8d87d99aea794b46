#include "sqlite_telemetry_queries.h"

#include "schema_migrator.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"

#include <algorithm>
#include <limits>
#include <map>

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
    for (auto &[id, name] : listedServices(*connection.get()))
        names.push_back(std::move(name));
    return names;
}

std::vector<std::pair<std::int64_t, std::string>>
SqliteTelemetryQueries::listedServices(SqliteDatabase &database)
{
    // A file older than retired_services (opened read-only, so not upgraded) lists every service.
    const bool hasRetired
        = database.queryInt("PRAGMA user_version") >= SchemaMigrator::retiredServicesVersion();
    SqliteStatement *select = database.cached(
        hasRetired ? "SELECT service_id, name FROM services WHERE service_id NOT IN "
                     "(SELECT service_id FROM retired_services) ORDER BY name"
                   : "SELECT service_id, name FROM services ORDER BY name");
    std::vector<std::pair<std::int64_t, std::string>> services;
    if (!select)
        return services;
    while (select->step() == SQLITE_ROW)
        services.emplace_back(select->columnInt(0), select->columnText(1));
    select->reset();
    return services;
}

std::vector<ServiceStatistics> SqliteTelemetryQueries::serviceStatistics() const
{
    std::vector<ServiceStatistics> statistics;
    ReadConnectionPool::Lease connection(m_pool);
    if (!connection.get())
        return statistics;
    SqliteDatabase &database = *connection.get();
    std::map<std::int64_t, ServiceStatistics> byId;
    for (auto &[id, name] : listedServices(database))
        byId[id].name = std::move(name);
    const auto widen = [](ServiceStatistics &service, std::int64_t firstNs, std::int64_t lastNs) {
        const std::int64_t endNs
            = lastNs == std::numeric_limits<std::int64_t>::max() ? lastNs : lastNs + 1;
        if (!service.range)
            service.range = TimeRange{firstNs, endNs};
        service.range->startNs = std::min(service.range->startNs, firstNs);
        service.range->endNs = std::max(service.range->endNs, endNs);
    };
    // Each row: service id, count, second count, first time, last time.
    struct Part
    {
        const char *sql;
        std::int64_t ServiceStatistics::*count;
        std::int64_t ServiceStatistics::*secondCount;
    };
    const Part parts[] = {
        {"SELECT service_id, count(*), 0, min(start_ns), max(end_ns) FROM spans "
         "GROUP BY service_id",
         &ServiceStatistics::spans, nullptr},
        {"SELECT service_id, count(*), 0, 0, 0 FROM trace_services GROUP BY service_id",
         &ServiceStatistics::traces, nullptr},
        {"SELECT service_id, count(*), 0, min(time_ns), max(time_ns) FROM logs "
         "GROUP BY service_id",
         &ServiceStatistics::logRecords, nullptr},
        {"SELECT service_id, count(*), sum(point_count), min(first_time_ns), max(last_time_ns) "
         "FROM metric_streams GROUP BY service_id",
         &ServiceStatistics::metricStreams, &ServiceStatistics::dataPoints},
    };
    for (const Part &part : parts) {
        SqliteStatement *select = database.cached(part.sql);
        if (!select)
            return {};
        while (select->step() == SQLITE_ROW) {
            const auto found = byId.find(select->columnInt(0));
            if (found == byId.end())
                continue;
            ServiceStatistics &service = found->second;
            service.*part.count = select->columnInt(1);
            if (part.secondCount)
                service.*part.secondCount = select->columnInt(2);
            if (part.count != &ServiceStatistics::traces && select->columnInt(1) > 0)
                widen(service, select->columnInt(3), select->columnInt(4));
        }
        select->reset();
    }
    for (auto &[id, service] : byId)
        statistics.push_back(std::move(service));
    std::sort(
        statistics.begin(), statistics.end(),
        [](const ServiceStatistics &a, const ServiceStatistics &b) { return a.name < b.name; });
    return statistics;
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
