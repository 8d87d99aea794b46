#include "chart_view.h"
#include "dashboard_chart_tile.h"
#include "dashboards_pane.h"
#include "metric_chart_panel.h"
#include "metric_store_helpers.h"
#include "metrics_pane.h"
#include "screenshot_checks.h"
#include "telemetry_store.h"
#include "view/dashboard_list_model.h"
#include "view/metric_browser_model.h"
#include "view/workbench_state.h"

#include <QDir>
#include <QListView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <cmath>

using namespace kansoku;

namespace {

using kansoku::test::metricKeyOf;
using kansoku::test::offerAll;
using kansoku::test::openMetricStore;

constexpr std::int64_t secondNs = 1'000'000'000LL;
constexpr std::int64_t startNs = 1'795'500'000LL * secondNs;
constexpr std::int64_t intervalNs = 15 * secondNs;
constexpr int exportCount = 240; // an hour

std::int64_t exportTime(int index)
{
    return startNs + (index + 1) * intervalNs;
}

Resource resourceOf(const char *service, const char *host)
{
    Resource resource;
    if (service)
        resource.attributes.push_back({"service.name", AnyValue::fromString(service)});
    resource.attributes.push_back({"host.name", AnyValue::fromString(host)});
    return resource;
}

Attributes attributes(std::initializer_list<std::pair<const char *, const char *>> entries)
{
    Attributes result;
    for (const auto &[key, value] : entries)
        result.push_back({key, AnyValue::fromString(value)});
    return result;
}

// A cumulative histogram stream in seconds: perExport observations in each bucket each export.
void addHistogramPoint(Metric &metric, Attributes pointAttributes, int index,
                       const std::vector<std::uint64_t> &perExport)
{
    static const std::vector<double> bounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};
    HistogramDataPoint point;
    point.attributes = std::move(pointAttributes);
    point.startTimeNs = startNs;
    point.timeNs = exportTime(index);
    point.explicitBounds = bounds;
    for (std::uint64_t count : perExport) {
        point.bucketCounts.push_back(count * static_cast<std::uint64_t>(index + 1));
        point.count += count * static_cast<std::uint64_t>(index + 1);
    }
    metric.histogramPoints.push_back(point);
}

Metric metricNamed(const char *name, const char *unit, MetricType type, bool monotonic = false)
{
    Metric metric;
    metric.name = name;
    metric.unit = unit;
    metric.type = type;
    metric.temporality = type == MetricType::Gauge ? AggregationTemporality::Unspecified
                                                   : AggregationTemporality::Cumulative;
    metric.isMonotonic = monotonic;
    return metric;
}

NumberDataPoint numberPoint(Attributes pointAttributes, int index, double value)
{
    NumberDataPoint point;
    point.attributes = std::move(pointAttributes);
    point.startTimeNs = startNs;
    point.timeNs = exportTime(index);
    point.value = value;
    return point;
}

// The checkout service's HTTP server and database client: /cart 10/s, /pay 4/s with 200 and
// 2/s with 500 (a third of /pay fails); SELECT 5/s, INSERT 1/s.
std::vector<Metric> serviceMetrics(int index)
{
    Metric http = metricNamed("http.server.request.duration", "s", MetricType::Histogram);
    addHistogramPoint(http,
                      attributes({{"http.route", "/cart"}, {"http.response.status_code", "200"}}),
                      index, {0, 30, 60, 45, 15, 0, 0, 0, 0});
    addHistogramPoint(http,
                      attributes({{"http.route", "/pay"}, {"http.response.status_code", "200"}}),
                      index, {0, 0, 15, 30, 15, 0, 0, 0, 0});
    addHistogramPoint(http,
                      attributes({{"http.route", "/pay"}, {"http.response.status_code", "500"}}),
                      index, {0, 0, 0, 0, 0, 15, 15, 0, 0});
    Metric db = metricNamed("db.client.operation.duration", "s", MetricType::Histogram);
    addHistogramPoint(db, attributes({{"db.operation.name", "SELECT"}}), index,
                      {15, 30, 30, 0, 0, 0, 0, 0, 0});
    addHistogramPoint(db, attributes({{"db.operation.name", "INSERT"}}), index,
                      {0, 0, 5, 10, 0, 0, 0, 0, 0});
    return {http, db};
}

