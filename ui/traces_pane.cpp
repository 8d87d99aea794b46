#include "traces_pane.h"

#include "analysis/trace_scatter_series.h"
#include "chart_view.h"
#include "core/plural_count.h"
#include "core/time_format.h"
#include "export_control.h"
#include "service_palette.h"
#include "trace_comparison_window.h"
#include "trace_filter_bar.h"
#include "trace_inspector.h"
#include "trace_waterfall_view.h"
#include "trace_window.h"
#include "view/trace_list_model.h"
#include "view/trace_room_plan.h"
#include "view/workbench_state.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace kansoku {

namespace {

// The operation combo offers at most this many root operations.
constexpr std::size_t maxOperationsOffered = 500;

} // namespace

TracesPane::TracesPane(WorkbenchState *state, std::shared_ptr<const TelemetryQueries> queries,
                       QWidget *parent)
    : QWidget(parent)
    , m_state(state)
    , m_queries(std::move(queries))
    , m_filterBar(new TraceFilterBar(this))
    , m_scatter(new ChartView(this))
    , m_countLabel(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new TraceListModel(m_queries, this))
    , m_traceInspector(new TraceInspector(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_scatterTraces(std::make_shared<const std::vector<TraceSummary>>())
{
    m_scatter->setObjectName(QStringLiteral("traceScatter"));
    m_scatter->setLogarithmicValues(true);
    m_scatter->setValueAxisLabel(tr("duration (ms)"));
    m_scatter->setValueFormatter([](double ms) -> QString {
        return std::isfinite(ms) ? formatDurationNs(std::llround(ms * TraceScatterSeries::nsPerMs))
                                 : QString();
    });
    m_scatter->setLegendVisible(false);
    m_scatter->setMinimumHeight(140);

    m_table->setObjectName(QStringLiteral("traceTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several traces can be selected for export; the first newly selected one opens.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    const int digitWidth = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_table->setColumnWidth(TraceListModel::StartColumn,
                            fontMetrics().horizontalAdvance(QStringLiteral("May 30 00:00:00.000"))
                                + 24);
    // Narrow enough that every column fits a pane beside two others; services take the rest.
    m_table->setColumnWidth(TraceListModel::RootServiceColumn, 14 * digitWidth);
    m_table->setColumnWidth(TraceListModel::RootOperationColumn, 20 * digitWidth);
    m_table->setColumnWidth(TraceListModel::DurationColumn, 10 * digitWidth);
    m_table->setColumnWidth(TraceListModel::SpanCountColumn, 7 * digitWidth);
    m_table->setColumnWidth(TraceListModel::ErrorCountColumn, 7 * digitWidth);
    header->setSortIndicator(TraceListModel::StartColumn, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    // The store orders by start time or duration only: other headers keep the current order.
    connect(header, &QHeaderView::sortIndicatorChanged, this,
            [this, header](int column, Qt::SortOrder order) {
                if (TraceListModel::sortOrderFor(column, order))
                    return;
                const auto [sortColumn, sortOrder]
                    = TraceListModel::headerSortFor(m_model->sortOrder());
                const QSignalBlocker blocker(header);
                header->setSortIndicator(sortColumn, sortOrder);
            });

    m_emptyLabel = new QLabel(m_table->viewport());
    m_emptyLabel->setObjectName(QStringLiteral("traceListEmpty"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setStyleSheet(QStringLiteral("color: #808080;"));
    m_emptyLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_table->viewport()->installEventFilter(this);

    m_countLabel->setObjectName(QStringLiteral("traceCount"));
    m_countLabel->setStyleSheet(QStringLiteral("color: #606060;"));
    m_countLabel->setContentsMargins(6, 0, 6, 0);

    auto *listArea = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listArea);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(2);
    m_export = new ExportControl(listArea);
    m_export->addExport(
        tr("Export selected traces as OTLP JSON lines…"), QStringLiteral("traces.jsonl"),
        tr("OTLP JSON lines (*.jsonl)"), tr("spans"), [this]() -> ExportControl::Work {
            std::vector<TraceId> traceIds = selectedTraceIds();
            if (traceIds.empty()) {
                m_export->showError(tr("Select one or more traces in the list"));
                return {};
            }
            return [queries = m_queries, traceIds = std::move(traceIds)](const QString &path) {
                return TelemetryExporter::writeTraces(*queries, traceIds, path);
            };
        });
    m_export->addSeparator();
    m_export->addChartImageExports(m_scatter, tr("duration scatter"),
                                   QStringLiteral("trace-durations"));
    auto *listHeader = new QHBoxLayout;
    listHeader->setContentsMargins(0, 0, 0, 0);
    listHeader->addWidget(m_countLabel, 1);
    listHeader->addWidget(m_export);
    listLayout->addLayout(listHeader);
    listLayout->addWidget(m_table);

    m_traceInspector->setObjectName(QStringLiteral("traceInspector"));
    m_browser = new QWidget(this);
    m_browser->setObjectName(QStringLiteral("traceBrowser"));
    auto *browserLayout = new QVBoxLayout(m_browser);
    browserLayout->setContentsMargins(0, 0, 0, 0);
    browserLayout->setSpacing(0);
    auto *browserSplitter = new QSplitter(Qt::Vertical, m_browser);
    browserSplitter->setChildrenCollapsible(false);
    browserSplitter->addWidget(m_scatter);
    browserSplitter->addWidget(listArea);
    browserSplitter->setStretchFactor(0, 2);
    browserSplitter->setStretchFactor(1, 3);
    browserSplitter->setSizes({220, 260});
    browserLayout->addWidget(m_filterBar);
    browserLayout->addWidget(browserSplitter, 1);

    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_browser);
    m_splitter->addWidget(m_traceInspector);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    // Without an open trace the browser gets most of the height (arrangeTraceRoom() after).
    m_splitter->setSizes({700, 300});

    // The strip over an open trace: the browser's fold button and what it holds.
    m_browserToggle = new QAction(this);
    m_browserToggle->setObjectName(QStringLiteral("browserToggle"));
    m_browserToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_browserToggle->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_browserToggle);
    connect(m_browserToggle, &QAction::triggered, this, &TracesPane::toggleBrowser);
    m_roomStrip = new QWidget(this);
    m_roomStrip->setObjectName(QStringLiteral("traceRoomStrip"));
    auto *stripLayout = new QHBoxLayout(m_roomStrip);
    stripLayout->setContentsMargins(2, 1, 6, 1);
    auto *toggleButton = new QToolButton(m_roomStrip);
    toggleButton->setObjectName(QStringLiteral("browserToggleButton"));
    toggleButton->setDefaultAction(m_browserToggle);
    toggleButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggleButton->setAutoRaise(true);
    stripLayout->addWidget(toggleButton);
    m_roomStripLabel = new QLabel(m_roomStrip);
    m_roomStripLabel->setObjectName(QStringLiteral("traceRoomStripLabel"));
    m_roomStripLabel->setForegroundRole(QPalette::PlaceholderText);
    stripLayout->addWidget(m_roomStripLabel, 1);
    m_roomStrip->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_roomStrip);
    layout->addWidget(m_splitter, 1);
    updateRoomStrip();

    connect(m_filterBar, &TraceFilterBar::filtersChanged, this, [this] { reload(); });
    connect(m_scatter, &ChartView::rangeSelected, this,
            [this](const TimeRange &range) { m_state->setCustomRange(range); });
    connect(m_scatter, &ChartView::scatterPointClicked, this, [this](int series, int point) {
        // Series 1 is the open trace's marker: nothing more to open.
        if (series == 0 && point >= 0 && std::size_t(point) < m_scatterTraces->size())
            m_state->selectSpan((*m_scatterTraces)[std::size_t(point)].traceId);
    });

    connect(m_model, &TraceListModel::loaded, this, &TracesPane::onListLoaded);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TracesPane::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TracesPane::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TracesPane::updateEmptyState);
    // Selection, not the current index: focusing the table makes a row current without
    // selecting it, and that must not replace the open trace.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this](const QItemSelection &selected) {
                if (!selected.indexes().isEmpty())
                    onRowSelected(selected.indexes().first().row());
            });
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { onRowSelected(index.row()); });

    // Two traces selected (Ctrl+click): compare them side by side, from the list's context menu
    // or Ctrl+D.
    m_compareAction = new QAction(tr("Compare the two selected traces"), m_table);
    m_compareAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_compareAction->setShortcutContext(Qt::WidgetShortcut);
    m_compareAction->setEnabled(false);
    m_table->addAction(m_compareAction);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_compareAction, &QAction::triggered, this, [this] { compareSelectedTraces(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_compareAction->setEnabled(m_table->selectionModel()->selectedRows().size() == 2);
    });

    // The trace under the cursor (or the first selected) in a window of its own.
    m_openInWindowAction = new QAction(tr("Open the trace in a new window"), m_table);
    m_table->addAction(m_openInWindowAction);
    connect(m_openInWindowAction, &QAction::triggered, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid() && current.row() < m_model->rowCount())
            openTraceInWindow(m_model->summary(current.row()).traceId);
    });
    connect(m_traceInspector, &TraceInspector::openInWindowRequested, this,
            [this](const TraceId &traceId) { openTraceInWindow(traceId); });
    connect(m_traceInspector, &TraceInspector::compareWithBaselineRequested, this,
            &TracesPane::compareWithBaseline);
    // A: the trace compared with, B: the open one, as for the baselines.
    connect(
        m_traceInspector, &TraceInspector::compareWithTraceRequested, this,
        [this](const TraceId &traceId, const TraceId &other) { compareTraces(other, traceId); });

    connect(m_traceInspector, &TraceInspector::spanSelected, m_state, &WorkbenchState::selectSpan);
    connect(m_traceInspector, &TraceInspector::linkActivated, m_state, &WorkbenchState::selectSpan);
    connect(m_traceInspector, &TraceInspector::logsOfTraceRequested, this,
            [this](const TraceId &traceId) { m_state->requestLogsOf(traceId); });
    connect(m_traceInspector, &TraceInspector::logsOfSpanRequested, m_state,
            &WorkbenchState::requestLogsOf);

    // A range that follows live data moves on every commit: refresh in place, keeping the rows
    // the user looks at. Any other range change starts over.
    connect(m_state, &WorkbenchState::timeRangeChanged, this, [this] {
        const bool following = m_state->isFollowingLive()
                               && m_state->rangePreset() != WorkbenchState::RangePreset::Custom;
        scheduleReload(following ? Reload::Live : Reload::Full);
    });
    connect(m_state, &WorkbenchState::traceOperationRequested, m_filterBar,
            &TraceFilterBar::setOperation);
    connect(m_state, &WorkbenchState::serviceChanged, this, [this] {
        m_filterBar->setService(m_state->service());
        scheduleReload(Reload::Full);
    });
    connect(m_state, &WorkbenchState::telemetryCommitted, this,
            [this] { scheduleReload(Reload::Live); });
    connect(m_state, &WorkbenchState::telemetryRemoved, this, [this] {
        scheduleReload(Reload::Full);
        // The open trace may be gone: asking again shows it, or says it is no longer here.
        if (m_openTraceId && !m_traceQuery.isBusy()) {
            m_wantedSpanId = {};
            loadTrace(*m_openTraceId);
        }
    });
    connect(m_state, &WorkbenchState::spanSelected, this, &TracesPane::openTrace);
    connect(m_state, &WorkbenchState::highlightChanged, this, &TracesPane::applyHighlight);

    m_filterBar->setService(m_state->service());
    reload();
    if (const std::optional<TraceId> selected = m_state->selectedTraceId())
        openTrace(*selected, m_state->selectedSpanId());
}

