// The telemetry tools Kansoku offers to agents (MCP tools/list) and scripts (`kansoku query`):
// each tool's name, description and JSON Schema of its arguments. Plain data, any thread.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace kansoku {

class TelemetryToolCatalog
{
public:
    // [{"name", "title", "description", "inputSchema"}], as MCP lists tools.
    static const QJsonArray &tools();
    // The tool's inputSchema; an empty object for an unknown name.
    static QJsonObject inputSchema(const QString &toolName);
    // The argument names a tool takes, for ToolArguments::allowOnly().
    static QStringList argumentNames(const QString &toolName);

    static constexpr int defaultLimit = 20;
    static constexpr int maxLimit = 100;
};

} // namespace kansoku
