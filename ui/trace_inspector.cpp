#include "trace_inspector.h"

#include "analysis/critical_path.h"
#include "analysis/service_map_builder.h"
#include "analysis/trace_span_search.h"
#include "core/plural_count.h"
#include "core/time_format.h"
#include "export_control.h"
#include "flame_graph_view.h"
#include "service_map_view.h"
#include "service_palette.h"
#include "span_details_view.h"
#include "trace_waterfall_view.h"
#include "view/span_details_model.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
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
    // Beside the toggle, its menu: fold the waterfall down to the path.
    m_collapseToCriticalPathAction = new QAction(tr("Collapse to the critical path"), this);
    m_collapseToCriticalPathAction->setObjectName(QStringLiteral("collapseToCriticalPath"));
    m_collapseToCriticalPathAction->setToolTip(
        tr("Show the critical path, fold every span and group of repeated calls with no work on "
           "it and open what the path needs, leaving the chain that decided the trace's duration "
           "in view"));
    m_collapseToCriticalPathAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_collapseToCriticalPathAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_collapseToCriticalPathAction);
    auto *criticalPathMenu = new QMenu(m_criticalPathButton);
    criticalPathMenu->setToolTipsVisible(true);
    criticalPathMenu->addAction(m_collapseToCriticalPathAction);
    m_criticalPathButton->setMenu(criticalPathMenu);
    m_criticalPathButton->setPopupMode(QToolButton::MenuButtonPopup);
    titleRow->addWidget(m_criticalPathButton);
    m_newWindowButton = new QToolButton;
    m_newWindowButton->setObjectName(QStringLiteral("newWindowButton"));
    m_newWindowButton->setText(tr("New window"));
    m_newWindowButton->setToolTip(
        tr("Open this trace in a window of its own, e.g. to set two traces side by side"));
    m_newWindowButton->setAutoRaise(true);
    titleRow->addWidget(m_newWindowButton);
    titleRow->addWidget(createCompareButton());
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
    m_criticalPathLabel = new QLabel;
    m_criticalPathLabel->setObjectName(QStringLiteral("criticalPathServices"));
    m_criticalPathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_criticalPathLabel->hide();
    headerLayout->addWidget(m_criticalPathLabel);
    headerLayout->addWidget(createFindBar());
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

    connect(m_criticalPathButton, &QToolButton::toggled, this, [this](bool shown) {
        m_waterfall->setCriticalPathShown(shown);
        updateCriticalPathLine();
    });
    connect(m_collapseToCriticalPathAction, &QAction::triggered, this,
            &TraceInspector::collapseToCriticalPath);
    m_waterfall->addContextMenuAction(m_collapseToCriticalPathAction);
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
    const bool sameTrace = m_trace && trace && m_trace->traceId == trace->traceId;
    // While a huge reload is still being laid out, the view kept from before it stays.
    // A group that forms in the new tree opens when it holds a span shown (or selected) now.
    if (sameTrace && m_tree) {
        const TraceWaterfallView::Position position = m_waterfall->position();
        m_keptView = KeptView{SpanTreeFolding::capture(*m_tree, position.selectedSpan), position,
                              m_flameGraph->focusNode() >= 0
                                  ? m_tree->span(m_flameGraph->focusNode()).spanId
                                  : SpanId{}};
    } else if (!sameTrace)
        m_keptView.reset();
    m_trace = std::move(trace);
    m_pendingSelection.reset();
    // A reload keeps the highlight too (applied to the new tree); the owner setting the same one
    // again then changes nothing, so it does not reopen what the user folded over it.
    if (!sameTrace)
        m_highlightedSpans.clear();
    m_building = false;
    m_servicesBuilt = false;
    m_servicesQuery.cancel();
    m_findQuery.cancel();
    m_services->setMap(nullptr);
    buildServicesIfShown();
    if (!m_trace) {
        showTree(nullptr);
        m_emptyLabel->setText(tr("Select a trace…"));
        m_stack->setCurrentWidget(m_emptyLabel);
        return;
    }
    const SpanTreeFolding folding = m_keptView ? m_keptView->folding : SpanTreeFolding();
    if (m_trace->spans.size() < BackgroundBuildThreshold) {
        auto tree = std::make_shared<SpanTree>(m_trace);
        folding.applyTo(*tree);
        showTree(std::move(tree));
        return;
    }
    // Huge trace: build off the GUI thread; a newer setTrace makes this answer stale.
    m_building = true;
    showTree(nullptr);
    m_emptyLabel->setText(
        tr("Laying out %Ln span(s)…", nullptr, pluralCount(std::int64_t(m_trace->spans.size()))));
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
    watcher->setFuture(QtConcurrent::run([trace = m_trace, folding]() {
        auto tree = std::make_shared<SpanTree>(trace);
        folding.applyTo(*tree);
        return tree;
    }));
}