void TracesPane::scheduleReload(Reload kind)
{
    m_fullReloadPending = m_fullReloadPending || kind == Reload::Full;
    if (m_reloadScheduled)
        return;
    m_reloadScheduled = true;
    // One pass per event-loop turn, however many signals arrived in it.
    QTimer::singleShot(0, this, [this] {
        m_reloadScheduled = false;
        const bool full = m_fullReloadPending;
        m_fullReloadPending = false;
        if (full)
            reload();
        else
            refreshLive();
    });
}

TraceQuery TracesPane::currentFilters() const
{
    TraceQuery query = m_filterBar->filters();
    query.range = m_state->timeRange();
    return query;
}

bool TracesPane::filtersActive() const
{
    const TraceQuery query = m_filterBar->filters();
    return !query.service.empty() || !query.operation.empty() || query.minDurationNs
           || query.maxDurationNs || query.errorsOnly || !query.attributeFilters.empty()
           || query.traceId;
}

void TracesPane::reload()
{
    m_scatter->setTimeRange(m_state->displayRange());
    m_model->setQuery(currentFilters());
    m_scatterRefreshQueued = false;
    loadScatter();
    loadServices();
    updateEmptyState();
}

void TracesPane::refreshLive()
{
    m_scatter->setTimeRange(m_state->displayRange());
    if (m_model->query().range == m_state->timeRange())
        m_model->refresh();
    else
        m_model->setRange(m_state->timeRange());
    // A scatter query still running will be followed by one more, never by a pile of them.
    if (m_scatterQuery.isBusy())
        m_scatterRefreshQueued = true;
    else
        loadScatter();
    if (!m_servicesQuery.isBusy())
        loadServices();
}

