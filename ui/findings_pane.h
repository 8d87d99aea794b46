// The Findings pane: what the detectors found in the shared time range, worst first, filterable
// by detector (and by the WorkbenchState's service), with the selected finding's evidence beside
// the list. Opening a finding opens its worst example in the Traces pane with the spans involved
// highlighted, or narrows every pane to a traffic spike. The analysis runs on a worker
// (BackgroundQuery + FindingsRun, cancelled when superseded): again at once when the range
// changes, and at most every few seconds while data arrives; while the pane is hidden (its dock
// closed or behind another tab) not at all until it shows again. GUI thread.
#pragma once

#include "analysis/finding_thresholds.h"
#include "analysis/findings_run.h"
#include "core/telemetry_queries.h"
#include "view/background_query.h"

#include <QElapsedTimer>
#include <QWidget>
#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace kansoku {

class FindingDetailsView;
class FindingListModel;
class OnScreenWatch;
class WorkbenchState;

class FindingsPane : public QWidget
{
    Q_OBJECT
public:
    // While data arrives the analysis runs again at most this often, and never sooner than twice
    // its last run time after that run started: analysing a whole range is far heavier than a
    // list query (about 3 s per million spans), so live updates take at most a third of a core.
    static constexpr int LiveIntervalMs = 5000;

    FindingsPane(WorkbenchState *state, std::shared_ptr<const TelemetryQueries> queries,
                 QWidget *parent = nullptr);
    ~FindingsPane() override;

    FindingListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QComboBox *detectorFilter() const { return m_detectorFilter; }
    FindingDetailsView *detailsView() const { return m_details; }
    QString statusText() const;
    // What the list shows instead of rows ("No findings in this range: …"); empty when hidden.
    QString emptyText() const;
    bool isAnalysing() const { return m_run != nullptr; }
    // Analyses whose answer was shown, and the traces and spans the last one read.
    int completedAnalyses() const { return m_completedAnalyses; }
    std::int64_t analysedTraces() const { return m_result ? m_result->traceCount : 0; }
    std::int64_t analysedSpans() const { return m_result ? m_result->spanCount : 0; }
    // Tests shorten the live interval; LiveIntervalMs by default.
    void setLiveIntervalMs(int intervalMs) { m_liveIntervalMs = intervalMs; }

    // What double-click, Enter and the open button do with the finding in a row.
    void openFinding(int row);

    // Details beside the list when the pane is wide, below it when narrow (so the finding's
    // title column keeps room).
    Qt::Orientation detailsOrientation() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

Q_SIGNALS:
    void analysisShown(); // an analysis answer is in the list (or its error in the status)
    // A finding was opened in another pane, which the window should bring into view.
    void tracesPaneWanted();
    void logsPaneWanted();

private:
    static constexpr int DetailsBesideMinWidth = 1100;

    void startAnalysis();
    void scheduleFullAnalysis();
    void onTimeRangeChanged();
    void noteLiveData();
    void scheduleLiveAnalysis();
    void showResult(std::shared_ptr<const FindingsRunResult> result);
    // Runs a change of the model's rows, then selects the finding shown before (or the first).
    void changeRows(const std::function<void()> &change);
    void open(const Finding &finding);
    void openExample(const Finding &finding, int exampleIndex);
    void showLogsOf(const Finding &finding);
    void showCurrentFinding();
    QString detailsPlaceholder() const;
    void updateDetectorCounts();
    void updateStatus();
    void updateEmptyState();

    WorkbenchState *m_state;
    std::shared_ptr<const TelemetryQueries> m_queries;
    FindingThresholds m_thresholds;

    FindingListModel *m_model = nullptr;
    QComboBox *m_detectorFilter = nullptr;
    QLabel *m_status = nullptr;
    QStackedWidget *m_stack = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_emptyState = nullptr;
    FindingDetailsView *m_details = nullptr;
    QTimer *m_liveTimer = nullptr;
    OnScreenWatch *m_onScreen = nullptr;
    QTimer *m_progressTimer = nullptr;

    BackgroundQuery m_analysis;
    std::shared_ptr<FindingsRun> m_run; // the running analysis (progress, cancel); null when idle
    std::shared_ptr<const FindingsRunResult> m_result; // the last one shown
    std::string m_lastError;
    QElapsedTimer m_sinceRunStart;
    qint64 m_lastRunMs = 0;
    int m_liveIntervalMs = LiveIntervalMs;
    int m_completedAnalyses = 0;
    bool m_liveDataPending = false;
    bool m_fullAnalysisScheduled = false;
    bool m_analysisDeferred = false; // asked for while hidden: runs when shown
    TimeRange m_lastRange;
    int m_lastPreset = -1; // WorkbenchState::RangePreset of m_lastRange
};

} // namespace kansoku
