// One open trace, inspected, for TracesPane (which owns the search and the list) to embed: a
// header (root service and operation, trace id with copy, start, duration, counts), "Waterfall"
// (TraceWaterfallView), "Flame graph" (FlameGraphView) and "Services" (ServiceMapView of the
// services the trace passed through, built on a worker when first shown) tabs, and the selected
// span's details
// beside them. Builds the span tree on the GUI thread for ordinary traces and on a worker
// (QtConcurrent, generation-checked) for huge ones. GUI thread.
#pragma once

#include "analysis/span_tree.h"
#include "core/telemetry_queries.h"
#include "view/background_query.h"

#include <QWidget>
#include <memory>

class QFrame;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace kansoku {

class ExportControl;
class FlameGraphView;
class ServiceMapView;
class SpanDetailsView;
class TraceWaterfallView;

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

    void setTrace(std::shared_ptr<const Trace> trace); // nullptr → an empty state
    void selectSpan(const SpanId &spanId);             // selects, expands ancestors, scrolls to it
    SpanId selectedSpanId() const;
    // Picks spans out in the waterfall (TraceWaterfallView::setHighlightedNodes); ids not in the
    // trace are ignored. Kept until the next setTrace() or call, and applied once a huge trace's
    // tree is built.
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

    std::shared_ptr<const Trace> trace() const { return m_trace; }
    bool isBuilding() const { return m_building; }
    TraceWaterfallView *waterfallView() const { return m_waterfall; }
    FlameGraphView *flameGraphView() const { return m_flameGraph; }
    ServiceMapView *servicesView() const { return m_services; }
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

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void showTree(std::shared_ptr<SpanTree> tree);
    void applyHighlight();
    void updateHeader();
    void selectNode(int nodeIndex, bool byUser);
    void buildServicesIfShown();
    void selectFirstSpanOfService(int serviceNode);

    std::shared_ptr<const Trace> m_trace;
    std::shared_ptr<SpanTree> m_tree;
    quint64 m_generation = 0;
    bool m_building = false;
    std::optional<SpanId> m_pendingSelection; // selectSpan while the worker builds
    std::vector<SpanId> m_highlightedSpans;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QWidget *m_header = nullptr;
    QFrame *m_rule = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLabel *m_traceIdLabel = nullptr;
    QToolButton *m_copyTraceIdButton = nullptr;
    QToolButton *m_criticalPathButton = nullptr;
    QToolButton *m_newWindowButton = nullptr;
    ExportControl *m_export = nullptr;
    QLabel *m_factsLabel = nullptr;
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