void TracesPane::loadScatter()
{
    TraceQuery query = currentFilters();
    query.sortOrder = TraceSortOrder::StartTimeDescending;
    query.limit = ScatterLimit;
    m_scatterQuery.run(
        this,
        [queries = m_queries, query] {
            return std::make_shared<const std::vector<TraceSummary>>(queries->traces(query));
        },
        [this](std::shared_ptr<const std::vector<TraceSummary>> traces) {
            showScatter(std::move(traces));
            if (m_scatterRefreshQueued) {
                m_scatterRefreshQueued = false;
                loadScatter();
            }
        });
}

void TracesPane::showScatter(std::shared_ptr<const std::vector<TraceSummary>> traces)
{
    m_scatterTraces = std::move(traces);
    m_scatterLoaded = true;
    m_scatter->setEmptyText(filtersActive() ? tr("No traces match the filters")
                                            : tr("No traces in this range"));
    updateScatterSeries();
    for (const TraceSummary &trace : *m_scatterTraces) {
        if (m_operationsSeen.size() >= maxOperationsOffered)
            break;
        if (!trace.rootName.empty())
            m_operationsSeen.insert(trace.rootName);
    }
    m_filterBar->setOperations({m_operationsSeen.begin(), m_operationsSeen.end()});
    updateCountLabel();
    Q_EMIT scatterUpdated();
}

