// Exemplars on the Metrics pane's charts over a real store: diamonds at their measurement on a
// histogram's quantile chart and on a counter's rate line, a tooltip naming the trace, a click
// that selects the exemplar's span (and asks for the Traces pane), the Exemplars box hiding them,
// none on a heatmap; the same on a dashboard's latency chart.
#include "chart_view.h"
#include "dashboard_chart_tile.h"
#include "dashboards_pane.h"
#include "metric_chart_panel.h"
#include "metric_store_helpers.h"
#include "metrics_pane.h"
#include "screenshot_checks.h"
#include "telemetry_store.h"
#include "view/workbench_state.h"

#include <QCheckBox>
#include <QComboBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;

namespace {

using kansoku::test::metricKeyOf;
using kansoku::test::offerAll;
using kansoku::test::openMetricStore;

constexpr std::int64_t secondNs = 1'000'000'000LL;
constexpr std::int64_t startNs = 1'795'500'000LL * secondNs;
constexpr int exportCount = 60; // 15 minutes at 15 s
// The diamonds' fill (ChartView draws them amber).
const QColor diamondFill(0xff, 0xc1, 0x07);

std::int64_t exportTime(int index)
{
    return startNs + (index + 1) * 15 * secondNs;
}

// Export i >= 1 carries one exemplar of each metric; the first carries none.
TraceId histogramTrace(int index)
{
    TraceId id;
    id.bytes[0] = 0x4b;
    id.bytes[15] = static_cast<std::uint8_t>(index);
    return id;
}

SpanId histogramSpan(int index)
{
    SpanId id;
    id.bytes[0] = 0x5a;
    id.bytes[7] = static_cast<std::uint8_t>(index);
    return id;
}

std::int64_t histogramExemplarTime(int index)
{
    return exportTime(index) - 5 * secondNs;
}

double histogramExemplarValue(int index)
{
    return 40 + index; // ms
}

Exemplar exemplarOf(std::int64_t timeNs, std::variant<double, std::int64_t> value,
                    const TraceId &traceId, const SpanId &spanId)
{
    Exemplar exemplar;
    exemplar.timeNs = timeNs;
    exemplar.value = value;
    exemplar.traceId = traceId;
    exemplar.spanId = spanId;
    return exemplar;
}

// A service's request duration histogram (ms) and request counter (10/s), cumulative.
std::vector<TelemetryBatchPtr> exemplarBatches()
{
    std::vector<TelemetryBatchPtr> batches;
    std::vector<std::uint64_t> buckets(5, 0);
    for (int index = 0; index < exportCount; ++index) {
        Metric duration;
        duration.name = "http.server.request.duration";
        duration.unit = "ms";
        duration.type = MetricType::Histogram;
        duration.temporality = AggregationTemporality::Cumulative;
        HistogramDataPoint histogram;
        histogram.attributes = {{"http.route", AnyValue::fromString("/cart")}};
        histogram.startTimeNs = startNs;
        histogram.timeNs = exportTime(index);
        histogram.explicitBounds = {10, 25, 50, 100};
        for (std::size_t bucket = 0; bucket < buckets.size(); ++bucket)
            buckets[bucket] += bucket == 2 ? 100 : 10;
        histogram.bucketCounts = buckets;
        for (std::uint64_t count : buckets)
            histogram.count += count;

        Metric requests;
        requests.name = "http.server.requests";
        requests.unit = "{request}";
        requests.type = MetricType::Sum;
        requests.temporality = AggregationTemporality::Cumulative;
        requests.isMonotonic = true;
        NumberDataPoint counter;
        counter.startTimeNs = startNs;
        counter.timeNs = exportTime(index);
        counter.value = std::int64_t(150) * (index + 1);
        if (index > 0) {
            histogram.exemplars
                = {exemplarOf(histogramExemplarTime(index), histogramExemplarValue(index),
                              histogramTrace(index), histogramSpan(index))};
            TraceId trace = histogramTrace(index);
            trace.bytes[0] = 0x6c;
            counter.exemplars = {exemplarOf(exportTime(index) - 7 * secondNs, std::int64_t(1),
                                            trace, histogramSpan(index))};
        }
        duration.histogramPoints.push_back(histogram);
        requests.numberPoints.push_back(counter);

        auto batch = std::make_shared<TelemetryBatch>();
        ResourceMetrics resource;
        resource.resource.attributes = {{"service.name", AnyValue::fromString("shop")}};
        ScopeMetrics scope;
        scope.scope.name = "test-meter";
        scope.metrics = {duration, requests};
        resource.scopeMetrics.push_back(std::move(scope));
        batch->resourceMetrics.push_back(std::move(resource));
        batches.push_back(std::move(batch));
    }
    return batches;
}

} // namespace

class TestMetricExemplars : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void histogramDiamondsAtTheirMeasurement();
    void clickOpensTheExemplarsSpan();
    void checkboxHidesThem();
    void heatmapHasNone();
    void counterDiamondsOnTheRateLine();
    void dashboardLatencyChartOpensTheSpan();

