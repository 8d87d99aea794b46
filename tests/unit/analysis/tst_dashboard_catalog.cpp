#include "analysis/dashboard_catalog.h"

#include <QSet>
#include <QTest>
#include <cmath>

using namespace kansoku;

namespace {

constexpr std::int64_t second = 1'000'000'000LL;
constexpr std::int64_t base = 1'760'000'000LL * second;

// A metric as a session holds it: its name and type, where it comes from, its point attributes.
struct SessionMetric
{
    std::string name;
    MetricType type = MetricType::Gauge;
    std::string service; // empty: a Collector-scraped host, no service.name
    std::string host;
    Attributes attributes;
};

std::vector<MetricStream> streamsOf(const std::vector<SessionMetric> &metrics)
{
    std::vector<MetricStream> streams;
    std::int64_t id = 0;
    for (const SessionMetric &metric : metrics) {
        MetricStream stream;
        stream.streamId = ++id;
        stream.name = metric.name;
        stream.type = metric.type;
        stream.isMonotonic = metric.type == MetricType::Sum;
        stream.temporality = AggregationTemporality::Cumulative;
        if (!metric.service.empty())
            stream.resource.attributes.push_back(
                {"service.name", AnyValue::fromString(metric.service)});
        if (!metric.host.empty())
            stream.resource.attributes.push_back({"host.name", AnyValue::fromString(metric.host)});
        stream.attributes = metric.attributes;
        streams.push_back(stream);
    }
    return streams;
}

SessionMetric host(const char *name, MetricType type, const char *host = "node-1")
{
    return {name, type, "", host, {}};
}

SessionMetric service(const char *name, MetricType type, const char *service = "checkout")
{
    return {name, type, service, "vm-7", {}};
}

// One detection case per kind of instrumentation: what the session holds, which dashboards it
// offers (OfferedDashboard::title()) and the charts of the first one.
struct DetectionCase
{
    const char *name;
    std::vector<SessionMetric> metrics;
    std::vector<const char *> offered;
    std::vector<const char *> firstCharts;
};

QStringList listOf(const std::vector<const char *> &texts)
{
    QStringList list;
    for (const char *text : texts)
        list << QString::fromUtf8(text);
    return list;
}

std::vector<DetectionCase> detectionCases()
{
    using T = MetricType;
    return {
        {"hostmetrics of two hosts",
         {host("system.cpu.time", T::Sum), host("system.memory.usage", T::Sum),
          host("system.cpu.load_average.1m", T::Gauge),
          host("system.cpu.load_average.15m", T::Gauge), host("system.disk.io", T::Sum),
          host("system.network.io", T::Sum), host("system.filesystem.utilization", T::Gauge),
          host("system.cpu.time", T::Sum, "node-2")},
         {"Host · node-1", "Host · node-2"},
         {"CPU time by state", "Load average", "Memory by state", "Disk throughput",
          "Network throughput", "File system utilisation"}},
        {"syn-backlog's connection states",
         {host("system.network.connections", T::Sum),
          host("node_netstat_TcpExt_ListenDrops", T::Sum)},
         {"Host · node-1"},
         {"Connections by state"}},
        {"HTTP server and database client of two services",
         {service("http.server.request.duration", T::Histogram),
          service("db.client.operation.duration", T::Histogram),
          service("http.server.request.duration", T::Histogram, "frontend")},
         {"HTTP server · checkout", "HTTP server · frontend", "Database client · checkout"},
         {"Requests by route", "Latency", "p95 latency by route", "Error share by route",
          "Requests by status"}},
        {"HTTP client",
         {service("http.client.request.duration", T::Histogram)},
         {"HTTP client · checkout"},
         {"Requests by server", "Latency", "p95 latency by server", "Error share by server",
          "Requests by status"}},
        {"HTTP server and client, older names (milliseconds, before the stable conventions)",
         {service("http.server.duration", T::Histogram),
          service("http.client.duration", T::Histogram)},
         {"HTTP server · checkout", "HTTP client · checkout"},
         {"Requests by route (older names)", "Latency (older names)",
          "p95 latency by route (older names)", "Error share by route (older names)",
          "Requests by status (older names)"}},
        {"database pool only (the JS SDK demo)",
         {service("db.client.connection.count", T::Gauge, "inventory"),
          service("db.client.operations", T::Sum, "inventory")},
         {"Database client · inventory"},
         {"Pool connections by state"}},
        {"JVM",
         {service("jvm.memory.used", T::Sum), service("jvm.gc.duration", T::Histogram),
          service("jvm.thread.count", T::Sum), service("jvm.cpu.recent_utilization", T::Gauge)},
         {"JVM · checkout"},
         {"Memory used by type", "Memory used by pool", "Garbage collections by collector",
          "GC pause", "Threads by state", "CPU utilisation"}},
        {"Go, current names",
         {service("go.memory.used", T::Sum), service("go.goroutine.count", T::Sum)},
         {"Go runtime · checkout"},
         {"Memory used by type", "Goroutines"}},
        {"Go, older names",
         {service("process.runtime.go.goroutines", T::Sum),
          service("process.runtime.go.gc.count", T::Sum)},
         {"Go runtime · checkout"},
         {"Goroutines (older names)", "Garbage collections (older names)"}},
        {"Node.js",
         {service("nodejs.eventloop.delay.p99", T::Gauge),
          service("nodejs.eventloop.utilization", T::Gauge),
          service("v8js.memory.heap.used", T::Gauge), service("v8js.gc.duration", T::Histogram)},
         {"Node.js runtime · checkout"},
         {"Event loop delay", "Event loop utilisation", "V8 heap used by space",
          "Garbage collections by type", "GC pause"}},
        {".NET",
         {service("dotnet.process.cpu.time", T::Sum), service("dotnet.gc.collections", T::Sum),
          service("dotnet.exceptions", T::Sum)},
         {".NET runtime · checkout"},
         {"CPU time", "Garbage collections by generation", "Exceptions by type"}},
        {"Kubernetes",
         {host("k8s.pod.cpu.usage", T::Gauge), host("k8s.pod.memory.working_set", T::Gauge),
          host("container.cpu.time", T::Sum, "node-2")},
         {"Kubernetes"},
         {"Pod CPU", "Pod memory (working set)", "Container CPU time"}},
        {"no standard metrics",
         {service("http_server_requests_seconds", T::Histogram), service("queue.depth", T::Sum),
          host("scheduler_pending_pods", T::Gauge)},
         {},
         {}},
        {"a matching prefix without a chart",
         {service("jvm.buffer.count", T::Sum), host("system.paging.faults", T::Sum)},
         {},
         {}},
    };
}

QStringList titlesOf(const std::vector<OfferedDashboard> &offered)
{
    QStringList titles;
    for (const OfferedDashboard &dashboard : offered)
        titles << dashboard.title();
    return titles;
}

QStringList chartTitles(const OfferedDashboard &offered)
{
    QStringList titles;
    for (std::size_t index : offered.charts)
        titles << offered.dashboard->charts[index].title;
    return titles;
}

const Dashboard &dashboardWithId(const char *id)
{
    for (const Dashboard &dashboard : DashboardCatalog::all()) {
        if (dashboard.id == QLatin1String(id))
            return dashboard;
    }
    qFatal("no dashboard %s", id);
}

const DashboardChart &chartTitled(const Dashboard &dashboard, const char *title)
{
    for (const DashboardChart &chart : dashboard.charts) {
        if (chart.title == QLatin1String(title))
            return chart;
    }
    qFatal("no chart %s", title);
}

} // namespace

class TestDashboardCatalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyEntryIsSound();
    void problemsAreFound();
    void everyDashboardHasADetectionCase();
    void detection_data();
    void detection();
    void chartStreamsStayInScope();
    void chartOptionsFollowTheKind();
    void ratiosAsPercent();
    void errorShareOfAnHttpDashboard();
    void olderHttpNamesInMilliseconds();
    void patterns_data();
    void patterns();
    void triggersNameEveryDashboard();
};

void TestDashboardCatalog::everyEntryIsSound()
{
    QSet<QString> ids;
    QSet<QString> titles;
    for (const Dashboard &dashboard : DashboardCatalog::all()) {
        const QStringList problems = DashboardCatalog::problems(dashboard);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY2(!ids.contains(dashboard.id), qPrintable(dashboard.id));
        QVERIFY2(!titles.contains(dashboard.title), qPrintable(dashboard.title));
        ids.insert(dashboard.id);
        titles.insert(dashboard.title);
    }
    QVERIFY(ids.size() >= 9);
}

void TestDashboardCatalog::problemsAreFound()
{
    Dashboard broken;
    broken.id = QStringLiteral("Bad Id");
    broken.title = QStringLiteral("Broken");
    broken.appliesTo = {QStringLiteral("app.")};
    DashboardChart chart;
    chart.title = QStringLiteral("Latency");
    chart.metrics = {QStringLiteral("other.latency"), QStringLiteral("app.*")};
    chart.kind = DashboardChart::Kind::Quantiles;
    chart.quantiles = {0.99, 0.5};
    broken.charts = {chart, chart};
    const QStringList problems = DashboardCatalog::problems(broken);
    const QString text = problems.join(QLatin1Char('\n'));
    QVERIFY2(text.contains(QLatin1String("lower-case")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("description")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("other.latency does not match")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("\"app.*\" is not a metric name")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("ascending")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("title of its own")), qPrintable(text));
}

