// Plays timed telemetry (a training scenario, a recorded session) into an OTLP receiver: what is
// already due at once in slices, then live, each quarter second what became due, and the rest at
// the end. run() blocks (a command's main thread, or a worker thread for the window); stop() and
// endAt() may be called from any thread, stop() from a signal handler too.
#pragma once

#include "otlp_export_client.h"
#include "scenarios/timed_telemetry_source.h"

#include <atomic>
#include <functional>
#include <limits>
#include <memory>

namespace kansoku {

struct PlaybackSummary
{
    bool ok = true;
    QString error; // the receiver's failure, when !ok
    bool stopped = false;
    std::int64_t traces = 0;
    std::int64_t spans = 0;
    std::int64_t logs = 0;
    std::int64_t dataPoints = 0;
    std::int64_t rejectedItems = 0;
    std::int64_t exportRequests = 0;
};

class TelemetryPlayer
{
public:
    TelemetryPlayer(std::unique_ptr<TimedTelemetrySource> source, OtlpExportTarget target);

    // nowNs: the clock in the telemetry's timestamps (the wall clock; tests fix it at the end so
    // nothing waits). progress gets the running totals after every batch sent.
    PlaybackSummary run(const std::function<std::int64_t()> &nowNs,
                        const std::function<void(const PlaybackSummary &)> &progress = {});
    void stop() { m_stopRequested.store(true); }
    // Ends the timeline early (TimedTelemetrySource::endAt, applied between two sends): what
    // started before endNs is still sent, live, once it has ended; then the player returns as at
    // the end of the story (not "stopped").
    void endAt(std::int64_t endNs) { m_endAtNs.store(endNs); }

private:
    bool send(const TelemetryBatch &batch, PlaybackSummary &summary);

    std::unique_ptr<TimedTelemetrySource> m_source;
    OtlpExportClient m_client;
    std::atomic<bool> m_stopRequested{false};
    std::atomic<std::int64_t> m_endAtNs{std::numeric_limits<std::int64_t>::max()};
};

} // namespace kansoku
