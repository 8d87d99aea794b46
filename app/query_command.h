// `kansoku query traces|trace ID|logs|metrics|services [NAME=VALUE...] [--db PATH] [--json|--csv]
// [--limit N]`: the MCP tools' answers for scripts. The filters are the tools' arguments
// (TelemetryToolCatalog), checked by the same code; listings follow next_cursor up to --limit
// rows. Prints a text table, JSON lines or CSV (RecordTableWriter). Main thread, no event loop.
#pragma once

#include "command_line_options.h"

#include <QJsonObject>

namespace kansoku {

class QueryCommand
{
public:
    explicit QueryCommand(CommandLineOptions options)
        : m_options(std::move(options))
    {}

    // 0 when it printed; 2 for a session that cannot be read or a bad filter.
    int run() const;

    // The tool a query kind runs ("traces" → search_traces; "metrics" with a name= filter →
    // query_metric) and its arguments from NAME=VALUE filters, typed by the tool's schema
    // (attributes.KEY=VALUE fills the attributes object). False and a message on a bad filter.
    static bool toolCall(const QString &kind, const QStringList &arguments, QString *tool,
                         QJsonObject *toolArguments, QString *errorMessage);

private:
    CommandLineOptions m_options;
};

} // namespace kansoku
