#include "chart_view.h"
#include "metric_chart_panel.h"
#include "metric_store_helpers.h"
#include "metrics_pane.h"
#include "metrics_test_data.h"
#include "otlp_decoder.h"
#include "screenshot_checks.h"
#include "telemetry_store.h"
#include "view/metric_browser_model.h"
#include "view/workbench_state.h"
#include "workbench_commands.h"
#include "workbench_window.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <algorithm>
#include <cmath>

using namespace kansoku;
using namespace kansoku::metricsdata;

namespace {

using kansoku::test::metricKeyOf;
using kansoku::test::offerAll;
using kansoku::test::openMetricStore;

QComboBox *combo(MetricsPane &pane, const char *name)
{
    return pane.findChild<QComboBox *>(QString::fromLatin1(name));
}

void chooseData(QComboBox *box, const QVariant &data)
{
    const int index = box->findData(data);
    QVERIFY2(index >= 0, qPrintable(data.toString()));
    box->setCurrentIndex(index);
}

std::vector<double> finiteValues(const ChartSeries &series)
{
    std::vector<double> values;
    for (double value : series.values) {
        if (std::isfinite(value))
            values.push_back(value);
    }
    return values;
}

// The chart in `image` (a grab of `within`) draws every visible series through its points: near
// each of ten points in the newest 40% of a series (right of the legend) a line is drawn in a
// series colour. Any series' colour counts, as equal series cover each other.
void verifyLinesThroughPoints(const QImage &image, const QWidget *within, const ChartView &chart)
{
    QList<QColor> colours;
    for (int s = 0; s < chart.seriesCount(); ++s)
        colours << chart.seriesColor(s);
    int checked = 0;
    for (int s = 0; s < chart.seriesCount(); ++s) {
        const ChartSeries &series = chart.series(s);
        if (!chart.isSeriesVisible(s) || series.values.size() < 10)
            continue;
        const std::size_t count = series.values.size();
        for (std::size_t i = count * 6 / 10; i < count; i += std::max<std::size_t>(count / 25, 1)) {
            if (!std::isfinite(series.values[i]))
                continue;
            const QPoint point
                = chart.mapTo(within, chart.pixelFor(series.timesNs[i], series.values[i]));
            QVERIFY2(kansoku::test::drawnNear(image, point, 2, colours, 60),
                     qPrintable(series.name + QStringLiteral(" point %1").arg(i)));
            ++checked;
        }
    }
    QVERIFY(checked >= 10);
}

} // namespace

class TestMetricsPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void browserListsServicesAndShowsFirstMetric();
    void counterShowsRatePerRouteAcrossReset();
    void groupByAndRawTotals();
    void histogramQuantilesAndHeatmap();
    void deltaSumExponentialHistogramAndSummary();
    void filterByName();
    void requestedMetricOpensGrouped();
    void commandPaletteOffersListedMetrics();
    void dragSelectsTimeRange();
    void resizeFetchesAtTheNewResolution();
    void serviceFilter();
    void liveRefreshKeepsSelectionAndExpansion();
    void emptyStore();
    void emptyRangeChartShowsTheRange();
    void jsSdkMetrics();
    void oddDataDoesNotBreakTheChart();
    void renderScreenshots();

private:
    void waitLoaded();
    ChartView *chart() const { return m_pane->chartPanel()->chart(); }

    QTemporaryDir m_dir;
    std::unique_ptr<TelemetryStore> m_store;
    std::unique_ptr<WorkbenchState> m_state;
    std::unique_ptr<MetricsPane> m_pane;
};

void TestMetricsPane::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    m_store = openMetricStore(m_dir.filePath(QStringLiteral("metrics.db")));
    QVERIFY(offerAll(*m_store, batches(0, exportCount)));
    // 720 exports × (3 + 3 + 1 + 1 + 2 + 1 + 1) points.
    QTRY_COMPARE_WITH_TIMEOUT(m_store->queries()->totals().dataPoints,
                              std::int64_t(exportCount * 12), 20000);
}

void TestMetricsPane::init()
{
    m_state = std::make_unique<WorkbenchState>();
    m_state->setDataBounds(m_store->queries()->timeBounds());
    m_pane = std::make_unique<MetricsPane>(m_state.get(), m_store->queries());
    m_pane->resize(1400, 640);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    waitLoaded();
}

void TestMetricsPane::cleanup()
{
    m_pane.reset();
    m_state.reset();
}

