// One open trace, inspected, for TracesPane (which owns the search and the list) to embed: a
// header (root service and operation, trace id with copy, start, duration, counts), "Waterfall"
// (TraceWaterfallView), "Flame graph" (FlameGraphView) and "Services" (ServiceMapView of the
// services the trace passed through, built on a worker when first shown) tabs, and the selected
// span's details
// beside them. A find bar searches the trace (TraceSpanSearch on a worker: words, key=value, a
// service and a span kind), dims the other rows and steps through the matches; with the critical
// path shown, the header says which services it spent its time in. Builds the span tree on the GUI
// thread for ordinary traces and on a worker (QtConcurrent, generation-checked) for huge ones. GUI
// thread.
#pragma once

#include "analysis/span_tree.h"
#include "analysis/span_tree_folding.h"
#include "core/telemetry_queries.h"
#include "trace_waterfall_view.h"
#include "view/background_query.h"

#include <QWidget>
#include <memory>

class QAction;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QToolButton;

namespace kansoku {

class ExportControl;
class FlameGraphView;
class ServiceMapView;
class SpanDetailsView;

class TraceInspector : public QWidget
{
    Q_OBJECT
public:
    // Above this many spans the tree is built off the GUI thread (~20 ms per 100k spans).
    static constexpr std::size_t BackgroundBuildThreshold = 250000;
    // Narrower than this, the span details go below the waterfall instead of beside it (they
    // need about 270 px for their values, the waterfall the rest).
    static constexpr int wideLayoutMinWidth = 900;

    explicit TraceInspector(QWidget *parent = nullptr);

    // nullptr → an empty state. The same trace again (live reload with more spans) keeps what
    // the user made of it: expanded and collapsed spans and groups, the selection, the scroll
    // position and zoom of the waterfall, the flame graph's focus. A group of repeated calls
    // that forms in the reload starts expanded when it holds a span that had a row (or the
    // selected one), folded when all its calls are new.
    void setTrace(std::shared_ptr<const Trace> trace);
    void selectSpan(const SpanId &spanId); // selects, expands ancestors, scrolls to it
    SpanId selectedSpanId() const;
    // Picks spans out in the waterfall (TraceWaterfallView::setHighlightedNodes); ids not in the
    // trace are ignored. Kept until the next call or setTrace() of another trace (a reload of
    // the same one keeps them, without reopening what the user folded over them), and applied
    // once a huge trace's tree is built.
    void setHighlightedSpans(std::vector<SpanId> spanIds);
    const std::vector<SpanId> &highlightedSpans() const { return m_highlightedSpans; }

    // The height that shows the whole open trace (every waterfall row, the details below it
    // when the width puts them there); INT_MAX while a huge trace's tree is built.
    int wantedHeight() const;
    // The same for a waterfall of `rows` rows at this width.
    int heightForRows(int rows) const;

    // What the view says while it has no trace ("Select a trace…" until set).
    void setEmptyText(const QString &text);
    // "service operation" of the root span; empty without a trace.
    QString titleText() const;
    // The header's "New window" button (openInWindowRequested); hidden in a window of its own.
    void setNewWindowButtonVisible(bool visible);
    // The header's "Compare with…" menu: the fastest or slowest trace of the same root operation
    // (compareWithBaselineRequested, for the owner to find in its time range), or a trace id
    // typed in (compareWithTraceRequested). Hidden where nobody answers them.
    enum class CompareBaseline { Fastest, Slowest };
    void setCompareButtonVisible(bool visible);
    // What the trace id dialog does with the text: asks for the comparison and returns true, or
    // returns false for text that is no trace id (or the open trace's own id).
    bool compareWithTraceIdText(const QString &text);
    // Says, beside the Compare button, why no comparison opened (e.g. no other trace to compare).
    void showCompareProblem(const QString &text);
    QString lastCompareProblem() const { return m_lastCompareProblem; }
    QToolButton *compareButton() const { return m_compareButton; }

    std::shared_ptr<const Trace> trace() const { return m_trace; }
    bool isBuilding() const { return m_building; }
    TraceWaterfallView *waterfallView() const { return m_waterfall; }
    FlameGraphView *flameGraphView() const { return m_flameGraph; }
    ServiceMapView *servicesView() const { return m_services; }
    // The find bar. Its matches are node indexes in tree order; they are searched on a worker
    // shortly after the text or a filter changes (findFinished then).
    QLineEdit *findEdit() const { return m_findEdit; }
    QComboBox *findServiceBox() const { return m_findService; }
    QComboBox *findKindBox() const { return m_findKind; }
    const std::vector<int> &findMatches() const { return m_findMatches; }
    QString findStatusText() const;
    // Selects the next (previous) match after (before) the selected span, wrapping around.
    void findNext();
    void findPrevious();
    // "Critical path: ■ db 50 ms (50%) · …" while the Critical path button is on; else empty.
    QString criticalPathText() const;
    // The Critical path button's menu entry (Ctrl+Shift+R): turns the button on and folds the
    // waterfall down to the path (TraceWaterfallView::collapseToCriticalPath), on its tab.
    void collapseToCriticalPath();
    QAction *collapseToCriticalPathAction() const { return m_collapseToCriticalPathAction; }