private:
    void showMetric(const char *name, MetricType type);
    ChartView *chart() const { return m_pane->chartPanel()->chart(); }
    QWidget *plot() const { return chart()->findChild<QWidget *>(QStringLiteral("chartPlot")); }
    QCheckBox *toggle() const
    {
        return m_pane->findChild<QCheckBox *>(QStringLiteral("exemplarsToggle"));
    }
    // Where exemplar i is drawn, in the plot's coordinates.
    QPoint plotPointOf(int index) const
    {
        const ChartExemplar &exemplar = chart()->exemplar(index);
        return plot()->mapFrom(chart(), chart()->pixelFor(exemplar.timeNs, exemplar.value));
    }
    bool diamondDrawnAt(int index) const
    {
        const QImage image = plot()->grab().toImage();
        return kansoku::test::drawnNear(image, plotPointOf(index), 2, {diamondFill}, 30);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<TelemetryStore> m_store;
    std::unique_ptr<WorkbenchState> m_state;
    std::unique_ptr<MetricsPane> m_pane;
};

void TestMetricExemplars::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    m_store = openMetricStore(m_dir.filePath(QStringLiteral("exemplars.db")));
    QVERIFY(offerAll(*m_store, exemplarBatches()));
    QTRY_COMPARE_WITH_TIMEOUT(m_store->queries()->totals().dataPoints,
                              std::int64_t(2 * exportCount), 20000);
}

void TestMetricExemplars::init()
{
    m_state = std::make_unique<WorkbenchState>();
    m_state->setDataBounds(m_store->queries()->timeBounds());
    m_pane = std::make_unique<MetricsPane>(m_state.get(), m_store->queries());
    m_pane->resize(1400, 640);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_pane->isLoading(), 10000);
}

void TestMetricExemplars::cleanup()
{
    m_pane.reset();
    m_state.reset();
}

void TestMetricExemplars::showMetric(const char *name, MetricType type)
{
    QVERIFY(m_pane->selectMetric(metricKeyOf("shop", name, type)));
    QTRY_VERIFY_WITH_TIMEOUT(!m_pane->isLoading(), 10000);
    QCoreApplication::processEvents(); // the queued replot lays the axes out
}

void TestMetricExemplars::histogramDiamondsAtTheirMeasurement()
{
    showMetric("http.server.request.duration", MetricType::Histogram);
    QCOMPARE(chart()->seriesCount(), 3); // p50, p90, p99
    QCOMPARE(chart()->exemplarCount(), exportCount - 1);
    QVERIFY(toggle()->isVisible());
    QVERIFY(toggle()->isEnabled());
    QVERIFY(toggle()->isChecked());
    const QRect plotArea = chart()->plotAreaRect();
    for (int i = 0; i < chart()->exemplarCount(); ++i) {
        const ChartExemplar &exemplar = chart()->exemplar(i);
        const int index = i + 1;
        QCOMPARE(exemplar.timeNs, histogramExemplarTime(index));
        // On the quantile lines' axis: the measurement in ms, as sent.
        QCOMPARE(exemplar.value, histogramExemplarValue(index));
        QCOMPARE(exemplar.traceId, histogramTrace(index));
        QCOMPARE(exemplar.spanId, histogramSpan(index));
        QVERIFY(plotArea.contains(chart()->pixelFor(exemplar.timeNs, exemplar.value)));
    }
    // Drawn where they are, over the lines.
    QVERIFY(diamondDrawnAt(0));
    QVERIFY(diamondDrawnAt(30));
    QVERIFY(diamondDrawnAt(exportCount - 2));
}

void TestMetricExemplars::clickOpensTheExemplarsSpan()
{
    showMetric("http.server.request.duration", MetricType::Histogram);
    const int index = 30; // export 31
    const QPoint point = plotPointOf(index);
    QTest::mouseMove(plot(), point);
    QTRY_VERIFY(chart()->hoverText().contains(QStringLiteral("Exemplar: ")));
    QVERIFY2(
        chart()->hoverText().contains(QString::fromStdString(toHex(histogramTrace(index + 1)))),
        qPrintable(chart()->hoverText()));

    QSignalSpy selected(m_state.get(), &WorkbenchState::spanSelected);
    QSignalSpy tracesWanted(m_pane.get(), &MetricsPane::tracesPaneWanted);
    QSignalSpy ranges(m_state.get(), &WorkbenchState::timeRangeChanged);
    QTest::mouseClick(plot(), Qt::LeftButton, {}, point + QPoint(2, -1));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).value<TraceId>(), histogramTrace(index + 1));
    QCOMPARE(selected.at(0).at(1).value<SpanId>(), histogramSpan(index + 1));
    QCOMPARE(m_state->selectedTraceId(), std::optional<TraceId>(histogramTrace(index + 1)));
    QCOMPARE(tracesWanted.count(), 1);
    QCOMPARE(ranges.count(), 0); // a click, not a drag

    // Away from every diamond: nothing opens.
    QTest::mouseClick(plot(), Qt::LeftButton, {}, point + QPoint(0, 60));
    QCOMPARE(selected.count(), 1);
}

