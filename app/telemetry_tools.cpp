#include "telemetry_tools.h"

#include "analysis/findings_analyzer.h"
#include "analysis/findings_report_writer.h"
#include "analysis/findings_run.h"
#include "analysis/log_search_parser.h"
#include "analysis/metric_series_builder.h"
#include "analysis/page_cursor.h"
#include "analysis/run_comparison_report_writer.h"
#include "analysis/telemetry_json.h"
#include "analysis/tool_arguments.h"
#include "analysis/trace_outline.h"
#include "core/log_severity.h"
#include "session_analysis.h"
#include "telemetry_tool_catalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <limits>

namespace kansoku {

namespace {

ToolOutcome failed(const QString &message)
{
    return {{}, message};
}

ToolOutcome answer(ToolArguments &arguments, QJsonObject result)
{
    if (!arguments.isValid())
        return failed(arguments.error());
    return {std::move(result), {}};
}

// from/to as a half-open range on whatever the tool filters by; unbounded sides stay open.
TimeRange rangeOf(ToolArguments &arguments, const QString &from = QStringLiteral("from"),
                  const QString &to = QStringLiteral("to"))
{
    TimeRange range;
    if (const std::optional<std::int64_t> start = arguments.timeNs(from))
        range.startNs = *start;
    if (const std::optional<std::int64_t> end = arguments.timeNs(to))
        range.endNs = *end;
    if (arguments.isValid() && range.isEmpty())
        arguments.fail(QStringLiteral("%1 must be earlier than %2").arg(from, to));
    return range;
}

// A string argument, empty when absent.
std::string textOf(ToolArguments &arguments, const char *name)
{
    return arguments.string(QLatin1String(name)).value_or(QString()).toStdString();
}

int limitOf(ToolArguments &arguments)
{
    return int(arguments.integer(QStringLiteral("limit"), 1, TelemetryToolCatalog::maxLimit)
                   .value_or(TelemetryToolCatalog::defaultLimit));
}

std::int64_t nanoseconds(double milliseconds)
{
    return std::int64_t(std::min(milliseconds * 1e6, 9.2e18));
}

// One page of items from offset, with next_cursor when more follow.
QJsonObject page(const QString &kind, const QString &key, const QJsonArray &items,
                 std::int64_t offset, int limit)
{
    QJsonArray shown;
    for (std::int64_t i = offset; i < items.size() && shown.size() < limit; ++i)
        shown.append(items.at(qsizetype(i)));
    QJsonObject result{{key, shown}};
    if (offset + limit < items.size())
        result.insert(QStringLiteral("next_cursor"), PageCursor::encode(kind, offset + limit));
    return result;
}

QJsonObject parsedReport(const std::string &json)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
}

} // namespace

TelemetryTools::TelemetryTools(std::shared_ptr<const TelemetryQueries> queries, QString sessionName)
    : m_queries(std::move(queries))
    , m_sessionName(std::move(sessionName))
{}

bool TelemetryTools::hasTool(const QString &name)
{
    return !TelemetryToolCatalog::inputSchema(name).isEmpty();
}

ToolOutcome TelemetryTools::call(const QString &name, const QJsonObject &arguments) const
{
    using Tool = ToolOutcome (TelemetryTools::*)(ToolArguments &) const;
    static const std::pair<const char *, Tool> tools[] = {
        {"list_services", &TelemetryTools::listServices},
        {"search_traces", &TelemetryTools::searchTraces},
        {"get_trace", &TelemetryTools::getTrace},
        {"search_logs", &TelemetryTools::searchLogs},
        {"list_metrics", &TelemetryTools::listMetrics},
        {"query_metric", &TelemetryTools::queryMetric},
        {"list_findings", &TelemetryTools::listFindings},
        {"compare_runs", &TelemetryTools::compareRuns},
    };
    for (const auto &[toolName, tool] : tools) {
        if (name != QLatin1String(toolName))
            continue;
        ToolArguments checked(arguments);
        checked.allowOnly(TelemetryToolCatalog::argumentNames(name));
        if (!checked.isValid())
            return failed(checked.error());
        return (this->*tool)(checked);
    }
    return failed(QStringLiteral("unknown tool \"%1\"").arg(name));
}

