#include "session_analysis.h"

#include "analysis/findings_run.h"
#include "analysis/run_profile_builder.h"
#include "telemetry_store.h"

#include <QFileInfo>

namespace kansoku {

std::optional<SessionAnalysis> SessionAnalyzer::analyze(const QString &sessionPath,
                                                        const TimeRange &range,
                                                        QString *errorMessage) const
{
    const auto fail = [&](const QString &message) -> std::optional<SessionAnalysis> {
        if (errorMessage)
            *errorMessage = message;
        return std::nullopt;
    };
    const QFileInfo info(sessionPath);
    if (!info.exists())
        return fail(QStringLiteral("%1: no such file").arg(sessionPath));
    if (!info.isFile() || !info.isReadable())
        return fail(QStringLiteral("%1: not a readable file").arg(sessionPath));
    if (!TelemetryStore::isSessionFile(sessionPath))
        return fail(QStringLiteral("%1: not a Kansoku session file").arg(sessionPath));

    StorageOptions options;
    options.databasePath = sessionPath;
    options.readOnly = true;
    TelemetryStore store(options);
    QString error;
    if (!store.open(&error))
        return fail(error);
    const std::shared_ptr<const TelemetryQueries> queries = store.queries();

    // One pass over the traces feeds the detectors and the run profile `kansoku diff` compares.
    RunProfileBuilder profile;
    FindingsRunResult run
        = FindingsRun(m_thresholds).run(*queries, range, [&profile](const PreparedTrace &trace) {
              profile.addTrace(trace);
          });
    if (!run.error.empty())
        return fail(QStringLiteral("%1: %2").arg(sessionPath, QString::fromStdString(run.error)));
    SessionAnalysis analysis;
    analysis.report.sessionPath = sessionPath.toStdString();
    analysis.report.range = range;
    analysis.report.traceCount = run.traceCount;
    analysis.report.spanCount = run.spanCount;
    analysis.report.findings = std::move(run.findings);
    profile.addFindings(analysis.report.findings);
    analysis.profile = profile.profile();
    return analysis;
}

} // namespace kansoku
