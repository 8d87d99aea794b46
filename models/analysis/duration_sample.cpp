#include "analysis/duration_sample.h"

#include <algorithm>
#include <cmath>

namespace kansoku {

void DurationSample::add(std::int64_t durationNs)
{
    if (m_values.empty() || durationNs > m_maxNs)
        m_maxNs = durationNs;
    m_values.push_back(durationNs);
    m_totalNs += durationNs;
    m_sorted = m_values.size() == 1 || (m_sorted && m_values[m_values.size() - 2] <= durationNs);
}

void DurationSample::add(const DurationSample &other)
{
    if (other.m_values.empty())
        return;
    if (m_values.empty() || other.m_maxNs > m_maxNs)
        m_maxNs = other.m_maxNs;
    const bool ordered = m_sorted && other.m_sorted
                         && (m_values.empty() || m_values.back() <= other.m_values.front());
    m_values.insert(m_values.end(), other.m_values.begin(), other.m_values.end());
    m_totalNs += other.m_totalNs;
    m_sorted = ordered;
}

std::int64_t DurationSample::quantileNs(double q) const
{
    if (m_values.empty())
        return 0;
    if (!m_sorted) {
        std::sort(m_values.begin(), m_values.end());
        m_sorted = true;
    }
    const double clamped = std::clamp(q, 0.0, 1.0);
    const auto rank = std::size_t(std::ceil(clamped * double(m_values.size())));
    return m_values[std::max<std::size_t>(rank, 1) - 1];
}

} // namespace kansoku
