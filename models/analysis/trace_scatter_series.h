// Turns trace summaries into the duration-over-time scatter: one dot per trace at its start time,
// its duration in milliseconds on the value axis, traces with errors highlighted. Pure; any thread.
#pragma once

#include "analysis/chart_series.h"
#include "core/telemetry_queries.h"

namespace kansoku {

class TraceScatterSeries
{
public:
    // Point i of the series is summaries[i]. Durations are clamped to at least minimumMs so a
    // zero-length trace still sits on a logarithmic axis.
    static ChartSeries build(const std::vector<TraceSummary> &summaries, const QString &name);

    static constexpr double minimumMs = 0.001;
    static constexpr double nsPerMs = 1e6;
};

} // namespace kansoku
