#include "analysis/http_server_request_metric.h"

#include "analysis/metric_series_builder.h"

#include <algorithm>
#include <iterator>

namespace kansoku {

namespace {

std::string firstText(const Attributes &attributes, std::initializer_list<std::string_view> keys)
{
    for (std::string_view key : keys) {
        if (const AnyValue *value = findAttribute(attributes, key))
            return value->toDisplayString();
    }
    return {};
}

// Seconds per unit of the stream's values: the unit sent, else the convention of the name
// (milliseconds for the older http.server.duration).
double secondsPerUnit(const MetricStream &stream)
{
    if (stream.unit == "ms")
        return 1e-3;
    if (stream.unit == "us")
        return 1e-6;
    if (stream.unit == "s")
        return 1.0;
    return stream.name == HttpServerRequestMetric::OlderName ? 1e-3 : 1.0;
}

} // namespace

bool HttpServerRequestMetric::isRequestDurationMetric(std::string_view metricName)
{
    return metricName == CurrentName || metricName == OlderName;
}

std::optional<HttpServerRequestSeries> HttpServerRequestMetric::seriesOf(const MetricStream &stream,
                                                                         const Metric &metric,
                                                                         std::int64_t windowStartNs)
{
    if (!isRequestDurationMetric(stream.name) || stream.type != MetricType::Histogram
        || metric.type != MetricType::Histogram)
        return std::nullopt;
    const std::string method = firstText(stream.attributes, {"http.request.method", "http.method"});
    if (method.empty())
        return std::nullopt;
    const std::string route = firstText(stream.attributes, {"http.route"});

    HttpServerRequestSeries series;
    series.metricName = stream.name;
    series.endpoint.service = stream.resource.serviceName();
    // The span name the HTTP semantic conventions give the request's server span.
    series.endpoint.operation = method == "_OTHER" ? std::string("HTTP") : method;
    if (!route.empty())
        series.endpoint.operation += ' ' + route;
    series.serverErrors = MetricSeriesBuilder::isErrorStream(stream, 500);
    series.intervals = HistogramMath::explicitIntervals(metric.histogramPoints, metric.temporality,
                                                        windowStartNs);
    const double scale = secondsPerUnit(stream);
    if (scale != 1.0) {
        for (ExplicitDistribution &interval : series.intervals) {
            for (double &bound : interval.bounds)
                bound *= scale;
            for (std::optional<double> *value : {&interval.min, &interval.max, &interval.sum}) {
                if (*value)
                    **value *= scale;
            }
        }
    }
    return series;
}

void HttpServerRequestMetric::addNoRequestsBefore(Metric &metric,
                                                  const std::vector<std::int64_t> &exportTimesNs)
{
    if (metric.temporality != AggregationTemporality::Cumulative || metric.histogramPoints.empty())
        return;
    const HistogramDataPoint &first = metric.histogramPoints.front();
    const auto after = std::lower_bound(exportTimesNs.begin(), exportTimesNs.end(), first.timeNs);
    if (after == exportTimesNs.begin())
        return;
    const std::int64_t previousExportNs = *std::prev(after);
    if (previousExportNs <= first.startTimeNs)
        return;
    HistogramDataPoint none;
    none.attributes = first.attributes;
    none.startTimeNs = first.startTimeNs;
    none.timeNs = previousExportNs;
    none.bucketCounts.assign(first.bucketCounts.size(), 0);
    none.explicitBounds = first.explicitBounds;
    if (first.sum)
        none.sum = 0.0;
    metric.histogramPoints.insert(metric.histogramPoints.begin(), std::move(none));
}

} // namespace kansoku