void TracesPane::updateScatterSeries()
{
    std::vector<ChartSeries> series{TraceScatterSeries::build(*m_scatterTraces, tr("Traces"))};
    // The open trace as a second, differently coloured dot drawn on top of the others.
    if (m_openTraceId) {
        const auto open = std::find_if(
            m_scatterTraces->begin(), m_scatterTraces->end(),
            [this](const TraceSummary &trace) { return trace.traceId == *m_openTraceId; });
        if (open != m_scatterTraces->end()) {
            ChartSeries marker = TraceScatterSeries::build({*open}, tr("Open trace"));
            marker.color = ServicePalette::highlightColor();
            marker.highlighted.clear();
            series.push_back(std::move(marker));
        }
    }
    m_scatter->setSeries(std::move(series));
}

void TracesPane::loadServices()
{
    m_servicesQuery.run(
        this, [queries = m_queries] { return queries->services(); },
        [this](const std::vector<std::string> &services) { m_filterBar->setServices(services); });
}

void TracesPane::openTrace(const TraceId &traceId, const SpanId &spanId)
{
    selectRowOf(traceId);
    m_wantedSpanId = spanId;
    const std::shared_ptr<const Trace> shown = m_traceInspector->trace();
    if (shown && shown->traceId == traceId && m_openTraceId == traceId) {
        if (!spanId.isZero() && spanId != m_traceInspector->selectedSpanId())
            m_traceInspector->selectSpan(spanId);
        return;
    }
    if (m_openTraceId == traceId && m_traceQuery.isBusy())
        return; // already on its way; the wanted span is applied when it arrives
    loadTrace(traceId);
}

