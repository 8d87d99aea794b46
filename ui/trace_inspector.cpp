#include "trace_inspector.h"

#include "analysis/service_map_builder.h"
#include "core/time_format.h"
#include "export_control.h"
#include "flame_graph_view.h"
#include "service_map_view.h"
#include "service_palette.h"
#include "span_details_view.h"
#include "trace_waterfall_view.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <limits>

namespace kansoku {

TraceInspector::TraceInspector(QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget;
    outer->addWidget(m_stack);

    m_emptyLabel = new QLabel(tr("Select a trace…"));
    m_emptyLabel->setObjectName(QStringLiteral("emptyStateLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_emptyLabel);

    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *header = new QWidget;
    m_header = header;
    header->setObjectName(QStringLiteral("traceHeader"));
    auto *headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(12, 8, 12, 8);
    headerLayout->setSpacing(2);
    auto *titleRow = new QHBoxLayout;
    m_titleLabel = new QLabel;
    m_titleLabel->setObjectName(QStringLiteral("traceTitle"));
    QFont titleFont = m_titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setWeight(QFont::DemiBold);
    m_titleLabel->setFont(titleFont);
    m_titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titleRow->addWidget(m_titleLabel, 1);
    m_traceIdLabel = new QLabel;
    m_traceIdLabel->setObjectName(QStringLiteral("traceIdLabel"));
    m_traceIdLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_traceIdLabel->setForegroundRole(QPalette::PlaceholderText);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_traceIdLabel->setFont(mono);
    titleRow->addWidget(m_traceIdLabel);
    m_copyTraceIdButton = new QToolButton;
    m_copyTraceIdButton->setObjectName(QStringLiteral("copyTraceIdButton"));
    m_copyTraceIdButton->setText(tr("Copy"));
    m_copyTraceIdButton->setToolTip(tr("Copy the trace id"));
    m_copyTraceIdButton->setAutoRaise(true);
    titleRow->addWidget(m_copyTraceIdButton);
    m_criticalPathButton = new QToolButton;
    m_criticalPathButton->setObjectName(QStringLiteral("criticalPathButton"));
    m_criticalPathButton->setText(tr("Critical path"));
    m_criticalPathButton->setToolTip(
        tr("Mark the work that decided when the trace ended: walking back from the root's end "
           "through the child that finished last"));
    m_criticalPathButton->setCheckable(true);
    m_criticalPathButton->setAutoRaise(true);
    titleRow->addWidget(m_criticalPathButton);
    m_newWindowButton = new QToolButton;
    m_newWindowButton->setObjectName(QStringLiteral("newWindowButton"));
    m_newWindowButton->setText(tr("New window"));
    m_newWindowButton->setToolTip(
        tr("Open this trace in a window of its own, e.g. to set two traces side by side"));
    m_newWindowButton->setAutoRaise(true);
    titleRow->addWidget(m_newWindowButton);
    // The trace is already in memory: the worker only encodes and writes the file.
    m_export = new ExportControl;
    m_export->addExport(tr("Export this trace as OTLP JSON lines…"), QStringLiteral("trace.jsonl"),
                        tr("OTLP JSON lines (*.jsonl)"), tr("spans"),
                        [this]() -> ExportControl::Work {
                            if (!m_trace)
                                return {};
                            return [trace = m_trace](const QString &path) {
                                return TelemetryExporter::writeTrace(*trace, path);
                            };
                        });
    titleRow->addWidget(m_export);
    headerLayout->addLayout(titleRow);
    m_factsLabel = new QLabel;
    m_factsLabel->setObjectName(QStringLiteral("traceFacts"));
    m_factsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    headerLayout->addWidget(m_factsLabel);
    layout->addWidget(header);
    m_rule = new QFrame;
    m_rule->setFrameShape(QFrame::HLine);
    m_rule->setFrameShadow(QFrame::Sunken);
    layout->addWidget(m_rule);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_waterfall = new TraceWaterfallView;
    m_waterfall->setObjectName(QStringLiteral("waterfall"));
    m_flameGraph = new FlameGraphView;
    m_flameGraph->setObjectName(QStringLiteral("flameGraph"));
    m_services = new ServiceMapView;
    m_services->setObjectName(QStringLiteral("traceServices"));
    m_services->setClickAction(ServiceMapView::ClickAction::SelectFirstSpan);
    m_tabs->addTab(m_waterfall, tr("Waterfall"));
    m_tabs->addTab(m_flameGraph, tr("Flame graph"));
    m_tabs->addTab(m_services, tr("Services"));
    m_tabs->setTabToolTip(0, m_waterfall->whatsThis());
    m_tabs->setTabToolTip(1, m_flameGraph->whatsThis());
    m_tabs->setTabToolTip(2, tr("The services this trace passed through and the calls between "
                                "them; click a service to select its first span"));
    m_details = new SpanDetailsView;
    m_details->setObjectName(QStringLiteral("spanDetails"));
    m_splitter->addWidget(m_tabs);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({900, 380});
    layout->addWidget(m_splitter, 1);
    m_stack->addWidget(page);

    connect(m_criticalPathButton, &QToolButton::toggled, m_waterfall,
            &TraceWaterfallView::setCriticalPathShown);
    connect(m_newWindowButton, &QToolButton::clicked, this, [this]() {
        if (m_trace)
            Q_EMIT openInWindowRequested(m_trace->traceId);
    });
    connect(m_copyTraceIdButton, &QToolButton::clicked, this, [this]() {
        if (m_trace)
            QApplication::clipboard()->setText(QString::fromStdString(toHex(m_trace->traceId)));
    });
    connect(m_waterfall, &TraceWaterfallView::nodeSelected, this,
            [this](int node) { selectNode(node, true); });
    connect(m_flameGraph, &FlameGraphView::nodeSelected, this,
            [this](int node) { selectNode(node, true); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &TraceInspector::buildServicesIfShown);
    connect(m_services, &ServiceMapView::nodeActivated, this,
            &TraceInspector::selectFirstSpanOfService);
    connect(m_details, &SpanDetailsView::linkActivated, this, &TraceInspector::linkActivated);
    connect(m_details, &SpanDetailsView::logsOfTraceRequested, this, [this]() {
        if (m_trace)
            Q_EMIT logsOfTraceRequested(m_trace->traceId);
    });
    connect(m_details, &SpanDetailsView::logsOfSpanRequested, this, [this]() {
        const SpanId span = selectedSpanId();
        if (m_trace && !span.isZero())
            Q_EMIT logsOfSpanRequested(m_trace->traceId, span);
    });

    m_stack->setCurrentWidget(m_emptyLabel);
}

void TraceInspector::setTrace(std::shared_ptr<const Trace> trace)
{
    ++m_generation;
    m_trace = std::move(trace);
    m_pendingSelection.reset();
    m_highlightedSpans.clear();
    m_building = false;
    m_servicesBuilt = false;
    m_servicesQuery.cancel();
    m_services->setMap(nullptr);
    buildServicesIfShown();
    if (!m_trace) {
        showTree(nullptr);
        m_emptyLabel->setText(tr("Select a trace…"));
        m_stack->setCurrentWidget(m_emptyLabel);
        return;
    }
    if (m_trace->spans.size() < BackgroundBuildThreshold) {
        showTree(std::make_shared<SpanTree>(m_trace));
        return;
    }
    // Huge trace: build off the GUI thread; a newer setTrace makes this answer stale.
    m_building = true;
    showTree(nullptr);
    m_emptyLabel->setText(tr("Laying out %1 spans…").arg(m_trace->spans.size()));
    m_stack->setCurrentWidget(m_emptyLabel);
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<std::shared_ptr<SpanTree>>(this);
    connect(watcher, &QFutureWatcher<std::shared_ptr<SpanTree>>::finished, this,
            [this, watcher, generation]() {
                watcher->deleteLater();
                if (generation != m_generation)
                    return;
                m_building = false;
                showTree(watcher->result());
            });
    watcher->setFuture(
        QtConcurrent::run([trace = m_trace]() { return std::make_shared<SpanTree>(trace); }));
}

void TraceInspector::showTree(std::shared_ptr<SpanTree> tree)
{
    m_tree = std::move(tree);
    m_waterfall->setTree(m_tree);
    m_flameGraph->setTree(m_tree);
    m_details->clear();
    if (!m_tree)
        return;
    updateHeader();
    m_stack->setCurrentIndex(1);
    applyHighlight();
    // Start with the root selected so the details panel is never empty for a trace.
    if (m_pendingSelection) {
        const SpanId pending = *m_pendingSelection;
        m_pendingSelection.reset();
        selectSpan(pending);
    } else if (m_tree->nodeCount() > 0) {
        selectNode(0, false);
    }
    Q_EMIT treeReady();
}

// "1 span", "3 spans": English plurals without shipping an English translation file.
static QString countText(int count, const QString &singular, const QString &plural)
{
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? singular : plural);
}

void TraceInspector::updateHeader()
{
    const SpanTree &tree = *m_tree;
    if (tree.nodeCount() == 0) {
        m_titleLabel->setText(tr("Empty trace"));
        m_factsLabel->clear();
    } else {
        const std::string &service = tree.services()[std::size_t(tree.node(0).serviceIndex)];
        m_titleLabel->setText(
            QStringLiteral(
                "<span style='color:%1'>■</span> %2 <span style='font-weight:400'>%3</span>")
                .arg(ServicePalette::color(service).name(),
                     QString::fromStdString(service).toHtmlEscaped(),
                     QString::fromStdString(tree.span(0).name).toHtmlEscaped()));
        QString facts = tr("Started %1 · Duration <b>%2</b> · %3")
                            .arg(formatTimestampNs(tree.startTimeNs()),
                                 formatDurationNs(tree.endTimeNs() - tree.startTimeNs()),
                                 countText(tree.nodeCount(), tr("span"), tr("spans")));
        facts += QStringLiteral(" · ")
                 + countText(int(tree.services().size()), tr("service"), tr("services"))
                 + QStringLiteral(" · ") + tr("depth %1").arg(tree.maxDepth() + 1);
        if (tree.errorCount() > 0)
            facts += QStringLiteral(" · <span style='color:%1;font-weight:600'>%2</span>")
                         .arg(ServicePalette::errorColor().name(),
                              countText(tree.errorCount(), tr("error"), tr("errors")));
        else
            facts += QStringLiteral(" · ") + tr("no errors");
        if (tree.orphanCount() > 0)
            facts += QStringLiteral(" · <span style='color:#a06000'>%1</span>")
                         .arg(countText(tree.orphanCount(), tr("orphan span"), tr("orphan spans")));
        m_factsLabel->setText(facts);
    }
    m_traceIdLabel->setText(QString::fromStdString(toHex(m_trace->traceId)));
}

void TraceInspector::selectNode(int nodeIndex, bool byUser)
{
    if (!m_tree || nodeIndex < 0 || nodeIndex >= m_tree->nodeCount())
        return;
    // A selected group row stands for its first member; asked for that member by code (selectSpan,
    // a finding), the waterfall unfolds the group to show it.
    if (m_waterfall->selectedNode() != nodeIndex || (!byUser && m_waterfall->selectedGroup() >= 0))
        m_waterfall->setSelectedNode(nodeIndex);
    m_flameGraph->setSelectedNode(nodeIndex);
    const SpanTreeNode &node = m_tree->node(nodeIndex);
    m_details->setSpan(m_trace, node.spanIndex, node.selfTimeNs);
    if (byUser)
        Q_EMIT spanSelected(m_trace->traceId, m_tree->span(nodeIndex).spanId);
}

void TraceInspector::selectSpan(const SpanId &spanId)
{
    if (m_building) {
        m_pendingSelection = spanId;
        return;
    }
    if (!m_tree)
        return;
    const int node = m_tree->nodeForSpan(spanId);
    if (node >= 0)
        selectNode(node, false);
}

void TraceInspector::setHighlightedSpans(std::vector<SpanId> spanIds)
{
    m_highlightedSpans = std::move(spanIds);
    if (m_tree)
        applyHighlight();
}

void TraceInspector::applyHighlight()
{
    std::vector<int> nodes;
    nodes.reserve(m_highlightedSpans.size());
    for (const SpanId &spanId : m_highlightedSpans) {
        const int node = m_tree->nodeForSpan(spanId);
        if (node >= 0)
            nodes.push_back(node);
    }
    m_waterfall->setHighlightedNodes(std::move(nodes));
}

SpanId TraceInspector::selectedSpanId() const
{
    if (m_building && m_pendingSelection)
        return *m_pendingSelection;
    const int node = m_waterfall->selectedNode();
    if (!m_tree || node < 0)
        return {};
    return m_tree->span(node).spanId;
}

void TraceInspector::setEmptyText(const QString &text)
{
    m_emptyLabel->setText(text);
}

QString TraceInspector::titleText() const
{
    if (!m_tree || m_tree->nodeCount() == 0)
        return {};
    const std::string &service = m_tree->services()[std::size_t(m_tree->node(0).serviceIndex)];
    return QString::fromStdString(service) + QLatin1Char(' ')
           + QString::fromStdString(m_tree->span(0).name);
}

void TraceInspector::setNewWindowButtonVisible(bool visible)
{
    m_newWindowButton->setVisible(visible);
}

int TraceInspector::wantedHeight() const
{
    if (m_building)
        return std::numeric_limits<int>::max();
    return heightForRows(m_tree ? m_tree->rowCount() : 0);
}

int TraceInspector::heightForRows(int rows) const
{
    // One row spare: the tab page's margins and rounding would otherwise hide the last one.
    const int waterfall = TraceWaterfallView::HeaderHeight
                          + (rows + 1) * TraceWaterfallView::RowHeight
                          + 2 * m_waterfall->frameWidth();
    const int tabs = m_tabs->tabBar()->sizeHint().height() + waterfall;
    const int above = m_header->sizeHint().height() + m_rule->sizeHint().height();
    if (width() >= wideLayoutMinWidth)
        return above + tabs;
    // Details below take 30% of the splitter (resizeEvent).
    return above + tabs * 100 / 70 + m_splitter->handleWidth();
}

void TraceInspector::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Span details need width for their values: beside the waterfall when there is room, below
    // it when the trace view shares the window with the other panes.
    const Qt::Orientation orientation
        = width() >= wideLayoutMinWidth ? Qt::Horizontal : Qt::Vertical;
    if (m_splitter->orientation() == orientation)
        return;
    m_splitter->setOrientation(orientation);
    const int extent = orientation == Qt::Horizontal ? m_splitter->width() : m_splitter->height();
    m_splitter->setSizes({extent * 70 / 100, extent * 30 / 100});
}

void TraceInspector::showServices()
{
    m_tabs->setCurrentWidget(m_services);
    buildServicesIfShown();
}

void TraceInspector::buildServicesIfShown()
{
    if (!m_trace || m_servicesBuilt || m_tabs->currentWidget() != m_services)
        return;
    m_servicesBuilt = true;
    // On a worker: a trace of a million spans takes a while to map, like its span tree.
    m_servicesQuery.run(
        this,
        [trace = m_trace] {
            return std::make_shared<const ServiceMap>(ServiceMapBuilder::ofTrace(*trace));
        },
        [this](std::shared_ptr<const ServiceMap> map) { m_services->setMap(std::move(map)); });
}

void TraceInspector::selectFirstSpanOfService(int serviceNode)
{
    const ServiceMap *map = m_services->map();
    if (!m_trace || !map || serviceNode < 0 || serviceNode >= int(map->nodes.size())
        || map->nodes[std::size_t(serviceNode)].kind != ServiceNodeKind::Service)
        return;
    const std::string &service = map->nodes[std::size_t(serviceNode)].name;
    // Spans are in start order: the first one of the service is where the trace entered it.
    for (const TraceSpan &span : m_trace->spans) {
        const auto resource = std::size_t(span.resourceIndex);
        if (resource < m_trace->resources.size()
            && m_trace->resources[resource].serviceName() == service) {
            m_tabs->setCurrentWidget(m_waterfall);
            selectSpan(span.span.spanId);
            return;
        }
    }
}

} // namespace kansoku