// The Collector's hostmetrics of node-1: CPU 30% user, 10% system; 4 GiB used of 16; the network
// receives 1 MiB/s and sends 0.5 MiB/s.
std::vector<Metric> hostMetrics(int index)
{
    Metric cpu = metricNamed("system.cpu.utilization", "1", MetricType::Gauge);
    for (const auto &[state, share] :
         {std::pair<const char *, double>{"user", 0.3}, {"system", 0.1}, {"idle", 0.6}})
        cpu.numberPoints.push_back(numberPoint(attributes({{"state", state}}), index, share));
    Metric memory = metricNamed("system.memory.usage", "By", MetricType::Sum);
    memory.numberPoints.push_back(
        numberPoint(attributes({{"state", "used"}}), index, 4.0 * (1 << 30)));
    memory.numberPoints.push_back(
        numberPoint(attributes({{"state", "free"}}), index, 12.0 * (1 << 30)));
    Metric network = metricNamed("system.network.io", "By", MetricType::Sum, true);
    network.numberPoints.push_back(
        numberPoint(attributes({{"direction", "receive"}}), index, 15.0 * (1 << 20) * (index + 1)));
    network.numberPoints.push_back(
        numberPoint(attributes({{"direction", "transmit"}}), index, 7.5 * (1 << 20) * (index + 1)));
    return {cpu, memory, network};
}

std::vector<TelemetryBatchPtr> batches(int first, int last, bool withHost)
{
    std::vector<TelemetryBatchPtr> result;
    for (int index = first; index < last; ++index) {
        auto batch = std::make_shared<TelemetryBatch>();
        auto add = [&batch](Resource resource, std::vector<Metric> metrics) {
            ResourceMetrics resourceMetrics;
            resourceMetrics.resource = std::move(resource);
            ScopeMetrics scope;
            scope.scope.name = "test";
            scope.metrics = std::move(metrics);
            resourceMetrics.scopeMetrics.push_back(std::move(scope));
            batch->resourceMetrics.push_back(std::move(resourceMetrics));
        };
        add(resourceOf("checkout", "vm-7"), serviceMetrics(index));
        if (withHost)
            add(resourceOf(nullptr, "node-1"), hostMetrics(index));
        result.push_back(std::move(batch));
    }
    return result;
}

constexpr std::int64_t servicePointsPerExport = 5;
constexpr std::int64_t hostPointsPerExport = 7;

QString dashboardKey(const char *id, const char *scope)
{
    return QString::fromLatin1(id) + QChar(0x1f) + QString::fromLatin1(scope);
}

QStringList listed(const DashboardsPane &pane)
{
    QStringList titles;
    for (int row = 0; row < pane.listModel()->rowCount(); ++row)
        titles << pane.listModel()->index(row).data().toString();
    return titles;
}

QStringList tileTitles(const DashboardsPane &pane)
{
    QStringList titles;
    for (const DashboardChartTile *tile : pane.tiles())
        titles << tile->titleText();
    return titles;
}

DashboardChartTile *tileTitled(const DashboardsPane &pane, const QString &title)
{
    for (DashboardChartTile *tile : pane.tiles()) {
        if (tile->titleText() == title)
            return tile;
    }
    return nullptr;
}

// The series named name of a tile, or nullptr.
const ChartSeries *seriesNamed(const DashboardChartTile *tile, const QString &name)
{
    const ChartView *chart = tile->chart();
    for (int i = 0; i < chart->seriesCount(); ++i) {
        if (chart->series(i).name == name)
            return &chart->series(i);
    }
    return nullptr;
}

// The mean of a series' finite values.
double meanOf(const ChartSeries *series)
{
    double sum = 0;
    int count = 0;
    for (double value : series->values) {
        if (std::isfinite(value)) {
            sum += value;
            ++count;
        }
    }
    return count > 0 ? sum / count : std::nan("");
}

} // namespace

class TestDashboardsPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void offersTheSessionsDashboards();
    void hostGridHasReadableUnits();
    void httpGridShowsRatesQuantilesAndErrors();
    void databaseGrid();
    void timeRangeChangeQueriesAgain();
    void serviceFilter();
    void chartOpensInTheMetricsPane();
    void gridColumnsFollowTheWidth();
    void singleLineIsNamedInTheSubtitle();
    void emptyStateNamesTheMetrics();
    void liveDataAddsDashboardsAndPoints();
    void hiddenPaneWaitsUntilShown();
    void renderScreenshot();

private:
    void waitLoaded(DashboardsPane &pane);
    void select(const QString &key);

    QTemporaryDir m_dir;
    std::unique_ptr<TelemetryStore> m_store;
    std::unique_ptr<WorkbenchState> m_state;
    std::unique_ptr<DashboardsPane> m_pane;
};

void TestDashboardsPane::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    m_store = openMetricStore(m_dir.filePath(QStringLiteral("dashboards.db")));
    QVERIFY(offerAll(*m_store, batches(0, exportCount, true)));
    QTRY_COMPARE_WITH_TIMEOUT(m_store->queries()->totals().dataPoints,
                              exportCount * (servicePointsPerExport + hostPointsPerExport), 20000);
}

void TestDashboardsPane::init()
{
    m_state = std::make_unique<WorkbenchState>();
    m_state->setDataBounds(m_store->queries()->timeBounds());
    m_pane = std::make_unique<DashboardsPane>(m_state.get(), m_store->queries());
    m_pane->resize(1400, 900);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    waitLoaded(*m_pane);
}

void TestDashboardsPane::cleanup()
{
    m_pane.reset();
    m_state.reset();
}

void TestDashboardsPane::waitLoaded(DashboardsPane &pane)
{
    QTRY_VERIFY_WITH_TIMEOUT(!pane.isLoading(), 10000);
    QCoreApplication::processEvents();
    // A resize may have asked for points at the laid-out width.
    QTRY_VERIFY_WITH_TIMEOUT(!pane.isLoading(), 10000);
}

void TestDashboardsPane::select(const QString &key)
{
    QVERIFY(m_pane->selectDashboard(key));
    QCOMPARE(m_pane->currentKey(), key);
    waitLoaded(*m_pane);
}

void TestDashboardsPane::offersTheSessionsDashboards()
{
    QVERIFY(!m_pane->isShowingEmptyState());
    QCOMPARE(listed(*m_pane),
             (QStringList{QStringLiteral("Host · node-1"), QStringLiteral("HTTP server · checkout"),
                          QStringLiteral("Database client · checkout")}));
    // Nothing chosen yet: the first one is shown, and the list says so.
    QCOMPARE(m_pane->currentKey(), dashboardKey("host", "node-1"));
    QCOMPARE(m_pane->listView()->currentIndex().row(), 0);
    QCOMPARE(tileTitles(*m_pane), (QStringList{QStringLiteral("CPU utilisation by state"),
                                               QStringLiteral("Memory by state"),
                                               QStringLiteral("Network throughput")}));
    for (const DashboardChartTile *tile : m_pane->tiles()) {
        QVERIFY2(tile->chart()->seriesCount() > 0, qPrintable(tile->titleText()));
        QVERIFY(tile->chart()->series(0).timesNs.size() > 100);
    }
    // Clicking another dashboard in the list shows it.
    const QModelIndex http = m_pane->listModel()->index(1);
    QTest::mouseClick(m_pane->listView()->viewport(), Qt::LeftButton, {},
                      m_pane->listView()->visualRect(http).center());
    QCOMPARE(m_pane->currentKey(), dashboardKey("http-server", "checkout"));
    waitLoaded(*m_pane);
    QCOMPARE(m_pane->tiles().size(), std::size_t(5));
}