void TracesPane::loadTrace(const TraceId &traceId)
{
    const bool changed = m_openTraceId != traceId;
    m_openTraceId = traceId;
    if (changed)
        updateScatterSeries();
    const int row = m_model->rowOf(traceId);
    m_shownSummarySpanCount = row >= 0 ? m_model->summary(row).spanCount : 0;
    m_traceQuery.run(
        this,
        [queries = m_queries, traceId]() -> std::shared_ptr<const Trace> {
            std::optional<Trace> trace = queries->trace(traceId);
            if (!trace)
                return nullptr;
            return std::make_shared<const Trace>(std::move(*trace));
        },
        [this, traceId](std::shared_ptr<const Trace> trace) {
            showLoadedTrace(traceId, std::move(trace));
        });
}

void TracesPane::showLoadedTrace(const TraceId &traceId, std::shared_ptr<const Trace> trace)
{
    // A reload of the shown trace (more spans arrived) keeps the span the user is looking at,
    // and the rest of the view: the inspector sees that it is the same trace.
    const std::shared_ptr<const Trace> previous = m_traceInspector->trace();
    m_traceInspector->setTrace(trace);
    if (!trace) {
        const QString id = QString::fromStdString(toHex(traceId));
        m_traceInspector->setEmptyText(
            previous && previous->traceId == traceId
                ? tr("Trace %1 is no longer in this session: the session's limits or Clear "
                     "session data removed it.")
                      .arg(id)
                : tr("Trace %1 is not in this session.").arg(id));
    }
    applyHighlight();
    if (trace && !m_wantedSpanId.isZero())
        m_traceInspector->selectSpan(m_wantedSpanId);
    // A reload of the trace on screen (live spans) keeps the room as the user has it.
    if (!previous || !trace || previous->traceId != trace->traceId)
        arrangeTraceRoom();
    Q_EMIT traceLoaded(trace);
}

void TracesPane::applyHighlight()
{
    const std::shared_ptr<const Trace> shown = m_traceInspector->trace();
    const bool ofShownTrace = shown && m_state->highlightedTraceId() == shown->traceId;
    m_traceInspector->setHighlightedSpans(ofShownTrace ? m_state->highlightedSpans()
                                                       : std::vector<SpanId>{});
}

