#include "session_analysis.h"

#include "analysis/findings_analyzer.h"
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

    FindingsAnalyzer analyzer(m_thresholds);
    RunProfileBuilder profile;
    queries->forEachAnalysisTrace(range, [&](const AnalysisTrace &trace) {
        const PreparedTrace prepared(trace);
        analyzer.addTrace(prepared);
        profile.addTrace(prepared);
        return true;
    });
    SessionAnalysis analysis;
    analysis.report.sessionPath = sessionPath.toStdString();
    analysis.report.range = range;
    analysis.report.traceCount = analyzer.traceCount();
    analysis.report.spanCount = analyzer.spanCount();
    analysis.report.findings = analyzer.findings();
    profile.addFindings(analysis.report.findings);
    analysis.profile = profile.profile();
    return analysis;
}

} // namespace kansoku
