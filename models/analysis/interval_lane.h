// A lane of time intervals (spans) sorted by start, with a running maximum of end times so that
// the visible part is found by binary search and runs narrower than a few pixels are folded into
// one box with a count (Tracy/Perfetto level of detail). Immutable after finish(); any thread.
#pragma once

#include "analysis/time_scale.h"

#include <vector>

namespace kansoku {

struct LaneBox
{
    double x0 = 0.0; // pixels, clipped to [0, width]
    double x1 = 0.0;
    int count = 0;      // intervals in the box; 1 for a box drawn as itself
    int firstNode = -1; // the earliest interval's node (colour, hit-test of single boxes)
    bool operator==(const LaneBox &) const = default;
};

class IntervalLane
{
public:
    void add(std::int64_t startNs, std::int64_t endNs, int node);
    void finish(); // sorts; call once after the last add()
    int size() const { return int(m_intervals.size()); }

    // Boxes for the visible window, left to right. An interval at least minWidthPx wide is its
    // own box; narrower ones merge with neighbours within minWidthPx into one folded box of at
    // least minWidthPx. Work is proportional to visible pixels and wide intervals, not to size().
    void appendBoxes(const TimeScale &scale, double minWidthPx, std::vector<LaneBox> &out) const;

private:
    struct Interval
    {
        std::int64_t startNs;
        std::int64_t endNs;
        int node;
    };
    std::vector<Interval> m_intervals;
    std::vector<std::int64_t> m_maxEndUpTo; // max end over [0, i], non-decreasing
};

} // namespace kansoku
