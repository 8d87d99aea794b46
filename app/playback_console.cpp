#include "playback_console.h"

#include "telemetry_player.h"

#include <QDateTime>
#include <chrono>
#include <csignal>
#include <cstdio>

namespace kansoku {

namespace {

TelemetryPlayer *g_player = nullptr;

extern "C" void stopPlayer(int)
{
    // stop() only stores an atomic flag: safe in a signal handler.
    if (g_player)
        g_player->stop();
}

} // namespace

std::int64_t PlaybackConsole::wallClockNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

QString PlaybackConsole::isoTime(std::int64_t timeNs)
{
    return QDateTime::fromMSecsSinceEpoch(timeNs / 1'000'000, Qt::UTC).toString(Qt::ISODateWithMs);
}

int PlaybackConsole::play(TelemetryPlayer &player)
{
    g_player = &player;
    std::signal(SIGINT, stopPlayer);
    std::signal(SIGTERM, stopPlayer);
    std::int64_t lastLineNs = wallClockNs();
    const PlaybackSummary summary
        = player.run(wallClockNs, [&lastLineNs](const PlaybackSummary &soFar) {
              const std::int64_t at = wallClockNs();
              if (at - lastLineNs < 5'000'000'000)
                  return;
              lastLineNs = at;
              std::printf("  %lld traces, %lld spans, %lld logs, %lld data points sent\n",
                          static_cast<long long>(soFar.traces), static_cast<long long>(soFar.spans),
                          static_cast<long long>(soFar.logs),
                          static_cast<long long>(soFar.dataPoints));
              std::fflush(stdout);
          });
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_player = nullptr;

    std::printf("%s: %lld traces, %lld spans, %lld logs, %lld data points in %lld export "
                "requests%s\n",
                !summary.ok       ? "failed"
                : summary.stopped ? "stopped"
                                  : "done",
                static_cast<long long>(summary.traces), static_cast<long long>(summary.spans),
                static_cast<long long>(summary.logs), static_cast<long long>(summary.dataPoints),
                static_cast<long long>(summary.exportRequests),
                summary.rejectedItems > 0 ? qPrintable(
                    QStringLiteral("; the receiver rejected %1 items").arg(summary.rejectedItems))
                                          : "");
    std::fflush(stdout);
    if (!summary.ok) {
        std::fprintf(stderr, "kansoku: sending failed: %s\n", qPrintable(summary.error));
        return 1;
    }
    return 0;
}

} // namespace kansoku
