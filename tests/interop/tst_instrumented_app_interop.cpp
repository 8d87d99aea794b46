// Dashboards from a real instrumented Node app (issue 14): Express + PostgreSQL through the
// official OpenTelemetry http, express and pg instrumentations (instrumented_shop.mjs, versions
// pinned in package-lock.json) send to the real `kansoku --headless`; the stored metric streams
// must be the ones the SDK exported, offer the HTTP server, HTTP client and Database client
// dashboards, and their charts must read right (units, rates, quantiles, error shares). A real,
// throwaway PostgreSQL runs for the test; when it cannot start, the test fails. Runs on the test
// thread; owns its kansoku, postgres and node processes.
#include "analysis/dashboard_catalog.h"
#include "core/telemetry_queries.h"
#include "kansoku_process.h"
#include "node_environment.h"
#include "postgres_cluster.h"
#include "telemetry_store.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace kansoku;
using namespace kansoku::interop;

namespace {

constexpr int shopTimeoutMs = 240000;

const DashboardChart &chartTitled(const OfferedDashboard &offered, const char *title)
{
    for (const DashboardChart &chart : offered.dashboard->charts) {
        if (chart.title == QLatin1String(title))
            return chart;
    }
    qFatal("no chart %s in %s", title, qPrintable(offered.title()));
}

const OfferedDashboard *findOffered(const std::vector<OfferedDashboard> &offered,
                                    const QString &title)
{
    const auto found = std::find_if(offered.begin(), offered.end(),
                                    [&](const OfferedDashboard &d) { return d.title() == title; });
    return found == offered.end() ? nullptr : &*found;
}

// A chart of an offered dashboard from every stored point, as the Dashboards pane builds it for
// the whole session.
MetricChart buildChart(const TelemetryQueries &queries, const std::vector<MetricStream> &streams,
                       const OfferedDashboard &offered, const char *title)
{
    const DashboardChart &chart = chartTitled(offered, title);
    std::vector<MetricStreamWithPoints> data;
    for (const MetricStream &stream : DashboardCatalog::chartStreams(offered, chart, streams)) {
        MetricPointQuery query;
        query.streamId = stream.streamId;
        if (std::optional<Metric> metric = queries.metricPoints(query))
            data.push_back({stream, std::move(*metric)});
    }
    return DashboardCatalog::build(chart, data, {});
}

const ChartSeries *seriesNamed(const MetricChart &chart, const QString &name)
{
    const auto found = std::find_if(chart.series.begin(), chart.series.end(),
                                    [&](const ChartSeries &series) { return series.name == name; });
    return found == chart.series.end() ? nullptr : &*found;
}

double maxOf(const ChartSeries &series)
{
    double result = std::nan("");
    for (double value : series.values) {
        if (!std::isnan(value) && !(value <= result))
            result = value;
    }
    return result;
}

QString seriesNames(const MetricChart &chart)
{
    QStringList names;
    for (const ChartSeries &series : chart.series)
        names << series.name;
    return names.join(QStringLiteral(", "));
}

// Every time slot where both quantiles have a value: p95 ≥ p50 > 0 and below limit; at least one.
QString checkQuantiles(const MetricChart &chart, double limit)
{
    const ChartSeries *p50 = seriesNamed(chart, QStringLiteral("p50"));
    const ChartSeries *p95 = seriesNamed(chart, QStringLiteral("p95"));
    if (!p50 || !p95)
        return QStringLiteral("no p50 and p95 lines, only: ") + seriesNames(chart);
    int filledSlots = 0;
    for (std::size_t i = 0; i < p50->values.size() && i < p95->values.size(); ++i) {
        const double median = p50->values[i];
        const double high = p95->values[i];
        if (std::isnan(median) || std::isnan(high))
            continue;
        ++filledSlots;
        if (!(median > 0 && high >= median && high < limit))
            return QStringLiteral("slot %1: p50 %2, p95 %3 (limit %4)")
                .arg(i)
                .arg(median)
                .arg(high)
                .arg(limit);
    }
    return filledSlots > 0 ? QString() : QStringLiteral("no time slot with both quantiles");
}

} // namespace

class TestInstrumentedAppInterop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dashboardsFromExpressAndPostgres_data();
    void dashboardsFromExpressAndPostgres();

private:
    QString m_nodeExecutable;
};

void TestInstrumentedAppInterop::initTestCase()
{
    m_nodeExecutable = nodeExecutable();
    QVERIFY2(!m_nodeExecutable.isEmpty(),
             "Node.js (node, version 20 or newer) is not on PATH: install nodejs or set "
             "KANSOKU_NODE to the node executable.");
    QVERIFY2(QFileInfo::exists(QStringLiteral(KANSOKU_INTEROP_DIR)
                               + QStringLiteral("/node_modules/@opentelemetry/instrumentation-pg")),
             "The pinned OpenTelemetry JS SDK and instrumentations are not installed: run the "
             "interop_npm_ci test (ctest -R interop) or `npm ci` in tests/interop.");
    QVERIFY2(QFileInfo(QStringLiteral(KANSOKU_EXECUTABLE)).isExecutable(),
             "the kansoku executable was not built");
}

