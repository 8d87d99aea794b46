// How late a repeating timer fires, tick by tick: the event loop's responsiveness seen from
// inside (a loop busy for 300 ms delays a 100 ms timer's next tick by about 200 ms). The owner
// feeds it the monotonic time of each tick and takes the collected lateness once per reporting
// interval. Any thread, not shared.
#pragma once

#include "analysis/duration_sample.h"

#include <cstdint>

namespace kansoku {

class TimerLateness
{
public:
    explicit TimerLateness(std::int64_t intervalNs);

    // A tick at nowNs (any monotonic clock). The first one only starts the measurement.
    // Lateness is the time since the previous tick minus the interval, never below 0: a timer
    // re-armed after a long stall fires once, and that one tick carries the whole delay.
    void noteTick(std::int64_t nowNs);
    // The lateness of every tick since the last take(); the next interval starts empty (its
    // first tick is still measured from the last tick before the take).
    DurationSample take();

private:
    const std::int64_t m_intervalNs;
    std::int64_t m_previousTickNs = 0;
    bool m_started = false;
    DurationSample m_lateness;
};

} // namespace kansoku