void TestDashboardCatalog::everyDashboardHasADetectionCase()
{
    // Adding a dashboard means adding a case to detectionCases() that offers it.
    QSet<QString> detected;
    for (const DetectionCase &test : detectionCases()) {
        for (const OfferedDashboard &offered : DashboardCatalog::offered(streamsOf(test.metrics)))
            detected.insert(offered.dashboard->id);
    }
    for (const Dashboard &dashboard : DashboardCatalog::all())
        QVERIFY2(detected.contains(dashboard.id), qPrintable(dashboard.id));
}

void TestDashboardCatalog::detection_data()
{
    QTest::addColumn<int>("index");
    const std::vector<DetectionCase> cases = detectionCases();
    for (std::size_t i = 0; i < cases.size(); ++i)
        QTest::newRow(cases[i].name) << static_cast<int>(i);
}

void TestDashboardCatalog::detection()
{
    QFETCH(int, index);
    const DetectionCase test = detectionCases().at(static_cast<std::size_t>(index));
    const std::vector<OfferedDashboard> offered
        = DashboardCatalog::offered(streamsOf(test.metrics));
    QCOMPARE(titlesOf(offered), listOf(test.offered));
    if (offered.empty())
        return;
    QCOMPARE(chartTitles(offered.front()), listOf(test.firstCharts));
    // Keys tell the scopes apart.
    QSet<QString> keys;
    for (const OfferedDashboard &dashboard : offered)
        keys.insert(dashboard.key());
    QCOMPARE(keys.size(), static_cast<qsizetype>(offered.size()));
}

void TestDashboardCatalog::chartStreamsStayInScope()
{
    using T = MetricType;
    SessionMetric idle = host("system.cpu.time", T::Sum);
    idle.attributes = {{"state", AnyValue::fromString("idle")}};
    SessionMetric user = host("system.cpu.time", T::Sum);
    user.attributes = {{"state", AnyValue::fromString("user")}};
    const std::vector<MetricStream> streams = streamsOf(
        {idle, user, host("system.cpu.time", T::Sum, "node-2"),
         host("system.cpu.load_average.1m", T::Gauge), host("system.cpu.load_average.5m", T::Gauge),
         // The same name sent as another type cannot share the chart.
         host("system.cpu.load_average.15m", T::Sum)});
    const std::vector<OfferedDashboard> offered = DashboardCatalog::offered(streams);
    QCOMPARE(titlesOf(offered),
             (QStringList{QStringLiteral("Host · node-1"), QStringLiteral("Host · node-2")}));
    const Dashboard &hostDashboard = *offered.front().dashboard;
    const std::vector<MetricStream> cpu = DashboardCatalog::chartStreams(
        offered.front(), chartTitled(hostDashboard, "CPU time by state"), streams);
    QCOMPARE(cpu.size(), std::size_t(2));
    QCOMPARE(cpu[0].streamId, std::int64_t(1));
    QCOMPARE(cpu[1].streamId, std::int64_t(2));
    const std::vector<MetricStream> load = DashboardCatalog::chartStreams(
        offered.front(), chartTitled(hostDashboard, "Load average"), streams);
    QCOMPARE(load.size(), std::size_t(2));
    QCOMPARE(load[1].name, std::string("system.cpu.load_average.5m"));
    QCOMPARE(DashboardCatalog::chartStreams(
                 offered.back(), chartTitled(hostDashboard, "CPU time by state"), streams)
                 .size(),
             std::size_t(1));
}