void TestMetricsPane::waitLoaded()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_pane->isLoading(), 10000);
    QCoreApplication::processEvents();
}

void TestMetricsPane::browserListsServicesAndShowsFirstMetric()
{
    MetricBrowserModel *model = m_pane->browserModel();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("checkout"));
    QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("worker"));
    QCOMPARE(model->metricCount(), 7);
    QTreeView *tree = m_pane->browserView();
    QVERIFY(tree->isExpanded(tree->model()->index(0, 0)));
    QVERIFY(tree->isExpanded(tree->model()->index(1, 0)));
    // Nothing picked yet: the first metric is shown (http.server.duration sorts first).
    QCOMPARE(m_pane->chartPanel()->metricKey(),
             metricKeyOf("checkout", "http.server.duration", MetricType::Histogram));
    QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("http.server.duration"));
    QCOMPARE(chart()->seriesCount(), 9); // 3 routes × p50/p90/p99
}

void TestMetricsPane::counterShowsRatePerRouteAcrossReset()
{
    const QString key = metricKeyOf("checkout", "http.server.requests", MetricType::Sum);
    QVERIFY(m_pane->selectMetric(key));
    waitLoaded();
    QCOMPARE(m_pane->chartPanel()->metricKey(), key);
    QVERIFY(combo(*m_pane, "sumMode")->isVisible());
    QVERIFY(!combo(*m_pane, "histogramMode")->isVisible());
    QVERIFY(m_pane->chartPanel()->titleText().contains(QStringLiteral("rate /s")));
    QCOMPARE(chart()->seriesCount(), 3);
    QCOMPARE(chart()->series(0).name, QStringLiteral("http.route=/cart, http.method=GET"));
    QCOMPARE(chart()->series(1).name, QStringLiteral("http.route=/pay, http.method=POST"));
    // The legend gives the values; the keys they are of are named once above the chart.
    QCOMPARE(chart()->series(1).displayName(), QStringLiteral("/pay, POST"));
    auto *caption = m_pane->findChild<QLabel *>(QStringLiteral("metricSharedAttributes"));
    QVERIFY(caption);
    QCOMPARE(caption->text(), QStringLiteral("Lines by http.route, http.method"));
    // /cart: a steady 20/s; /pay: 5/s throughout, also right after its restart (no dip, no
    // negative rate). Every export is in view (15 s apart, about 12 s per pixel).
    const std::vector<double> cart = finiteValues(chart()->series(0));
    const std::vector<double> pay = finiteValues(chart()->series(1));
    QCOMPARE(static_cast<int>(pay.size()), exportCount);
    for (double value : cart)
        QCOMPARE(value, 20.0);
    for (double value : pay)
        QCOMPARE(value, 5.0);
    QCOMPARE(chart()->series(1).timesNs[payResetExport], exportTime(payResetExport));
    // Hover reads values with the unit.
    QWidget *plot = chart()->findChild<QWidget *>(QStringLiteral("chartPlot"));
    const QPoint point = plot->mapFrom(chart(), chart()->pixelFor(exportTime(100), 20));
    QTest::mouseMove(plot, point);
    QTRY_VERIFY(chart()->hoverText().contains(
        QStringLiteral("http.route=/cart, http.method=GET: 20 request/s")));
}

void TestMetricsPane::groupByAndRawTotals()
{
    QVERIFY(m_pane->selectMetric(metricKeyOf("checkout", "http.server.requests", MetricType::Sum)));
    waitLoaded();
    QComboBox *groupBy = combo(*m_pane, "groupBy");
    QVERIFY(groupBy->isEnabled());
    // Point attributes, then host.name (differs between the services' streams? no: one service,
    // so it is not offered).
    QCOMPARE(groupBy->count(), 3);
    chooseData(groupBy, QStringLiteral("http.method"));
    QCOMPARE(chart()->seriesCount(), 2);
    QCOMPARE(chart()->series(0).name, QStringLiteral("http.method=GET"));
    // GET = /cart + /search: 20 + 10 ± 5.
    for (double value : finiteValues(chart()->series(0)))
        QVERIFY2(value >= 24.9 && value <= 35.1, qPrintable(QString::number(value)));
    for (double value : finiteValues(chart()->series(1)))
        QCOMPARE(value, 5.0);

    chooseData(combo(*m_pane, "sumMode"), static_cast<int>(MetricChartOptions::SumMode::Raw));
    QVERIFY(m_pane->chartPanel()->titleText().contains(QStringLiteral("running total")));
    const ChartSeries &post = chart()->series(1);
    // The /pay counter as sent: 75 per export, starting over at the restart.
    QCOMPARE(post.values[0], 75.0);
    QCOMPARE(post.values[payResetExport - 1], 75.0 * payResetExport);
    QCOMPARE(post.values[payResetExport], 50.0);

    // Another metric resets the options; coming back starts from rate and no grouping.
    QVERIFY(m_pane->selectMetric(metricKeyOf("checkout", "queue.depth", MetricType::Sum)));
    waitLoaded();
    QVERIFY(!combo(*m_pane, "sumMode")->isVisible()); // an up-down counter: raw values
    QVERIFY(!combo(*m_pane, "groupBy")->isEnabled()); // one stream
    QCOMPARE(chart()->seriesCount(), 1);
    QCOMPARE(chart()->series(0).values[0], 20.0);
    QVERIFY(m_pane->selectMetric(metricKeyOf("checkout", "http.server.requests", MetricType::Sum)));
    waitLoaded();
    QCOMPARE(combo(*m_pane, "groupBy")->currentIndex(), 0);
    QCOMPARE(chart()->seriesCount(), 3);
}

