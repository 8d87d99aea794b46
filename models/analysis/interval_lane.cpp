#include "analysis/interval_lane.h"

#include <algorithm>
#include <limits>

namespace kansoku {

void IntervalLane::add(std::int64_t startNs, std::int64_t endNs, int node)
{
    m_intervals.push_back({startNs, std::max(endNs, startNs), node});
}

void IntervalLane::finish()
{
    std::stable_sort(m_intervals.begin(), m_intervals.end(),
                     [](const Interval &a, const Interval &b) { return a.startNs < b.startNs; });
    m_maxEndUpTo.resize(m_intervals.size());
    std::int64_t maxEnd = std::numeric_limits<std::int64_t>::min();
    for (std::size_t i = 0; i < m_intervals.size(); ++i) {
        maxEnd = std::max(maxEnd, m_intervals[i].endNs);
        m_maxEndUpTo[i] = maxEnd;
    }
}

void IntervalLane::appendBoxes(const TimeScale &scale, double minWidthPx,
                               std::vector<LaneBox> &out) const
{
    const double width = scale.widthPx();
    const std::int64_t viewStart = scale.viewStartNs();
    const std::int64_t viewEnd = scale.viewEndNs();
    // Visible intervals: the first whose running max end reaches the view (every earlier one
    // ends before it) up to the last that starts inside it.
    auto index = std::size_t(std::lower_bound(m_maxEndUpTo.begin(), m_maxEndUpTo.end(), viewStart)
                             - m_maxEndUpTo.begin());
    const auto endIndex = std::size_t(
        std::upper_bound(m_intervals.begin(), m_intervals.end(), viewEnd,
                         [](std::int64_t t, const Interval &i) { return t < i.startNs; })
        - m_intervals.begin());

    LaneBox pending;
    const auto flush = [&]() {
        if (pending.count == 0)
            return;
        pending.x1 = std::min(std::max(pending.x1, pending.x0 + minWidthPx), width);
        out.push_back(pending);
        pending = LaneBox();
    };
    while (index < endIndex) {
        const Interval &interval = m_intervals[index];
        if (interval.endNs < viewStart) { // ends before the view; later ones may not
            ++index;
            continue;
        }
        const double x0 = std::max(scale.xForTime(interval.startNs), 0.0);
        const double x1 = std::min(scale.xForTime(interval.endNs), width);
        if (x1 - x0 >= minWidthPx) {
            flush();
            out.push_back({x0, x1, 1, interval.node});
            ++index;
            continue;
        }
        if (pending.count > 0 && x0 > pending.x1 + 1.0)
            flush();
        if (pending.count == 0) {
            pending.x0 = x0;
            pending.x1 = x0;
            pending.firstNode = interval.node;
        }
        // Everything starting within the next minWidthPx joins this box; skip it in one search.
        const std::int64_t skipUntil = scale.timeForX(std::max(pending.x1, x0) + minWidthPx);
        auto next = std::size_t(
            std::lower_bound(m_intervals.begin() + std::ptrdiff_t(index) + 1,
                             m_intervals.begin() + std::ptrdiff_t(endIndex), skipUntil,
                             [](const Interval &i, std::int64_t t) { return i.startNs < t; })
            - m_intervals.begin());
        pending.count += int(next - index);
        // If the running max grew over the skipped intervals, it is exactly their latest end; if
        // not, their ends hide under an earlier interval and the box covers their starts only.
        const std::int64_t maxBefore = index > 0 ? m_maxEndUpTo[index - 1] : viewStart;
        const std::int64_t skippedEnd = m_maxEndUpTo[next - 1] > maxBefore
                                            ? m_maxEndUpTo[next - 1]
                                            : scale.timeForX(std::min(x0 + minWidthPx, width));
        pending.x1 = std::max({pending.x1, x1, std::min(scale.xForTime(skippedEnd), width)});
        index = next;
    }
    flush();
}

} // namespace kansoku
