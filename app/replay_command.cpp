#include "replay_command.h"

#include "playback_console.h"
#include "read_only_session.h"
#include "scenarios/session_replay.h"
#include "telemetry_player.h"
#include "telemetry_store.h"

#include <cstdio>

namespace kansoku {

int ReplayCommand::run() const
{
    QString error;
    const std::unique_ptr<TelemetryStore> store
        = ReadOnlySession::open(m_options.sessionPath, true, &error);
    if (!store) {
        std::fprintf(stderr, "kansoku: replay: %s\n", qPrintable(error));
        return 2;
    }
    const std::shared_ptr<const TelemetryQueries> queries = store->queries();
    const std::optional<TimeRange> bounds = queries->timeBounds();
    const std::optional<TimeRange> range = SessionReplay::recordedRange(bounds, m_options.range);
    if (!range) {
        std::fprintf(stderr, "kansoku: replay: %s: no telemetry %s\n",
                     qPrintable(m_options.sessionPath),
                     bounds ? "in the range given" : "in the session");
        return 2;
    }
    const TimeRange recorded = *range;
    const std::int64_t now = PlaybackConsole::wallClockNs();
    auto replay = std::make_unique<SessionReplay>(queries, recorded, now, m_options.speed);
    const ScenarioTimeline timeline = replay->timeline();
    std::printf("%s (%s to %s) -> %s over %s at %gx\n  from %s to %s\n",
                qPrintable(m_options.sessionPath),
                qPrintable(PlaybackConsole::isoTime(recorded.startNs)),
                qPrintable(PlaybackConsole::isoTime(recorded.endNs)),
                qPrintable(m_options.target.endpoint.toString()),
                qPrintable(OtlpExportTarget::protocolName(m_options.target.protocol)),
                m_options.speed, qPrintable(PlaybackConsole::isoTime(timeline.startNs)),
                qPrintable(PlaybackConsole::isoTime(timeline.endNs)));
    std::fflush(stdout);
    TelemetryPlayer player(std::move(replay), m_options.target);
    return PlaybackConsole::play(player);
}

} // namespace kansoku