void TestDashboardsPane::hostGridHasReadableUnits()
{
    const DashboardChartTile *cpu = tileTitled(*m_pane, QStringLiteral("CPU utilisation by state"));
    QVERIFY(cpu);
    QCOMPARE(cpu->subtitleText(), QStringLiteral("value · %"));
    QCOMPARE(cpu->chart()->seriesCount(), 3);
    QCOMPARE(meanOf(seriesNamed(cpu, QStringLiteral("state=user"))), 30.0);
    QCOMPARE(meanOf(seriesNamed(cpu, QStringLiteral("state=idle"))), 60.0);

    const DashboardChartTile *memory = tileTitled(*m_pane, QStringLiteral("Memory by state"));
    QCOMPARE(memory->subtitleText(), QStringLiteral("value · bytes"));
    QCOMPARE(meanOf(seriesNamed(memory, QStringLiteral("state=used"))), 4.0 * (1 << 30));

    const DashboardChartTile *network = tileTitled(*m_pane, QStringLiteral("Network throughput"));
    QCOMPARE(network->subtitleText(), QStringLiteral("bytes/s"));
    QVERIFY(std::abs(meanOf(seriesNamed(network, QStringLiteral("direction=receive"))) - (1 << 20))
            < 1);
    QVERIFY(std::abs(meanOf(seriesNamed(network, QStringLiteral("direction=transmit"))) - (1 << 19))
            < 1);
}

void TestDashboardsPane::httpGridShowsRatesQuantilesAndErrors()
{
    select(dashboardKey("http-server", "checkout"));
    QCOMPARE(
        tileTitles(*m_pane),
        (QStringList{QStringLiteral("Requests by route"), QStringLiteral("Latency"),
                     QStringLiteral("p95 latency by route"), QStringLiteral("Error share by route"),
                     QStringLiteral("Requests by status")}));
    const DashboardChartTile *requests = tileTitled(*m_pane, QStringLiteral("Requests by route"));
    QCOMPARE(requests->subtitleText(), QStringLiteral("per second"));
    QCOMPARE(requests->chart()->seriesCount(), 2);
    QVERIFY(std::abs(meanOf(seriesNamed(requests, QStringLiteral("http.route=/cart"))) - 10)
            < 1e-6);
    QVERIFY(std::abs(meanOf(seriesNamed(requests, QStringLiteral("http.route=/pay"))) - 6) < 1e-6);

    const DashboardChartTile *latency = tileTitled(*m_pane, QStringLiteral("Latency"));
    QCOMPARE(latency->subtitleText(), QStringLiteral("p50 · p95 · p99 · seconds"));
    QCOMPARE(latency->chart()->seriesCount(), 3);
    QCOMPARE(latency->chart()->series(0).name, QStringLiteral("p50"));
    QCOMPARE(latency->chart()->series(1).name, QStringLiteral("p95"));
    QCOMPARE(latency->chart()->series(2).name, QStringLiteral("p99"));
    // The slowest tenth of requests are /pay's failures, between 0.1 and 0.5 s.
    const double p95 = meanOf(&latency->chart()->series(1));
    QVERIFY2(p95 > 0.1 && p95 <= 0.5, qPrintable(QString::number(p95)));
    const double p50 = meanOf(&latency->chart()->series(0));
    QVERIFY2(p50 > 0.01 && p50 <= 0.05, qPrintable(QString::number(p50)));

    const DashboardChartTile *byRoute = tileTitled(*m_pane, QStringLiteral("p95 latency by route"));
    QCOMPARE(byRoute->chart()->seriesCount(), 2);
    QCOMPARE(byRoute->chart()->series(0).name, QStringLiteral("http.route=/cart p95"));

    const DashboardChartTile *errors = tileTitled(*m_pane, QStringLiteral("Error share by route"));
    QCOMPARE(errors->subtitleText(), QStringLiteral("error share · %"));
    QCOMPARE(meanOf(seriesNamed(errors, QStringLiteral("http.route=/cart"))), 0.0);
    QVERIFY(std::abs(meanOf(seriesNamed(errors, QStringLiteral("http.route=/pay"))) - 100.0 / 3)
            < 1e-6);

    const DashboardChartTile *status = tileTitled(*m_pane, QStringLiteral("Requests by status"));
    QVERIFY(
        std::abs(meanOf(seriesNamed(status, QStringLiteral("http.response.status_code=500"))) - 2)
        < 1e-6);
}

