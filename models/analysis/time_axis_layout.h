// What a chart's time axis shows: the range to draw when the selected one has open ends (an
// empty session, "all" before data), and a tick step whose labels never overlap at the axis's
// width. Pure; any thread.
#pragma once

#include "core/time_range.h"

namespace kansoku {

class TimeAxisLayout
{
public:
    // What an open end stands for: the range's other end, or now, and this much time.
    static constexpr std::int64_t defaultSpanNs = 15LL * 60 * 1'000'000'000;
    // Free space kept between two tick labels.
    static constexpr int labelGapPx = 12;

    // The selected range with its open ends filled in (never the Unix epoch): an open end is
    // now, an open start defaultSpanNs before the end; an empty range is widened to a minute.
    static TimeRange shownRange(TimeRange selected, std::int64_t nowNs);
    // The smallest "nice" step (1, 2, 5 units of ms and s, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min,
    // 1, 2, 3, 6, 12 h, days, weeks, 30 days, years) whose ticks are at least labelWidthPx +
    // labelGapPx apart on an axis widthPx wide spanning spanSeconds. 0 when there is nothing to
    // lay out.
    static double tickStepSeconds(double spanSeconds, int widthPx, int labelWidthPx);
};

} // namespace kansoku
