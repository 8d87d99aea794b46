#include "analysis/timer_lateness.h"

#include <algorithm>
#include <utility>

namespace kansoku {

TimerLateness::TimerLateness(std::int64_t intervalNs)
    : m_intervalNs(intervalNs)
{}

void TimerLateness::noteTick(std::int64_t nowNs)
{
    if (m_started)
        m_lateness.add(std::max<std::int64_t>(0, nowNs - m_previousTickNs - m_intervalNs));
    m_previousTickNs = nowNs;
    m_started = true;
}

DurationSample TimerLateness::take()
{
    return std::exchange(m_lateness, DurationSample());
}

} // namespace kansoku
