#include "metrics_pane.h"

#include "chart_view.h"
#include "export_control.h"
#include "metric_chart_panel.h"
#include "view/chart_series_exporter.h"
#include "view/metric_browser_model.h"
#include "view/metric_points_fetch.h"
#include "view/workbench_state.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>
#include <cstdlib>
#include <utility>

namespace kansoku {

MetricsPane::MetricsPane(WorkbenchState *state, std::shared_ptr<const TelemetryQueries> queries,
                         QWidget *parent)
    : QWidget(parent)
    , m_state(state)
    , m_queries(std::move(queries))
    , m_model(new MetricBrowserModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeView(this))
    , m_chartPanel(new MetricChartPanel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true); // a matching service shows all its metrics
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(MetricBrowserModel::NameColumn);

    m_filter->setObjectName(QStringLiteral("metricFilter"));
    m_filter->setPlaceholderText(tr("Filter metrics by name"));
    m_filter->setClearButtonEnabled(true);
    auto *noMatches = new QLabel(this);
    noMatches->setObjectName(QStringLiteral("browserEmpty"));
    noMatches->setAlignment(Qt::AlignCenter);
    noMatches->setWordWrap(true);
    noMatches->setStyleSheet(QStringLiteral("color: palette(mid); padding: 12px;"));
    noMatches->setVisible(false);

    m_tree->setObjectName(QStringLiteral("metricTree"));
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->setColumnWidth(MetricBrowserModel::NameColumn, 200);
    m_tree->setColumnWidth(MetricBrowserModel::TypeColumn, 150);
    m_tree->setColumnWidth(MetricBrowserModel::UnitColumn, 90);
    m_tree->setColumnWidth(MetricBrowserModel::StreamsColumn, 60);

    auto *browser = new QWidget(this);
    auto *browserLayout = new QVBoxLayout(browser);
    browserLayout->setContentsMargins(4, 4, 0, 4);
    browserLayout->setSpacing(4);
    browserLayout->addWidget(m_filter);
    browserLayout->addWidget(noMatches);
    browserLayout->addWidget(m_tree, 1);
    m_export = new ExportControl(browser);
    browserLayout->addWidget(m_export);
    addExports();

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(browser);
    m_splitter->addWidget(m_chartPanel);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({520, 880});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    auto updateNoMatches = [this, noMatches] {
        const bool empty = m_proxy->rowCount() == 0;
        if (m_model->rowCount() == 0)
            noMatches->setText(tr("No metrics in this time range"));
        else
            noMatches->setText(tr("No metric matches “%1”").arg(m_filter->text()));
        noMatches->setVisible(empty);
    };
    connect(m_filter, &QLineEdit::textChanged, this, [this, updateNoMatches](const QString &text) {
        m_restoring = true;
        m_proxy->setFilterFixedString(text);
        restoreExpansion();
        m_restoring = false;
        updateNoMatches();
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, updateNoMatches);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showCurrent(current); });
    connect(m_tree, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        if (!m_restoring)
            m_collapsedServices.insert(index.data(MetricBrowserModel::ServiceRole).toString());
    });
    connect(m_tree, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        if (!m_restoring)
            m_collapsedServices.remove(index.data(MetricBrowserModel::ServiceRole).toString());
    });
    connect(m_chartPanel, &MetricChartPanel::rangeSelected, m_state,
            &WorkbenchState::setCustomRange);
    connect(m_chartPanel, &MetricChartPanel::exemplarClicked, this,
            [this](const TraceId &traceId, const SpanId &spanId) {
                m_state->selectSpan(traceId, spanId);
                Q_EMIT tracesPaneWanted();
            });
    connect(m_chartPanel, &MetricChartPanel::resized, this, [this] {
        // About one point per pixel: fetch again when the plot grew or shrank by a fifth.
        const int width = m_chartPanel->plotWidth();
        if (m_chartReloadPending || m_chartPanel->metricKey().isEmpty()
            || std::abs(width - m_queriedPlotWidth) * 5 <= m_queriedPlotWidth)
            return;
        m_chartReloadPending = true;
        QTimer::singleShot(0, this, [this] {
            m_chartReloadPending = false;
            reloadChart();
        });
    });

    connect(m_state, &WorkbenchState::timeRangeChanged, this, &MetricsPane::scheduleReload);
    connect(m_state, &WorkbenchState::serviceChanged, this, &MetricsPane::scheduleReload);
    connect(m_state, &WorkbenchState::telemetryCommitted, this, &MetricsPane::scheduleReload);
    connect(m_state, &WorkbenchState::metricRequested, this, &MetricsPane::openMetric);
    scheduleReload();
}

void MetricsPane::openMetric(const QString &key, const QString &groupByKey)
{
    m_userPicked = true;
    if (m_model->indexOfKey(key).isValid() && !selectMetric(key)) {
        m_filter->clear(); // the name filter hid it
        selectMetric(key);
    }
    if (m_chartPanel->metricKey() != key) {
        m_requestedMetric = {key, groupByKey};
        return;
    }
    m_requestedMetric.reset();
    m_chartPanel->setGroupByKey(groupByKey);
}

bool MetricsPane::selectMetric(const QString &key)
{
    const QModelIndex proxyIndex = m_proxy->mapFromSource(m_model->indexOfKey(key));
    if (!proxyIndex.isValid())
        return false;
    m_tree->setCurrentIndex(proxyIndex);
    m_tree->scrollTo(proxyIndex);
    return true;
}

bool MetricsPane::isLoading() const
{
    return m_reloadPending || m_browserQuery.isBusy() || m_pointsQuery.isBusy();
}

