#include "analysis/findings_run.h"

#include "analysis/findings_analyzer.h"
#include "analysis/http_server_request_metric.h"

#include <exception>
#include <map>

namespace kansoku {

namespace {

// Where the first point of a cumulative stream may start for its counts to be used (see
// HistogramMath::explicitIntervals): the range's start, or for the whole session the earliest
// telemetry in it. A stream that started before collected requests nobody saw arrive.
std::int64_t metricWindowStartNs(const TelemetryQueries &queries, const TimeRange &range)
{
    if (range.hasStart())
        return range.startNs;
    const std::optional<TimeRange> bounds = queries.timeBounds();
    return bounds ? bounds->startNs : range.startNs;
}

} // namespace

void FindingsRun::addRequestMetrics(const TelemetryQueries &queries, const TimeRange &range,
                                    FindingsAnalyzer &analyzer) const
{
    MetricStreamQuery query;
    query.nameContains = "http.server";
    query.range = range;
    // The streams of one metric of one resource (a server process) together: their export
    // times tell when a stream that shows up late had no requests yet.
    std::map<std::pair<std::string, std::string>, std::vector<MetricStream>> groups;
    for (MetricStream &stream : queries.metricStreams(query)) {
        if (!HttpServerRequestMetric::isRequestDurationMetric(stream.name)
            || (stream.type != MetricType::Histogram
                && stream.type != MetricType::ExponentialHistogram))
            continue;
        std::string resource;
        for (const KeyValue &attribute : stream.resource.attributes)
            resource += attribute.key + '=' + attribute.value.toDisplayString() + '\x1f';
        groups[{stream.name, resource}].push_back(std::move(stream));
    }
    const std::int64_t windowStartNs = metricWindowStartNs(queries, range);
    for (const auto &[key, streams] : groups) {
        std::vector<Metric> metrics;
        for (const MetricStream &stream : streams) {
            if (isCancelled())
                return;
            MetricPointQuery points;
            points.streamId = stream.streamId;
            points.range = range;
            std::optional<Metric> metric = queries.metricPoints(points);
            metrics.push_back(metric ? std::move(*metric) : Metric{});
        }
        for (const HttpServerRequestSeries &series :
             HttpServerRequestMetric::seriesOfProcess(streams, std::move(metrics), windowStartNs))
            analyzer.addRequestMetric(series);
    }
}

FindingsRunResult FindingsRun::run(const TelemetryQueries &queries, const TimeRange &range,
                                   const std::function<void(const PreparedTrace &)> &alsoVisit)
{
    FindingsRunResult result;
    result.range = range;
    // The analyzer keeps bounded aggregates only, so a session of millions of spans is analysed
    // in the memory of its largest trace. Exceptions (out of memory on a pathological trace)
    // become the result's error rather than ending the worker thread.
    try {
        FindingsAnalyzer analyzer(m_thresholds);
        // One server's streams at a time: their points are as many as their exports in the range.
        addRequestMetrics(queries, range, analyzer);
        queries.forEachAnalysisTrace(range, [&](const AnalysisTrace &trace) {
            if (isCancelled())
                return false;
            const PreparedTrace prepared(trace);
            analyzer.addTrace(prepared);
            if (alsoVisit)
                alsoVisit(prepared);
            m_traces.store(analyzer.traceCount(), std::memory_order_relaxed);
            m_spans.store(analyzer.spanCount(), std::memory_order_relaxed);
            return true;
        });
        result.traceCount = analyzer.traceCount();
        result.spanCount = analyzer.spanCount();
        result.cancelled = isCancelled();
        if (!result.cancelled)
            result.findings = analyzer.findings();
    } catch (const std::exception &error) {
        result.error = error.what();
    }
    return result;
}

} // namespace kansoku