void TestMetricsPane::histogramQuantilesAndHeatmap()
{
    QVERIFY(m_pane->selectMetric(
        metricKeyOf("checkout", "http.server.duration", MetricType::Histogram)));
    waitLoaded();
    QVERIFY(combo(*m_pane, "histogramMode")->isVisible());
    QCOMPARE(chart()->seriesCount(), 9);
    QCOMPARE(chart()->series(0).name, QStringLiteral("http.route=/cart, http.method=GET p50"));
    // /cart in the first hour gets round(60 × exp(-(b-2)²/2)) per bucket b and export:
    // 8, 36, 60, 36, 8, 1 (149): rank 74.5 is 30.5 of 60 into (10, 25] → 10 + 15 × 30.5/60.
    QCOMPARE(chart()->series(0).values[5], 17.625);

    chooseData(combo(*m_pane, "groupBy"), QStringLiteral("http.method"));
    QCOMPARE(chart()->seriesCount(), 6);
    QCOMPARE(chart()->series(0).name, QStringLiteral("http.method=GET p50"));

    chooseData(combo(*m_pane, "histogramMode"),
               static_cast<int>(MetricChartOptions::HistogramMode::Heatmap));
    QVERIFY(chart()->hasHeatmap());
    QCOMPARE(chart()->seriesCount(), 0);
    QVERIFY(!m_pane->findChild<QWidget *>(QStringLiteral("logScale"))->isEnabled());
    QWidget *plot = chart()->findChild<QWidget *>(QStringLiteral("chartPlot"));
    QTest::mouseMove(plot, plot->rect().center());
    QTRY_VERIFY(chart()->hoverText().contains(QStringLiteral("count: ")));
}

void TestMetricsPane::deltaSumExponentialHistogramAndSummary()
{
    QVERIFY(m_pane->selectMetric(metricKeyOf("worker", "jobs.processed", MetricType::Sum)));
    waitLoaded();
    QCOMPARE(chart()->seriesCount(), 2);
    QCOMPARE(chart()->series(0).name, QStringLiteral("queue=billing"));
    for (double value : finiteValues(chart()->series(0)))
        QCOMPARE(value, 3.0);
    for (double value : finiteValues(chart()->series(1)))
        QCOMPARE(value, 2.0);

    QVERIFY(m_pane->selectMetric(
        metricKeyOf("worker", "job.duration", MetricType::ExponentialHistogram)));
    waitLoaded();
    QCOMPARE(chart()->seriesCount(), 3);
    // Scale 2, offset -8: buckets from 2^-2; 31 observations, rank 15.5 in the 4th positive
    // bucket (after zero 1 + 1 + 3 + 6 = 11): index -5 = (2^-1.25, 2^-1], at 4.5/9.
    const double lower = std::exp2(-1.25);
    const double expected = lower + (0.5 - lower) * 4.5 / 9;
    QVERIFY(std::abs(chart()->series(0).values[0] - expected) < 1e-9);
    chooseData(combo(*m_pane, "histogramMode"),
               static_cast<int>(MetricChartOptions::HistogramMode::Heatmap));
    QVERIFY(chart()->hasHeatmap());

    QVERIFY(m_pane->selectMetric(metricKeyOf("worker", "db.query.latency", MetricType::Summary)));
    waitLoaded();
    QCOMPARE(chart()->seriesCount(), 3);
    QCOMPARE(chart()->series(2).name, QStringLiteral("p99"));
    QVERIFY(!combo(*m_pane, "groupBy")->isEnabled());
    QCOMPARE(chart()->series(0).values[0], 8 + std::sin(15 / 900.0));
}

