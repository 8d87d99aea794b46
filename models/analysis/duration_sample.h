// Durations collected for percentiles (p50/p95/p99 by nearest rank), count, total and maximum.
// Keeps every value (8 bytes each). Any thread, not shared.
#pragma once

#include <cstdint>
#include <vector>

namespace kansoku {

class DurationSample
{
public:
    void add(std::int64_t durationNs);
    // Adds every value of other, as if each had been added here.
    void add(const DurationSample &other);

    std::int64_t count() const { return std::int64_t(m_values.size()); }
    std::int64_t totalNs() const { return m_totalNs; }
    std::int64_t maxNs() const { return m_maxNs; }
    // Nearest rank: the smallest value with at least q of the values at or below it; 0 when
    // empty. Sorts the values on first use after an add().
    std::int64_t quantileNs(double q) const;
    std::int64_t medianNs() const { return quantileNs(0.5); }

private:
    mutable std::vector<std::int64_t> m_values;
    mutable bool m_sorted = true;
    std::int64_t m_totalNs = 0;
    std::int64_t m_maxNs = 0;
};

} // namespace kansoku