void TraceInspector::showTree(std::shared_ptr<SpanTree> tree)
{
    m_tree = std::move(tree);
    m_waterfall->setTree(m_tree);
    m_flameGraph->setTree(m_tree);
    m_details->clear();
    m_findMatches.clear();
    m_findActive = false;
    if (!m_tree) {
        updateFindStatus();
        return;
    }
    resetFindFilters();
    updateHeader();
    m_stack->setCurrentIndex(1);
    applyHighlight(!m_keptView);
    // Start with the root selected so the details panel is never empty for a trace.
    if (m_pendingSelection) {
        const SpanId pending = *m_pendingSelection;
        m_pendingSelection.reset();
        m_keptView.reset();
        selectSpan(pending);
    } else if (m_keptView) {
        restoreKeptView();
    } else if (m_tree->nodeCount() > 0) {
        selectNode(0, false);
    }
    // The find text stays from trace to trace, like a browser's; the new tree is searched.
    runFind(false);
    Q_EMIT treeReady();
}

void TraceInspector::updateHeader()
{
    const SpanTree &tree = *m_tree;
    if (tree.nodeCount() == 0) {
        m_titleLabel->setText(tr("Empty trace"));
        m_factsLabel->clear();
    } else {
        const std::string &service = tree.serviceOf(0);
        m_titleLabel->setText(
            QStringLiteral(
                "<span style='color:%1'>■</span> %2 <span style='font-weight:400'>%3</span>")
                .arg(ServicePalette::color(service).name(),
                     QString::fromStdString(service).toHtmlEscaped(),
                     QString::fromStdString(tree.span(0).name).toHtmlEscaped()));
        QString facts = tr("Started %1 · Duration <b>%2</b> · %3")
                            .arg(formatTimestampNs(tree.startTimeNs()),
                                 formatDurationNs(tree.endTimeNs() - tree.startTimeNs()),
                                 tr("%Ln span(s)", nullptr, tree.nodeCount()));
        facts += QStringLiteral(" · ") + tr("%Ln service(s)", nullptr, int(tree.services().size()))
                 + QStringLiteral(" · ") + tr("depth %1").arg(tree.maxDepth() + 1);
        if (tree.errorCount() > 0)
            facts += QStringLiteral(" · <span style='color:%1;font-weight:600'>%2</span>")
                         .arg(ServicePalette::errorColor().name(),
                              tr("%Ln error(s)", nullptr, tree.errorCount()));
        else
            facts += QStringLiteral(" · ") + tr("no errors");
        if (tree.orphanCount() > 0)
            facts += QStringLiteral(" · <span style='color:#a06000'>%1</span>")
                         .arg(tr("%Ln orphan span(s)", nullptr, tree.orphanCount()));
        m_factsLabel->setText(facts);
    }
    m_traceIdLabel->setText(QString::fromStdString(toHex(m_trace->traceId)));
    updateCriticalPathLine();
}