ToolOutcome TelemetryTools::listServices(ToolArguments &arguments) const
{
    QJsonArray services;
    for (const ServiceStatistics &service : m_queries->serviceStatistics())
        services.append(TelemetryJson::service(service));
    const TelemetryTotals totals = m_queries->totals();
    return answer(arguments,
                  {{QStringLiteral("services"), services},
                   {QStringLiteral("totals"),
                    QJsonObject{{QStringLiteral("spans"), double(totals.spans)},
                                {QStringLiteral("traces"), double(totals.traces)},
                                {QStringLiteral("logs"), double(totals.logRecords)},
                                {QStringLiteral("metric_streams"), double(totals.metricStreams)},
                                {QStringLiteral("data_points"), double(totals.dataPoints)}}}});
}

ToolOutcome TelemetryTools::searchTraces(ToolArguments &arguments) const
{
    TraceQuery query;
    query.range = rangeOf(arguments);
    query.service = textOf(arguments, "service");
    query.operation = textOf(arguments, "operation");
    constexpr double maxMs = 1e12;
    if (const auto minimum = arguments.number(QStringLiteral("min_duration_ms"), 0, maxMs))
        query.minDurationNs = nanoseconds(*minimum);
    if (const auto maximum = arguments.number(QStringLiteral("max_duration_ms"), 0, maxMs))
        query.maxDurationNs = nanoseconds(*maximum);
    query.errorsOnly = arguments.boolean(QStringLiteral("error")).value_or(false);
    if (const auto attributes = arguments.stringMap(QStringLiteral("attributes"))) {
        for (const auto &[key, value] : *attributes)
            query.attributeFilters.push_back({key.toStdString(), value.toStdString()});
    }
    const QString sort = arguments
                             .choice(QStringLiteral("sort"),
                                     {QStringLiteral("newest"), QStringLiteral("oldest"),
                                      QStringLiteral("slowest"), QStringLiteral("fastest")})
                             .value_or(QStringLiteral("newest"));
    query.sortOrder = sort == QLatin1String("oldest")    ? TraceSortOrder::StartTimeAscending
                      : sort == QLatin1String("slowest") ? TraceSortOrder::DurationDescending
                      : sort == QLatin1String("fastest") ? TraceSortOrder::DurationAscending
                                                         : TraceSortOrder::StartTimeDescending;
    const int limit = limitOf(arguments);
    const std::int64_t offset
        = arguments.cursor(QStringLiteral("cursor"), QStringLiteral("traces")).value_or(0);
    if (!arguments.isValid())
        return failed(arguments.error());
    if (query.minDurationNs && query.maxDurationNs && *query.minDurationNs > *query.maxDurationNs)
        return failed(QStringLiteral("min_duration_ms must not be more than max_duration_ms"));
    query.limit = limit + 1; // one more tells whether another page follows
    query.offset = int(std::min<std::int64_t>(offset, std::numeric_limits<int>::max()));
    const std::vector<TraceSummary> traces = m_queries->traces(query);
    QJsonArray items;
    for (std::size_t i = 0; i < traces.size() && i < std::size_t(limit); ++i)
        items.append(TelemetryJson::traceSummary(traces[i]));
    QJsonObject result{{QStringLiteral("traces"), items}};
    if (traces.size() > std::size_t(limit))
        result.insert(QStringLiteral("next_cursor"),
                      PageCursor::encode(QStringLiteral("traces"), offset + limit));
    return answer(arguments, result);
}

