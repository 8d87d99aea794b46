// A half-open interval [startNs, endNs) of Unix epoch nanoseconds; the default covers all time.
#pragma once

#include <cstdint>
#include <limits>

namespace kansoku {

struct TimeRange
{
    std::int64_t startNs = std::numeric_limits<std::int64_t>::min();
    std::int64_t endNs = std::numeric_limits<std::int64_t>::max();

    bool contains(std::int64_t timeNs) const { return timeNs >= startNs && timeNs < endNs; }
    // The limits of int64 stand for "no bound" on that side.
    bool hasStart() const { return startNs != std::numeric_limits<std::int64_t>::min(); }
    bool hasEnd() const { return endNs != std::numeric_limits<std::int64_t>::max(); }
    bool isBounded() const { return hasStart() && hasEnd(); }
    bool isEmpty() const { return endNs <= startNs; }
    bool operator==(const TimeRange &) const = default;
};

} // namespace kansoku