void TraceInspector::selectNode(int nodeIndex, bool byUser)
{
    if (!m_tree || nodeIndex < 0 || nodeIndex >= m_tree->nodeCount())
        return;
    // A selected group row stands for its first member; asked for that member by code (selectSpan,
    // a finding), the waterfall unfolds the group to show it.
    if (m_waterfall->selectedNode() != nodeIndex || (!byUser && m_waterfall->selectedGroup() >= 0))
        m_waterfall->setSelectedNode(nodeIndex);
    showSelectedSpan(nodeIndex);
    if (byUser)
        Q_EMIT spanSelected(m_trace->traceId, m_tree->span(nodeIndex).spanId);
}

void TraceInspector::showSelectedSpan(int nodeIndex)
{
    m_flameGraph->setSelectedNode(nodeIndex);
    const SpanTreeNode &node = m_tree->node(nodeIndex);
    m_details->setSpan(m_trace, node.spanIndex, node.selfTimeNs);
    updateFindStatus();
}

void TraceInspector::restoreKeptView()
{
    const KeptView kept = *std::exchange(m_keptView, std::nullopt);
    m_waterfall->restorePosition(kept.position);
    if (!kept.flameFocus.isZero())
        m_flameGraph->setFocusNode(m_tree->nodeForSpan(kept.flameFocus));
    int selected = m_waterfall->selectedNode();
    if (selected < 0 && m_tree->nodeCount() > 0) {
        selected = 0;
        m_waterfall->setSelectedNode(0);
    }
    if (selected >= 0)
        showSelectedSpan(selected);
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
    if (spanIds == m_highlightedSpans)
        return;
    m_highlightedSpans = std::move(spanIds);
    if (m_tree)
        applyHighlight(true);
}

void TraceInspector::applyHighlight(bool reveal)
{
    std::vector<int> nodes;
    nodes.reserve(m_highlightedSpans.size());
    for (const SpanId &spanId : m_highlightedSpans) {
        const int node = m_tree->nodeForSpan(spanId);
        if (node >= 0)
            nodes.push_back(node);
    }
    m_waterfall->setHighlightedNodes(std::move(nodes), reveal);
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
    const std::string &service = m_tree->serviceOf(0);
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

QToolButton *TraceInspector::createCompareButton()
{
    m_compareButton = new QToolButton;
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    m_compareButton->setText(tr("Compare with…"));
    m_compareButton->setToolTip(
        tr("Set this trace beside another one, merged by operation: what only one of them did, "
           "and how calls and time changed"));
    m_compareButton->setAutoRaise(true);
    m_compareButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_compareButton);
    QAction *fastest = menu->addAction(QString());
    fastest->setObjectName(QStringLiteral("compareWithFastest"));
    QAction *slowest = menu->addAction(QString());
    slowest->setObjectName(QStringLiteral("compareWithSlowest"));
    menu->addSeparator();
    QAction *byId = menu->addAction(tr("Another trace by its id…"));
    byId->setObjectName(QStringLiteral("compareWithTraceId"));
    m_compareButton->setMenu(menu);
    // The entries name the operation, which changes with the trace.
    connect(menu, &QMenu::aboutToShow, this, [this, fastest, slowest]() {
        const QString operation = m_tree && m_tree->nodeCount() > 0
                                      ? QString::fromStdString(m_tree->span(0).name)
                                      : tr("operation");
        fastest->setText(tr("The fastest “%1” in the time range").arg(operation));
        slowest->setText(tr("The slowest “%1” in the time range").arg(operation));
    });
    connect(fastest, &QAction::triggered, this, [this]() {
        if (m_trace)
            Q_EMIT compareWithBaselineRequested(m_trace->traceId, CompareBaseline::Fastest);
    });
    connect(slowest, &QAction::triggered, this, [this]() {
        if (m_trace)
            Q_EMIT compareWithBaselineRequested(m_trace->traceId, CompareBaseline::Slowest);
    });
    connect(byId, &QAction::triggered, this, [this]() {
        if (!m_trace)
            return;
        auto *dialog = new QInputDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowTitle(tr("Compare with a trace"));
        dialog->setLabelText(tr("Trace id (32 hex digits):"));
        dialog->setTextValue(QApplication::clipboard()->text().trimmed().left(64));
        connect(dialog, &QInputDialog::textValueSelected, this,
                [this](const QString &text) { compareWithTraceIdText(text); });
        dialog->open();
    });
    return m_compareButton;
}

