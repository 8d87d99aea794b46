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
