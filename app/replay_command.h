// `kansoku replay SESSION [--from T] [--to T] [--speed X] [--endpoint URL] ...`: sends a recorded
// session's telemetry again as OTLP (SessionReplay through TelemetryPlayer), moved to start now.
// Runs on the main thread; Ctrl+C stops after the batch in flight.
#pragma once

#include "playback_options.h"

namespace kansoku {

class ReplayCommand
{
public:
    explicit ReplayCommand(PlaybackOptions options)
        : m_options(std::move(options))
    {}

    // 0: everything sent (or stopped by Ctrl+C); 1: the receiver failed; 2: the session cannot
    // be read or holds nothing in the range.
    int run() const;

private:
    PlaybackOptions m_options;
};

} // namespace kansoku
