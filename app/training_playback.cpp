#include "training_playback.h"

#include "playback_console.h"

namespace kansoku {

TrainingPlayback::TrainingPlayback(std::unique_ptr<TimedTelemetrySource> source,
                                   OtlpExportTarget target, QObject *parent)
    : QObject(parent)
    , m_source(std::move(source))
    , m_target(std::move(target))
{}

TrainingPlayback::~TrainingPlayback()
{
    stop();
    join();
}

void TrainingPlayback::start()
{
    if (!m_source || m_thread.joinable())
        return;
    m_running = true;
    m_thread = std::thread([this, source = std::move(m_source), target = m_target]() mutable {
        TelemetryPlayer player(std::move(source), std::move(target));
        {
            const std::lock_guard lock(m_mutex);
            if (m_stopRequested)
                player.stop();
            if (m_endAtNs)
                player.endAt(*m_endAtNs);
            m_player = &player;
        }
        std::int64_t lastProgressNs = 0;
        const PlaybackSummary summary = player.run(
            &PlaybackConsole::wallClockNs, [this, &lastProgressNs](const PlaybackSummary &soFar) {
                const std::int64_t nowNs = PlaybackConsole::wallClockNs();
                if (nowNs - lastProgressNs < 200'000'000)
                    return;
                lastProgressNs = nowNs;
                // Dropped with this object, like finished() below.
                QMetaObject::invokeMethod(
                    this, [this, soFar] { Q_EMIT progressed(soFar); }, Qt::QueuedConnection);
            });
        {
            const std::lock_guard lock(m_mutex);
            m_player = nullptr;
        }
        // Dropped when this object is gone (its destructor joined this thread first).
        QMetaObject::invokeMethod(
            this,
            [this, summary] {
                join();
                m_running = false;
                Q_EMIT finished(summary);
            },
            Qt::QueuedConnection);
    });
}

void TrainingPlayback::stop()
{
    const std::lock_guard lock(m_mutex);
    m_stopRequested = true;
    if (m_player)
        m_player->stop();
}

void TrainingPlayback::endAt(std::int64_t endNs)
{
    const std::lock_guard lock(m_mutex);
    m_endAtNs = endNs;
    if (m_player)
        m_player->endAt(endNs);
}

void TrainingPlayback::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace kansoku