ToolOutcome TelemetryTools::getTrace(ToolArguments &arguments) const
{
    arguments.require(QStringLiteral("trace_id"));
    const std::optional<TraceId> traceId = arguments.traceId(QStringLiteral("trace_id"));
    const std::optional<SpanId> spanId = arguments.spanId(QStringLiteral("span_id"));
    TraceOutlineOptions options;
    options.maxDepth
        = int(arguments.integer(QStringLiteral("max_depth"), 0, 1000).value_or(options.maxDepth));
    options.maxSpans
        = int(arguments.integer(QStringLiteral("max_spans"), 1, 2000).value_or(options.maxSpans));
    if (!arguments.isValid())
        return failed(arguments.error());
    std::optional<Trace> trace = m_queries->trace(*traceId);
    if (!trace || trace->spans.empty())
        return failed(QStringLiteral("trace_id: no trace %1 in this session")
                          .arg(QString::fromStdString(toHex(*traceId))));
    const SpanTree tree(std::make_shared<const Trace>(std::move(*trace)));
    if (spanId) {
        const std::optional<QJsonObject> span = TraceOutline::span(tree, *spanId);
        if (!span)
            return failed(QStringLiteral("span_id: no span %1 in trace %2")
                              .arg(QString::fromStdString(toHex(*spanId)),
                                   QString::fromStdString(toHex(*traceId))));
        return answer(arguments, {{QStringLiteral("span"), *span}});
    }
    // The findings of this trace alone: the detectors that look inside one request (N+1,
    // redundant and slow calls, fan-out) need no other trace.
    FindingsAnalyzer analyzer;
    m_queries->forEachAnalysisTrace(TimeRange{tree.startTimeNs(), tree.startTimeNs() + 1},
                                    [&](const AnalysisTrace &candidate) {
                                        if (candidate.traceId != *traceId)
                                            return true;
                                        analyzer.addTrace(candidate);
                                        return false;
                                    });
    return answer(arguments, TraceOutline::build(tree, analyzer.findings(), options));
}

ToolOutcome TelemetryTools::searchLogs(ToolArguments &arguments) const
{
    LogQuery query;
    query.range = rangeOf(arguments);
    const LogSearch search
        = LogSearchParser::parse(arguments.string(QStringLiteral("query")).value_or(QString()));
    if (const std::optional<QString> service = arguments.string(QStringLiteral("service")))
        query.service = service->toStdString();
    if (const std::optional<QString> severity = arguments.string(QStringLiteral("severity"))) {
        const std::optional<std::int32_t> minimum = LogSeverity::parseMinimum(*severity);
        if (!minimum)
            arguments.fail(QStringLiteral("severity: \"%1\" is not a severity (trace, debug, "
                                          "info, warn, error, fatal or 1-24)")
                               .arg(*severity));
        query.minSeverityNumber = minimum.value_or(0);
    }
    query.traceId = arguments.traceId(QStringLiteral("trace_id"));
    query.limit = limitOf(arguments);
    query.beforeRowId = arguments.cursor(QStringLiteral("cursor"), QStringLiteral("logs"));
    if (!arguments.isValid())
        return failed(arguments.error());
    if (!search.isValid())
        return failed(QStringLiteral("query: ") + search.errorMessage);
    search.applyTo(&query);
    const LogPage logs = m_queries->logs(query);
    QJsonArray items;
    for (const StoredLog &log : logs.logs)
        items.append(TelemetryJson::log(log));
    QJsonObject result{{QStringLiteral("logs"), items}};
    if (logs.nextBeforeRowId)
        result.insert(QStringLiteral("next_cursor"),
                      PageCursor::encode(QStringLiteral("logs"), *logs.nextBeforeRowId));
    return answer(arguments, result);
}