void TestMetricsPane::filterByName()
{
    auto *filter = m_pane->findChild<QLineEdit *>(QStringLiteral("metricFilter"));
    QTreeView *tree = m_pane->browserView();
    QTest::keyClicks(filter, QStringLiteral("MEMORY"));
    QCOMPARE(tree->model()->rowCount(), 1);
    const QModelIndex checkout = tree->model()->index(0, 0);
    QCOMPARE(tree->model()->rowCount(checkout), 1);
    QCOMPARE(tree->model()->index(0, 0, checkout).data().toString(),
             QStringLiteral("process.memory.usage"));
    QVERIFY(tree->isExpanded(checkout));
    // A service name shows all its metrics.
    filter->setText(QStringLiteral("worker"));
    QCOMPARE(tree->model()->rowCount(tree->model()->index(0, 0)), 3);
    filter->setText(QStringLiteral("no such metric"));
    QCOMPARE(tree->model()->rowCount(), 0);
    auto *empty = m_pane->findChild<QLabel *>(QStringLiteral("browserEmpty"));
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("no such metric")));
    filter->clear();
    QCOMPARE(tree->model()->rowCount(), 2);
    QVERIFY(!empty->isVisible());
}

void TestMetricsPane::requestedMetricOpensGrouped()
{
    // Another pane asks for a metric the name filter hides: the filter goes, the metric shows
    // with its lines grouped as asked.
    m_pane->findChild<QLineEdit *>(QStringLiteral("metricFilter"))
        ->setText(QStringLiteral("queue"));
    const QString key = metricKeyOf("checkout", "http.server.requests", MetricType::Sum);
    m_state->requestMetric(key, QStringLiteral("http.method"));
    waitLoaded();
    QVERIFY(m_pane->findChild<QLineEdit *>(QStringLiteral("metricFilter"))->text().isEmpty());
    QCOMPARE(m_pane->chartPanel()->metricKey(), key);
    QCOMPARE(m_pane->browserView()->currentIndex().data().toString(),
             QStringLiteral("http.server.requests"));
    QCOMPARE(combo(*m_pane, "groupBy")->currentData().toString(), QStringLiteral("http.method"));
    QCOMPARE(chart()->seriesCount(), 2);
    QCOMPARE(chart()->series(0).name, QStringLiteral("http.method=GET"));

    // Asked before the browser lists anything: shown once it does. A key the metric does not
    // have leaves its lines ungrouped.
    WorkbenchState state;
    state.setDataBounds(m_store->queries()->timeBounds());
    MetricsPane pane(&state, m_store->queries());
    const QString memory = metricKeyOf("checkout", "process.memory.usage", MetricType::Gauge);
    state.requestMetric(memory, QStringLiteral("no.such.key"));
    pane.resize(1200, 600);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QTRY_VERIFY(!pane.isLoading());
    QCOMPARE(pane.chartPanel()->metricKey(), memory);
    QVERIFY(pane.chartPanel()->options().groupByKey.empty());
    QTRY_COMPARE(pane.chartPanel()->chart()->seriesCount(), 1);
}

void TestMetricsPane::commandPaletteOffersListedMetrics()
{
    // The palette lists what the window's Metrics pane holds, and choosing one shows it there.
    WorkbenchState state;
    state.setDataBounds(m_store->queries()->timeBounds());
    WorkbenchWindow window(&state);
    auto *pane = new MetricsPane(&state, m_store->queries());
    window.setPaneWidget(WorkbenchWindow::Pane::Metrics, pane);
    window.setHasTelemetry(true);
    window.resize(1600, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isLoading(), 10000);

    std::vector<CommandPaletteEntry> metrics;
    for (CommandPaletteEntry &entry : window.commands()->gatherEntries()) {
        if (entry.kind == CommandPaletteEntry::Kind::Metric)
            metrics.push_back(std::move(entry));
    }
    QCOMPARE(static_cast<int>(metrics.size()), pane->browserModel()->metricCount());
    const QString key = metricKeyOf("checkout", "http.server.requests", MetricType::Sum);
    const auto requests
        = std::find_if(metrics.cbegin(), metrics.cend(),
                       [&key](const CommandPaletteEntry &entry) { return entry.payload == key; });
    QVERIFY(requests != metrics.cend());
    QCOMPARE(requests->text, QStringLiteral("http.server.requests"));
    QCOMPARE(requests->detail, QStringLiteral("checkout"));
    window.commands()->run(*requests);
    QTRY_COMPARE(pane->chartPanel()->metricKey(), key);
    QCOMPARE(pane->browserView()->currentIndex().data().toString(),
             QStringLiteral("http.server.requests"));
}