bool TraceInspector::compareWithTraceIdText(const QString &text)
{
    if (!m_trace)
        return false;
    const std::optional<TraceId> other = TraceFilterText::parseTraceId(text);
    if (!other) {
        showCompareProblem(tr("“%1” is not a trace id: it has 32 hex digits.").arg(text.trimmed()));
        return false;
    }
    if (*other == m_trace->traceId) {
        showCompareProblem(tr("That is this trace; give the id of another one."));
        return false;
    }
    m_lastCompareProblem.clear();
    Q_EMIT compareWithTraceRequested(m_trace->traceId, *other);
    return true;
}

void TraceInspector::showCompareProblem(const QString &text)
{
    m_lastCompareProblem = text;
    if (m_compareButton->isVisible())
        QToolTip::showText(m_compareButton->mapToGlobal(m_compareButton->rect().bottomLeft()), text,
                           m_compareButton);
}

void TraceInspector::setCompareButtonVisible(bool visible)
{
    m_compareButton->setVisible(visible);
}

QWidget *TraceInspector::createFindBar()
{
    auto *bar = new QWidget;
    bar->setObjectName(QStringLiteral("traceFindBar"));
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(6);
    m_findEdit = new QLineEdit;
    m_findEdit->setObjectName(QStringLiteral("traceFindEdit"));
    m_findEdit->setPlaceholderText(tr("Find in trace: name, attribute, key=value  (Ctrl+F)"));
    m_findEdit->setClearButtonEnabled(true);
    m_findEdit->setToolTip(
        tr("Words match part of a span's name, service, id, status message, event names or "
           "attribute keys and values (ignoring case); key=value matches one attribute, "
           "\"quotes\" hold spaces; every word must match. Enter: next match, Shift+Enter: "
           "previous, Esc: clear."));
    layout->addWidget(m_findEdit, 1);
    const auto addFilterBox = [layout](const char *name, const QString &toolTip) {
        auto *box = new QComboBox;
        box->setObjectName(QLatin1String(name));
        box->setToolTip(toolTip);
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        layout->addWidget(box);
        return box;
    };
    m_findService = addFilterBox("traceFindService", tr("Only spans of this service"));
    m_findKind = addFilterBox("traceFindKind", tr("Only spans of this kind"));
    const auto addStepButton
        = [layout](const char *name, Qt::ArrowType arrow, const QString &toolTip) {
              auto *button = new QToolButton;
              button->setObjectName(QLatin1String(name));
              button->setArrowType(arrow);
              button->setAutoRaise(true);
              button->setToolTip(toolTip);
              layout->addWidget(button);
              return button;
          };
    m_findPreviousButton
        = addStepButton("traceFindPrevious", Qt::UpArrow, tr("Previous match (Shift+F3)"));
    m_findNextButton = addStepButton("traceFindNext", Qt::DownArrow, tr("Next match (F3)"));
    m_findStatus = new QLabel;
    m_findStatus->setObjectName(QStringLiteral("traceFindStatus"));
    m_findStatus->setMinimumWidth(
        m_findStatus->fontMetrics().horizontalAdvance(QStringLiteral("00000 of 00000")));
    layout->addWidget(m_findStatus);
    resetFindFilters();

    // Typing waits for a pause; each keystroke would otherwise search a huge trace again.
    m_findDelay = new QTimer(this);
    m_findDelay->setSingleShot(true);
    m_findDelay->setInterval(150);
    connect(m_findDelay, &QTimer::timeout, this, [this]() { runFind(true); });
    connect(m_findEdit, &QLineEdit::textChanged, m_findDelay, qOverload<>(&QTimer::start));
    connect(m_findService, &QComboBox::activated, this, [this]() { runFind(false); });
    connect(m_findKind, &QComboBox::activated, this, [this]() { runFind(false); });
    connect(m_findPreviousButton, &QToolButton::clicked, this, &TraceInspector::findPrevious);
    connect(m_findNextButton, &QToolButton::clicked, this, &TraceInspector::findNext);

    // Named actions, so Help › Keyboard shortcuts lists the find bar's keys from the actions:
    // Ctrl+F, F3 and Shift+F3 work anywhere in the inspector, Enter and Escape in the field.
    const auto addShortcut = [](QWidget *owner, const char *name, const QString &text,
                                const QList<QKeySequence> &keys, Qt::ShortcutContext context) {
        auto *action = new QAction(text, owner);
        action->setObjectName(QLatin1String(name));
        action->setShortcuts(keys);
        action->setShortcutContext(context);
        owner->addAction(action);
        return action;
    };
    QAction *focusFind = addShortcut(this, "traceFindFocus", tr("Find in trace"),
                                     QKeySequence::keyBindings(QKeySequence::Find),
                                     Qt::WidgetWithChildrenShortcut);
    connect(focusFind, &QAction::triggered, this, [this]() {
        m_findEdit->setFocus(Qt::ShortcutFocusReason);
        m_findEdit->selectAll();
    });
    connect(addShortcut(this, "traceFindNextMatch", tr("Next match"),
                        QKeySequence::keyBindings(QKeySequence::FindNext),
                        Qt::WidgetWithChildrenShortcut),
            &QAction::triggered, this, &TraceInspector::findNext);
    connect(addShortcut(this, "traceFindPreviousMatch", tr("Previous match"),
                        QKeySequence::keyBindings(QKeySequence::FindPrevious),
                        Qt::WidgetWithChildrenShortcut),
            &QAction::triggered, this, &TraceInspector::findPrevious);
    // Enter in the field: a search still waiting for the typing pause runs now and goes to its
    // first match; otherwise it steps.
    const auto enterInField = [this](bool forward) {
        if (m_findDelay->isActive())
            runFind(true);
        else
            stepFind(forward);
    };
    connect(addShortcut(m_findEdit, "traceFindFieldNext", tr("Next match (in the find field)"),
                        {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)},
                        Qt::WidgetShortcut),
            &QAction::triggered, this, [enterInField]() { enterInField(true); });
    connect(addShortcut(
                m_findEdit, "traceFindFieldPrevious", tr("Previous match (in the find field)"),
                {QKeySequence(Qt::SHIFT | Qt::Key_Return), QKeySequence(Qt::SHIFT | Qt::Key_Enter)},
                Qt::WidgetShortcut),
            &QAction::triggered, this, [enterInField]() { enterInField(false); });
    // Only with text to clear: an empty field leaves Escape to the window (e.g. a dialog's).
    QAction *clearFind = addShortcut(m_findEdit, "traceFindClear", tr("Clear the find field"),
                                     {QKeySequence(Qt::Key_Escape)}, Qt::WidgetShortcut);
    clearFind->setEnabled(false);
    connect(m_findEdit, &QLineEdit::textChanged, clearFind,
            [clearFind](const QString &text) { clearFind->setEnabled(!text.isEmpty()); });
    connect(clearFind, &QAction::triggered, this, [this]() {
        m_findEdit->clear();
        runFind(false);
    });
    updateFindStatus();
    return bar;
}