ToolOutcome TelemetryTools::listMetrics(ToolArguments &arguments) const
{
    MetricStreamQuery query;
    query.range = rangeOf(arguments);
    query.service = textOf(arguments, "service");
    query.nameContains = textOf(arguments, "name_contains");
    const int limit = limitOf(arguments);
    const std::int64_t offset
        = arguments.cursor(QStringLiteral("cursor"), QStringLiteral("metrics")).value_or(0);
    if (!arguments.isValid())
        return failed(arguments.error());
    return answer(arguments,
                  page(QStringLiteral("metrics"), QStringLiteral("metrics"),
                       TelemetryJson::metrics(m_queries->metricStreams(query)), offset, limit));
}

ToolOutcome TelemetryTools::queryMetric(ToolArguments &arguments) const
{
    arguments.require(QStringLiteral("name"));
    const QString name = arguments.string(QStringLiteral("name")).value_or(QString());
    MetricStreamQuery streamQuery;
    streamQuery.range = rangeOf(arguments);
    streamQuery.service = textOf(arguments, "service");
    streamQuery.nameContains = name.toStdString();
    const int points = int(arguments.integer(QStringLiteral("points"), 2, 1000).value_or(60));
    MetricChartOptions options;
    options.groupByKey = textOf(arguments, "group_by");
    options.sumMode = arguments.choice(QStringLiteral("counter"),
                                       {QStringLiteral("rate"), QStringLiteral("raw")})
                                  .value_or(QStringLiteral("rate"))
                              == QLatin1String("raw")
                          ? MetricChartOptions::SumMode::Raw
                          : MetricChartOptions::SumMode::Rate;
    if (!arguments.isValid())
        return failed(arguments.error());
    std::vector<MetricStream> streams = m_queries->metricStreams(streamQuery);
    std::erase_if(streams, [&](const MetricStream &stream) {
        return stream.name != streamQuery.nameContains;
    });
    if (streams.empty())
        return failed(QStringLiteral("name: no metric \"%1\"%2 in this session (list_metrics "
                                     "lists them)")
                          .arg(name, streamQuery.range.hasStart() || streamQuery.range.hasEnd()
                                         ? QStringLiteral(" with points in that range")
                                         : QString()));
    // Without from/to: from the metric's first point to just after its last.
    TimeRange range = streamQuery.range;
    if (!range.hasStart() || !range.hasEnd()) {
        std::int64_t first = std::numeric_limits<std::int64_t>::max();
        std::int64_t last = std::numeric_limits<std::int64_t>::min();
        for (const MetricStream &stream : streams) {
            first = std::min(first, stream.firstTimeNs);
            last = std::max(last, stream.lastTimeNs);
        }
        if (!range.hasStart())
            range.startNs = first;
        if (!range.hasEnd())
            range.endNs = last + 1;
    }
    const std::int64_t resolutionNs
        = std::max<std::int64_t>(1, (range.endNs - range.startNs) / points);
    std::vector<MetricStreamWithPoints> data;
    for (const MetricStream &stream : streams) {
        MetricPointQuery pointQuery;
        pointQuery.streamId = stream.streamId;
        pointQuery.range = range;
        // A bucket keeps its last point; delta histograms must add theirs up instead, so they
        // are fetched whole and merged by the series builder.
        const bool deltaHistogram = MetricSeriesBuilder::isHistogram(stream.type)
                                    && stream.temporality == AggregationTemporality::Delta;
        pointQuery.resolutionNs = deltaHistogram ? 0 : resolutionNs;
        if (std::optional<Metric> metric = m_queries->metricPoints(pointQuery))
            data.push_back({stream, std::move(*metric)});
    }
    options.range = range;
    options.windowStartNs = range.startNs;
    options.resolutionNs = resolutionNs;
    options.maxSeries = 20;
    QJsonObject result = TelemetryJson::chart(MetricSeriesBuilder::build(data, options));
    result.insert(QStringLiteral("metric"), name);
    result.insert(QStringLiteral("type"), TelemetryJson::metricType(streams.front().type));
    result.insert(QStringLiteral("streams"), int(streams.size()));
    result.insert(QStringLiteral("from"), TelemetryJson::time(range.startNs));
    result.insert(QStringLiteral("to"), TelemetryJson::time(range.endNs));
    result.insert(QStringLiteral("resolution_ms"), TelemetryJson::milliseconds(resolutionNs));
    return answer(arguments, result);
}

