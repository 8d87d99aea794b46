// Keeps the worst few examples of a finding (by cost) out of however many are offered, so a
// detector can offer every occurrence without holding them all. Any thread, not shared.
#pragma once

#include "analysis/finding.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kansoku {

class FindingExamples
{
public:
    // Not explicit, so a detector's aggregate of statistics holding one can be built with {}.
    FindingExamples()
        : FindingExamples(5)
    {}
    explicit FindingExamples(std::size_t capacity)
        : m_capacity(capacity)
    {}

    // At most one example per trace: a second offer for the same trace keeps the costlier one.
    void offer(FindingExample example);
    // Whether an offer of this cost could be kept: false once full of examples at least as
    // costly. A detector asks before it builds an example for every occurrence.
    bool admits(std::int64_t costNs) const;
    std::vector<FindingExample> worstFirst() const;

private:
    std::size_t m_capacity;
    std::vector<FindingExample> m_examples; // unordered, at most m_capacity
    std::int64_t m_cheapestNs = 0;          // the cheapest example's cost, once full
};

} // namespace kansoku