void TraceInspector::resetFindFilters()
{
    // Keep the chosen service and kind when the next trace has them too.
    const QString service
        = m_findService->currentIndex() > 0 ? m_findService->currentText() : QString();
    const QVariant kind = m_findKind->currentData();
    m_findService->clear();
    m_findService->addItem(tr("All services"));
    m_findKind->clear();
    m_findKind->addItem(tr("All kinds"));
    if (!m_tree)
        return;
    QStringList services;
    for (const std::string &name : m_tree->services())
        services << QString::fromStdString(name);
    services.sort(Qt::CaseInsensitive);
    m_findService->addItems(services);
    m_findService->setCurrentIndex(std::max(0, m_findService->findText(service)));
    std::vector<bool> present(6, false);
    for (const TraceSpan &span : m_tree->trace()->spans)
        present[std::min<std::size_t>(std::size_t(span.span.kind), present.size() - 1)] = true;
    for (std::size_t value = 0; value < present.size(); ++value)
        if (present[value])
            m_findKind->addItem(SpanDetailsModel::kindName(SpanKind(value)), int(value));
    m_findKind->setCurrentIndex(kind.isValid() ? std::max(0, m_findKind->findData(kind)) : 0);
}

void TraceInspector::runFind(bool jumpToMatch)
{
    m_findDelay->stop();
    m_findError.clear();
    const std::optional<std::vector<TraceFilterText::SearchTerm>> terms
        = TraceFilterText::parseSearchTerms(m_findEdit->text());
    TraceSpanQuery query;
    if (terms)
        query.terms = *terms;
    else
        m_findError = tr("Close the quote, or put a key before =");
    if (m_findService->currentIndex() > 0)
        query.service = m_findService->currentText().toStdString();
    if (m_findKind->currentIndex() > 0)
        query.kind = SpanKind(m_findKind->currentData().toInt());
    if (!m_tree || !terms || query.isEmpty()) {
        m_findQuery.cancel();
        m_findMatches.clear();
        m_findActive = false;
        m_waterfall->setSearchMatches(std::nullopt);
        m_flameGraph->setSearchMatches(std::nullopt);
        updateFindStatus();
        Q_EMIT findFinished();
        return;
    }
    // On a worker: every attribute of a 100k-span trace takes tens of milliseconds to scan.
    m_findQuery.run(
        this,
        [trace = m_trace, query = std::move(query)] {
            return TraceSpanSearch::matchingSpans(*trace, query);
        },
        [this, tree = m_tree.get(), jumpToMatch](std::vector<int> spanIndexes) {
            if (tree == m_tree.get())
                showFindMatches(std::move(spanIndexes), jumpToMatch);
        });
}

