#include "analysis/time_scale.h"

#include <algorithm>
#include <cmath>

namespace kansoku {

TimeScale::TimeScale(std::int64_t boundsStartNs, std::int64_t boundsEndNs, double widthPx)
    : m_boundsStartNs(boundsStartNs)
    // An empty extent (a single zero-length span) still needs a non-zero window to divide by.
    , m_boundsEndNs(std::max(boundsEndNs, boundsStartNs + 1))
    , m_widthPx(std::max(widthPx, 1.0))
{
    showAll();
}

bool TimeScale::showsAll() const
{
    return m_viewStartNs == m_boundsStartNs && viewEndNs() == m_boundsEndNs;
}

std::int64_t TimeScale::timeForX(double x) const
{
    return m_viewStartNs + std::llround(x * double(m_viewDurationNs) / m_widthPx);
}

std::int64_t TimeScale::durationForPixels(double px) const
{
    return std::llround(px * double(m_viewDurationNs) / m_widthPx);
}

void TimeScale::setWidth(double widthPx)
{
    m_widthPx = std::max(widthPx, 1.0);
}

void TimeScale::setView(std::int64_t startNs, std::int64_t durationNs)
{
    m_viewStartNs = startNs;
    m_viewDurationNs = durationNs;
    clamp();
}

void TimeScale::showAll()
{
    m_viewStartNs = m_boundsStartNs;
    m_viewDurationNs = m_boundsEndNs - m_boundsStartNs;
}

void TimeScale::zoomAbout(double x, double factor)
{
    if (factor <= 0.0)
        return;
    const std::int64_t anchorNs = timeForX(x);
    const auto newDuration = std::int64_t(std::llround(double(m_viewDurationNs) / factor));
    m_viewDurationNs = std::max<std::int64_t>(newDuration, 1);
    m_viewStartNs = anchorNs - std::llround(x * double(m_viewDurationNs) / m_widthPx);
    clamp();
}

void TimeScale::panByPixels(double dx)
{
    m_viewStartNs -= durationForPixels(dx);
    clamp();
}

void TimeScale::centerOn(std::int64_t timeNs)
{
    m_viewStartNs = timeNs - m_viewDurationNs / 2;
    clamp();
}

void TimeScale::clamp()
{
    const std::int64_t boundsDuration = m_boundsEndNs - m_boundsStartNs;
    const std::int64_t minimum = std::min(MinimumViewDurationNs, boundsDuration);
    m_viewDurationNs = std::clamp(m_viewDurationNs, minimum, boundsDuration);
    m_viewStartNs = std::clamp(m_viewStartNs, m_boundsStartNs, m_boundsEndNs - m_viewDurationNs);
}

std::int64_t TimeScale::tickStepNs(double minSpacingPx) const
{
    const double minStep = std::max(1.0, minSpacingPx * double(m_viewDurationNs) / m_widthPx);
    std::int64_t magnitude = 1;
    while (true) {
        for (std::int64_t multiple : {1, 2, 5}) {
            if (double(magnitude * multiple) >= minStep)
                return magnitude * multiple;
        }
        magnitude *= 10;
    }
}

std::vector<std::int64_t> TimeScale::ticks(double minSpacingPx, std::int64_t originNs) const
{
    const std::int64_t step = tickStepNs(minSpacingPx);
    const std::int64_t offset = m_viewStartNs - originNs;
    // First multiple of step at or after the view start (floor division for negative offsets).
    std::int64_t index = offset / step;
    if (index * step < offset)
        ++index;
    std::vector<std::int64_t> result;
    for (std::int64_t t = originNs + index * step; t <= viewEndNs(); t += step)
        result.push_back(t);
    return result;
}

} // namespace kansoku
