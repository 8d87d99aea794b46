#include "dashboards_pane.h"

#include "chart_view.h"
#include "dashboard_chart_tile.h"
#include "on_screen_watch.h"
#include "view/dashboard_list_model.h"
#include "view/metric_browser_model.h"
#include "view/metric_points_fetch.h"
#include "view/workbench_state.h"

#include <QGridLayout>
#include <QLabel>
#include <QListView>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cstdlib>

namespace kansoku {

namespace {

constexpr int tileMinWidth = 480; // below this a tile's legend and axis labels crowd the plot
constexpr int tileMinHeight = 260;
constexpr int tileMaxHeight = 440;
constexpr int maxColumns = 3;

bool hasPoints(const std::vector<MetricStreamWithPoints> &data)
{
    return std::any_of(data.begin(), data.end(), [](const MetricStreamWithPoints &stream) {
        return stream.metric.pointCount() > 0;
    });
}

} // namespace

DashboardsPane::DashboardsPane(WorkbenchState *state,
                               std::shared_ptr<const TelemetryQueries> queries, QWidget *parent)
    : QWidget(parent)
    , m_state(state)
    , m_queries(std::move(queries))
    , m_model(new DashboardListModel(this))
    , m_list(new QListView(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_title(new QLabel(this))
    , m_description(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_grid(new QWidget)
    , m_gridLayout(new QGridLayout(m_grid))
{
    m_list->setObjectName(QStringLiteral("dashboardList"));
    m_list->setModel(m_model);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);
    m_list->setMinimumWidth(150);

    m_empty->setObjectName(QStringLiteral("dashboardsEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::RichText);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_empty->setContentsMargins(16, 16, 16, 16);

    m_title->setObjectName(QStringLiteral("dashboardTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_description->setObjectName(QStringLiteral("dashboardDescription"));
    m_description->setWordWrap(true);
    m_description->setStyleSheet(QStringLiteral("color: palette(mid);"));

    m_grid->setObjectName(QStringLiteral("dashboardGrid"));
    m_gridLayout->setContentsMargins(0, 0, 0, 0);
    m_gridLayout->setSpacing(6);
    m_scroll->setWidget(m_grid);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *dashboard = new QWidget(this);
    auto *dashboardLayout = new QVBoxLayout(dashboard);
    dashboardLayout->setContentsMargins(6, 4, 4, 4);
    dashboardLayout->setSpacing(4);
    dashboardLayout->addWidget(m_title);
    dashboardLayout->addWidget(m_description);
    dashboardLayout->addWidget(m_scroll, 1);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(dashboard);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 1180});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const OfferedDashboard *offered = m_model->dashboardAt(current);
                if (!m_applying && offered && offered->key() != m_currentKey)
                    showDashboard(offered);
            });
    m_onScreen = new OnScreenWatch(this);
    connect(m_onScreen, &OnScreenWatch::shown, this, [this] {
        if (std::exchange(m_reloadDeferred, false))
            scheduleReload();
    });
    connect(m_state, &WorkbenchState::timeRangeChanged, this, &DashboardsPane::scheduleReload);
    connect(m_state, &WorkbenchState::serviceChanged, this, &DashboardsPane::scheduleReload);
    connect(m_state, &WorkbenchState::telemetryCommitted, this, &DashboardsPane::scheduleReload);
    updateEmptyState();
    scheduleReload();
}

bool DashboardsPane::selectDashboard(const QString &key)
{
    const int row = m_model->rowOfKey(key);
    if (row < 0)
        return false;
    m_list->setCurrentIndex(m_model->index(row));
    return true;
}

bool DashboardsPane::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

QString DashboardsPane::emptyStateText() const
{
    return m_empty->text();
}

bool DashboardsPane::isLoading() const
{
    return m_reloadPending || m_streamsQuery.isBusy() || m_pointsQuery.isBusy();
}

void DashboardsPane::scheduleReload()
{
    // Commits, range and service changes arriving in one tick make one reload.
    if (m_reloadPending)
        return;
    m_reloadPending = true;
    QTimer::singleShot(0, this, [this] {
        m_reloadPending = false;
        if (!m_onScreen->isOnScreen()) {
            // Nobody looks at it (closed, or a tab behind another pane): query when it shows.
            m_reloadDeferred = true;
            return;
        }
        reloadStreams();
    });
}

void DashboardsPane::reloadStreams()
{
    MetricStreamQuery query;
    query.service = m_state->service().toStdString();
    query.range = m_state->timeRange();
    m_streamsQuery.run(
        this, [queries = m_queries, query] { return queries->metricStreams(query); },
        [this](std::vector<MetricStream> streams) { applyStreams(std::move(streams)); });
}

void DashboardsPane::applyStreams(std::vector<MetricStream> streams)
{
    m_streams = std::move(streams);
    const QString key = m_currentKey;
    m_model->setDashboards(DashboardCatalog::offered(m_streams));
    updateEmptyState();
    int row = m_model->rowOfKey(key);
    if (row < 0 && m_model->rowCount() > 0)
        row = 0; // the first one rather than an empty grid
    if (row < 0) {
        showDashboard(nullptr);
        return;
    }
    const QModelIndex index = m_model->index(row);
    const OfferedDashboard *offered = m_model->dashboardAt(index);
    m_applying = true;
    m_list->setCurrentIndex(index);
    m_applying = false;
    // The same dashboard keeps its tiles unless the charts it can draw changed.
    if (offered->key() == key && offered->charts.size() == m_tiles.size())
        reloadCharts();
    else
        showDashboard(offered);
}

void DashboardsPane::showDashboard(const OfferedDashboard *offered)
{
    m_pointsQuery.cancel();
    for (DashboardChartTile *tile : m_tiles)
        tile->deleteLater();
    m_tiles.clear();
    m_currentKey = offered ? offered->key() : QString();
    updateEmptyState();
    if (!offered)
        return;
    m_title->setText(offered->title());
    m_description->setText(offered->dashboard->description);
    for (std::size_t index : offered->charts) {
        auto *tile = new DashboardChartTile(offered->dashboard->charts[index], m_grid);
        connect(tile, &DashboardChartTile::openRequested, this,
                [this, tile] { openInMetrics(tile); });
        connect(tile, &DashboardChartTile::rangeSelected, m_state, &WorkbenchState::setCustomRange);
        connect(tile, &DashboardChartTile::exemplarClicked, this,
                [this](const TraceId &traceId, const SpanId &spanId) {
                    m_state->selectSpan(traceId, spanId);
                    Q_EMIT tracesPaneWanted();
                });
        m_tiles.push_back(tile);
    }
    layoutTiles();
    m_scroll->verticalScrollBar()->setValue(0);
    reloadCharts();
}

void DashboardsPane::reloadCharts()
{
    const int row = m_model->rowOfKey(m_currentKey);
    const OfferedDashboard *offered = m_model->dashboardAt(m_model->index(row));
    if (!offered)
        return;
    const TimeRange range = m_state->timeRange();
    const TimeRange display = m_state->displayRange();
    m_queriedPlotWidth = tilePlotWidth();
    std::vector<MetricPointsFetch> fetches;
    fetches.reserve(m_tiles.size());
    for (DashboardChartTile *tile : m_tiles) {
        const std::vector<MetricStream> streams
            = DashboardCatalog::chartStreams(*offered, tile->spec(), m_streams);
        fetches.push_back(MetricPointsFetch::plan(streams, range, display, m_queriedPlotWidth));
    }
    // Every chart of the dashboard on one worker job, in tile order.
    m_pointsQuery.run(
        this,
        [queries = m_queries, fetches] {
            std::vector<std::vector<MetricStreamWithPoints>> result;
            result.reserve(fetches.size());
            for (const MetricPointsFetch &fetch : fetches)
                result.push_back(fetch.run(*queries));
            return result;
        },
        [this, fetches](std::vector<std::vector<MetricStreamWithPoints>> data) {
            for (std::size_t i = 0; i < m_tiles.size() && i < data.size(); ++i) {
                DashboardChartTile *tile = m_tiles[i];
                MetricChart chart
                    = DashboardCatalog::build(tile->spec(), data[i], fetches[i].options({}));
                tile->setChart(std::move(chart), fetches[i].display(), hasPoints(data[i]));
            }
        });
}

void DashboardsPane::layoutTiles()
{
    const int count = static_cast<int>(m_tiles.size());
    // As many columns as fit (no more than there are tiles, so one chart is not a narrow strip).
    m_columns
        = std::clamp(std::min(m_scroll->viewport()->width() / tileMinWidth, count), 1, maxColumns);
    const int rows = (count + m_columns - 1) / m_columns;
    // Rows share the height when few, within bounds: a chart neither squeezed nor stretched
    // into a tower; a long dashboard scrolls.
    const int spacing = m_gridLayout->verticalSpacing();
    const int height
        = rows == 0 ? tileMinHeight
                    : std::clamp((m_scroll->viewport()->height() - spacing * (rows - 1)) / rows,
                                 tileMinHeight, tileMaxHeight);
    for (DashboardChartTile *tile : m_tiles)
        m_gridLayout->removeWidget(tile);
    for (int i = 0; i < count; ++i) {
        DashboardChartTile *tile = m_tiles[static_cast<std::size_t>(i)];
        tile->setFixedHeight(height);
        m_gridLayout->addWidget(tile, i / m_columns, i % m_columns);
    }
    for (int column = 0; column < maxColumns; ++column)
        m_gridLayout->setColumnStretch(column, column < m_columns ? 1 : 0);
    // The row under the last one takes what is left.
    for (int row = 0; row < m_gridLayout->rowCount(); ++row)
        m_gridLayout->setRowStretch(row, row == rows ? 1 : 0);
    if (m_gridLayout->rowCount() <= rows)
        m_gridLayout->setRowStretch(rows, 1);
}

int DashboardsPane::tilePlotWidth() const
{
    // From the grid's width rather than the tiles': new tiles are laid out only once shown.
    const int spacing = m_gridLayout->horizontalSpacing();
    const int tileWidth = (m_scroll->viewport()->width() - spacing * (m_columns - 1)) / m_columns;
    return std::max(200, tileWidth - DashboardChartTile::horizontalMarginsPx - 80);
}

void DashboardsPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // After this event the scroll area has its width.
    QTimer::singleShot(0, this, [this] {
        layoutTiles();
        // About one point per pixel: fetch again when the plots grew or shrank by a fifth.
        const int width = tilePlotWidth();
        if (!m_tiles.empty() && std::abs(width - m_queriedPlotWidth) * 5 > m_queriedPlotWidth)
            reloadCharts();
    });
}

void DashboardsPane::openInMetrics(const DashboardChartTile *tile)
{
    const int row = m_model->rowOfKey(m_currentKey);
    const OfferedDashboard *offered = m_model->dashboardAt(m_model->index(row));
    if (!offered)
        return;
    const std::vector<MetricStream> streams
        = DashboardCatalog::chartStreams(*offered, tile->spec(), m_streams);
    if (streams.empty())
        return;
    MetricEntry entry;
    entry.service = QString::fromStdString(streams.front().resource.serviceName());
    entry.name = streams.front().name;
    entry.type = streams.front().type;
    m_state->requestMetric(entry.key(), tile->spec().groupBy);
    Q_EMIT metricsPaneWanted();
}

void DashboardsPane::updateEmptyState()
{
    if (m_model->rowCount() > 0) {
        m_stack->setCurrentIndex(1);
        return;
    }
    QString text = QStringLiteral("<p><b>") + tr("No dashboard for these metrics")
                   + QStringLiteral("</b></p><p>")
                   + tr("Kansoku offers a ready-made dashboard when the session holds the "
                        "standard metrics of common instrumentation in the selected range:")
                   + QStringLiteral("</p><ul>");
    for (const QString &line : DashboardCatalog::triggers())
        text += QStringLiteral("<li>") + line.toHtmlEscaped() + QStringLiteral("</li>");
    text += QStringLiteral("</ul>");
    if (!m_state->service().isEmpty())
        text += QStringLiteral("<p>")
                + tr("Only metrics of the service %1 are looked at (the service filter); host "
                     "metrics usually belong to no service.")
                      .arg(m_state->service().toHtmlEscaped())
                + QStringLiteral("</p>");
    m_empty->setText(text);
    m_stack->setCurrentIndex(0);
}

} // namespace kansoku
