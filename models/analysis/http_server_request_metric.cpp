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

// Durations are not negative: observations in negative buckets (a clock stepping back while a
// request ran) count as 0, with the zero bucket's.
void foldNegativesIntoZero(ExponentialDistribution &interval)
{
    for (double count : interval.negative)
        interval.zeroCount += count;
    interval.negative.clear();
    interval.negativeOffset = 0;
    for (std::optional<double> *value : {&interval.min, &interval.max}) {
        if (*value && **value < 0)
            **value = 0;
    }
}

// addNoRequestsBefore for one kind of point: a point of the first point's layout and start time,
// without observations, at the export before it (when that came after the stream started).
template<typename Point, typename ClearCounts>
void addEmptyPointBefore(std::vector<Point> &points, const std::vector<std::int64_t> &exportTimesNs,
                         ClearCounts clearCounts)
{
    if (points.empty())
        return;
    const Point &first = points.front();
    const auto after = std::lower_bound(exportTimesNs.begin(), exportTimesNs.end(), first.timeNs);
    if (after == exportTimesNs.begin())
        return;
    const std::int64_t previousExportNs = *std::prev(after);
    if (previousExportNs <= first.startTimeNs)
        return;
    Point none;
    none.attributes = first.attributes;
    none.startTimeNs = first.startTimeNs;
    none.timeNs = previousExportNs;
    if (first.sum)
        none.sum = 0.0;
    clearCounts(first, none);
    points.insert(points.begin(), std::move(none));
}

// Whether two streams' point attributes are the same set, in whatever order they came.
bool sameAttributes(const Attributes &a, const Attributes &b)
{
    if (a.size() != b.size())
        return false;
    for (const KeyValue &attribute : a) {
        const AnyValue *other = findAttribute(b, attribute.key);
        if (!other || !(*other == attribute.value))
            return false;
    }
    return true;
}

// Leaves out of intervals those that overlap in time any of the other series' intervals (or end
// at the same export).
void dropOverlapping(std::vector<ExplicitDistribution> &intervals,
                     const std::vector<ExponentialDistribution> &others)
{
    // The time the others cover, as disjoint ranges in order.
    std::vector<std::pair<std::int64_t, std::int64_t>> covered;
    for (const ExponentialDistribution &other : others)
        covered.emplace_back(std::min(other.startNs, other.timeNs), other.timeNs);
    std::sort(covered.begin(), covered.end());
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
    for (const auto &range : covered) {
        if (!ranges.empty() && range.first <= ranges.back().second)
            ranges.back().second = std::max(ranges.back().second, range.second);
        else
            ranges.push_back(range);
    }
    const auto overlapsOther = [&ranges](const ExplicitDistribution &interval) {
        const std::int64_t startNs = std::min(interval.startNs, interval.timeNs);
        const std::int64_t endNs = interval.timeNs;
        // The first range that ends at or after the interval starts; the ranges' ends ascend.
        auto range = std::lower_bound(ranges.begin(), ranges.end(), startNs,
                                      [](const auto &r, std::int64_t ns) { return r.second < ns; });
        for (; range != ranges.end() && range->first <= endNs; ++range) {
            if (std::max(startNs, range->first) < std::min(endNs, range->second)
                || endNs == range->second)
                return true;
        }
        return false;
    };
    intervals.erase(std::remove_if(intervals.begin(), intervals.end(), overlapsOther),
                    intervals.end());
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
    const bool exponential = stream.type == MetricType::ExponentialHistogram;
    if (!isRequestDurationMetric(stream.name)
        || (stream.type != MetricType::Histogram && !exponential) || metric.type != stream.type)
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
    if (exponential) {
        series.exponentialIntervals = HistogramMath::exponentialIntervals(
            metric.exponentialHistogramPoints, metric.temporality, windowStartNs);
        for (ExponentialDistribution &interval : series.exponentialIntervals)
            foldNegativesIntoZero(interval);
        series.exponentialSecondsPerUnit = secondsPerUnit(stream);
        return series;
    }
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

std::vector<HttpServerRequestSeries>
HttpServerRequestMetric::seriesOfProcess(const std::vector<MetricStream> &streams,
                                         std::vector<Metric> metrics, std::int64_t windowStartNs)
{
    metrics.resize(streams.size());
    std::vector<std::int64_t> exportTimesNs;
    for (const Metric &metric : metrics) {
        for (const HistogramDataPoint &point : metric.histogramPoints)
            exportTimesNs.push_back(point.timeNs);
        for (const ExponentialHistogramDataPoint &point : metric.exponentialHistogramPoints)
            exportTimesNs.push_back(point.timeNs);
    }
    std::sort(exportTimesNs.begin(), exportTimesNs.end());
    exportTimesNs.erase(std::unique(exportTimesNs.begin(), exportTimesNs.end()),
                        exportTimesNs.end());
    std::vector<std::optional<HttpServerRequestSeries>> all;
    all.reserve(streams.size());
    for (std::size_t i = 0; i < streams.size(); ++i) {
        addNoRequestsBefore(metrics[i], exportTimesNs);
        all.push_back(seriesOf(streams[i], metrics[i], windowStartNs));
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (!all[i] || streams[i].type != MetricType::Histogram)
            continue;
        for (std::size_t j = 0; j < all.size(); ++j) {
            if (all[j] && streams[j].type == MetricType::ExponentialHistogram
                && sameAttributes(streams[i].attributes, streams[j].attributes))
                dropOverlapping(all[i]->intervals, all[j]->exponentialIntervals);
        }
    }
    std::vector<HttpServerRequestSeries> result;
    for (std::optional<HttpServerRequestSeries> &series : all) {
        if (series)
            result.push_back(std::move(*series));
    }
    return result;
}

void HttpServerRequestMetric::addNoRequestsBefore(Metric &metric,
                                                  const std::vector<std::int64_t> &exportTimesNs)
{
    if (metric.temporality != AggregationTemporality::Cumulative)
        return;
    addEmptyPointBefore(metric.histogramPoints, exportTimesNs,
                        [](const HistogramDataPoint &first, HistogramDataPoint &none) {
                            none.bucketCounts.assign(first.bucketCounts.size(), 0);
                            none.explicitBounds = first.explicitBounds;
                        });
    addEmptyPointBefore(
        metric.exponentialHistogramPoints, exportTimesNs,
        [](const ExponentialHistogramDataPoint &first, ExponentialHistogramDataPoint &none) {
            none.scale = first.scale;
            none.zeroThreshold = first.zeroThreshold;
        });
}

} // namespace kansoku
