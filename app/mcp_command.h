// `kansoku mcp [--db PATH]`: an MCP server on stdin/stdout over one session file, read through
// its own read-only connections while a window or `--headless` may keep writing it. Reads stdin
// on the main thread's event loop (StdinReader), answers each line in turn, exits 0 when
// stdin closes or on SIGINT/SIGTERM; diagnostics go to stderr, never stdout.
#pragma once

#include "command_line_options.h"

#include <QByteArray>

namespace kansoku {

class McpServer;
class StdinReader;

class McpCommand
{
public:
    explicit McpCommand(CommandLineOptions options)
        : m_options(std::move(options))
    {}

    // 0 after a clean end of input; 2 when the session cannot be opened.
    int run();

private:
    // Reads what stdin holds and answers every complete line of m_input; true at end of input.
    bool readInput(McpServer &server, StdinReader &input);

    CommandLineOptions m_options;
    QByteArray m_input; // received, not yet a whole line
};

} // namespace kansoku
