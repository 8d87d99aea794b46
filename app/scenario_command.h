// `kansoku scenario list` and `kansoku scenario run NAME ...`: lists the training scenarios, or
// plays one into an OTLP receiver (TelemetryPlayer) and prints what was sent. Runs on the main
// thread; Ctrl+C stops a run after the batch in flight.
#pragma once

#include "command_line_options.h"

namespace kansoku {

class ScenarioCommand
{
public:
    explicit ScenarioCommand(PlaybackOptions options)
        : m_options(std::move(options))
    {}

    // 0: listed, or everything sent (or stopped by Ctrl+C); 1: the receiver failed; 2: no such
    // scenario.
    int run() const;

private:
    int list() const;
    int play() const;

    PlaybackOptions m_options;
};

} // namespace kansoku
