// Maps int64 nanosecond times to pixels for one visible window of a bounded extent (a trace).
// Times are converted to double only relative to the view start, so precision holds for epoch
// nanoseconds. A plain value; any thread.
#pragma once

#include <cstdint>
#include <vector>

namespace kansoku {

class TimeScale
{
public:
    // Narrowest window a user can zoom into; below this the pixels would outnumber nanoseconds.
    static constexpr std::int64_t MinimumViewDurationNs = 100;

    TimeScale() = default;
    // Bounds [boundsStartNs, boundsEndNs] and an initial view showing all of them.
    TimeScale(std::int64_t boundsStartNs, std::int64_t boundsEndNs, double widthPx);

    std::int64_t boundsStartNs() const { return m_boundsStartNs; }
    std::int64_t boundsEndNs() const { return m_boundsEndNs; }
    std::int64_t viewStartNs() const { return m_viewStartNs; }
    std::int64_t viewDurationNs() const { return m_viewDurationNs; }
    std::int64_t viewEndNs() const { return m_viewStartNs + m_viewDurationNs; }
    double widthPx() const { return m_widthPx; }
    bool showsAll() const;

    double xForTime(std::int64_t timeNs) const
    {
        return double(timeNs - m_viewStartNs) * m_widthPx / double(m_viewDurationNs);
    }
    // Widths in pixels of a duration (no view offset involved).
    double pixelsForDuration(std::int64_t durationNs) const
    {
        return double(durationNs) * m_widthPx / double(m_viewDurationNs);
    }
    std::int64_t timeForX(double x) const;
    std::int64_t durationForPixels(double px) const;

    void setWidth(double widthPx);
    void setView(std::int64_t startNs, std::int64_t durationNs); // clamped to the bounds
    void showAll();
    // factor > 1 zooms in. The time under x stays under x (unless clamping has to move it).
    void zoomAbout(double x, double factor);
    // Positive dx moves the content right, i.e. shows earlier times.
    void panByPixels(double dx);
    void centerOn(std::int64_t timeNs);

    // The tick step (1, 2 or 5 × 10^k ns) that puts ticks at least minSpacingPx apart, and the
    // ticks in view as absolute times, aligned to multiples of the step from originNs.
    std::int64_t tickStepNs(double minSpacingPx) const;
    std::vector<std::int64_t> ticks(double minSpacingPx, std::int64_t originNs) const;

    bool operator==(const TimeScale &) const = default;

private:
    void clamp();

    std::int64_t m_boundsStartNs = 0;
    std::int64_t m_boundsEndNs = 1;
    std::int64_t m_viewStartNs = 0;
    std::int64_t m_viewDurationNs = 1;
    double m_widthPx = 1.0;
};

} // namespace kansoku