void TracesPane::selectRowOf(const TraceId &traceId)
{
    const int row = m_model->rowOf(traceId);
    QItemSelectionModel *selection = m_table->selectionModel();
    m_syncingSelection = true;
    if (row < 0) {
        selection->clearSelection();
    } else if (selection->currentIndex().row() != row || !selection->isRowSelected(row)) {
        selection->setCurrentIndex(m_model->index(row, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(m_model->index(row, 0));
    }
    m_syncingSelection = false;
}

void TracesPane::onRowSelected(int row)
{
    if (m_syncingSelection || row < 0 || row >= m_model->rowCount())
        return;
    const TraceId traceId = m_model->summary(row).traceId;
    if (m_openTraceId == traceId)
        return; // e.g. the row moved after a live refresh
    m_state->selectSpan(traceId);
}

void TracesPane::onListLoaded()
{
    updateEmptyState();
    if (!m_openTraceId)
        return;
    const int row = m_model->rowOf(*m_openTraceId);
    if (row < 0)
        return;
    // After a new query or sort the open trace's row is selected again once it is loaded.
    if (!m_table->selectionModel()->isRowSelected(row))
        selectRowOf(*m_openTraceId);
    // Live data added spans to the open trace: show them.
    const std::int64_t spanCount = m_model->summary(row).spanCount;
    if (m_shownSummarySpanCount != 0 && spanCount != m_shownSummarySpanCount
        && !m_traceQuery.isBusy()) {
        m_wantedSpanId = {};
        loadTrace(*m_openTraceId);
    }
}

std::vector<TraceId> TracesPane::selectedTraceIds() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    std::vector<TraceId> traceIds;
    for (const QModelIndex &index : rows) {
        if (index.row() < m_model->rowCount())
            traceIds.push_back(m_model->summary(index.row()).traceId);
    }
    return traceIds;
}

TraceComparisonWindow *TracesPane::compareSelectedTraces()
{
    const std::vector<TraceId> traceIds = selectedTraceIds();
    if (traceIds.size() != 2)
        return nullptr;
    return compareTraces(traceIds[0], traceIds[1]);
}

TraceComparisonWindow *TracesPane::compareTraces(const TraceId &a, const TraceId &b)
{
    auto *window = new TraceComparisonWindow(m_queries, a, b, this);
    window->show();
    Q_EMIT comparisonOpened(window);
    return window;
}

void TracesPane::compareWithBaseline(const TraceId &traceId,
                                     TraceInspector::CompareBaseline baseline)
{
    const std::shared_ptr<SpanTree> tree = m_traceInspector->waterfallView()->tree();
    if (!tree || tree->nodeCount() == 0 || tree->trace()->traceId != traceId)
        return;
    TraceQuery query;
    query.range = m_state->timeRange();
    query.service = tree->serviceOf(0);
    query.operation = tree->span(0).name;
    query.sortOrder = baseline == TraceInspector::CompareBaseline::Fastest
                          ? TraceSortOrder::DurationAscending
                          : TraceSortOrder::DurationDescending;
    query.limit = 2; // the open trace may be the fastest (slowest) itself
    const QString operation = QString::fromStdString(query.operation);
    m_baselineQuery.run(
        this, [queries = m_queries, query] { return queries->traces(query); },
        [this, traceId, operation](std::vector<TraceSummary> found) {
            for (const TraceSummary &summary : found) {
                if (summary.traceId != traceId) {
                    compareTraces(summary.traceId, traceId);
                    return;
                }
            }
            m_traceInspector->showCompareProblem(
                tr("No other “%1” trace in the time range to compare with.").arg(operation));
        });
}

void TracesPane::arrangeTraceRoom()
{
    if (!m_traceInspector->trace()) {
        setBrowserShown(true, true);
        m_splitter->setSizes({height() * 70 / 100, height() * 30 / 100});
        return;
    }
    if (m_browserChosen) {
        setBrowserShown(*m_browserChosen, true);
        return;
    }
    // The browser at its smallest useful size: filters, the list's header line and a few rows.
    const int listMinPx = m_filterBar->sizeHint().height() + m_export->sizeHint().height()
                          + m_table->horizontalHeader()->sizeHint().height()
                          + 4 * m_table->verticalHeader()->defaultSectionSize()
                          + 2 * m_table->frameWidth() + m_splitter->handleWidth();
    const int scatterMinPx = m_scatter->minimumHeight() + m_splitter->handleWidth();
    // Room for the strip, which shows from now on.
    const int paneHeightPx = height() - m_roomStrip->sizeHint().height();
    const TraceRoomSplit split = TraceRoomPlan::split(
        paneHeightPx, m_traceInspector->wantedHeight(), listMinPx, scatterMinPx);
    setBrowserShown(split.browserShown, split.scatterShown);
    if (split.browserShown)
        m_splitter->setSizes({split.browserHeightPx, split.traceHeightPx});
}

void TracesPane::setBrowserShown(bool shown, bool scatterShown)
{
    const bool wasShown = !m_browser->isHidden();
    m_scatter->setVisible(scatterShown);
    m_browser->setVisible(shown);
    if (shown && !wasShown)
        m_splitter->setSizes({height() * 45 / 100, height() * 55 / 100});
    updateRoomStrip();
}

bool TracesPane::isBrowserFolded() const
{
    return m_browser->isHidden();
}

void TracesPane::toggleBrowser()
{
    if (!m_traceInspector->trace())
        return; // nothing to make room for: the browser stays
    m_browserChosen = isBrowserFolded();
    setBrowserShown(*m_browserChosen, true);
    if (*m_browserChosen)
        m_table->setFocus();
    else
        m_traceInspector->waterfallView()->setFocus();
}

void TracesPane::updateRoomStrip()
{
    const bool folded = isBrowserFolded();
    m_roomStrip->setVisible(m_traceInspector->trace() != nullptr);
    m_browserToggle->setText(folded ? tr("Show trace list") : tr("Hide trace list"));
    m_browserToggle->setToolTip(
        (folded ? tr("Bring back the filters, the scatter and the trace list")
                : tr("Give the open trace the whole height"))
        + QStringLiteral(" (%1)").arg(
            m_browserToggle->shortcut().toString(QKeySequence::NativeText)));
    m_browserToggle->setIcon(style()->standardIcon(folded ? QStyle::SP_TitleBarUnshadeButton
                                                          : QStyle::SP_TitleBarShadeButton));
    m_roomStripLabel->setText(m_countLabel->text());
}

TraceWindow *TracesPane::openTraceInWindow(const TraceId &traceId)
{
    auto *window = new TraceWindow(m_state, m_queries, traceId, this);
    window->show();
    return window;
}

QString TracesPane::emptyText() const
{
    return m_emptyLabel->isHidden() ? QString() : m_emptyLabel->text();
}

void TracesPane::updateEmptyState()
{
    QString text;
    if (m_model->rowCount() == 0) {
        if (!m_model->hasLoaded())
            text = tr("Loading traces…");
        else if (m_filterBar->hasInvalidInput())
            text = tr("No traces match the filters (fields in red are ignored)");
        else
            text = filtersActive() ? tr("No traces match the filters")
                                   : tr("No traces in this range");
    }
    m_emptyLabel->setText(text);
    m_emptyLabel->setVisible(!text.isEmpty());
    m_emptyLabel->setGeometry(m_table->viewport()->rect());
}

void TracesPane::updateCountLabel()
{
    const auto count = static_cast<qint64>(m_scatterTraces->size());
    const QString number = QLocale().toString(count);
    const bool filtered = filtersActive();
    if (count >= ScatterLimit)
        m_countLabel->setText(filtered ? tr("Newest %1 matching traces on the chart").arg(number)
                                       : tr("Newest %1 traces on the chart").arg(number));
    else
        m_countLabel->setText(
            filtered ? tr("%Ln matching trace(s) in range", nullptr, pluralCount(count))
                     : tr("%Ln trace(s) in range", nullptr, pluralCount(count)));
    m_roomStripLabel->setText(m_countLabel->text());
}

bool TracesPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        m_emptyLabel->setGeometry(m_table->viewport()->rect());
    return QWidget::eventFilter(watched, event);
}

} // namespace kansoku