void TraceInspector::showFindMatches(std::vector<int> spanIndexes, bool jumpToMatch)
{
    m_findMatches.clear();
    m_findMatches.reserve(spanIndexes.size());
    for (int spanIndex : spanIndexes)
        m_findMatches.push_back(m_tree->nodeOfSpanIndex(spanIndex));
    std::sort(m_findMatches.begin(), m_findMatches.end());
    m_findActive = true;
    m_waterfall->setSearchMatches(m_findMatches);
    m_flameGraph->setSearchMatches(m_findMatches);
    const int selected = m_waterfall->selectedNode();
    if (jumpToMatch && !m_findMatches.empty()
        && !std::binary_search(m_findMatches.begin(), m_findMatches.end(), selected))
        stepFind(true);
    updateFindStatus();
    Q_EMIT findFinished();
}

void TraceInspector::findNext()
{
    stepFind(true);
}

void TraceInspector::findPrevious()
{
    stepFind(false);
}

void TraceInspector::stepFind(bool forward)
{
    if (m_findMatches.empty())
        return;
    const int selected = m_waterfall->selectedNode();
    int node = 0;
    if (forward) {
        const auto next = std::upper_bound(m_findMatches.begin(), m_findMatches.end(), selected);
        node = next == m_findMatches.end() ? m_findMatches.front() : *next;
    } else {
        const auto at = std::lower_bound(m_findMatches.begin(), m_findMatches.end(), selected);
        node = at == m_findMatches.begin() ? m_findMatches.back() : *(at - 1);
    }
    selectNode(node, true);
    // Stepping while the flame graph is shown goes to the match there: zoomed out to show it.
    if (m_tabs->currentWidget() == m_flameGraph)
        m_flameGraph->revealNode(node);
}