void TestDashboardCatalog::chartOptionsFollowTheKind()
{
    const Dashboard &http = dashboardWithId("http-server");
    MetricChartOptions base;
    base.resolutionNs = 42;
    const MetricChartOptions rate
        = DashboardCatalog::chartOptions(chartTitled(http, "Requests by route"), base);
    QCOMPARE(rate.histogramMode, MetricChartOptions::HistogramMode::CountRate);
    QCOMPARE(rate.sumMode, MetricChartOptions::SumMode::Rate);
    QCOMPARE(rate.groupByKey, std::string("http.route"));
    QCOMPARE(rate.resolutionNs, std::int64_t(42));
    const MetricChartOptions latency
        = DashboardCatalog::chartOptions(chartTitled(http, "Latency"), base);
    QCOMPARE(latency.histogramMode, MetricChartOptions::HistogramMode::Quantiles);
    QCOMPARE(latency.quantiles, (std::vector<double>{0.5, 0.95, 0.99}));
    QCOMPARE(DashboardCatalog::chartOptions(chartTitled(http, "p95 latency by route")).quantiles,
             std::vector<double>{0.95});
    const MetricChartOptions errors
        = DashboardCatalog::chartOptions(chartTitled(http, "Error share by route"));
    QCOMPARE(errors.histogramMode, MetricChartOptions::HistogramMode::ErrorShare);
    QCOMPARE(errors.errorStatusFrom, 500);
    QCOMPARE(DashboardCatalog::chartOptions(
                 chartTitled(dashboardWithId("http-client"), "Error share by server"))
                 .errorStatusFrom,
             400);
    const MetricChartOptions value
        = DashboardCatalog::chartOptions(chartTitled(dashboardWithId("host"), "Memory by state"));
    QCOMPARE(value.sumMode, MetricChartOptions::SumMode::Raw);
}

void TestDashboardCatalog::ratiosAsPercent()
{
    const DashboardChart &utilisation
        = chartTitled(dashboardWithId("host"), "CPU utilisation by state");
    QVERIFY(utilisation.ratioAsPercent);
    MetricStreamWithPoints data;
    data.stream = streamsOf({host("system.cpu.utilization", MetricType::Gauge)}).front();
    data.stream.unit = "1";
    data.stream.attributes = {{"state", AnyValue::fromString("user")}};
    data.metric.name = data.stream.name;
    data.metric.unit = "1";
    data.metric.type = MetricType::Gauge;
    for (int i = 0; i < 3; ++i) {
        NumberDataPoint point;
        point.timeNs = base + i * 10 * second;
        point.value = 0.25 * (i + 1);
        data.metric.numberPoints.push_back(point);
    }
    const MetricChart chart = DashboardCatalog::build(utilisation, {data}, {});
    QCOMPARE(chart.valueUnit, QStringLiteral("%"));
    QCOMPARE(chart.series.size(), std::size_t(1));
    QCOMPARE(chart.series[0].name, QStringLiteral("state=user"));
    QCOMPARE(QList<double>(chart.series[0].values.begin(), chart.series[0].values.end()),
             (QList<double>{25, 50, 75}));
    // A chart not asking for it keeps the ratio.
    DashboardChart plain = utilisation;
    plain.ratioAsPercent = false;
    QCOMPARE(DashboardCatalog::build(plain, {data}, {}).series[0].values.back(), 0.75);
}

