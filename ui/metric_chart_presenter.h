// Puts a built MetricChart into a ChartView: the series (with their exemplars) or heatmap, value
// formats and axis title from its unit (durations scaled to ms or µs, bytes to KiB…, %, /s). Shared
// by the Metrics pane's chart and the dashboards' tiles. GUI thread.
#pragma once

#include "analysis/metric_series_builder.h"

namespace kansoku {

class ChartView;

class MetricChartPresenter
{
public:
    // Shows chart on view over range; returns the unit as a reader says it ("seconds", "" for
    // plain numbers), for a title.
    static QString show(ChartView *view, MetricChart chart, TimeRange range);
};

} // namespace kansoku
