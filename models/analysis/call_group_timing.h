// How a group of spans (repeated calls) spent time together: the wall time they cover, their
// summed durations, and how many ran at once. N+1 tells sequential loops from parallel bursts
// with it, fan-out reports concurrency. Pure, any thread.
#pragma once

#include "analysis/prepared_trace.h"

#include <cstdint>
#include <vector>

namespace kansoku {

struct CallGroupTiming
{
    std::int64_t firstStartNs = 0;
    std::int64_t lastEndNs = 0;
    std::int64_t summedNs = 0; // the durations added up
    std::int64_t wallNs = 0;   // the time at least one of them was running (union of intervals)
    int maxConcurrency = 0;    // the most running at one instant; a call ending as the next
                               // starts does not overlap it

    // Summed over wall time: 1 for calls one after another, n for n calls all at once. A group of
    // zero-length calls counts as sequential (1).
    double averageConcurrency() const;

    // The timing of the spans (indices into trace); any order.
    static CallGroupTiming of(const PreparedTrace &trace, const std::vector<int> &spans);
};

} // namespace kansoku
