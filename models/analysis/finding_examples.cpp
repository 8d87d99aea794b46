#include "analysis/finding_examples.h"

#include <algorithm>

namespace kansoku {

namespace {

bool cheaper(const FindingExample &a, const FindingExample &b)
{
    return a.costNs < b.costNs;
}

} // namespace

bool FindingExamples::admits(std::int64_t costNs) const
{
    // Full: a new trace must beat the cheapest, and a trace already kept costs at least that.
    return m_examples.size() < m_capacity || (m_capacity > 0 && costNs > m_cheapestNs);
}

void FindingExamples::offer(FindingExample example)
{
    if (!admits(example.costNs))
        return;
    const auto sameTrace = std::find_if(m_examples.begin(), m_examples.end(), [&](const auto &e) {
        return e.traceId == example.traceId;
    });
    if (sameTrace != m_examples.end()) {
        if (example.costNs > sameTrace->costNs)
            *sameTrace = std::move(example);
    } else if (m_examples.size() < m_capacity) {
        m_examples.push_back(std::move(example));
    } else {
        *std::min_element(m_examples.begin(), m_examples.end(), cheaper) = std::move(example);
    }
    if (m_examples.size() == m_capacity)
        m_cheapestNs = std::min_element(m_examples.begin(), m_examples.end(), cheaper)->costNs;
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