void TestMetricExemplars::checkboxHidesThem()
{
    showMetric("http.server.request.duration", MetricType::Histogram);
    const QPoint point = plotPointOf(10);
    QVERIFY(diamondDrawnAt(10));
    toggle()->setChecked(false);
    QVERIFY(!chart()->exemplarsVisible());
    QCoreApplication::processEvents();
    QVERIFY(!kansoku::test::drawnNear(plot()->grab().toImage(), point, 2, {diamondFill}, 30));
    QSignalSpy selected(m_state.get(), &WorkbenchState::spanSelected);
    QTest::mouseClick(plot(), Qt::LeftButton, {}, point);
    QCOMPARE(selected.count(), 0);

    toggle()->setChecked(true);
    QCoreApplication::processEvents();
    QVERIFY(diamondDrawnAt(10));
    QTest::mouseClick(plot(), Qt::LeftButton, {}, plotPointOf(10));
    QCOMPARE(selected.count(), 1);
}

void TestMetricExemplars::heatmapHasNone()
{
    showMetric("http.server.request.duration", MetricType::Histogram);
    auto *mode = m_pane->findChild<QComboBox *>(QStringLiteral("histogramMode"));
    mode->setCurrentIndex(
        mode->findData(static_cast<int>(MetricChartOptions::HistogramMode::Heatmap)));
    QVERIFY(chart()->hasHeatmap());
    QCOMPARE(chart()->exemplarCount(), 0);
    // The box stays where it was, greyed: the heatmap's rows are buckets, not values.
    QVERIFY(toggle()->isVisible());
    QVERIFY(!toggle()->isEnabled());
    mode->setCurrentIndex(
        mode->findData(static_cast<int>(MetricChartOptions::HistogramMode::Quantiles)));
    QCOMPARE(chart()->exemplarCount(), exportCount - 1);
    QVERIFY(toggle()->isEnabled());
}

void TestMetricExemplars::counterDiamondsOnTheRateLine()
{
    showMetric("http.server.requests", MetricType::Sum);
    QCOMPARE(chart()->seriesCount(), 1);
    QCOMPARE(chart()->exemplarCount(), exportCount - 1);
    for (int i = 0; i < chart()->exemplarCount(); ++i) {
        const ChartExemplar &exemplar = chart()->exemplar(i);
        QCOMPARE(exemplar.timeNs, exportTime(i + 1) - 7 * secondNs);
        QCOMPARE(exemplar.value, 10.0); // the rate line: 10 requests/s throughout
        QCOMPARE(exemplar.valueText, QStringLiteral("1 request")); // the measurement
    }
    QVERIFY(diamondDrawnAt(20));
    QSignalSpy selected(m_state.get(), &WorkbenchState::spanSelected);
    QTest::mouseClick(plot(), Qt::LeftButton, {}, plotPointOf(20));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(1).value<SpanId>(), histogramSpan(21));
}

void TestMetricExemplars::dashboardLatencyChartOpensTheSpan()
{
    DashboardsPane dashboards(m_state.get(), m_store->queries());
    dashboards.resize(1400, 900);
    dashboards.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboards));
    QTRY_VERIFY_WITH_TIMEOUT(!dashboards.isLoading(), 10000);
    QVERIFY(dashboards.selectDashboard(QStringLiteral("http-server") + QChar(0x1f)
                                       + QStringLiteral("shop")));
    QTRY_VERIFY_WITH_TIMEOUT(!dashboards.isLoading(), 10000);
    QCoreApplication::processEvents();
    QTRY_VERIFY_WITH_TIMEOUT(!dashboards.isLoading(), 10000);
    DashboardChartTile *latency = nullptr;
    for (DashboardChartTile *tile : dashboards.tiles()) {
        if (tile->titleText() == QLatin1String("Latency"))
            latency = tile;
        // Request rates have no axis for a duration.
        else if (tile->titleText() == QLatin1String("Requests by route"))
            QCOMPARE(tile->chart()->exemplarCount(), 0);
    }
    QVERIFY(latency);
    ChartView *chart = latency->chart();
    QCOMPARE(chart->exemplarCount(), exportCount - 1);
    const ChartExemplar &exemplar = chart->exemplar(5);
    QCOMPARE(exemplar.value, histogramExemplarValue(6));

    QSignalSpy selected(m_state.get(), &WorkbenchState::spanSelected);
    QSignalSpy tracesWanted(&dashboards, &DashboardsPane::tracesPaneWanted);
    QWidget *tilePlot = chart->findChild<QWidget *>(QStringLiteral("chartPlot"));
    QTest::mouseClick(tilePlot, Qt::LeftButton, {},
                      tilePlot->mapFrom(chart, chart->pixelFor(exemplar.timeNs, exemplar.value)));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).value<TraceId>(), histogramTrace(6));
    QCOMPARE(selected.at(0).at(1).value<SpanId>(), histogramSpan(6));
    QCOMPARE(tracesWanted.count(), 1);
}

QTEST_MAIN(TestMetricExemplars)
#include "tst_metric_exemplars.moc"
