// Telemetry laid out over a timeline, handed out as time passes: what TelemetryPlayer paces into
// an OTLP receiver. A training scenario (ScenarioEngine) and a recorded session (SessionReplay)
// are the two kinds. One thread.
#pragma once

#include "core/telemetry_batch.h"

#include <cstdint>

namespace kansoku {

// The stretch of time a run covers, in the timestamps the telemetry carries.
struct ScenarioTimeline
{
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;

    std::int64_t at(double fraction) const
    {
        return startNs + std::int64_t(double(endNs - startNs) * fraction);
    }
};

class TimedTelemetrySource
{
public:
    virtual ~TimedTelemetrySource() = default;
    virtual ScenarioTimeline timeline() const = 0;
    // Everything due by untilNs (a request once it has ended). Calls never go back in time.
    virtual TelemetryBatch advance(std::int64_t untilNs) = 0;
    // The rest, at the end of the timeline.
    virtual TelemetryBatch finish() = 0;
    // Ends the timeline early, at endNs (a time before the last advance() is taken as just after
    // it): nothing starts from then on, and what started before still ends and is handed out
    // whole by advance() and finish(). Returns when the last of it ends. Never lengthens the
    // timeline.
    virtual std::int64_t endAt(std::int64_t endNs) = 0;
    // Traces (requests) handed out or prepared so far.
    virtual std::int64_t traceCount() const = 0;
};

} // namespace kansoku
