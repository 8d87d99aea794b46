// The Traces pane: the trace browser (a filter bar, a duration-over-time scatter of the traces in
// range: click a dot to open it, drag to pick a range; the paged trace list) over the opened trace
// (TraceInspector). An open trace gets the height its rows need (TraceRoomPlan): the browser
// keeps what is left or folds away to a one-line strip, and comes back with Ctrl+L or a click.
// Follows the WorkbenchState (range, service, live commits, span selection) and queries only
// through BackgroundQuery workers. GUI thread.
#pragma once

#include "core/telemetry_queries.h"
#include "trace_inspector.h"
#include "view/background_query.h"

#include <QWidget>
#include <memory>
#include <set>

class QAction;
class QLabel;
class QSplitter;
class QTableView;

namespace kansoku {

class ChartView;
class ExportControl;
class TraceComparisonWindow;
class TraceWindow;
class TraceFilterBar;
class TraceListModel;
class TraceInspector;
class WorkbenchState;

class TracesPane : public QWidget
{
    Q_OBJECT
    Q_MOC_INCLUDE("trace_comparison_window.h")
public:
    // The scatter shows at most this many traces: the newest in range that match the filters.
    static constexpr int ScatterLimit = 5000;

    TracesPane(WorkbenchState *state, std::shared_ptr<const TelemetryQueries> queries,
               QWidget *parent = nullptr);

    TraceFilterBar *filterBar() const { return m_filterBar; }
    ChartView *scatterView() const { return m_scatter; }
    QTableView *traceTable() const { return m_table; }
    TraceListModel *traceListModel() const { return m_model; }
    TraceInspector *traceInspector() const { return m_traceInspector; }
    ExportControl *exportControl() const { return m_export; }
    // The traces selected in the list (several with Ctrl/Shift), in list order.
    std::vector<TraceId> selectedTraceIds() const;
    // Opens "Compare traces" for the two traces selected in the list (A: the one higher up);
    // nullptr, and nothing opens, unless exactly two are selected. The window is its own
    // top-level window and closes with the pane.
    TraceComparisonWindow *compareSelectedTraces();
    // Opens "Compare traces" for a and b (a window of its own, closing with the pane).
    TraceComparisonWindow *compareTraces(const TraceId &a, const TraceId &b);
    // The open trace's "Compare with… the fastest / slowest": finds the fastest (slowest) other
    // trace of the same root service and operation in the time range on a worker, then compares
    // it (A) with the open trace (B), so the changes read as what the open trace did differently.
    // Without such a trace the inspector says so and nothing opens.
    void compareWithBaseline(const TraceId &traceId, TraceInspector::CompareBaseline baseline);
    QAction *compareAction() const { return m_compareAction; }
    // Opens the trace in a window of its own (TraceWindow, a top-level child of this pane);
    // several can be open at once. The list's context menu and the trace view's "New window".
    TraceWindow *openTraceInWindow(const TraceId &traceId);
    QAction *openInWindowAction() const { return m_openInWindowAction; }
    // The traces on the scatter, newest first; point i of its series is entry i.
    const std::vector<TraceSummary> &scatterTraces() const { return *m_scatterTraces; }
    // What the list shows instead of rows ("No traces in this range", ...); empty when hidden.
    QString emptyText() const;

    // The browser (filters, scatter, list) folded away while a trace is open.
    bool isBrowserFolded() const;
    // Folds or brings back the browser (Ctrl+L, or the strip's button); the choice stays for
    // the traces opened after it until it is toggled again.
    void toggleBrowser();
    QAction *browserToggleAction() const { return m_browserToggle; }

Q_SIGNALS:
    // A trace was loaded for display (nullptr: the trace id is not stored).
    void traceLoaded(std::shared_ptr<const kansoku::Trace> trace);
    // The scatter shows a new answer.
    void scatterUpdated();
    // A comparison window opened (from the list or the open trace's Compare with…).
    void comparisonOpened(kansoku::TraceComparisonWindow *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Reload { Live, Full };

    void scheduleReload(Reload kind);
    void reload();
    void refreshLive();
    TraceQuery currentFilters() const;
    bool filtersActive() const;
    void loadScatter();
    void showScatter(std::shared_ptr<const std::vector<TraceSummary>> traces);
    void updateScatterSeries();
    void loadServices();
    void openTrace(const TraceId &traceId, const SpanId &spanId);
    void loadTrace(const TraceId &traceId);
    void showLoadedTrace(const TraceId &traceId, std::shared_ptr<const Trace> trace);
    void selectRowOf(const TraceId &traceId);
    // The WorkbenchState's highlighted spans onto the open trace, when they belong to it.
    void applyHighlight();
    void onListLoaded();
    void onRowSelected(int row);
    void updateEmptyState();
    void updateCountLabel();
    // Shares the height between the browser and the trace just shown.
    void arrangeTraceRoom();
    void setBrowserShown(bool shown, bool scatterShown);
    void updateRoomStrip();

    WorkbenchState *m_state;
    std::shared_ptr<const TelemetryQueries> m_queries;

    TraceFilterBar *m_filterBar = nullptr;
    ChartView *m_scatter = nullptr;
    QLabel *m_countLabel = nullptr;
    ExportControl *m_export = nullptr;
    QAction *m_compareAction = nullptr;
    QAction *m_openInWindowAction = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_emptyLabel = nullptr;
    TraceListModel *m_model = nullptr;
    TraceInspector *m_traceInspector = nullptr;
    QSplitter *m_splitter = nullptr; // browser over trace
    QWidget *m_browser = nullptr;    // filters, scatter and list
    QWidget *m_roomStrip = nullptr;  // shown while a trace is open
    QLabel *m_roomStripLabel = nullptr;
    QAction *m_browserToggle = nullptr;
    std::optional<bool> m_browserChosen; // the user's toggle: shown (true) or folded

    BackgroundQuery m_scatterQuery;
    BackgroundQuery m_servicesQuery;
    BackgroundQuery m_traceQuery;
    BackgroundQuery m_baselineQuery;
    std::shared_ptr<const std::vector<TraceSummary>> m_scatterTraces;
    std::set<std::string> m_operationsSeen;

    bool m_reloadScheduled = false;
    bool m_fullReloadPending = false;
    bool m_scatterRefreshQueued = false;
    bool m_scatterLoaded = false;
    bool m_syncingSelection = false;

    std::optional<TraceId> m_openTraceId;     // shown, or being loaded to be shown
    SpanId m_wantedSpanId;                    // to select once the trace is shown
    std::int64_t m_shownSummarySpanCount = 0; // the list's span count when the trace was loaded
};

} // namespace kansoku