void TestInstrumentedAppInterop::dashboardsFromExpressAndPostgres_data()
{
    // OTEL_SEMCONV_STABILITY_OPT_IN for the app; empty: not set, as in most users' set-ups.
    QTest::addColumn<QString>("semconvOptIn");
    QTest::newRow("default conventions") << QString();
    QTest::newRow("http/dup,database/dup") << QStringLiteral("http/dup,database/dup");
}

void TestInstrumentedAppInterop::dashboardsFromExpressAndPostgres()
{
    QFETCH(QString, semconvOptIn);
    QString error;
    PostgresCluster postgres;
    QVERIFY2(postgres.start(&error),
             qPrintable(QStringLiteral("PostgreSQL could not start: ") + error));

    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString databasePath = directory.filePath(QStringLiteral("shop.kansoku"));
    KansokuProcess kansoku(QStringLiteral(KANSOKU_EXECUTABLE), databasePath);
    QVERIFY2(kansoku.start(&error), qPrintable(error));

    const QString service = QStringLiteral("shop-%1").arg(QCoreApplication::applicationPid());
    QProcess node;
    node.setProgram(m_nodeExecutable);
    node.setArguments(
        {QStringLiteral(KANSOKU_INTEROP_DIR "/instrumented_shop.mjs"), QStringLiteral("--endpoint"),
         QStringLiteral("http://127.0.0.1:%1").arg(kansoku.httpPort()), QStringLiteral("--pg-port"),
         QString::number(postgres.port()), QStringLiteral("--service"), service});
    node.setWorkingDirectory(QStringLiteral(KANSOKU_INTEROP_DIR));
    QProcessEnvironment environment = environmentWithoutOtelVariables();
    if (!semconvOptIn.isEmpty())
        environment.insert(QStringLiteral("OTEL_SEMCONV_STABILITY_OPT_IN"), semconvOptIn);
    node.setProcessEnvironment(environment);
    node.start();
    QVERIFY2(node.waitForStarted(30000), qPrintable(node.errorString()));
    QVERIFY2(node.waitForFinished(shopTimeoutMs), "instrumented_shop.mjs did not finish in time");
    const QByteArray output = node.readAllStandardOutput();
    const QByteArray errors = node.readAllStandardError();
    QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0,
             qPrintable(QString::fromLocal8Bit(output + errors) + postgres.log()));
    qInfo().noquote() << "instrumented_shop.mjs:" << QString::fromUtf8(output.trimmed());
    const QJsonObject result = QJsonDocument::fromJson(output.trimmed()).object();
    const QJsonObject statuses = result.value(QLatin1String("statuses")).toObject();
    QVERIFY2(statuses.value(QLatin1String("404")).toInt() > 0
                 && statuses.value(QLatin1String("500")).toInt() > 0,
             "the shop answered no 404 or no 500");
    const QJsonObject exported = result.value(QLatin1String("metrics")).toObject();

    QVERIFY2(kansoku.stop(&error), qPrintable(error));
    QVERIFY2(postgres.stop(&error), qPrintable(error));

    StorageOptions options;
    options.databasePath = databasePath;
    options.readOnly = true;
    TelemetryStore store(options);
    QVERIFY2(store.open(&error), qPrintable(error));
    const std::shared_ptr<const TelemetryQueries> queries = store.queries();
    QVERIFY(queries);
    const std::vector<MetricStream> streams = queries->metricStreams(MetricStreamQuery{});

    // What these instrumentation versions send, whatever OTEL_SEMCONV_STABILITY_OPT_IN says: the
    // stable names in seconds only (older releases sent http.server.duration in ms by default;
    // the catalog reads both, see tst_dashboard_catalog).
    for (const char *name : {"http.server.request.duration", "http.client.request.duration",
                             "db.client.operation.duration", "db.client.connection.count"})
        QVERIFY2(
            exported.contains(QLatin1String(name)),
            qPrintable(QStringLiteral("the SDK exported no %1; it exported: %2")
                           .arg(QLatin1String(name), exported.keys().join(QStringLiteral(", ")))));
    QCOMPARE(exported.value(QLatin1String("http.server.request.duration")).toString(),
             QStringLiteral("s"));
    // Every metric the SDK exported is stored, with its unit, under the service.
    for (auto it = exported.begin(); it != exported.end(); ++it) {
        const auto stored
            = std::find_if(streams.begin(), streams.end(), [&](const MetricStream &s) {
                  return QString::fromStdString(s.name) == it.key()
                         && QString::fromStdString(s.resource.serviceName()) == service;
              });
        QVERIFY2(stored != streams.end(), qPrintable(it.key() + QStringLiteral(" is not stored")));
        QCOMPARE(QString::fromStdString(stored->unit), it.value().toString());
    }

    const std::vector<OfferedDashboard> offered = DashboardCatalog::offered(streams);
    QStringList titles;
    for (const OfferedDashboard &dashboard : offered)
        titles << dashboard.title();
    const OfferedDashboard *server
        = findOffered(offered, QStringLiteral("HTTP server · ") + service);
    const OfferedDashboard *client
        = findOffered(offered, QStringLiteral("HTTP client · ") + service);
    const OfferedDashboard *database
        = findOffered(offered, QStringLiteral("Database client · ") + service);
    QVERIFY2(server && client && database, qPrintable(titles.join(QStringLiteral(", "))));

    // Should an instrumentation send the older duration too, its charts are there as well.
    if (exported.contains(QLatin1String("http.server.duration"))) {
        const MetricChart older
            = buildChart(*queries, streams, *server, "Requests by route (older names)");
        QVERIFY2(seriesNamed(older, QStringLiteral("http.route=/orders/:id")),
                 qPrintable(seriesNames(older)));
    }

    // HTTP server: requests per second by route, latency in seconds, the 500s' share.
    const MetricChart requests = buildChart(*queries, streams, *server, "Requests by route");
    QCOMPARE(requests.valueUnit, QStringLiteral("1/s"));
    const ChartSeries *orders = seriesNamed(requests, QStringLiteral("http.route=/orders/:id"));
    QVERIFY2(orders, qPrintable(seriesNames(requests)));
    QVERIFY2(maxOf(*orders) > 0, "no request rate for /orders/:id");
    const MetricChart latency = buildChart(*queries, streams, *server, "Latency");
    QCOMPARE(latency.valueUnit, QStringLiteral("s"));
    const QString latencyProblem = checkQuantiles(latency, 10);
    QVERIFY2(latencyProblem.isEmpty(), qPrintable(latencyProblem));
    const MetricChart errorShare = buildChart(*queries, streams, *server, "Error share by route");
    QCOMPARE(errorShare.valueUnit, QStringLiteral("%"));
    const ChartSeries *orderErrors
        = seriesNamed(errorShare, QStringLiteral("http.route=/orders/:id"));
    QVERIFY2(orderErrors, qPrintable(seriesNames(errorShare)));
    QVERIFY2(maxOf(*orderErrors) > 0 && maxOf(*orderErrors) < 100,
             qPrintable(QStringLiteral("error share of /orders/:id: %1").arg(maxOf(*orderErrors))));
    const MetricChart byStatus = buildChart(*queries, streams, *server, "Requests by status");
    for (const char *status : {"200", "404", "500"})
        QVERIFY2(seriesNamed(byStatus,
                             QStringLiteral("http.response.status_code=") + QLatin1String(status)),
                 qPrintable(seriesNames(byStatus)));

    // HTTP client: its 404s and 500s fail (from 400). The server is 127.0.0.1, as is kansoku,
    // whose OTLP exports the http instrumentation measures too.
    const MetricChart clientErrors
        = buildChart(*queries, streams, *client, "Error share by server");
    const ChartSeries *loopback
        = seriesNamed(clientErrors, QStringLiteral("server.address=127.0.0.1"));
    QVERIFY2(loopback && maxOf(*loopback) > 0, qPrintable(seriesNames(clientErrors)));
    const MetricChart clientLatency = buildChart(*queries, streams, *client, "Latency");
    QCOMPARE(clientLatency.valueUnit, QStringLiteral("s"));
    const QString clientProblem = checkQuantiles(clientLatency, 10);
    QVERIFY2(clientProblem.isEmpty(), qPrintable(clientProblem));

    // Database client: the queries' rate and latency, the pool's connections.
    const MetricChart operations
        = buildChart(*queries, streams, *database, "Operations by operation");
    QCOMPARE(operations.valueUnit, QStringLiteral("1/s"));
    QVERIFY2(!operations.series.empty()
                 && std::any_of(operations.series.begin(), operations.series.end(),
                                [](const ChartSeries &series) { return maxOf(series) > 0; }),
             qPrintable(seriesNames(operations)));
    const MetricChart databaseLatency = buildChart(*queries, streams, *database, "Latency");
    QCOMPARE(databaseLatency.valueUnit, QStringLiteral("s"));
    const QString databaseProblem = checkQuantiles(databaseLatency, 10);
    QVERIFY2(databaseProblem.isEmpty(), qPrintable(databaseProblem));
    const MetricChart pool = buildChart(*queries, streams, *database, "Pool connections by state");
    QVERIFY2(std::any_of(pool.series.begin(), pool.series.end(),
                         [](const ChartSeries &series) { return maxOf(series) > 0; }),
             qPrintable(seriesNames(pool)));
    qInfo().noquote() << "offered:" << titles.join(QStringLiteral(", "))
                      << "| max error share of /orders/:id:" << maxOf(*orderErrors) << "%"
                      << "| operations by:" << seriesNames(operations);
}

QTEST_GUILESS_MAIN(TestInstrumentedAppInterop)
#include "tst_instrumented_app_interop.moc"
