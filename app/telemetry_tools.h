// Runs the telemetry tools of TelemetryToolCatalog on an open session's queries: checks the
// arguments (ToolArguments), queries, and shapes the answer (TelemetryJson, TraceOutline, the
// findings and comparison report writers). Shared by `kansoku mcp` and `kansoku query`. Blocking
// (it reads the store): run it on the command's thread, never on a GUI thread. Const and
// thread-safe; holds the queries by shared pointer.
#pragma once

#include "core/telemetry_queries.h"

#include <QJsonObject>
#include <QString>
#include <memory>

namespace kansoku {

class ToolArguments;

struct ToolOutcome
{
    QJsonObject result; // when error is empty
    QString error;      // what was wrong: bad arguments, an unknown trace, a failed analysis
    bool failed() const { return !error.isEmpty(); }
};

class TelemetryTools
{
public:
    // sessionName: how findings and comparisons name the session (its path).
    TelemetryTools(std::shared_ptr<const TelemetryQueries> queries, QString sessionName);

    static bool hasTool(const QString &name);
    ToolOutcome call(const QString &name, const QJsonObject &arguments) const;

private:
    ToolOutcome listServices(ToolArguments &arguments) const;
    ToolOutcome searchTraces(ToolArguments &arguments) const;
    ToolOutcome getTrace(ToolArguments &arguments) const;
    ToolOutcome searchLogs(ToolArguments &arguments) const;
    ToolOutcome listMetrics(ToolArguments &arguments) const;
    ToolOutcome queryMetric(ToolArguments &arguments) const;
    ToolOutcome listFindings(ToolArguments &arguments) const;
    ToolOutcome compareRuns(ToolArguments &arguments) const;

    std::shared_ptr<const TelemetryQueries> m_queries;
    QString m_sessionName;
};

} // namespace kansoku