// Requests of two routes over three 10-s intervals, all faster than the first bound; /pay
// answers one request in four with a 500. The duration histogram under name, in unit, with the
// status in statusKey (the stable conventions' or the older ones').
std::vector<MetricStreamWithPoints> twoRoutes(const char *name, const char *unit,
                                              const char *statusKey, double firstBound)
{
    std::vector<MetricStreamWithPoints> data;
    const std::vector<std::tuple<const char *, int, std::uint64_t>> series{
        {"/cart", 200, 10}, {"/pay", 200, 3}, {"/pay", 500, 1}};
    for (const auto &[route, status, perInterval] : series) {
        MetricStreamWithPoints stream;
        stream.stream = streamsOf({service(name, MetricType::Histogram)}).front();
        stream.stream.attributes
            = {{"http.route", AnyValue::fromString(route)}, {statusKey, AnyValue::fromInt(status)}};
        stream.metric.name = stream.stream.name;
        stream.metric.unit = unit;
        stream.metric.type = MetricType::Histogram;
        stream.metric.temporality = AggregationTemporality::Delta;
        for (int i = 1; i <= 3; ++i) {
            HistogramDataPoint point;
            point.startTimeNs = base + (i - 1) * 10 * second;
            point.timeNs = base + i * 10 * second;
            point.explicitBounds = {firstBound, 10 * firstBound};
            point.bucketCounts = {perInterval, 0, 0};
            stream.metric.histogramPoints.push_back(point);
        }
        data.push_back(stream);
    }
    return data;
}

void TestDashboardCatalog::errorShareOfAnHttpDashboard()
{
    const std::vector<MetricStreamWithPoints> data
        = twoRoutes("http.server.request.duration", "s", "http.response.status_code", 0.1);
    const Dashboard &http = dashboardWithId("http-server");
    const MetricChart errors
        = DashboardCatalog::build(chartTitled(http, "Error share by route"), data, {});
    QCOMPARE(errors.series.size(), std::size_t(2));
    QCOMPARE(errors.series[0].name, QStringLiteral("http.route=/cart"));
    QCOMPARE(errors.series[1].name, QStringLiteral("http.route=/pay"));
    QCOMPARE(errors.series[0].values, (std::vector<double>{0, 0, 0}));
    QCOMPARE(errors.series[1].values, (std::vector<double>{25, 25, 25}));
    const MetricChart rate
        = DashboardCatalog::build(chartTitled(http, "Requests by route"), data, {});
    QCOMPARE(rate.valueUnit, QStringLiteral("1/s"));
    QCOMPARE(rate.series[0].values, (std::vector<double>{1, 1, 1}));
    QCOMPARE(rate.series[1].values, (std::vector<double>{0.4, 0.4, 0.4}));
    const MetricChart latency = DashboardCatalog::build(chartTitled(http, "Latency"), data, {});
    QCOMPARE(latency.series.size(), std::size_t(3));
    QCOMPARE(latency.series[1].name, QStringLiteral("p95"));
    QCOMPARE(latency.valueUnit, QStringLiteral("s"));
    QVERIFY(latency.series[1].values[0] > 0 && latency.series[1].values[0] <= 0.1);
}