void TestDashboardsPane::databaseGrid()
{
    select(dashboardKey("db-client", "checkout"));
    QCOMPARE(tileTitles(*m_pane),
             (QStringList{QStringLiteral("Operations by operation"), QStringLiteral("Latency"),
                          QStringLiteral("p95 latency by operation")}));
    const DashboardChartTile *operations
        = tileTitled(*m_pane, QStringLiteral("Operations by operation"));
    QVERIFY(
        std::abs(meanOf(seriesNamed(operations, QStringLiteral("db.operation.name=SELECT"))) - 5)
        < 1e-6);
    QVERIFY(
        std::abs(meanOf(seriesNamed(operations, QStringLiteral("db.operation.name=INSERT"))) - 1)
        < 1e-6);
}

void TestDashboardsPane::timeRangeChangeQueriesAgain()
{
    const DashboardChartTile *memory = tileTitled(*m_pane, QStringLiteral("Memory by state"));
    const std::size_t before = memory->chart()->series(0).timesNs.size();
    QCOMPARE(before, std::size_t(exportCount));
    // The last quarter hour: 60 exports, all in the range.
    const TimeRange range{exportTime(exportCount - 60) - secondNs,
                          exportTime(exportCount - 1) + secondNs};
    m_state->setCustomRange(range);
    waitLoaded(*m_pane);
    QCOMPARE(m_pane->currentKey(), dashboardKey("host", "node-1"));
    for (const DashboardChartTile *tile : m_pane->tiles()) {
        const ChartSeries &series = tile->chart()->series(0);
        QVERIFY2(!series.timesNs.empty(), qPrintable(tile->titleText()));
        QVERIFY(series.timesNs.front() >= range.startNs);
        QVERIFY(series.timesNs.back() <= range.endNs);
    }
    memory = tileTitled(*m_pane, QStringLiteral("Memory by state"));
    QCOMPARE(memory->chart()->series(0).timesNs.size(), std::size_t(60));
    QVERIFY(std::abs(memory->chart()->timeAxisRange().startNs - range.startNs)
            < (range.endNs - range.startNs) / 20);
}

void TestDashboardsPane::serviceFilter()
{
    // Host metrics belong to no service: filtered to checkout, only its dashboards remain.
    m_state->setService(QStringLiteral("checkout"));
    waitLoaded(*m_pane);
    QCOMPARE(listed(*m_pane), (QStringList{QStringLiteral("HTTP server · checkout"),
                                           QStringLiteral("Database client · checkout")}));
    QCOMPARE(m_pane->currentKey(), dashboardKey("http-server", "checkout"));
    m_state->setService(QStringLiteral("payments"));
    waitLoaded(*m_pane);
    QVERIFY(m_pane->isShowingEmptyState());
    QVERIFY(m_pane->tiles().empty());
    QVERIFY2(m_pane->emptyStateText().contains(QLatin1String("service payments")),
             qPrintable(m_pane->emptyStateText()));
}

void TestDashboardsPane::chartOpensInTheMetricsPane()
{
    MetricsPane metrics(m_state.get(), m_store->queries());
    metrics.resize(1200, 600);
    metrics.show();
    QVERIFY(QTest::qWaitForWindowExposed(&metrics));
    QTRY_VERIFY(!metrics.isLoading());
    QSignalSpy wanted(m_pane.get(), &DashboardsPane::metricsPaneWanted);

    // The button: the metric, grouped as the dashboard groups it.
    select(dashboardKey("http-server", "checkout"));
    DashboardChartTile *requests = tileTitled(*m_pane, QStringLiteral("Requests by route"));
    QTest::mouseClick(requests->openButton(), Qt::LeftButton);
    QCOMPARE(wanted.size(), 1);
    QTRY_COMPARE(metrics.chartPanel()->metricKey(),
                 metricKeyOf("checkout", "http.server.request.duration", MetricType::Histogram));
    QCOMPARE(metrics.chartPanel()->options().groupByKey, std::string("http.route"));
    QTRY_VERIFY(!metrics.isLoading());
    QCOMPARE(metrics.chartPanel()->chart()->seriesCount(), 6); // 2 routes × p50/p90/p99

    // A double click on a host chart: hostmetrics have no service.
    select(dashboardKey("host", "node-1"));
    DashboardChartTile *memory = tileTitled(*m_pane, QStringLiteral("Memory by state"));
    ChartView *chart = memory->chart();
    QWidget *plot = chart->childAt(chart->rect().center());
    QVERIFY(plot);
    QTest::mouseDClick(plot, Qt::LeftButton, {}, plot->mapFrom(chart, chart->rect().center()));
    QCOMPARE(wanted.size(), 2);
    QTRY_COMPARE(metrics.chartPanel()->metricKey(),
                 metricKeyOf("unknown_service", "system.memory.usage", MetricType::Sum));
    QCOMPARE(metrics.chartPanel()->options().groupByKey, std::string("state"));
}

