#include "analysis/metric_heatmap_builder.h"

#include <algorithm>
#include <limits>

namespace kansoku {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

struct Columns
{
    std::int64_t startNs = 0;
    std::int64_t widthNs = 0;
    int count = 0;
    // -1 outside the columns. Callers pass a distribution's time - 1 ns: its observations
    // happened in (start, time], so one ending on a column edge belongs to the column before.
    int columnOf(std::int64_t timeNs) const
    {
        if (timeNs < startNs || widthNs <= 0)
            return -1;
        const std::int64_t column = (timeNs - startNs) / widthNs;
        return column < count ? static_cast<int>(column) : -1;
    }
};

template<typename Distribution>
Columns columnsFor(const std::vector<Distribution> &intervals, TimeRange range, int maxColumns)
{
    Columns columns;
    if (intervals.empty() || maxColumns <= 0)
        return columns;
    std::int64_t first = std::numeric_limits<std::int64_t>::max();
    std::int64_t last = std::numeric_limits<std::int64_t>::min();
    std::vector<std::int64_t> lengths;
    for (const Distribution &d : intervals) {
        first = std::min(first, d.timeNs);
        last = std::max(last, d.timeNs);
        if (d.startNs > 0 && d.startNs < d.timeNs)
            lengths.push_back(d.timeNs - d.startNs);
    }
    const std::int64_t startNs = range.hasStart() ? range.startNs : first;
    // The range is half-open; a point exactly at an open end still gets a column.
    const std::int64_t endNs = range.hasEnd() ? range.endNs : last + 1;
    if (endNs <= startNs)
        return columns;
    const std::int64_t durationNs = endNs - startNs;
    std::int64_t widthNs = std::max<std::int64_t>(1, (durationNs + maxColumns - 1) / maxColumns);
    if (!lengths.empty()) {
        std::nth_element(lengths.begin(),
                         lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() / 2),
                         lengths.end());
        // A whole number of typical intervals per column, so regular exports fill every column
        // equally (else every few columns holds one export more and shows as a bright stripe).
        const std::int64_t typicalNs = std::min(durationNs, lengths[lengths.size() / 2]);
        widthNs = (widthNs + typicalNs - 1) / typicalNs * typicalNs;
    }
    columns.startNs = startNs;
    columns.widthNs = widthNs;
    columns.count = static_cast<int>((durationNs + widthNs - 1) / widthNs);
    return columns;
}

} // namespace

ChartHeatmap MetricHeatmapBuilder::fromExplicit(const std::vector<ExplicitDistribution> &intervals,
                                                TimeRange range, int maxColumns)
{
    ChartHeatmap heatmap;
    const Columns columns = columnsFor(intervals, range, maxColumns);
    if (columns.count <= 0)
        return heatmap;
    const std::vector<double> &bounds = intervals.front().bounds;
    heatmap.rowBounds.push_back(bounds.empty() || bounds.front() <= 0 ? -infinity : 0.0);
    for (double bound : bounds)
        heatmap.rowBounds.push_back(bound);
    heatmap.rowBounds.push_back(infinity);
    const int rows = heatmap.rows();
    heatmap.startNs = columns.startNs;
    heatmap.columnWidthNs = columns.widthNs;
    heatmap.columns = columns.count;
    heatmap.cells.assign(static_cast<std::size_t>(columns.count) * static_cast<std::size_t>(rows),
                         0.0);
    for (const ExplicitDistribution &d : intervals) {
        const int column = columns.columnOf(d.timeNs - 1);
        if (column < 0 || d.bounds != bounds || d.counts.size() != static_cast<std::size_t>(rows))
            continue;
        for (int row = 0; row < rows; ++row)
            heatmap.cells[static_cast<std::size_t>(column * rows + row)]
                += d.counts[static_cast<std::size_t>(row)];
    }
    return heatmap;
}

ChartHeatmap
MetricHeatmapBuilder::fromExponential(const std::vector<ExponentialDistribution> &intervals,
                                      TimeRange range, int maxColumns, int maxRows)
{
    ChartHeatmap heatmap;
    const Columns columns = columnsFor(intervals, range, maxColumns);
    if (columns.count <= 0)
        return heatmap;
    std::int32_t scale = std::numeric_limits<std::int32_t>::max();
    for (const ExponentialDistribution &d : intervals)
        scale = std::min(scale, d.scale);
    std::vector<ExponentialDistribution> scaled;
    scaled.reserve(intervals.size());
    std::int64_t lowest = std::numeric_limits<std::int64_t>::max();
    std::int64_t highest = std::numeric_limits<std::int64_t>::min();
    bool hasLowRow = false;
    for (const ExponentialDistribution &d : intervals) {
        scaled.push_back(HistogramMath::downscaled(d, scale));
        const ExponentialDistribution &s = scaled.back();
        for (std::size_t i = 0; i < s.positive.size(); ++i) {
            if (s.positive[i] > 0) {
                lowest = std::min<std::int64_t>(lowest,
                                                s.positiveOffset + static_cast<std::int64_t>(i));
                highest = std::max<std::int64_t>(highest,
                                                 s.positiveOffset + static_cast<std::int64_t>(i));
            }
        }
        hasLowRow = hasLowRow || s.zeroCount > 0
                    || std::any_of(s.negative.begin(), s.negative.end(),
                                   [](double count) { return count > 0; });
    }
    // Coarser scales halve the number of buckets; stop at the OTLP minimum scale of -10.
    const int positiveLimit = std::max(1, maxRows - 1);
    while (lowest <= highest && highest - lowest + 1 > positiveLimit && scale > -10) {
        --scale;
        lowest >>= 1;
        highest >>= 1;
    }
    const bool hasPositive = lowest <= highest;
    if (!hasPositive && !hasLowRow)
        return heatmap;
    if (!hasPositive)
        lowest = highest = 0;

    // The low row holds zeros and negatives: from -infinity up to the first positive bucket.
    if (hasLowRow)
        heatmap.rowBounds.push_back(-infinity);
    for (std::int64_t index = lowest; index <= highest + 1; ++index)
        heatmap.rowBounds.push_back(
            HistogramMath::exponentialLowerBound(scale, static_cast<std::int32_t>(index)));
    const int rows = heatmap.rows();
    const int firstPositiveRow = hasLowRow ? 1 : 0;
    heatmap.startNs = columns.startNs;
    heatmap.columnWidthNs = columns.widthNs;
    heatmap.columns = columns.count;
    heatmap.cells.assign(static_cast<std::size_t>(columns.count) * static_cast<std::size_t>(rows),
                         0.0);
    for (const ExponentialDistribution &original : scaled) {
        const int column = columns.columnOf(original.timeNs - 1);
        if (column < 0)
            continue;
        const ExponentialDistribution d = HistogramMath::downscaled(original, scale);
        double *cells = &heatmap.cells[static_cast<std::size_t>(column * rows)];
        if (hasLowRow) {
            cells[0] += d.zeroCount;
            for (double count : d.negative)
                cells[0] += count;
        }
        for (std::size_t i = 0; i < d.positive.size(); ++i) {
            const std::int64_t index = d.positiveOffset + static_cast<std::int64_t>(i);
            if (index < lowest || index > highest)
                continue;
            cells[firstPositiveRow + (index - lowest)] += d.positive[i];
        }
    }
    return heatmap;
}

} // namespace kansoku
