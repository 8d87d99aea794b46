// Pure arithmetic on gauge and sum points for charts: raw values, per-second rates of cumulative
// and delta sums, and combining several series into one (sum or mean). Stateless; any thread.
#pragma once

#include "core/metric.h"

#include <vector>

namespace kansoku {

struct TimedValue
{
    std::int64_t timeNs = 0;
    double value = 0; // NaN = a gap
    bool operator==(const TimedValue &) const = default;
};

class NumberSeriesMath
{
public:
    enum class Combine { Sum, Mean };

    // The values as they are; points flagged "no recorded value" become gaps (NaN).
    static std::vector<TimedValue> raw(const std::vector<NumberDataPoint> &points);

    // Per-second rate of a cumulative monotonic sum between consecutive points. A reset (a new
    // start time or a value that went down) starts over: the point's whole value counts as the
    // increase since max(its start time, the previous point's time). Rates are never negative.
    // The first point has no predecessor: it gives a rate over [start time, time] only when its
    // series started at or after windowStartNs, else nothing.
    static std::vector<TimedValue> cumulativeRate(const std::vector<NumberDataPoint> &points,
                                                  std::int64_t windowStartNs);

    // Per-second rate of delta sums: each value over its own interval [start time, time], or over
    // the time since the previous point when the start time is missing or not before the time.
    static std::vector<TimedValue> deltaRate(const std::vector<NumberDataPoint> &points);

    // One series from many: at each time any series has a point (bucketed to resolutionNs from
    // originNs when resolutionNs > 0: one time per bucket, its last), each series contributes its
    // latest value at or before that time, between its first and last point; gaps contribute
    // nothing; NaN when no series contributes.
    static std::vector<TimedValue> combine(const std::vector<std::vector<TimedValue>> &series,
                                           Combine how, std::int64_t originNs,
                                           std::int64_t resolutionNs);
};

} // namespace kansoku
