#include "before_after_controller.h"

#include "analysis/run_comparison_report_writer.h"
#include "analyze_menu.h"
#include "before_after_dialog.h"
#include "core/time_format.h"
#include "kansoku_runtime.h"
#include "session_analysis.h"
#include "session_controller.h"
#include "telemetry_store.h"
#include "workbench_window.h"

#include <QFileInfo>

namespace kansoku {

namespace {

struct ComparisonOutcome
{
    std::optional<RunComparisonReport> report;
    QString error;
};

struct SideRun
{
    std::optional<SessionAnalysis> analysis;
    std::string name; // for the report: the file and the range
};

// One side on a worker: the open session through its queries, another file read-only. A side
// without a single trace is an error naming the file and the range: there is nothing to compare.
SideRun analyzeSide(const BeforeAfterSide &side, const QString &sideName,
                    const std::shared_ptr<const TelemetryQueries> &queries,
                    const QString &openSessionPath, QString *error)
{
    const bool thisSession
        = side.sessionPath.isEmpty() || QFileInfo(side.sessionPath) == QFileInfo(openSessionPath);
    const QString path = thisSession ? openSessionPath : side.sessionPath;
    const std::optional<TimeRange> range
        = side.range.isBounded() ? std::optional(side.range) : std::nullopt;
    SideRun run;
    run.name = RunComparisonReportWriter::runName(path.toStdString(), range);
    const SessionAnalyzer analyzer;
    if (!thisSession)
        run.analysis = analyzer.analyze(path, side.range, error);
    else if (queries)
        run.analysis = analyzer.analyze(*queries, path, side.range, error);
    else
        *error = BeforeAfterController::tr("%1: the session is not open").arg(path);
    if (run.analysis && run.analysis->report.traceCount == 0) {
        run.analysis.reset();
        *error = range ? BeforeAfterController::tr("%1 (%2): no traces between %3 and %4")
                             .arg(path, sideName, formatTimestampNs(range->startNs),
                                  formatTimestampNs(range->endNs))
                       : BeforeAfterController::tr("%1 (%2): the session holds no traces")
                             .arg(path, sideName);
    }
    return run;
}

} // namespace

BeforeAfterController::BeforeAfterController(KansokuRuntime *runtime, SessionController *sessions,
                                             WorkbenchState *state, WorkbenchWindow *window,
                                             QObject *parent)
    : QObject(parent)
    , m_runtime(runtime)
    , m_sessions(sessions)
    , m_dialog(new BeforeAfterDialog(state, window))
{
    connect(window->analyzeMenu(), &AnalyzeMenu::beforeAfterRequested, this,
            &BeforeAfterController::showDialog);
    connect(m_dialog, &BeforeAfterDialog::compareRequested, this, &BeforeAfterController::compare);
    connect(m_sessions, &SessionController::sessionChanged, this,
            &BeforeAfterController::onSessionChanged);
    connect(m_dialog, &BeforeAfterDialog::tracesPaneWanted, window,
            [window] { window->showPane(WorkbenchWindow::Pane::Traces); });
}

void BeforeAfterController::showDialog()
{
    m_dialog->setSessions(m_runtime->sessionPath(), m_sessions->recentSessions());
    if (!m_rangesChosen) {
        m_dialog->useDefaultRanges();
        m_rangesChosen = true;
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

void BeforeAfterController::compare(const BeforeAfterRequest &request)
{
    m_comparison.run(
        this,
        [request, queries = m_runtime->store()->queries(),
         openSessionPath = m_runtime->sessionPath()] {
            ComparisonOutcome outcome;
            try {
                SideRun before = analyzeSide(request.before, tr("before"), queries, openSessionPath,
                                             &outcome.error);
                if (!before.analysis)
                    return outcome;
                SideRun after = analyzeSide(request.after, tr("after"), queries, openSessionPath,
                                            &outcome.error);
                if (!after.analysis)
                    return outcome;
                RunComparisonOptions options;
                options.thresholdPercent = request.thresholdPercent;
                outcome.report
                    = RunComparisonReport{std::move(before.name), std::move(after.name),
                                          RunComparison::compare(before.analysis->profile,
                                                                 after.analysis->profile, options)};
            } catch (const std::exception &error) {
                // Never leave the dialog busy: BackgroundQuery drops the answer of a throwing run.
                outcome.error
                    = tr("The comparison failed: %1").arg(QString::fromUtf8(error.what()));
            }
            return outcome;
        },
        [this](const ComparisonOutcome &outcome) {
            if (outcome.report)
                m_dialog->showComparison(*outcome.report);
            else
                m_dialog->showError(outcome.error);
        });
}

void BeforeAfterController::onSessionChanged()
{
    // A comparison of the old session would answer for a session no longer shown.
    if (m_comparison.isBusy()) {
        m_comparison.cancel();
        m_dialog->showError(tr("Another session was opened: compare again."));
    }
    // The new session's ranges are chosen the next time the dialog is opened, once the window
    // knows the session's time span; an open dialog only learns the session's name.
    m_rangesChosen = false;
    m_dialog->setSessions(m_runtime->sessionPath(), m_sessions->recentSessions());
}

} // namespace kansoku