void TestDashboardCatalog::olderHttpNamesInMilliseconds()
{
    // What @opentelemetry/instrumentation-http sent before the stable conventions: the same
    // requests as errorShareOfAnHttpDashboard, in milliseconds, the status in http.status_code.
    const std::vector<MetricStreamWithPoints> data
        = twoRoutes("http.server.duration", "ms", "http.status_code", 100);
    const Dashboard &http = dashboardWithId("http-server");
    const MetricChart errors = DashboardCatalog::build(
        chartTitled(http, "Error share by route (older names)"), data, {});
    QCOMPARE(errors.valueUnit, QStringLiteral("%"));
    QCOMPARE(errors.series.size(), std::size_t(2));
    QCOMPARE(errors.series[0].values, (std::vector<double>{0, 0, 0}));
    QCOMPARE(errors.series[1].values, (std::vector<double>{25, 25, 25}));
    const MetricChart rate
        = DashboardCatalog::build(chartTitled(http, "Requests by route (older names)"), data, {});
    QCOMPARE(rate.valueUnit, QStringLiteral("1/s"));
    QCOMPARE(rate.series[1].values, (std::vector<double>{0.4, 0.4, 0.4}));
    const MetricChart byStatus
        = DashboardCatalog::build(chartTitled(http, "Requests by status (older names)"), data, {});
    QCOMPARE(byStatus.series.size(), std::size_t(2));
    QCOMPARE(byStatus.series[0].name, QStringLiteral("http.status_code=200"));
    QCOMPARE(byStatus.series[1].name, QStringLiteral("http.status_code=500"));
    QCOMPARE(byStatus.series[1].values, (std::vector<double>{0.1, 0.1, 0.1}));
    // Quantiles stay in the histogram's unit: milliseconds, a thousand times the seconds above.
    const MetricChart latency
        = DashboardCatalog::build(chartTitled(http, "Latency (older names)"), data, {});
    QCOMPARE(latency.valueUnit, QStringLiteral("ms"));
    QCOMPARE(latency.series.size(), std::size_t(3));
    const MetricChart stable = DashboardCatalog::build(
        chartTitled(http, "Latency"),
        twoRoutes("http.server.request.duration", "s", "http.response.status_code", 0.1), {});
    for (std::size_t q = 0; q < latency.series.size(); ++q) {
        QCOMPARE(latency.series[q].name, stable.series[q].name);
        QVERIFY(latency.series[q].values[0] > 1 && latency.series[q].values[0] <= 100);
        QVERIFY(std::abs(latency.series[q].values[0] - 1000 * stable.series[q].values[0]) < 1e-6);
    }

    // The client's older names: failures from 400, grouped by net.peer.name.
    std::vector<MetricStreamWithPoints> client
        = twoRoutes("http.client.duration", "ms", "http.status_code", 100);
    client[2].stream.attributes[1].value = AnyValue::fromInt(404);
    for (MetricStreamWithPoints &stream : client)
        stream.stream.attributes.push_back({"net.peer.name", AnyValue::fromString("shop")});
    const MetricChart clientErrors = DashboardCatalog::build(
        chartTitled(dashboardWithId("http-client"), "Error share by server (older names)"), client,
        {});
    QCOMPARE(clientErrors.series.size(), std::size_t(1));
    QCOMPARE(clientErrors.series[0].name, QStringLiteral("net.peer.name=shop"));
    // One failed request in 14 per interval.
    QVERIFY(std::abs(clientErrors.series[0].values[0] - 100.0 / 14) < 1e-9);
}

void TestDashboardCatalog::patterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("matches");
    QTest::newRow("exact") << QStringLiteral("http.server.request.duration")
                           << QStringLiteral("http.server.request.duration") << true;
    QTest::newRow("exact, longer name")
        << QStringLiteral("http.server.request.duration")
        << QStringLiteral("http.server.request.duration.exponential") << false;
    QTest::newRow("prefix with dot")
        << QStringLiteral("system.cpu.") << QStringLiteral("system.cpu.load_average.1m") << true;
    QTest::newRow("prefix, other family")
        << QStringLiteral("system.cpu.") << QStringLiteral("system.cpus") << false;
    QTest::newRow("prefix with star")
        << QStringLiteral("jvm.*") << QStringLiteral("jvm.memory.used") << true;
    QTest::newRow("star, other") << QStringLiteral("jvm.*")
                                 << QStringLiteral("process.runtime.jvm.memory.usage") << false;
}

void TestDashboardCatalog::patterns()
{
    QFETCH(QString, pattern);
    QFETCH(QString, name);
    QFETCH(bool, matches);
    QCOMPARE(DashboardCatalog::matches(pattern, name.toStdString()), matches);
}

void TestDashboardCatalog::triggersNameEveryDashboard()
{
    const QStringList lines = DashboardCatalog::triggers();
    QCOMPARE(lines.size(), static_cast<qsizetype>(DashboardCatalog::all().size()));
    QVERIFY(lines.contains(
        QStringLiteral("HTTP server: http.server.request.duration, http.server.active_requests, "
                       "http.server.duration")));
    QVERIFY2(lines.first().startsWith(QLatin1String("Host: system.cpu.*, system.memory.*")),
             qPrintable(lines.first()));
}

QTEST_GUILESS_MAIN(TestDashboardCatalog)
#include "tst_dashboard_catalog.moc"
