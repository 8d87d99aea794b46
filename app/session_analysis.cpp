#include "session_analysis.h"

#include "analysis/findings_run.h"
#include "analysis/run_profile_builder.h"
#include "read_only_session.h"
#include "telemetry_store.h"

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
    QString error;
    const std::unique_ptr<TelemetryStore> store = ReadOnlySession::open(sessionPath, &error);
    if (!store)
        return fail(error);
    const std::shared_ptr<const TelemetryQueries> queries = store->queries();

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
