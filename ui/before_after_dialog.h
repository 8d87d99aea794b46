// Analyze › Before / after: two runs — time ranges of the open session or another session file —
// compared per operation and per statement, the way `kansoku diff` compares them. Compare raises
// compareRequested; the app analyses both sides on a worker (a newer Compare supersedes a running
// one) and answers with showComparison() or showError(). Shows the verdict with its reasons, the
// rows in a RunComparisonTable and the findings new / persisting / fixed; Save report… writes the
// text or JSON report on a worker. Double-clicking a row lists its endpoint's traces in the Traces
// pane (service, root operation and, for this session, the side's range). Non-modal. GUI thread.
#pragma once

#include "analysis/run_comparison_report_writer.h"
#include "before_after_side_box.h"
#include "view/background_query.h"

#include <QDialog>
#include <functional>
#include <optional>

class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTextBrowser;

namespace kansoku {

class RunComparisonTable;
class WorkbenchState;

struct BeforeAfterRequest
{
    BeforeAfterSide before;
    BeforeAfterSide after;
    double thresholdPercent = 10.0; // RunComparisonOptions::thresholdPercent
};

class BeforeAfterDialog : public QDialog
{
    Q_OBJECT
public:
    // Returns the chosen path, or an empty string when the user cancelled.
    using SavePathProvider = std::function<QString(
        const QString &caption, const QString &suggestedPath, const QString &filter)>;

    explicit BeforeAfterDialog(WorkbenchState *state, QWidget *parent = nullptr);

    // The open session and the recent ones, offered as sources on both sides.
    void setSessions(const QString &openSessionPath, const QStringList &recentSessions);
    // Both sides this session: before is the first half of the window's time range, after the
    // second half.
    void useDefaultRanges();

    // The app's answers to compareRequested (only the newest request's answer arrives).
    void showComparison(const RunComparisonReport &report);
    void showError(const QString &message); // names the file or the range it is about
    bool isBusy() const { return m_busy; }
    const std::optional<RunComparisonReport> &report() const { return m_report; }

    // Writes the shown report on a worker: JSON when path ends in .json, text otherwise.
    void saveReport(const QString &path);
    // Filters the workbench to the row's endpoint: its service, its root operation in the Traces
    // pane, and the range of the side the row was seen on (after, or before for a vanished row)
    // when that side is this session.
    void showRowInTraces(int row);

    QString verdictText() const;  // as plain text
    QString findingsText() const; // as plain text
    QString statusText() const;
    BeforeAfterSideBox *beforeBox() const { return m_before; }
    BeforeAfterSideBox *afterBox() const { return m_after; }
    QDoubleSpinBox *thresholdBox() const { return m_threshold; }
    QPushButton *compareButton() const { return m_compare; }
    QPushButton *saveButton() const { return m_save; }
    RunComparisonTable *table() const { return m_table; }
    void setOpenPathProvider(const BeforeAfterSideBox::PathProvider &provider);
    void setSavePathProvider(SavePathProvider provider)
    {
        m_savePathProvider = std::move(provider);
    }

Q_SIGNALS:
    void compareRequested(const kansoku::BeforeAfterRequest &request);
    // A comparison or an error is shown.
    void comparisonShown(bool ok);
    void reportSaved(bool ok, const QString &message);
    // showRowInTraces() filtered the workbench: the Traces pane should come into view.
    void tracesPaneWanted();

private:
    void compare();
    void chooseReportFile();
    void setBusy(bool busy);
    void showStatus(const QString &message, bool error);

    WorkbenchState *m_state;
    BeforeAfterSideBox *m_before = nullptr;
    BeforeAfterSideBox *m_after = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QPushButton *m_compare = nullptr;
    QPushButton *m_save = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QLabel *m_status = nullptr;
    QTextBrowser *m_verdict = nullptr;
    RunComparisonTable *m_table = nullptr;
    QTextBrowser *m_findings = nullptr;
    SavePathProvider m_savePathProvider;
    std::optional<RunComparisonReport> m_report;
    BeforeAfterSide m_comparedBefore; // the sides of the last Compare
    BeforeAfterSide m_comparedAfter;
    bool m_busy = false;
    BackgroundQuery m_saveQuery;
};

} // namespace kansoku
