// Plays timed telemetry on a worker thread (TelemetryPlayer on the wall clock) for the window: a
// training scenario variant into Kansoku's own receiver, or the open session replayed into
// another (File › Replay into…). The player, and the OTLP client it sends with, live and die on
// that thread. stop() asks it to stop after the batch in flight and returns at once; endAt() ends
// a scenario variant early, its requests in flight still sent once they end; progressed() and
// finished() come on the GUI thread. The destructor stops and joins. Owned by the GUI thread.
#pragma once

#include "otlp_export_client.h"
#include "scenarios/timed_telemetry_source.h"
#include "telemetry_player.h"

#include <QObject>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace kansoku {

class TrainingPlayback : public QObject
{
    Q_OBJECT
public:
    TrainingPlayback(std::unique_ptr<TimedTelemetrySource> source, OtlpExportTarget target,
                     QObject *parent = nullptr);
    ~TrainingPlayback() override;

    void start();
    void stop();
    // TelemetryPlayer::endAt: nothing starts from endNs on; the requests in flight finish.
    void endAt(std::int64_t endNs);
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // The running totals, at most five times a second while batches go out.
    void progressed(const kansoku::PlaybackSummary &soFar);
    // The player returned (the story ended, stop() was called, or the receiver failed).
    void finished(const kansoku::PlaybackSummary &summary);

private:
    void join();

    std::unique_ptr<TimedTelemetrySource> m_source; // until start() hands it to the worker
    OtlpExportTarget m_target;
    std::thread m_thread;
    std::mutex m_mutex;                  // guards m_player, m_stopRequested and m_endAtNs
    TelemetryPlayer *m_player = nullptr; // on the worker's stack while it runs
    bool m_stopRequested = false;
    std::optional<std::int64_t> m_endAtNs; // asked for before the player existed
    bool m_running = false;
};

} // namespace kansoku
