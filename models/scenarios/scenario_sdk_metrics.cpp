#include "scenarios/scenario_sdk_metrics.h"

#include <algorithm>
#include <array>

namespace kansoku {

namespace {

constexpr const char *HttpServerDuration = "http.server.request.duration";
constexpr const char *DbClientDuration = "db.client.operation.duration";

// The semantic conventions' advisory bucket boundaries (seconds).
const std::vector<double> &boundsOf(const std::string &metric)
{
    static const std::vector<double> http{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25,
                                          0.5,   0.75, 1,     2.5,  5,     7.5, 10};
    static const std::vector<double> database{0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10};
    return metric == HttpServerDuration ? http : database;
}

const AnyValue *firstOf(const Attributes &attributes, std::initializer_list<const char *> keys)
{
    for (const char *key : keys) {
        if (const AnyValue *value = findAttribute(attributes, key))
            return value;
    }
    return nullptr;
}

Metric emptyHistogram(const std::string &name)
{
    Metric metric;
    metric.name = name;
    metric.unit.push_back('s'); // (assigning "s" trips GCC 12's -Wrestrict false positive)
    metric.description = name == HttpServerDuration ? "Duration of HTTP server requests."
                                                    : "Duration of database client operations.";
    metric.type = MetricType::Histogram;
    metric.temporality = AggregationTemporality::Cumulative;
    return metric;
}

std::string signature(const Attributes &attributes)
{
    std::string out;
    for (const KeyValue &attribute : attributes) {
        out.append(attribute.key);
        out.push_back('=');
        out.append(attribute.value.toDisplayString());
        out.push_back('\x1f');
    }
    return out;
}

} // namespace

void ScenarioSdkMetrics::observe(const GeneratedTrace &trace)
{
    for (const GeneratedTrace::SpanItem &item : trace.spans) {
        const Span &span = item.span;
        if (span.kind == SpanKind::Server) {
            Attributes attributes;
            for (const char *key :
                 {"http.request.method", "http.route", "http.response.status_code", "url.scheme"}) {
                if (const AnyValue *value = findAttribute(span.attributes, key))
                    attributes.push_back(KeyValue{key, *value});
            }
            record(*item.service, HttpServerDuration, std::move(attributes), span);
            continue;
        }
        const AnyValue *system = firstOf(span.attributes, {"db.system.name", "db.system"});
        if (span.kind != SpanKind::Client || !system)
            continue;
        Attributes attributes{KeyValue{"db.system.name", *system}};
        if (const AnyValue *operation
            = firstOf(span.attributes, {"db.operation.name", "db.operation"}))
            attributes.push_back(KeyValue{"db.operation.name", *operation});
        if (const AnyValue *collection
            = firstOf(span.attributes, {"db.collection.name", "db.sql.table"}))
            attributes.push_back(KeyValue{"db.collection.name", *collection});
        record(*item.service, DbClientDuration, std::move(attributes), span);
    }
}

void ScenarioSdkMetrics::record(const ServiceIdentity &service, const char *metric,
                                Attributes attributes, const Span &span)
{
    const double seconds = double(span.durationNs()) / 1e9;
    Series &series = m_series[{service.key(), metric, signature(attributes)}];
    const std::vector<double> &bounds = boundsOf(metric);
    if (series.bucketCounts.empty()) {
        series.service = &service;
        series.attributes = std::move(attributes);
        series.bucketCounts.assign(bounds.size() + 1, 0);
        series.min = seconds;
        series.max = seconds;
    }
    // Buckets are upper-inclusive: (bounds[i-1], bounds[i]].
    const auto bucket
        = std::size_t(std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin());
    ++series.bucketCounts[bucket];
    Exemplar &exemplar = series.exemplarsByBucket[bucket];
    exemplar.timeNs = span.endTimeNs;
    exemplar.value = seconds;
    exemplar.traceId = span.traceId;
    exemplar.spanId = span.spanId;
    ++series.count;
    series.sum += seconds;
    series.min = std::min(series.min, seconds);
    series.max = std::max(series.max, seconds);
}

void ScenarioSdkMetrics::exportTo(std::int64_t timeNs, ScenarioTelemetry &out)
{
    // m_series is ordered by (service, metric, attributes): consecutive series share a metric.
    const ServiceIdentity *service = nullptr;
    Metric metric;
    const auto flush = [&] {
        if (service && !metric.histogramPoints.empty()) {
            const char *scope = metric.name == HttpServerDuration
                                    ? "@opentelemetry/instrumentation-http"
                                    : "@opentelemetry/instrumentation-pg";
            out.addMetric(*service, scope, std::move(metric));
        }
        metric = {};
    };
    for (auto &[key, series] : m_series) {
        const std::string &name = std::get<1>(key);
        if (series.service != service || metric.name != name) {
            flush();
            service = series.service;
            metric = emptyHistogram(name);
        }
        HistogramDataPoint point;
        point.attributes = series.attributes;
        point.startTimeNs = m_startNs;
        point.timeNs = timeNs;
        point.count = series.count;
        point.sum = series.sum;
        point.bucketCounts = series.bucketCounts;
        point.explicitBounds = boundsOf(name);
        point.min = series.min;
        point.max = series.max;
        for (const auto &[bucket, exemplar] : series.exemplarsByBucket)
            point.exemplars.push_back(exemplar);
        series.exemplarsByBucket.clear();
        metric.histogramPoints.push_back(std::move(point));
    }
    flush();
}

} // namespace kansoku
