// Heatmap cells (ChartHeatmap) from per-interval histogram distributions: columns are time slots
// over the range, rows are buckets, each cell the number of observations. Stateless; any thread.
#pragma once

#include "analysis/chart_series.h"
#include "analysis/histogram_math.h"
#include "core/time_range.h"

namespace kansoku {

class MetricHeatmapBuilder
{
public:
    // Columns are a whole number of typical (median) intervals wide, so sparse exports do not
    // leave every other column empty. An open range end is taken from the data. Rows are the
    // explicit buckets of the first distribution (others with different bounds are skipped); the
    // outer rows reach to ±infinity unless the first bound is positive (then the first row
    // starts at 0).
    static ChartHeatmap fromExplicit(const std::vector<ExplicitDistribution> &intervals,
                                     TimeRange range, int maxColumns);
    // Rows are the positive buckets at the finest common scale that needs at most maxRows rows,
    // below them one row for the zero bucket and the negative values (when there are any).
    static ChartHeatmap fromExponential(const std::vector<ExponentialDistribution> &intervals,
                                        TimeRange range, int maxColumns, int maxRows);
};

} // namespace kansoku