ToolOutcome TelemetryTools::listFindings(ToolArguments &arguments) const
{
    const TimeRange range = rangeOf(arguments);
    QStringList detectors;
    for (FindingKind kind : allFindingKinds())
        detectors.append(QLatin1String(findingKindId(kind)));
    const std::optional<QString> detector = arguments.choice(QStringLiteral("detector"), detectors);
    const int limit = limitOf(arguments);
    const std::int64_t offset
        = arguments.cursor(QStringLiteral("cursor"), QStringLiteral("findings")).value_or(0);
    if (!arguments.isValid())
        return failed(arguments.error());
    FindingsRunResult run = FindingsRun().run(*m_queries, range);
    if (!run.error.empty())
        return failed(QString::fromStdString(run.error));
    FindingsReport report;
    report.sessionPath = m_sessionName.toStdString();
    report.range = range;
    report.traceCount = run.traceCount;
    report.spanCount = run.spanCount;
    for (Finding &finding : run.findings) {
        if (!detector || *detector == QLatin1String(findingKindId(finding.kind)))
            report.findings.push_back(std::move(finding));
    }
    QJsonObject result = parsedReport(FindingsReportWriter::json(report));
    const QJsonObject findings
        = page(QStringLiteral("findings"), QStringLiteral("findings"),
               result.value(QLatin1String("findings")).toArray(), offset, limit);
    for (auto it = findings.constBegin(); it != findings.constEnd(); ++it)
        result.insert(it.key(), it.value());
    result.insert(QStringLiteral("total_findings"), int(report.findings.size()));
    return answer(arguments, result);
}

ToolOutcome TelemetryTools::compareRuns(ToolArguments &arguments) const
{
    for (const char *name : {"before_from", "before_to", "after_from", "after_to"})
        arguments.require(QLatin1String(name));
    const TimeRange before
        = rangeOf(arguments, QStringLiteral("before_from"), QStringLiteral("before_to"));
    const TimeRange after
        = rangeOf(arguments, QStringLiteral("after_from"), QStringLiteral("after_to"));
    RunComparisonOptions options;
    options.thresholdPercent
        = arguments.number(QStringLiteral("threshold_percent"), 0, 1e9).value_or(10.0);
    const int limit = limitOf(arguments);
    if (!arguments.isValid())
        return failed(arguments.error());
    const SessionAnalyzer analyzer;
    QString error;
    const std::optional<SessionAnalysis> beforeRun
        = analyzer.analyze(*m_queries, m_sessionName, before, &error);
    const std::optional<SessionAnalysis> afterRun
        = beforeRun ? analyzer.analyze(*m_queries, m_sessionName, after, &error) : std::nullopt;
    if (!beforeRun || !afterRun)
        return failed(error);
    RunComparisonReport report;
    const auto name = [this](const TimeRange &range) {
        return QStringLiteral("%1 %2..%3")
            .arg(m_sessionName, TelemetryJson::time(range.startNs),
                 TelemetryJson::time(range.endNs))
            .toStdString();
    };
    report.beforeName = name(before);
    report.afterName = name(after);
    report.comparison = RunComparison::compare(beforeRun->profile, afterRun->profile, options);
    QJsonObject result = parsedReport(RunComparisonReportWriter::json(report));
    const QJsonArray rows = result.value(QLatin1String("rows")).toArray();
    result.insert(QStringLiteral("rows"),
                  page(QStringLiteral("rows"), QStringLiteral("rows"), rows, 0, limit)
                      .value(QLatin1String("rows")));
    result.insert(QStringLiteral("omitted_rows"), std::max(0, int(rows.size()) - limit));
    return answer(arguments, result);
}

} // namespace kansoku