void TestMetricsPane::dragSelectsTimeRange()
{
    QSignalSpy changed(m_state.get(), &WorkbenchState::timeRangeChanged);
    QWidget *plot = chart()->findChild<QWidget *>(QStringLiteral("chartPlot"));
    const std::int64_t from = exportTime(100);
    const std::int64_t to = exportTime(200);
    const QPoint a = plot->mapFrom(chart(), chart()->pixelFor(from, 20));
    const QPoint b = plot->mapFrom(chart(), chart()->pixelFor(to, 20));
    QTest::mousePress(plot, Qt::LeftButton, {}, a);
    QTest::mouseMove(plot, b);
    QTest::mouseRelease(plot, Qt::LeftButton, {}, b);
    QCOMPARE(m_state->rangePreset(), WorkbenchState::RangePreset::Custom);
    QVERIFY(changed.count() >= 1);
    // Within a pixel (about 12 s) of the dragged times.
    QVERIFY(std::abs(m_state->timeRange().startNs - from) < 20 * secondNs);
    QVERIFY(std::abs(m_state->timeRange().endNs - to) < 20 * secondNs);
    waitLoaded();
    // The chart now holds only that range, at a finer resolution: every point in it.
    const ChartSeries &p50 = chart()->series(0);
    QVERIFY(!p50.timesNs.empty());
    QVERIFY(p50.timesNs.back() <= m_state->timeRange().endNs);
    QVERIFY(p50.timesNs.size() >= 99);
    QVERIFY(p50.timesNs.size() <= 102);
}

void TestMetricsPane::resizeFetchesAtTheNewResolution()
{
    QVERIFY(
        m_pane->selectMetric(metricKeyOf("checkout", "process.memory.usage", MetricType::Gauge)));
    m_pane->resize(300, 500);
    waitLoaded();
    // A narrow plot (the browser sits above the chart at this width): several 15 s exports share a
    // pixel bucket, one point per bucket remains.
    QTRY_VERIFY2(chart()->series(0).timesNs.size() < std::size_t(exportCount)
                     && chart()->series(0).timesNs.size()
                            <= std::size_t(m_pane->chartPanel()->plotWidth() + 2),
                 qPrintable(QStringLiteral("%1 points, plot %2 px")
                                .arg(chart()->series(0).timesNs.size())
                                .arg(m_pane->chartPanel()->plotWidth())));
    m_pane->resize(2200, 640);
    waitLoaded();
    // Wide enough for every export.
    QTRY_VERIFY(chart()->series(0).timesNs.size() >= std::size_t(exportCount));
}

void TestMetricsPane::serviceFilter()
{
    m_state->setService(QStringLiteral("worker"));
    waitLoaded();
    QTRY_COMPARE(m_pane->browserModel()->rowCount(), 1);
    QCOMPARE(m_pane->browserModel()->index(0, 0).data().toString(), QStringLiteral("worker"));
    // The checkout metric shown before is gone: the first worker metric replaces it.
    QCOMPARE(m_pane->chartPanel()->metricKey(),
             metricKeyOf("worker", "db.query.latency", MetricType::Summary));
}