void TestDashboardsPane::gridColumnsFollowTheWidth()
{
    select(dashboardKey("http-server", "checkout"));
    QCOMPARE(m_pane->gridColumns(), 2);
    m_pane->resize(700, 900);
    QTRY_COMPARE(m_pane->gridColumns(), 1);
    waitLoaded(*m_pane);
    m_pane->resize(2000, 900);
    QTRY_COMPARE(m_pane->gridColumns(), 3);
    waitLoaded(*m_pane);
    // Tiles of one row sit side by side, and each chart still draws its lines.
    const std::vector<DashboardChartTile *> &tiles = m_pane->tiles();
    QCOMPARE(tiles[0]->geometry().top(), tiles[2]->geometry().top());
    QVERIFY(tiles[3]->geometry().top() > tiles[0]->geometry().bottom());
    for (const DashboardChartTile *tile : tiles)
        QVERIFY(tile->chart()->seriesCount() > 0);
}

void TestDashboardsPane::singleLineIsNamedInTheSubtitle()
{
    // One line has no legend: the subtitle names it, unless it stands for the whole service.
    const Dashboard &http = DashboardCatalog::all().at(1);
    QCOMPARE(http.id, QStringLiteral("http-server"));
    MetricChart chart;
    chart.shown = QStringLiteral("rate /s");
    chart.valueUnit = QStringLiteral("1/s");
    ChartSeries line;
    line.name = QStringLiteral("http.response.status_code=200");
    line.timesNs = {exportTime(0), exportTime(1)};
    line.values = {3, 4};
    chart.series = {line};
    DashboardChartTile byStatus(http.charts.at(4));
    QCOMPARE(byStatus.titleText(), QStringLiteral("Requests by status"));
    byStatus.setChart(chart, TimeRange{startNs, exportTime(2)}, true);
    QCOMPARE(byStatus.subtitleText(), QStringLiteral("per second · http.response.status_code=200"));
    chart.series.front().name = QStringLiteral("service.name=checkout");
    DashboardChartTile inFlight(http.charts.at(5));
    QCOMPARE(inFlight.titleText(), QStringLiteral("Requests in flight"));
    inFlight.setChart(chart, TimeRange{startNs, exportTime(2)}, true);
    QCOMPARE(inFlight.subtitleText(), QStringLiteral("per second"));
}

void TestDashboardsPane::emptyStateNamesTheMetrics()
{
    QTemporaryDir dir;
    std::unique_ptr<TelemetryStore> store
        = openMetricStore(dir.filePath(QStringLiteral("empty.db")));
    // Metrics, but none of common instrumentation.
    auto batch = std::make_shared<TelemetryBatch>();
    ResourceMetrics resourceMetrics;
    resourceMetrics.resource = resourceOf("worker", "vm-1");
    ScopeMetrics scope;
    Metric queue = metricNamed("queue.depth", "{job}", MetricType::Gauge);
    queue.numberPoints.push_back(numberPoint({}, 0, 3));
    scope.metrics.push_back(queue);
    resourceMetrics.scopeMetrics.push_back(scope);
    batch->resourceMetrics.push_back(resourceMetrics);
    QVERIFY(offerAll(*store, {batch}));
    QTRY_COMPARE(store->queries()->totals().dataPoints, std::int64_t(1));

    WorkbenchState state;
    state.setDataBounds(store->queries()->timeBounds());
    DashboardsPane pane(&state, store->queries());
    pane.resize(900, 600);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    waitLoaded(pane);
    QVERIFY(pane.isShowingEmptyState());
    QCOMPARE(pane.listModel()->rowCount(), 0);
    const QString text = pane.emptyStateText();
    QVERIFY2(text.contains(QLatin1String("No dashboard")), qPrintable(text));
    for (const char *metric :
         {"system.cpu.*", "http.server.request.duration", "http.client.request.duration",
          "db.client.operation.duration", "jvm.*", "go.*", "nodejs.*", "dotnet.*", "k8s.*"})
        QVERIFY2(text.contains(QLatin1String(metric)), metric);
    auto *empty = pane.findChild<QWidget *>(QStringLiteral("dashboardsEmpty"));
    QVERIFY(empty->isVisible());
}

