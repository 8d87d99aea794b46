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
    explicit FindingExamples(std::size_t capacity = 5)
        : m_capacity(capacity)
    {}

    // At most one example per trace: a second offer for the same trace keeps the costlier one.
    void offer(FindingExample example);
    // Whether an offer of this cost could change the examples: false once they are full and it
    // costs no more than the cheapest. Lets a detector skip building examples that would go.
    bool wouldKeep(std::int64_t costNs) const;
    std::vector<FindingExample> worstFirst() const;

private:
    std::size_t m_capacity;
    std::vector<FindingExample> m_examples; // unordered, at most m_capacity
    std::int64_t m_cheapestNs = 0;          // the cheapest example's cost, once full
};

} // namespace kansoku
