// `kansoku diff BEFORE AFTER` or `kansoku diff SESSION --before FROM..TO --after FROM..TO`
// [--json] [--threshold PCT]: profiles both runs, compares them and prints the table; the exit
// status gates a CI job. Runs on the main thread without an event loop; the after run is read
// on a second thread meanwhile.
#pragma once

#include "command_line_options.h"

namespace kansoku {

class DiffCommand
{
public:
    explicit DiffCommand(CommandLineOptions options)
        : m_options(std::move(options))
    {}

    // 1 when after is worse (an operation's p95 or calls per request grew by more than the
    // threshold, or a new finding appeared), 0 otherwise, 2 when a file cannot be read.
    int run() const;

private:
    CommandLineOptions m_options;
};

} // namespace kansoku