void TestMetricsPane::liveRefreshKeepsSelectionAndExpansion()
{
    const QString key = metricKeyOf("checkout", "process.memory.usage", MetricType::Gauge);
    QVERIFY(m_pane->selectMetric(key));
    waitLoaded();
    QTreeView *tree = m_pane->browserView();
    tree->collapse(tree->model()->index(1, 0)); // worker
    QComboBox *groupBy = combo(*m_pane, "groupBy");
    const std::size_t pointsBefore = chart()->series(0).timesNs.size();

    // More exports and a new service arrive while following live.
    QVERIFY(offerAll(*m_store, batches(exportCount, exportCount + 20)));
    auto batch = std::make_shared<TelemetryBatch>();
    ResourceMetrics billing;
    billing.resource = serviceResource("billing");
    ScopeMetrics scope;
    Metric invoices;
    invoices.name = "invoices.open";
    invoices.type = MetricType::Gauge;
    NumberDataPoint point;
    point.timeNs = exportTime(exportCount + 19);
    point.value = 3.0;
    invoices.numberPoints.push_back(point);
    scope.metrics.push_back(invoices);
    billing.scopeMetrics.push_back(scope);
    batch->resourceMetrics.push_back(billing);
    QVERIFY(testdata::offerPatiently(*m_store, batch) == OfferResult::Accepted);
    QTRY_COMPARE_WITH_TIMEOUT(m_store->queries()->totals().dataPoints,
                              std::int64_t((exportCount + 20) * 12 + 1), 20000);
    m_state->setDataBounds(m_store->queries()->timeBounds());
    m_state->noteTelemetryCommitted();
    m_state->noteTelemetryCommitted(); // coalesced with the first
    QTRY_COMPARE(m_pane->browserModel()->rowCount(), 3);
    waitLoaded();
    QCOMPARE(m_pane->chartPanel()->metricKey(), key);
    QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("process.memory.usage"));
    QVERIFY(tree->isExpanded(tree->model()->index(0, 0)));  // billing: new, expanded
    QVERIFY(tree->isExpanded(tree->model()->index(1, 0)));  // checkout
    QVERIFY(!tree->isExpanded(tree->model()->index(2, 0))); // worker: still collapsed
    QCOMPARE(groupBy->currentIndex(), 0);
    // The range follows the data: 20 more exports, at about the same resolution.
    QTRY_VERIFY(chart()->series(0).timesNs.back() == exportTime(exportCount + 19));
    QVERIFY(chart()->series(0).timesNs.size() >= pointsBefore);
}

void TestMetricsPane::emptyStore()
{
    QTemporaryDir dir;
    std::unique_ptr<TelemetryStore> store
        = openMetricStore(dir.filePath(QStringLiteral("empty.db")));
    WorkbenchState state;
    MetricsPane pane(&state, store->queries());
    pane.resize(900, 500);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QTRY_VERIFY(!pane.isLoading());
    QCOMPARE(pane.browserModel()->rowCount(), 0);
    auto *empty = pane.findChild<QLabel *>(QStringLiteral("browserEmpty"));
    QVERIFY(empty->isVisible());
    QCOMPARE(empty->text(), QStringLiteral("No metrics in this time range"));
    QCOMPARE(pane.chartPanel()->chart()->seriesCount(), 0);
    QVERIFY(pane.chartPanel()->metricKey().isEmpty());
    state.noteTelemetryCommitted();
    QTRY_VERIFY(!pane.isLoading());
}

void TestMetricsPane::emptyRangeChartShowsTheRange()
{
    // Half an hour long before the data: no metrics, and the chart's axis shows that half hour.
    const std::int64_t start = m_store->queries()->timeBounds()->startNs - 3 * 3600 * secondNs;
    const TimeRange range{start, start + 1800 * secondNs};
    m_state->setCustomRange(range);
    waitLoaded();
    QTRY_VERIFY(m_pane->chartPanel()->metricKey().isEmpty());
    const std::int64_t margin = 1800 * secondNs / 50; // the axis adds 1.5% each side
    QTRY_VERIFY(std::abs(chart()->timeAxisRange().startNs - range.startNs) < margin);
    QVERIFY(std::abs(chart()->timeAxisRange().endNs - range.endNs) < margin);
}