void MetricsPane::scheduleReload()
{
    // Commits, range and service changes arriving in one tick make one reload.
    if (m_reloadPending)
        return;
    m_reloadPending = true;
    QTimer::singleShot(0, this, [this] {
        m_reloadPending = false;
        reloadBrowser();
    });
}

void MetricsPane::reloadBrowser()
{
    MetricStreamQuery query;
    query.service = m_state->service().toStdString();
    query.range = m_state->timeRange();
    m_browserQuery.run(
        this, [queries = m_queries, query] { return queries->metricStreams(query); },
        [this](std::vector<MetricStream> streams) { applyStreams(streams); });
}

void MetricsPane::applyStreams(const std::vector<MetricStream> &streams)
{
    const std::optional<std::pair<QString, QString>> requested
        = std::exchange(m_requestedMetric, std::nullopt);
    const QString key = requested ? requested->first : m_chartPanel->metricKey();
    m_restoring = true;
    m_model->setStreams(streams);
    restoreExpansion();
    QModelIndex source = m_model->indexOfKey(key);
    if (!source.isValid() && !m_userPicked) {
        // Until the user picks one, show the first metric rather than an empty chart.
        for (int service = 0; service < m_model->rowCount() && !source.isValid(); ++service)
            source = m_model->index(0, 0, m_model->index(service, 0));
    }
    const QModelIndex proxyIndex = m_proxy->mapFromSource(source);
    if (proxyIndex.isValid())
        m_tree->setCurrentIndex(proxyIndex);
    m_restoring = false;

    if (const MetricEntry *entry = m_model->metricAt(source)) {
        m_chartPanel->setMetric(*entry);
        if (requested && entry->key() == requested->first)
            m_chartPanel->setGroupByKey(requested->second);
        reloadChart();
    } else {
        m_pointsQuery.cancel();
        m_chartPanel->clearMetric(m_model->metricCount() == 0 ? tr("No metrics in this time range")
                                                              : tr("Select a metric on the left"));
        // An empty chart still shows the selected range on its axis.
        m_chartPanel->setTimeRange(m_state->displayRange());
    }
}

void MetricsPane::restoreExpansion()
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex service = m_proxy->index(row, 0);
        m_tree->setExpanded(service, !m_collapsedServices.contains(
                                         service.data(MetricBrowserModel::ServiceRole).toString()));
    }
}

void MetricsPane::showCurrent(const QModelIndex &proxyIndex)
{
    if (m_restoring)
        return;
    const MetricEntry *entry = m_model->metricAt(m_proxy->mapToSource(proxyIndex));
    if (!entry)
        return; // a service row: keep showing the last metric
    m_userPicked = true;
    m_chartPanel->setMetric(*entry);
    reloadChart();
}

void MetricsPane::reloadChart()
{
    const MetricEntry *entry = m_model->metricAt(m_model->indexOfKey(m_chartPanel->metricKey()));
    if (!entry)
        return;
    m_queriedPlotWidth = m_chartPanel->plotWidth(); // at least 200
    const MetricPointsFetch fetch = MetricPointsFetch::plan(
        entry->streams, m_state->timeRange(), m_state->displayRange(), m_queriedPlotWidth);
    m_chartPanel->setTimeRange(fetch.display());
    // All streams of the metric on one worker job, combined into one result.
    m_pointsQuery.run(
        this, [queries = m_queries, fetch] { return fetch.run(*queries); },
        [this, fetch](std::vector<MetricStreamWithPoints> data) {
            m_chartPanel->setData(std::move(data), fetch.display(), fetch.windowStartNs(),
                                  fetch.resolutionNs());
        });
}

void MetricsPane::addExports()
{
    // The shown metric's streams with all their points in the workbench range (not the chart's
    // per-pixel downsampling), queried on the worker.
    m_export->addExport(
        tr("Export streams as OTLP JSON lines…"), QStringLiteral("metric.jsonl"),
        tr("OTLP JSON lines (*.jsonl)"), tr("data points"), [this]() -> ExportControl::Work {
            const MetricEntry *entry
                = m_model->metricAt(m_model->indexOfKey(m_chartPanel->metricKey()));
            if (!entry) {
                m_export->showError(tr("Select a metric to export"));
                return {};
            }
            return [queries = m_queries, streams = entry->streams,
                    range = m_state->timeRange()](const QString &path) {
                return TelemetryExporter::writeMetricStreams(*queries, streams, range, path);
            };
        });
    // Exactly the series the chart draws (after rate, grouping and quantiles), one row a point.
    m_export->addExport(tr("Export chart points as CSV…"), QStringLiteral("metric-points.csv"),
                        tr("CSV (*.csv)"), tr("points"), [this]() -> ExportControl::Work {
                            const ChartView *chart = m_chartPanel->chart();
                            std::vector<ChartSeries> series;
                            for (int i = 0; i < chart->seriesCount(); ++i)
                                series.push_back(chart->series(i));
                            if (series.empty()) {
                                m_export->showError(tr("The chart shows no series to export"));
                                return {};
                            }
                            return [series = std::move(series)](const QString &path) {
                                return ChartSeriesExporter::writeCsv(series, path);
                            };
                        });
    m_export->addSeparator();
    m_export->addChartImageExports(m_chartPanel->chart(), tr("chart"),
                                   QStringLiteral("metric-chart"));
}

void MetricsPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Side by side with the other panes this pane is tall and narrow: the browser goes above the
    // chart. Maximised or wide, it sits beside it.
    const Qt::Orientation orientation
        = width() >= wideLayoutMinWidth ? Qt::Horizontal : Qt::Vertical;
    if (m_splitter->orientation() == orientation)
        return;
    m_splitter->setOrientation(orientation);
    const int extent = orientation == Qt::Horizontal ? width() : height();
    m_splitter->setSizes({extent * 35 / 100, extent * 65 / 100});
}

} // namespace kansoku
