#include "analysis/finding_examples.h"

#include <algorithm>

namespace kansoku {

void FindingExamples::offer(FindingExample example)
{
    if (m_capacity == 0)
        return;
    const auto sameTrace = std::find_if(m_examples.begin(), m_examples.end(), [&](const auto &e) {
        return e.traceId == example.traceId;
    });
    if (sameTrace != m_examples.end()) {
        if (example.costNs > sameTrace->costNs)
            *sameTrace = std::move(example);
        return;
    }
    if (m_examples.size() < m_capacity) {
        m_examples.push_back(std::move(example));
        return;
    }
    const auto cheapest
        = std::min_element(m_examples.begin(), m_examples.end(),
                           [](const auto &a, const auto &b) { return a.costNs < b.costNs; });
    if (example.costNs > cheapest->costNs)
        *cheapest = std::move(example);
}

bool FindingExamples::admits(std::int64_t costNs) const
{
    if (m_examples.size() < m_capacity)
        return true;
    // A trace already kept is only replaced by a costlier offer, so one no costlier than every
    // kept example changes nothing.
    return std::any_of(m_examples.begin(), m_examples.end(),
                       [&](const FindingExample &e) { return costNs > e.costNs; });
}

std::vector<FindingExample> FindingExamples::worstFirst() const
{
    std::vector<FindingExample> sorted = m_examples;
    // Equal costs keep a stable, reproducible order: by trace id.
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
        return a.costNs != b.costNs ? a.costNs > b.costNs : a.traceId < b.traceId;
    });
    return sorted;
}

} // namespace kansoku
