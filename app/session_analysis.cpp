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
    // A session still being written (a window or --headless beside this command) is read
    // through its write-ahead log like any WAL reader: as an immutable file it missed the commits
    // still in the log and could read a page half-written ("database disk image is malformed").
    // A closed session has no log and is read as an immutable file, which read-only media allow.
    const std::unique_ptr<TelemetryStore> store = ReadOnlySession::open(
        sessionPath, ReadOnlySession::hasWriteAheadLog(sessionPath), errorMessage);
    if (!store)
        return std::nullopt;
    return analyze(*store->queries(), sessionPath, range, errorMessage);
}

std::optional<SessionAnalysis> SessionAnalyzer::analyze(const TelemetryQueries &queries,
                                                        const QString &sessionName,
                                                        const TimeRange &range,
                                                        QString *errorMessage) const
{
    // One pass over the traces feeds the detectors and the run profile `kansoku diff` compares.
    RunProfileBuilder profile;
    FindingsRunResult run
        = FindingsRun(m_thresholds).run(queries, range, [&profile](const PreparedTrace &trace) {
              profile.addTrace(trace);
          });
    if (!run.error.empty()) {
        if (errorMessage)
            *errorMessage
                = QStringLiteral("%1: %2").arg(sessionName, QString::fromStdString(run.error));
        return std::nullopt;
    }
    SessionAnalysis analysis;
    analysis.report.sessionPath = sessionName.toStdString();
    analysis.report.range = range;
    analysis.report.traceCount = run.traceCount;
    analysis.report.spanCount = run.spanCount;
    analysis.report.findings = std::move(run.findings);
    profile.addFindings(analysis.report.findings);
    analysis.profile = profile.profile();
    return analysis;
}

} // namespace kansoku
