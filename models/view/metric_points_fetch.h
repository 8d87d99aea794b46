// How a chart's points are fetched, shared by the Metrics pane and the dashboards: about one
// point per pixel of the plot, one bucket more on the left so the first rate in view has a
// predecessor, and delta histograms point by point up to a limit. plan() is cheap and runs on the
// GUI thread; run() queries SQLite and runs on a worker. An immutable value either way.
#pragma once

#include "analysis/metric_series_builder.h"

namespace kansoku {

class MetricPointsFetch
{
public:
    // Delta histograms are fetched point by point and merged per pixel bucket by the series
    // builder (the query would keep only the last point of a bucket); past this many points, the
    // query's downsampling is cheaper than exact counts.
    static constexpr std::int64_t maxExactDeltaHistogramPoints = 20000;

    // range: the workbench range (the query); display: the range drawn on the axis.
    static MetricPointsFetch plan(const std::vector<MetricStream> &streams, TimeRange range,
                                  TimeRange display, int plotWidthPx);

    // Every stream's points, in the order planned; streams gone from the store are left out.
    std::vector<MetricStreamWithPoints> run(const TelemetryQueries &queries) const;

    // The chart options these points need (MetricChartOptions::range, windowStartNs and
    // resolutionNs), on top of the caller's.
    MetricChartOptions options(MetricChartOptions options) const;

    TimeRange display() const { return m_display; }
    std::int64_t windowStartNs() const { return m_windowStartNs; }
    std::int64_t resolutionNs() const { return m_resolutionNs; }

private:
    struct Request
    {
        MetricStream info;
        std::int64_t resolutionNs = 0;
    };

    std::vector<Request> m_requests;
    TimeRange m_fetch;
    TimeRange m_display;
    std::int64_t m_windowStartNs = 0;
    std::int64_t m_resolutionNs = 0;
};

} // namespace kansoku
