#include "analysis/time_axis_layout.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace kansoku {

namespace {

constexpr double minute = 60;
constexpr double hour = 60 * minute;
constexpr double day = 24 * hour;
// Steps people read on a clock or a calendar.
constexpr double niceSteps[] = {
    0.001,      0.002,      0.005,       0.01,        0.02,        0.05,     0.1,      0.2,
    0.5,        1,          2,           5,           10,          15,       30,       minute,
    2 * minute, 5 * minute, 10 * minute, 15 * minute, 30 * minute, hour,     2 * hour, 3 * hour,
    6 * hour,   12 * hour,  day,         2 * day,     7 * day,     30 * day, 91 * day, 365 * day};

} // namespace

TimeRange TimeAxisLayout::shownRange(TimeRange selected, std::int64_t nowNs)
{
    TimeRange range = selected;
    if (!range.hasEnd())
        range.endNs = range.hasStart() ? std::max(nowNs, range.startNs + defaultSpanNs) : nowNs;
    if (!range.hasStart())
        range.startNs = range.endNs - defaultSpanNs;
    if (range.isEmpty()) {
        constexpr std::int64_t halfMinuteNs = 30'000'000'000LL;
        range = {range.startNs - halfMinuteNs, range.startNs + halfMinuteNs};
    }
    return range;
}

double TimeAxisLayout::tickStepSeconds(double spanSeconds, int widthPx, int labelWidthPx)
{
    if (!(spanSeconds > 0) || widthPx <= 0 || !std::isfinite(spanSeconds))
        return 0;
    const double secondsPerPx = spanSeconds / widthPx;
    const double minimumStep = (std::max(labelWidthPx, 1) + labelGapPx) * secondsPerPx;
    for (const double step : niceSteps) {
        if (step >= minimumStep)
            return step;
    }
    // Longer than the longest nice step: whole multiples of years.
    const double year = niceSteps[std::size(niceSteps) - 1];
    return std::ceil(minimumStep / year) * year;
}

} // namespace kansoku