void TestDashboardsPane::liveDataAddsDashboardsAndPoints()
{
    QTemporaryDir dir;
    std::unique_ptr<TelemetryStore> store
        = openMetricStore(dir.filePath(QStringLiteral("live.db")));
    QVERIFY(offerAll(*store, batches(0, 20, false)));
    QTRY_COMPARE(store->queries()->totals().dataPoints, 20 * servicePointsPerExport);
    WorkbenchState state;
    state.setDataBounds(store->queries()->timeBounds());
    DashboardsPane pane(&state, store->queries());
    pane.resize(1400, 900);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    waitLoaded(pane);
    QCOMPARE(listed(pane), (QStringList{QStringLiteral("HTTP server · checkout"),
                                        QStringLiteral("Database client · checkout")}));
    QVERIFY(pane.selectDashboard(dashboardKey("db-client", "checkout")));
    waitLoaded(pane);
    const DashboardChartTile *first = pane.tiles().front();
    QCOMPARE(first->chart()->series(0).timesNs.back(), exportTime(19));

    // The host starts reporting, and the service goes on: as GuiMode does after a commit.
    QVERIFY(offerAll(*store, batches(20, 40, true)));
    QTRY_COMPARE(store->queries()->totals().dataPoints,
                 40 * servicePointsPerExport + 20 * hostPointsPerExport);
    state.setDataBounds(store->queries()->timeBounds());
    state.noteTelemetryCommitted();
    waitLoaded(pane);
    QCOMPARE(listed(pane),
             (QStringList{QStringLiteral("Host · node-1"), QStringLiteral("HTTP server · checkout"),
                          QStringLiteral("Database client · checkout")}));
    // The dashboard shown stays, with the same tiles, now up to the newest export.
    QCOMPARE(pane.currentKey(), dashboardKey("db-client", "checkout"));
    QCOMPARE(pane.listView()->currentIndex().row(), 2);
    QCOMPARE(pane.tiles().front(), first);
    QCOMPARE(first->chart()->series(0).timesNs.back(), exportTime(39));
}

void TestDashboardsPane::hiddenPaneWaitsUntilShown()
{
    WorkbenchState state;
    state.setDataBounds(m_store->queries()->timeBounds());
    DashboardsPane pane(&state, m_store->queries());
    pane.resize(1000, 700);
    state.setRangePreset(WorkbenchState::RangePreset::LastHour);
    state.noteTelemetryCommitted();
    QTRY_VERIFY(pane.hasDeferredReload());
    QVERIFY(!pane.isLoading());
    QCOMPARE(pane.listModel()->rowCount(), 0);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    waitLoaded(pane);
    QVERIFY(!pane.hasDeferredReload());
    QCOMPARE(pane.listModel()->rowCount(), 3);
    QVERIFY(!pane.tiles().empty());
}

void TestDashboardsPane::renderScreenshot()
{
    select(dashboardKey("http-server", "checkout"));
    m_pane->resize(1600, 1000);
    waitLoaded(*m_pane);
    QTest::qWait(100); // let the queued chart replots run
    const QImage shot = m_pane->grab().toImage();
    QVERIFY(shot.save(QDir(QStringLiteral(QT_TESTCASE_BUILDDIR))
                          .filePath(QStringLiteral("dashboards_http.png"))));
    // Each visible tile draws a chart: many colours, not a blank area.
    for (const DashboardChartTile *tile : m_pane->tiles()) {
        if (tile->visibleRegion().isEmpty())
            continue;
        const QRect area(tile->mapTo(m_pane.get(), QPoint(0, 0)), tile->size());
        QVERIFY2(kansoku::test::distinctColours(shot, area, 3) > 40, qPrintable(tile->titleText()));
    }
}

QTEST_MAIN(TestDashboardsPane)
#include "tst_dashboards_pane.moc"
