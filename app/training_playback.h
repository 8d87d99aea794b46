// Plays one training scenario variant into Kansoku's own receiver on a worker thread
// (TelemetryPlayer on the wall clock). The player, and the OTLP client it sends with, live and
// die on that thread. stop() asks it to stop after the batch in flight and returns at once;
// endAt() ends the variant early, its requests in flight still sent once they end. finished()
// then comes on the GUI thread. The destructor stops and joins. Owned by the GUI
// thread.
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
