#include "view/metric_points_fetch.h"

#include <algorithm>
#include <limits>

namespace kansoku {

namespace {
constexpr std::int64_t minTime = std::numeric_limits<std::int64_t>::min();
} // namespace

MetricPointsFetch MetricPointsFetch::plan(const std::vector<MetricStream> &streams, TimeRange range,
                                          TimeRange display, int plotWidthPx)
{
    MetricPointsFetch fetch;
    fetch.m_display = display;
    fetch.m_windowStartNs = range.startNs;
    const bool finite = display.isBounded() && !display.isEmpty();
    // About one point per pixel: the query keeps one point per bucket of this width.
    fetch.m_resolutionNs = finite ? std::max<std::int64_t>(1, (display.endNs - display.startNs)
                                                                  / std::max(1, plotWidthPx))
                                  : 0;
    fetch.m_fetch = range;
    // One bucket more on the left, so the first rate in view has a predecessor.
    if (fetch.m_resolutionNs > 0 && fetch.m_fetch.startNs > minTime + fetch.m_resolutionNs)
        fetch.m_fetch.startNs -= fetch.m_resolutionNs;
    for (const MetricStream &info : streams) {
        const bool exactDeltaHistogram = MetricSeriesBuilder::isHistogram(info.type)
                                         && info.temporality == AggregationTemporality::Delta
                                         && info.pointCount <= maxExactDeltaHistogramPoints;
        fetch.m_requests.push_back({info, exactDeltaHistogram ? 0 : fetch.m_resolutionNs});
    }
    return fetch;
}

std::vector<MetricStreamWithPoints> MetricPointsFetch::run(const TelemetryQueries &queries) const
{
    std::vector<MetricStreamWithPoints> result;
    result.reserve(m_requests.size());
    for (const Request &request : m_requests) {
        MetricPointQuery query;
        query.streamId = request.info.streamId;
        query.range = m_fetch;
        query.resolutionNs = request.resolutionNs;
        std::optional<Metric> metric = queries.metricPoints(query);
        if (metric)
            result.push_back({request.info, std::move(*metric)});
    }
    return result;
}

MetricChartOptions MetricPointsFetch::options(MetricChartOptions options) const
{
    options.range = m_display;
    options.windowStartNs = m_windowStartNs;
    options.resolutionNs = m_resolutionNs;
    return options;
}

} // namespace kansoku
