// Collects how long background queries took from BackgroundQuery::run() to their answer being
// applied (the pane's model or view updated, painted on the next frame): the refresh latency a
// user sees, for `--stats-log`. Off unless enabled, so nothing accumulates when nobody takes the
// figures. Main thread only: queries are started and answered there.
#pragma once

#include "analysis/duration_sample.h"

#include <cstdint>

namespace kansoku {

class QueryLatencyRecorder
{
public:
    static void setEnabled(bool enabled);
    static bool isEnabled();
    static void record(std::int64_t latencyNs);
    // Every latency recorded since the last take().
    static DurationSample take();
};

} // namespace kansoku