void TestMetricsPane::jsSdkMetrics()
{
    QFile file(qEnvironmentVariable("KANSOKU_TEST_DATA")
               + QStringLiteral("/otlp/js_sdk_metrics.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray body = file.readAll();
    const OtlpDecodeResult decoded = OtlpDecoder::decode(
        TelemetrySignal::Metrics, OtlpEncoding::Json, std::string_view(body.data(), body.size()));
    QVERIFY2(decoded.ok, decoded.errorMessage.c_str());
    QTemporaryDir dir;
    std::unique_ptr<TelemetryStore> store = openMetricStore(dir.filePath(QStringLiteral("js.db")));
    QVERIFY(testdata::offerPatiently(*store, decoded.batch) == OfferResult::Accepted);
    QTRY_COMPARE(store->queries()->totals().dataPoints,
                 static_cast<std::int64_t>(decoded.batch->dataPointCount()));
    WorkbenchState state;
    state.setDataBounds(store->queries()->timeBounds());
    MetricsPane pane(&state, store->queries());
    pane.resize(1200, 500);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QTRY_VERIFY(!pane.isLoading());
    MetricBrowserModel *model = pane.browserModel();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("checkout-web"));
    const QModelIndex service = model->index(0, 0);
    QVERIFY(model->rowCount(service) >= 4);
    for (int row = 0; row < model->rowCount(service); ++row) {
        const MetricEntry *entry = model->metricAt(model->index(row, 0, service));
        QVERIFY(pane.selectMetric(entry->key()));
        QTRY_VERIFY(!pane.isLoading());
        ChartView *view = pane.chartPanel()->chart();
        QVERIFY2(view->seriesCount() > 0, entry->name.c_str());
        int values = 0;
        for (int s = 0; s < view->seriesCount(); ++s)
            values += static_cast<int>(finiteValues(view->series(s)).size());
        QVERIFY2(values > 0, entry->name.c_str());
    }
    // The histogram: three requests to /cart in (0 s, 5 s] with min 12 ms and max 1.7 s: the
    // interpolated quantiles are clamped to the max.
    const MetricEntry *duration = model->metricAt(model->index(1, 0, service));
    QCOMPARE(duration->name, std::string("http.server.request.duration"));
    QVERIFY(pane.selectMetric(duration->key()));
    QTRY_VERIFY(!pane.isLoading());
    QCOMPARE(pane.chartPanel()->chart()->seriesCount(), 3); // one stream: p50, p90, p99
    QCOMPARE(pane.chartPanel()->chart()->series(0).name, QStringLiteral("p50"));
    QCOMPARE(pane.chartPanel()->chart()->series(0).values[0], 1.7);
}

void TestMetricsPane::oddDataDoesNotBreakTheChart()
{
    const std::int64_t t = startNs + 100 * secondNs;
    Metric gauge; // no name, no unit, values that are not numbers or barely fit
    gauge.type = MetricType::Gauge;
    for (double value : {std::nan(""), std::numeric_limits<double>::infinity(), 1e308, -1e308}) {
        NumberDataPoint point;
        point.timeNs = t + static_cast<std::int64_t>(gauge.numberPoints.size()) * secondNs;
        point.value = value;
        gauge.numberPoints.push_back(point);
    }
    NumberDataPoint huge;
    huge.timeNs = t + 10 * secondNs;
    huge.value = std::numeric_limits<std::int64_t>::max();
    gauge.numberPoints.push_back(huge);
    Metric histogram;
    histogram.name = "odd.histogram";
    histogram.type = MetricType::Histogram;
    histogram.temporality = AggregationTemporality::Delta;
    HistogramDataPoint mismatched;
    mismatched.timeNs = t;
    mismatched.bucketCounts = {1, 2, 3};
    mismatched.explicitBounds = {1};
    histogram.histogramPoints.push_back(mismatched);
    Metric exponential;
    exponential.name = "odd.exponential";
    exponential.type = MetricType::ExponentialHistogram;
    exponential.temporality = AggregationTemporality::Cumulative;
    ExponentialHistogramDataPoint far;
    far.startTimeNs = t - secondNs;
    far.timeNs = t;
    far.scale = 20;
    far.positive.offset = std::numeric_limits<std::int32_t>::max() - 2;
    far.positive.bucketCounts = {1, 1};
    far.negative.offset = std::numeric_limits<std::int32_t>::min();
    far.negative.bucketCounts = {3};
    exponential.exponentialHistogramPoints.push_back(far);
    Metric summary;
    summary.name = "odd.summary";
    summary.type = MetricType::Summary;
    SummaryDataPoint empty;
    empty.timeNs = t;
    summary.summaryPoints.push_back(empty);

    auto batch = std::make_shared<TelemetryBatch>();
    ResourceMetrics resourceMetrics; // no service.name at all
    ScopeMetrics scope;
    scope.metrics = {gauge, histogram, exponential, summary};
    resourceMetrics.scopeMetrics.push_back(scope);
    batch->resourceMetrics.push_back(resourceMetrics);
    QTemporaryDir dir;
    std::unique_ptr<TelemetryStore> store = openMetricStore(dir.filePath(QStringLiteral("odd.db")));
    QVERIFY(testdata::offerPatiently(*store, batch) == OfferResult::Accepted);
    QTRY_COMPARE(store->queries()->totals().dataPoints, std::int64_t(8));
    WorkbenchState state;
    state.setDataBounds(store->queries()->timeBounds());
    MetricsPane pane(&state, store->queries());
    pane.resize(1000, 500);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QTRY_VERIFY(!pane.isLoading());
    MetricBrowserModel *model = pane.browserModel();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex service = model->index(0, 0);
    QCOMPARE(service.data().toString(), QStringLiteral("unknown_service"));
    QCOMPARE(model->rowCount(service), 4);
    for (int row = 0; row < model->rowCount(service); ++row) {
        const MetricEntry *entry = model->metricAt(model->index(row, 0, service));
        QVERIFY(pane.selectMetric(entry->key()));
        QTRY_VERIFY(!pane.isLoading());
        QComboBox *mode = combo(pane, "histogramMode");
        if (mode->isVisible()) {
            mode->setCurrentIndex(1);
            mode->setCurrentIndex(0);
        }
        QWidget *plot
            = pane.chartPanel()->chart()->findChild<QWidget *>(QStringLiteral("chartPlot"));
        QTest::mouseMove(plot, plot->rect().center());
        // The chart still paints its axes and labels (grey text on white is tens of colours).
        const QImage image = pane.chartPanel()->chart()->grab().toImage();
        QVERIFY2(kansoku::test::distinctColours(image, image.rect(), 2) > 20, entry->name.c_str());
    }
    // The gauge: the finite values are drawn, NaN is a gap.
    QVERIFY(pane.selectMetric(model->metricAt(model->index(0, 0, service))->key()));
    QTRY_VERIFY(!pane.isLoading());
    const ChartSeries &values = pane.chartPanel()->chart()->series(0);
    QCOMPARE(values.values.size(), std::size_t(5));
    QVERIFY(std::isnan(values.values[0]));
    QCOMPARE(values.values[2], 1e308);
}

// Each shot shows its chart: lines through the series' points, or a heatmap filling the plot.
// With KANSOKU_SCREENSHOT_DIR set the shots are also written there as PNGs.
void TestMetricsPane::renderScreenshots()
{
    const QString directory = qEnvironmentVariable("KANSOKU_SCREENSHOT_DIR");
    struct Shot
    {
        QString file;
        QString key;
        QVariant groupBy;
        bool heatmap;
    };
    const QList<Shot> shots{
        {QStringLiteral("metrics_counter.png"),
         metricKeyOf("checkout", "http.server.requests", MetricType::Sum),
         {},
         false},
        {QStringLiteral("metrics_histogram.png"),
         metricKeyOf("checkout", "http.server.duration", MetricType::Histogram),
         QStringLiteral("http.method"), false},
        {QStringLiteral("metrics_heatmap.png"),
         metricKeyOf("checkout", "http.server.duration", MetricType::Histogram),
         {},
         true},
        {QStringLiteral("metrics_memory.png"),
         metricKeyOf("checkout", "process.memory.usage", MetricType::Gauge),
         {},
         false},
        {QStringLiteral("metrics_exponential.png"),
         metricKeyOf("worker", "job.duration", MetricType::ExponentialHistogram),
         {},
         true},
    };
    for (const Shot &shot : shots) {
        QVERIFY(m_pane->selectMetric(shot.key));
        waitLoaded();
        if (shot.groupBy.isValid())
            chooseData(combo(*m_pane, "groupBy"), shot.groupBy);
        if (shot.heatmap)
            chooseData(combo(*m_pane, "histogramMode"),
                       static_cast<int>(MetricChartOptions::HistogramMode::Heatmap));
        QWidget *plot = chart()->findChild<QWidget *>(QStringLiteral("chartPlot"));
        QTest::mouseMove(plot, QPoint(plot->width() * 2 / 3, plot->height() / 2));
        QTest::qWait(50);
        const QImage image = m_pane->grab().toImage();
        if (shot.heatmap) {
            QVERIFY(chart()->hasHeatmap());
            const QRect chartArea(chart()->mapTo(m_pane.get(), QPoint(0, 0)), chart()->size());
            QVERIFY2(kansoku::test::saturatedShare(image, chartArea) > 0.4, qPrintable(shot.file));
        } else {
            QVERIFY(!chart()->hasHeatmap());
            verifyLinesThroughPoints(image, m_pane.get(), *chart());
            if (QTest::currentTestFailed())
                return;
        }
        if (!directory.isEmpty())
            QVERIFY(image.save(directory + QLatin1Char('/') + shot.file));
    }
}

QTEST_MAIN(TestMetricsPane)
#include "tst_metrics_pane.moc"