void TraceInspector::updateFindStatus()
{
    const bool any = m_findActive && !m_findMatches.empty();
    m_findPreviousButton->setEnabled(any);
    m_findNextButton->setEnabled(any);
    QPalette statusPalette = palette();
    if (!m_findError.isEmpty()) {
        statusPalette.setColor(QPalette::WindowText, ServicePalette::errorColor());
        m_findStatus->setPalette(statusPalette);
        m_findStatus->setText(m_findError);
        return;
    }
    m_findStatus->setPalette(statusPalette);
    if (!m_findActive) {
        m_findStatus->clear();
        return;
    }
    if (m_findMatches.empty()) {
        m_findStatus->setText(tr("No match"));
        return;
    }
    const int selected = m_waterfall->selectedNode();
    const auto at = std::lower_bound(m_findMatches.begin(), m_findMatches.end(), selected);
    if (at != m_findMatches.end() && *at == selected)
        m_findStatus->setText(
            tr("%1 of %2").arg(at - m_findMatches.begin() + 1).arg(m_findMatches.size()));
    else
        m_findStatus->setText(tr("%Ln match(es)", nullptr, int(m_findMatches.size())));
}

QString TraceInspector::findStatusText() const
{
    return m_findStatus->text();
}

void TraceInspector::updateCriticalPathLine()
{
    const std::vector<CriticalPathSegment> &path = m_waterfall->criticalPathByNode();
    if (!m_tree || !m_waterfall->isCriticalPathShown() || path.empty()) {
        m_criticalPathLabel->clear();
        m_criticalPathLabel->hide();
        return;
    }
    const std::vector<CriticalPathShare> shares = CriticalPath::servicesByTime(*m_tree, path);
    std::int64_t totalNs = 0;
    for (const CriticalPathShare &share : shares)
        totalNs += share.timeNs;
    // The few services that took most of the path; the rest are in the tooltip.
    constexpr std::size_t shownServices = 5;
    QStringList shown;
    QStringList all;
    for (std::size_t i = 0; i < shares.size(); ++i) {
        const std::string &service = m_tree->services()[std::size_t(shares[i].serviceIndex)];
        const QString name = QString::fromStdString(service).toHtmlEscaped();
        const double percent = totalNs > 0 ? 100.0 * double(shares[i].timeNs) / double(totalNs) : 0;
        const QString share = percent >= 1 || percent == 0
                                  ? QStringLiteral("%1%").arg(qRound(percent))
                                  : QStringLiteral("<1%");
        const QString duration = formatDurationNs(shares[i].timeNs);
        all << QStringLiteral("%1 %2 (%3)").arg(name, duration, share);
        if (i < shownServices)
            shown << QStringLiteral("<span style='color:%1'>■</span> %2 <b>%3</b> (%4)")
                         .arg(ServicePalette::color(service).name(), name, duration, share);
    }
    if (shares.size() > shownServices)
        shown << tr("%1 more").arg(shares.size() - shownServices);
    m_criticalPathLabel->setText(tr("Critical path %1: ").arg(formatDurationNs(totalNs))
                                 + shown.join(QStringLiteral(" · ")));
    m_criticalPathLabel->setToolTip(
        tr("Time on the critical path per service, its own work only:\n")
        + all.join(QLatin1Char('\n')));
    m_criticalPathLabel->show();
}

void TraceInspector::collapseToCriticalPath()
{
    if (!m_tree)
        return;
    m_tabs->setCurrentWidget(m_waterfall);
    m_criticalPathButton->setChecked(true); // the waterfall's strips and the header's line
    m_waterfall->collapseToCriticalPath();
}

QString TraceInspector::criticalPathText() const
{
    return m_criticalPathLabel->isHidden() ? QString() : m_criticalPathLabel->text();
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