    // Shows the Services tab (and builds its graph if it has not yet).
    void showServices();
    SpanDetailsView *detailsView() const { return m_details; }
    ExportControl *exportControl() const { return m_export; }

Q_SIGNALS:
    void spanSelected(const kansoku::TraceId &traceId, const kansoku::SpanId &spanId);
    void linkActivated(const kansoku::TraceId &traceId, const kansoku::SpanId &spanId);
    void logsOfTraceRequested(const kansoku::TraceId &traceId);
    void logsOfSpanRequested(const kansoku::TraceId &traceId, const kansoku::SpanId &spanId);
    void treeReady(); // the span tree of the current trace is shown (sync or after the worker)
    void openInWindowRequested(const kansoku::TraceId &traceId);
    void findFinished(); // the find bar's matches are up to date
    void compareWithBaselineRequested(const kansoku::TraceId &traceId,
                                      kansoku::TraceInspector::CompareBaseline baseline);
    void compareWithTraceRequested(const kansoku::TraceId &traceId, const kansoku::TraceId &other);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void showTree(std::shared_ptr<SpanTree> tree);
    void applyHighlight(bool reveal);
    void updateHeader();
    void selectNode(int nodeIndex, bool byUser);
    void showSelectedSpan(int nodeIndex); // the details and the flame graph follow the waterfall
    void restoreKeptView();
    void buildServicesIfShown();
    void selectFirstSpanOfService(int serviceNode);
    QWidget *createFindBar();
    QToolButton *createCompareButton();
    void resetFindFilters();
    void runFind(bool jumpToMatch);
    void showFindMatches(std::vector<int> matches, bool jumpToMatch);
    void stepFind(bool forward);
    void updateFindStatus();
    void updateCriticalPathLine();

    std::shared_ptr<const Trace> m_trace;
    std::shared_ptr<SpanTree> m_tree;
    quint64 m_generation = 0;
    bool m_building = false;
    std::optional<SpanId> m_pendingSelection; // selectSpan while the worker builds
    std::vector<SpanId> m_highlightedSpans;
    // Taken from the trace on screen when setTrace() gets the same trace again; its folding is
    // applied where the new tree is built, the rest once it is shown.
    struct KeptView
    {
        SpanTreeFolding folding;
        TraceWaterfallView::Position position;
        SpanId flameFocus; // zero: the whole trace
    };
    std::optional<KeptView> m_keptView;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QWidget *m_header = nullptr;
    QFrame *m_rule = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLabel *m_traceIdLabel = nullptr;
    QToolButton *m_copyTraceIdButton = nullptr;
    QToolButton *m_criticalPathButton = nullptr;
    QAction *m_collapseToCriticalPathAction = nullptr;
    QToolButton *m_newWindowButton = nullptr;
    QToolButton *m_compareButton = nullptr;
    QString m_lastCompareProblem;
    ExportControl *m_export = nullptr;
    QLabel *m_factsLabel = nullptr;
    QLabel *m_criticalPathLabel = nullptr;
    QLineEdit *m_findEdit = nullptr;
    QComboBox *m_findService = nullptr;
    QComboBox *m_findKind = nullptr;
    QToolButton *m_findPreviousButton = nullptr;
    QToolButton *m_findNextButton = nullptr;
    QLabel *m_findStatus = nullptr;
    QTimer *m_findDelay = nullptr;
    BackgroundQuery m_findQuery;
    std::vector<int> m_findMatches; // ascending node indexes
    bool m_findActive = false;      // a query is set (its matches may be empty)
    QString m_findError;            // why the typed text is not a search
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_splitter = nullptr;
    TraceWaterfallView *m_waterfall = nullptr;
    FlameGraphView *m_flameGraph = nullptr;
    ServiceMapView *m_services = nullptr;
    BackgroundQuery m_servicesQuery;
    bool m_servicesBuilt = false; // for m_trace
    SpanDetailsView *m_details = nullptr;
};

} // namespace kansoku
