#include "telemetry_player.h"

#include <QThread>
#include <algorithm>

namespace kansoku {

namespace {

constexpr std::int64_t CatchUpSliceNs = 5'000'000'000; // what is already due goes out in slices
constexpr std::int64_t LiveTickNs = 250'000'000;

} // namespace

TelemetryPlayer::TelemetryPlayer(std::unique_ptr<TimedTelemetrySource> source,
                                 OtlpExportTarget target)
    : m_source(std::move(source))
    , m_client(std::move(target))
{}

bool TelemetryPlayer::send(const TelemetryBatch &batch, PlaybackSummary &summary)
{
    if (batch.isEmpty())
        return true;
    const OtlpExportOutcome outcome = m_client.send(batch);
    summary.exportRequests += outcome.requests;
    summary.rejectedItems += outcome.rejectedItems;
    if (!outcome.ok) {
        summary.ok = false;
        summary.error = outcome.error;
        return false;
    }
    summary.spans += std::int64_t(batch.spanCount());
    summary.logs += std::int64_t(batch.logRecordCount());
    summary.dataPoints += std::int64_t(batch.dataPointCount());
    return true;
}

PlaybackSummary TelemetryPlayer::run(const std::function<std::int64_t()> &nowNs,
                                     const std::function<void(const PlaybackSummary &)> &progress)
{
    PlaybackSummary summary;
    const ScenarioTimeline timeline = m_source->timeline();
    // Until endAt(): the timeline's end; after it, when the last request in flight ends.
    std::int64_t endNs = timeline.endNs;
    bool ended = false;
    const auto applyEnd = [&] {
        const std::int64_t requested = m_endAtNs.load();
        if (!ended && requested < endNs) {
            endNs = m_source->endAt(requested);
            ended = true;
        }
    };
    const auto report = [&] {
        summary.traces = m_source->traceCount();
        if (progress)
            progress(summary);
    };
    // What is already due (a history, a replay behind the clock): in slices, as fast as the
    // receiver takes it, until less than a tick is left to catch up.
    std::int64_t sentUntil = timeline.startNs;
    while (summary.ok && !m_stopRequested.load()) {
        applyEnd();
        const std::int64_t due = std::min(nowNs(), endNs);
        if (due - sentUntil < LiveTickNs)
            break;
        sentUntil = std::min(sentUntil + CatchUpSliceNs, due);
        if (!send(m_source->advance(sentUntil), summary))
            break;
        report();
    }
    // Live: what became due since the last tick, until the end of the timeline.
    while (summary.ok && !m_stopRequested.load()) {
        applyEnd();
        const std::int64_t now = nowNs();
        if (now >= endNs)
            break;
        if (now > sentUntil) {
            if (!send(m_source->advance(now), summary))
                break;
            sentUntil = now;
            report();
        }
        const std::int64_t sleepNs = std::min(LiveTickNs, endNs - nowNs());
        if (sleepNs > 0)
            QThread::usleep(static_cast<unsigned long>(sleepNs / 1000));
    }
    summary.stopped = m_stopRequested.load();
    // The rest (requests still running when the timeline ended, the last metrics), unless stopped
    // or failing, when nothing more is sent.
    if (summary.ok && !summary.stopped)
        send(m_source->finish(), summary);
    report();
    return summary;
}

} // namespace kansoku
