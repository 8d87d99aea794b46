#include "analysis/call_group_timing.h"

#include <algorithm>
#include <functional>
#include <queue>

namespace kansoku {

double CallGroupTiming::averageConcurrency() const
{
    return wallNs > 0 ? double(summedNs) / double(wallNs) : 1.0;
}

CallGroupTiming CallGroupTiming::of(const PreparedTrace &trace, const std::vector<int> &spans)
{
    CallGroupTiming timing;
    if (spans.empty())
        return timing;
    std::vector<std::pair<std::int64_t, std::int64_t>> intervals;
    intervals.reserve(spans.size());
    for (int index : spans) {
        const AnalysisSpan &span = trace.span(index);
        // A span that ends before it starts (clock trouble) counts as an instant.
        intervals.emplace_back(span.startTimeNs, std::max(span.startTimeNs, span.endTimeNs));
    }
    std::sort(intervals.begin(), intervals.end());

    timing.firstStartNs = intervals.front().first;
    timing.lastEndNs = intervals.front().second;
    std::int64_t runStart = intervals.front().first;
    std::int64_t runEnd = intervals.front().second;
    // Ends of the calls still running, earliest first.
    std::priority_queue<std::int64_t, std::vector<std::int64_t>, std::greater<>> running;
    for (const auto &[start, end] : intervals) {
        timing.summedNs += end - start;
        timing.lastEndNs = std::max(timing.lastEndNs, end);
        if (start >= runEnd) {
            timing.wallNs += runEnd - runStart;
            runStart = start;
            runEnd = end;
        } else {
            runEnd = std::max(runEnd, end);
        }
        while (!running.empty() && running.top() <= start)
            running.pop();
        running.push(end);
        timing.maxConcurrency = std::max(timing.maxConcurrency, int(running.size()));
    }
    timing.wallNs += runEnd - runStart;
    return timing;
}

} // namespace kansoku
