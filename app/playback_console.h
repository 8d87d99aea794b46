// Runs a TelemetryPlayer for a command (`kansoku scenario run`, `kansoku replay`) on the wall
// clock: Ctrl+C or SIGTERM stops it after the batch in flight, progress is printed every five
// seconds and the totals at the end. Main thread of the command.
#pragma once

#include <cstdint>

class QString;

namespace kansoku {

class TelemetryPlayer;

class PlaybackConsole
{
public:
    // 0 when everything was sent (or the user stopped it); 1 when the receiver failed.
    static int play(TelemetryPlayer &player);
    static std::int64_t wallClockNs();
    static QString isoTime(std::int64_t timeNs); // UTC, milliseconds
};

} // namespace kansoku
