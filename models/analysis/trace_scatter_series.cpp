#include "analysis/trace_scatter_series.h"

#include <algorithm>

namespace kansoku {

ChartSeries TraceScatterSeries::build(const std::vector<TraceSummary> &summaries,
                                      const QString &name)
{
    ChartSeries series;
    series.name = name;
    series.style = ChartSeries::Style::Scatter;
    series.color = QColor(0x1f, 0x77, 0xb4);
    series.timesNs.reserve(summaries.size());
    series.values.reserve(summaries.size());
    series.highlighted.reserve(summaries.size());
    for (const TraceSummary &summary : summaries) {
        series.timesNs.push_back(summary.startTimeNs);
        series.values.push_back(
            std::max(minimumMs, static_cast<double>(summary.durationNs) / nsPerMs));
        series.highlighted.push_back(summary.errorCount > 0);
    }
    return series;
}

} // namespace kansoku
