// `kansoku analyze SESSION [--from T] [--to T] [--json]`: prints the findings of a session file,
// worst first, as text or one JSON document. Runs on the main thread without an event loop.
#pragma once

#include "command_line_options.h"

namespace kansoku {

class AnalyzeCommand
{
public:
    explicit AnalyzeCommand(CommandLineOptions options)
        : m_options(std::move(options))
    {}

    // 0 when the analysis ran (with or without findings); 2 when the file cannot be read.
    int run() const;

private:
    CommandLineOptions m_options;
};

} // namespace kansoku
