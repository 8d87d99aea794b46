// Kansoku's MCP server with the official MCP TypeScript SDK: the OpenTelemetry JS SDK sends traces,
// metrics and logs to the real `kansoku --headless` (send_telemetry.mjs records what it exported),
// and while that process still writes the session, mcp_client.mjs drives `kansoku mcp --db` with
// the MCP SDK's Client over StdioClientTransport. Every tool's answer is checked here against the
// manifest: trace ids, span counts, names, log bodies, metric names and final counter values.
// Then, with the writer stopped, raw JSON-RPC lines show that the server exits 0 when stdin
// closes and leaves the session file byte for byte unchanged. `kansoku query` prints the same
// session's traces, spans, logs, services and metrics. Test thread only.

#include "kansoku_process.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <map>
#include <memory>
#include <set>

using namespace kansoku::interop;

namespace {

QProcessEnvironment withoutOtelVariables()
{
    // OTEL_* variables of the calling environment would override the exporters' settings.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QStringList keys = environment.keys();
    for (const QString &key : keys) {
        if (key.startsWith(QLatin1String("OTEL_")))
            environment.remove(key);
    }
    return environment;
}

QString serviceOf(const QJsonObject &item)
{
    const QJsonArray attributes = item.value(QLatin1String("resource"))
                                      .toObject()
                                      .value(QLatin1String("attributes"))
                                      .toArray();
    for (const QJsonValue &attribute : attributes) {
        const QJsonObject entry = attribute.toObject();
        if (entry.value(QLatin1String("key")).toString() == QLatin1String("service.name"))
            return entry.value(QLatin1String("value"))
                .toObject()
                .value(QLatin1String("value"))
                .toString();
    }
    return QStringLiteral("unknown_service");
}

QByteArray digest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

template<typename Container>
QStringList sorted(const Container &values)
{
    QStringList list(values.begin(), values.end());
    list.sort();
    return list;
}

struct QueryRun
{
    int exitCode = -1;
    QByteArray standardOutput;
    QString standardError;
    // --json: one object per line.
    QList<QJsonObject> lines() const
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : standardOutput.split('\n')) {
            if (!line.isEmpty())
                objects.append(QJsonDocument::fromJson(line).object());
        }
        return objects;
    }
};

struct McpRun
{
    QList<QJsonObject> replies;
    int exitCode = -1;
    bool exitedNormally = false;
    QString standardError;
};

} // namespace

class TestMcpInterop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sdkInitializesAndListsTools();
    void servicesCountWhatWasSent();
    void tracesAreTheOnesSent();
    void traceTreeHoldsTheSpansSent();
    void logsAreTheOnesSent();
    void metricsAreTheOnesSent();
    void findingsAndComparisonCoverTheSession();
    void badArgumentsAndUnknownToolsAreErrors();
    void queryPrintsTheSameSession();
    void queryRejectsMissingFilesAndBadFilters();
    void exitsOnEndOfInputAndNeverWritesTheSession();
    void missingSessionExitsWithTwo();

private:
    // `kansoku mcp --db` fed these requests (after initialize) on stdin, which then closes.
    McpRun runMcp(const QList<QJsonObject> &requests);
    // From the manifest: the bodies of the logs sent with a string body; the final cumulative
    // value of each interop.requests stream, as decimal text.
    QStringList expectedStringBodies() const;
    QStringList expectedFinalRequestCounts() const;
    // `kansoku query ARGUMENTS... --db` the session.
    QueryRun runQuery(const QStringList &arguments);
    QJsonObject callRaw(const QString &tool, const QJsonObject &arguments = {});

    QString m_nodeExecutable;
    QTemporaryDir m_directory;
    QString m_databasePath;
    std::unique_ptr<KansokuProcess> m_kansoku;
    QJsonObject m_manifest;
    QJsonObject m_output; // what mcp_client.mjs printed
    std::map<QString, std::vector<QJsonObject>> m_spansByTrace;
    QString m_traceId;       // the trace with the most spans
    QJsonObject m_childSpan; // a span of it with a parent
};

void TestMcpInterop::initTestCase()
{
    m_nodeExecutable = qEnvironmentVariable("KANSOKU_NODE");
    if (m_nodeExecutable.isEmpty())
        m_nodeExecutable = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!m_nodeExecutable.isEmpty(), "Node.js (node, version 20 or newer) is not on PATH");
    const QString interopDir = QStringLiteral(KANSOKU_INTEROP_DIR);
    QVERIFY2(
        QFileInfo::exists(interopDir + QStringLiteral("/node_modules/@modelcontextprotocol/sdk")),
        "the pinned MCP TypeScript SDK is not installed: run ctest -R interop_npm_ci");
    QVERIFY(m_directory.isValid());
    m_databasePath = m_directory.filePath(QStringLiteral("live.kansoku"));
    const QString manifestPath = m_directory.filePath(QStringLiteral("manifest.json"));

    m_kansoku
        = std::make_unique<KansokuProcess>(QStringLiteral(KANSOKU_EXECUTABLE), m_databasePath);
    QString error;
    QVERIFY2(m_kansoku->start(&error), qPrintable(error));
    QProcess sender;
    sender.setProgram(m_nodeExecutable);
    sender.setArguments({interopDir + QStringLiteral("/send_telemetry.mjs"),
                         QStringLiteral("--protocol"), QStringLiteral("http/protobuf"),
                         QStringLiteral("--endpoint"),
                         QStringLiteral("http://127.0.0.1:%1").arg(m_kansoku->httpPort()),
                         QStringLiteral("--run-id"), QStringLiteral("mcp"),
                         QStringLiteral("--manifest"), manifestPath});
    sender.setWorkingDirectory(interopDir);
    sender.setProcessEnvironment(withoutOtelVariables());
    sender.start();
    QVERIFY2(sender.waitForFinished(300000), "send_telemetry.mjs did not finish within 300 s");
    const QString senderOutput = QString::fromLocal8Bit(sender.readAllStandardOutput())
                                 + QString::fromLocal8Bit(sender.readAllStandardError());
    QVERIFY2(sender.exitStatus() == QProcess::NormalExit && sender.exitCode() == 0,
             qPrintable(senderOutput));
    QFile manifestFile(manifestPath);
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    m_manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    const QJsonArray spans = m_manifest.value(QLatin1String("spans")).toArray();
    QVERIFY(!spans.isEmpty());
    for (const QJsonValue &span : spans) {
        const QJsonObject object = span.toObject();
        m_spansByTrace[object.value(QLatin1String("traceId")).toString()].push_back(object);
    }
    for (const auto &[traceId, traceSpans] : m_spansByTrace) {
        if (m_traceId.isEmpty() || traceSpans.size() > m_spansByTrace[m_traceId].size())
            m_traceId = traceId;
    }
    for (const QJsonObject &span : m_spansByTrace[m_traceId]) {
        if (!span.value(QLatin1String("parentSpanId")).toString().isEmpty())
            m_childSpan = span;
    }
    QVERIFY(!m_childSpan.isEmpty());

    // The SDK saw every export acknowledged (queued); the writer commits within 200 ms. Wait
    // until the live session, read through the server's own connection, holds all of it.
    const QJsonObject expected{
        {QStringLiteral("spans"), spans.size()},
        {QStringLiteral("logs"), m_manifest.value(QLatin1String("logs")).toArray().size()},
        {QStringLiteral("data_points"), [this] {
             qsizetype points = 0;
             for (const QJsonValue &metric : m_manifest.value(QLatin1String("metrics")).toArray())
                 points += metric.toObject().value(QLatin1String("points")).toArray().size();
             return points;
         }()}};
    QJsonObject seen;
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (attempt > 0)
            QThread::msleep(200);
        const QJsonObject totals
            = callRaw(QStringLiteral("list_services")).value(QLatin1String("totals")).toObject();
        for (auto it = expected.constBegin(); it != expected.constEnd(); ++it)
            seen.insert(it.key(), totals.value(it.key()));
        if (seen == expected)
            break;
    }
    QCOMPARE(seen, expected);

    // The SDK client, while `kansoku --headless` still has the session open for writing.
    QProcess client;
    client.setProgram(m_nodeExecutable);
    client.setArguments({interopDir + QStringLiteral("/mcp_client.mjs"),
                         QStringLiteral("--kansoku"), QStringLiteral(KANSOKU_EXECUTABLE),
                         QStringLiteral("--db"), m_databasePath, QStringLiteral("--trace-id"),
                         m_traceId, QStringLiteral("--span-id"),
                         m_childSpan.value(QLatin1String("spanId")).toString()});
    client.setWorkingDirectory(interopDir);
    client.start();
    QVERIFY2(client.waitForFinished(180000), "mcp_client.mjs did not finish within 180 s");
    const QByteArray clientOutput = client.readAllStandardOutput();
    QVERIFY2(client.exitStatus() == QProcess::NormalExit && client.exitCode() == 0,
             qPrintable(QString::fromLocal8Bit(clientOutput + client.readAllStandardError())));
    m_output = QJsonDocument::fromJson(clientOutput).object();
    QVERIFY2(!m_output.isEmpty(), clientOutput.constData());
}

McpRun TestMcpInterop::runMcp(const QList<QJsonObject> &requests)
{
    QProcess process;
    process.start(QStringLiteral(KANSOKU_EXECUTABLE),
                  {QStringLiteral("mcp"), QStringLiteral("--db"), m_databasePath});
    QList<QJsonObject> messages{
        {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
         {QStringLiteral("id"), 0},
         {QStringLiteral("method"), QStringLiteral("initialize")},
         {QStringLiteral("params"),
          QJsonObject{{QStringLiteral("protocolVersion"), QStringLiteral("2025-06-18")},
                      {QStringLiteral("capabilities"), QJsonObject()},
                      {QStringLiteral("clientInfo"),
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("raw")},
                                   {QStringLiteral("version"), QStringLiteral("1")}}}}}},
        {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
         {QStringLiteral("method"), QStringLiteral("notifications/initialized")}}};
    messages.append(requests);
    for (const QJsonObject &message : std::as_const(messages))
        process.write(QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n');
    process.closeWriteChannel();
    McpRun run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        run.standardError = QStringLiteral("kansoku mcp did not exit within 60 s of stdin closing");
        return run;
    }
    run.exitedNormally = process.exitStatus() == QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.standardError = QString::fromLocal8Bit(process.readAllStandardError());
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (!line.isEmpty())
            run.replies.append(QJsonDocument::fromJson(line).object());
    }
    return run;
}

QStringList TestMcpInterop::expectedStringBodies() const
{
    QStringList bodies;
    for (const QJsonValue &log : m_manifest.value(QLatin1String("logs")).toArray()) {
        const QJsonObject body = log.toObject().value(QLatin1String("body")).toObject();
        if (body.value(QLatin1String("type")).toString() == QLatin1String("string"))
            bodies.append(body.value(QLatin1String("value")).toString());
    }
    return bodies;
}

QStringList TestMcpInterop::expectedFinalRequestCounts() const
{
    QStringList values;
    for (const QJsonValue &value : m_manifest.value(QLatin1String("expected"))
                                       .toObject()
                                       .value(QLatin1String("finalValues"))
                                       .toObject()
                                       .value(QLatin1String("interop.requests"))
                                       .toArray())
        values.append(value.toObject().value(QLatin1String("value")).toString());
    return values;
}

QueryRun TestMcpInterop::runQuery(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(KANSOKU_EXECUTABLE),
                  QStringList{QStringLiteral("query")} + arguments
                      + QStringList{QStringLiteral("--db"), m_databasePath});
    QueryRun run;
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.standardOutput = process.readAllStandardOutput();
    run.standardError = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

QJsonObject TestMcpInterop::callRaw(const QString &tool, const QJsonObject &arguments)
{
    const McpRun run = runMcp(
        {{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
          {QStringLiteral("id"), 1},
          {QStringLiteral("method"), QStringLiteral("tools/call")},
          {QStringLiteral("params"), QJsonObject{{QStringLiteral("name"), tool},
                                                 {QStringLiteral("arguments"), arguments}}}}});
    if (run.replies.size() != 2) {
        qWarning().noquote() << "kansoku mcp:" << run.standardError;
        return {};
    }
    return run.replies.at(1)
        .value(QLatin1String("result"))
        .toObject()
        .value(QLatin1String("structuredContent"))
        .toObject();
}

void TestMcpInterop::sdkInitializesAndListsTools()
{
    // The SDK asks for its newest version; Kansoku speaks it, so that is what was agreed.
    QCOMPARE(m_output.value(QLatin1String("negotiatedVersion")).toString(),
             m_output.value(QLatin1String("requestedVersion")).toString());
    QCOMPARE(m_output.value(QLatin1String("serverInfo"))
                 .toObject()
                 .value(QLatin1String("name"))
                 .toString(),
             QStringLiteral("kansoku"));
    QVERIFY(
        m_output.value(QLatin1String("capabilities")).toObject().contains(QLatin1String("tools")));
    QCOMPARE(m_output.value(QLatin1String("tools")).toArray(),
             (QJsonArray{QStringLiteral("list_services"), QStringLiteral("search_traces"),
                         QStringLiteral("get_trace"), QStringLiteral("search_logs"),
                         QStringLiteral("list_metrics"), QStringLiteral("query_metric"),
                         QStringLiteral("list_findings"), QStringLiteral("compare_runs")}));
}

void TestMcpInterop::servicesCountWhatWasSent()
{
    std::map<QString, int> spansPerService;
    for (const QJsonValue &span : m_manifest.value(QLatin1String("spans")).toArray())
        ++spansPerService[serviceOf(span.toObject())];
    std::map<QString, int> logsPerService;
    for (const QJsonValue &log : m_manifest.value(QLatin1String("logs")).toArray())
        ++logsPerService[serviceOf(log.toObject())];
    std::set<QString> names;
    for (const auto &[name, count] : spansPerService)
        names.insert(name);
    for (const auto &[name, count] : logsPerService)
        names.insert(name);
    const QJsonArray services = m_output.value(QLatin1String("services"))
                                    .toObject()
                                    .value(QLatin1String("services"))
                                    .toArray();
    QStringList seen;
    for (const QJsonValue &service : services) {
        const QJsonObject object = service.toObject();
        const QString name = object.value(QLatin1String("name")).toString();
        seen.append(name);
        QCOMPARE(object.value(QLatin1String("spans")).toInt(), spansPerService[name]);
        QCOMPARE(object.value(QLatin1String("logs")).toInt(), logsPerService[name]);
        if (object.value(QLatin1String("spans")).toInt()
                + object.value(QLatin1String("logs")).toInt()
            > 0)
            QVERIFY(object.value(QLatin1String("first")).toString().endsWith(QLatin1Char('Z')));
    }
    QCOMPARE(seen, sorted(names));
}

void TestMcpInterop::tracesAreTheOnesSent()
{
    const QJsonObject traces = m_output.value(QLatin1String("traces")).toObject();
    QStringList ids;
    for (const QJsonValue &trace : traces.value(QLatin1String("items")).toArray()) {
        const QJsonObject object = trace.toObject();
        const QString id = object.value(QLatin1String("trace_id")).toString();
        ids.append(id);
        QVERIFY2(m_spansByTrace.count(id), qPrintable(id));
        QCOMPARE(object.value(QLatin1String("spans")).toInt(), int(m_spansByTrace[id].size()));
    }
    QStringList expected;
    for (const auto &[id, spans] : m_spansByTrace)
        expected.append(id);
    QCOMPARE(sorted(ids), expected); // every trace once, across pages
    QCOMPARE(traces.value(QLatin1String("pages")).toInt(), int((expected.size() + 1) / 2));
    QVERIFY(traces.value(QLatin1String("pages")).toInt() > 1); // the cursor was followed

    // The slowest: the longest from first start to last end, by the SDK's own clock.
    QString slowest;
    qint64 longestNs = -1;
    for (const auto &[id, spans] : m_spansByTrace) {
        qint64 startNs = std::numeric_limits<qint64>::max();
        qint64 endNs = std::numeric_limits<qint64>::min();
        for (const QJsonObject &span : spans) {
            startNs = std::min(
                startNs, span.value(QLatin1String("startTimeUnixNano")).toString().toLongLong());
            endNs = std::max(endNs,
                             span.value(QLatin1String("endTimeUnixNano")).toString().toLongLong());
        }
        if (endNs - startNs > longestNs) {
            longestNs = endNs - startNs;
            slowest = id;
        }
    }
    const QJsonObject top = m_output.value(QLatin1String("slowest"))
                                .toObject()
                                .value(QLatin1String("traces"))
                                .toArray()
                                .first()
                                .toObject();
    QCOMPARE(top.value(QLatin1String("trace_id")).toString(), slowest);
    QCOMPARE(top.value(QLatin1String("duration_ms")).toDouble(),
             std::round(longestNs / 1000.0) / 1000.0);
}

void TestMcpInterop::traceTreeHoldsTheSpansSent()
{
    const std::vector<QJsonObject> &expected = m_spansByTrace[m_traceId];
    const QJsonObject trace = m_output.value(QLatin1String("trace")).toObject();
    QCOMPARE(trace.value(QLatin1String("trace_id")).toString(), m_traceId);
    QCOMPARE(trace.value(QLatin1String("span_count")).toInt(), int(expected.size()));
    QStringList expectedSpans;
    std::set<QString> expectedServices;
    for (const QJsonObject &span : expected) {
        expectedSpans.append(span.value(QLatin1String("spanId")).toString() + QLatin1Char(' ')
                             + span.value(QLatin1String("name")).toString());
        expectedServices.insert(serviceOf(span));
    }
    QStringList spans;
    for (const QJsonValue &span : trace.value(QLatin1String("spans")).toArray())
        spans.append(span.toObject().value(QLatin1String("span_id")).toString() + QLatin1Char(' ')
                     + span.toObject().value(QLatin1String("name")).toString());
    QCOMPARE(sorted(spans), sorted(expectedSpans));
    QStringList services;
    for (const QJsonValue &service : trace.value(QLatin1String("services")).toArray())
        services.append(service.toString());
    QCOMPARE(sorted(services), sorted(expectedServices));
    QVERIFY(!trace.value(QLatin1String("critical_path")).toArray().isEmpty());

    const QJsonObject span
        = m_output.value(QLatin1String("span")).toObject().value(QLatin1String("span")).toObject();
    QCOMPARE(span.value(QLatin1String("span_id")).toString(),
             m_childSpan.value(QLatin1String("spanId")).toString());
    QCOMPARE(span.value(QLatin1String("name")).toString(),
             m_childSpan.value(QLatin1String("name")).toString());
    QCOMPARE(span.value(QLatin1String("parent_span_id")).toString(),
             m_childSpan.value(QLatin1String("parentSpanId")).toString());
    QCOMPARE(span.value(QLatin1String("service")).toString(), serviceOf(m_childSpan));
    QCOMPARE(span.value(QLatin1String("attributes")).toObject().size(),
             m_childSpan.value(QLatin1String("attributes")).toArray().size());
}

void TestMcpInterop::logsAreTheOnesSent()
{
    const QStringList expected = expectedStringBodies();
    const auto orderLogs = int(expected.filter(QStringLiteral("order accepted")).size());
    QVERIFY(orderLogs > 0);
    const QJsonObject logs = m_output.value(QLatin1String("logs")).toObject();
    QCOMPARE(logs.value(QLatin1String("items")).toArray().size(),
             m_manifest.value(QLatin1String("logs")).toArray().size());
    QStringList bodies;
    for (const QJsonValue &log : logs.value(QLatin1String("items")).toArray()) {
        if (log.toObject().value(QLatin1String("body")).isString())
            bodies.append(log.toObject().value(QLatin1String("body")).toString());
    }
    QCOMPARE(sorted(bodies), sorted(expected));
    QVERIFY(logs.value(QLatin1String("pages")).toInt() > 1);
    QCOMPARE(m_output.value(QLatin1String("orderLogs"))
                 .toObject()
                 .value(QLatin1String("logs"))
                 .toArray()
                 .size(),
             orderLogs);
}

void TestMcpInterop::metricsAreTheOnesSent()
{
    QStringList expected;
    for (const QJsonValue &metric : m_manifest.value(QLatin1String("metrics")).toArray())
        expected.append(metric.toObject().value(QLatin1String("name")).toString());
    QStringList names;
    for (const QJsonValue &metric : m_output.value(QLatin1String("metrics"))
                                        .toObject()
                                        .value(QLatin1String("metrics"))
                                        .toArray())
        names.append(metric.toObject().value(QLatin1String("name")).toString());
    QCOMPARE(names, sorted(expected));

    // The raw running value: each stream's last point is the SDK's final cumulative count.
    const QStringList finalValues = expectedFinalRequestCounts();
    const QJsonObject requests = m_output.value(QLatin1String("requests")).toObject();
    QCOMPARE(requests.value(QLatin1String("type")).toString(), QStringLiteral("sum"));
    QStringList lastPoints;
    for (const QJsonValue &series : requests.value(QLatin1String("series")).toArray()) {
        const QJsonArray points = series.toObject().value(QLatin1String("points")).toArray();
        QVERIFY(!points.isEmpty());
        QVERIFY(points.size() <= 11); // about 10 points asked for
        lastPoints.append(QString::number(points.last().toArray().at(1).toDouble()));
    }
    QCOMPARE(sorted(lastPoints), sorted(finalValues));
}

void TestMcpInterop::findingsAndComparisonCoverTheSession()
{
    const int traces = int(m_spansByTrace.size());
    const QJsonObject findings = m_output.value(QLatin1String("findings")).toObject();
    QCOMPARE(findings.value(QLatin1String("traces")).toInt(), traces);
    QCOMPARE(findings.value(QLatin1String("spans")).toInt(),
             int(m_manifest.value(QLatin1String("spans")).toArray().size()));
    const QJsonObject comparison = m_output.value(QLatin1String("comparison")).toObject();
    QCOMPARE(
        comparison.value(QLatin1String("before")).toObject().value(QLatin1String("traces")).toInt(),
        0);
    QCOMPARE(
        comparison.value(QLatin1String("after")).toObject().value(QLatin1String("traces")).toInt(),
        traces);
}

void TestMcpInterop::badArgumentsAndUnknownToolsAreErrors()
{
    const QJsonObject bad = m_output.value(QLatin1String("badArgument")).toObject();
    QCOMPARE(bad.value(QLatin1String("isError")).toBool(), true);
    QVERIFY2(bad.value(QLatin1String("text"))
                 .toString()
                 .startsWith(QLatin1String("trace_id: expected a trace id of 32 hex digits")),
             qPrintable(bad.value(QLatin1String("text")).toString()));
    QCOMPARE(m_output.value(QLatin1String("unknownTool"))
                 .toObject()
                 .value(QLatin1String("code"))
                 .toInt(),
             -32602);
}

void TestMcpInterop::queryPrintsTheSameSession()
{
    QStringList expectedTraces;
    for (const auto &[id, spans] : m_spansByTrace)
        expectedTraces.append(id);

    // Traces as JSON lines: every trace once, with its span count.
    const QueryRun traces = runQuery({QStringLiteral("traces"), QStringLiteral("--json"),
                                      QStringLiteral("--limit"), QStringLiteral("1000")});
    QVERIFY2(traces.exitCode == 0, qPrintable(traces.standardError));
    QStringList ids;
    for (const QJsonObject &trace : traces.lines()) {
        const QString id = trace.value(QLatin1String("trace_id")).toString();
        ids.append(id);
        QCOMPARE(trace.value(QLatin1String("spans")).toInt(), int(m_spansByTrace[id].size()));
    }
    QCOMPARE(sorted(ids), expectedTraces);

    // --limit cuts, and a filter is the tool's argument.
    const QueryRun two = runQuery({QStringLiteral("traces"), QStringLiteral("--json"),
                                   QStringLiteral("--limit"), QStringLiteral("2")});
    QCOMPARE(two.lines().size(), 2);
    const QueryRun slowest
        = runQuery({QStringLiteral("traces"), QStringLiteral("sort=slowest"),
                    QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("1")});
    QCOMPARE(slowest.lines().value(0).value(QLatin1String("trace_id")),
             m_output.value(QLatin1String("slowest"))
                 .toObject()
                 .value(QLatin1String("traces"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("trace_id")));

    // CSV: a header of the columns and one row per trace.
    const QueryRun csv = runQuery({QStringLiteral("traces"), QStringLiteral("--csv"),
                                   QStringLiteral("--limit"), QStringLiteral("1000")});
    QCOMPARE(csv.exitCode, 0);
    const QList<QByteArray> csvLines = csv.standardOutput.trimmed().split('\n');
    QCOMPARE(csvLines.first(),
             QByteArray("trace_id,start,duration_ms,root_service,root_operation,spans,errors\r"));
    QCOMPARE(csvLines.size(), expectedTraces.size() + 1);

    // One trace's spans.
    const QueryRun trace = runQuery({QStringLiteral("trace"), m_traceId, QStringLiteral("--json")});
    QVERIFY2(trace.exitCode == 0, qPrintable(trace.standardError));
    QStringList spanNames;
    for (const QJsonObject &span : trace.lines())
        spanNames.append(span.value(QLatin1String("name")).toString());
    QStringList expectedNames;
    for (const QJsonObject &span : m_spansByTrace[m_traceId])
        expectedNames.append(span.value(QLatin1String("name")).toString());
    QCOMPARE(sorted(spanNames), sorted(expectedNames));

    // Logs: every record, the string bodies as sent.
    const QueryRun logs = runQuery({QStringLiteral("logs"), QStringLiteral("--json"),
                                    QStringLiteral("--limit"), QStringLiteral("1000")});
    QCOMPARE(logs.lines().size(), m_manifest.value(QLatin1String("logs")).toArray().size());
    QStringList bodies;
    for (const QJsonObject &log : logs.lines()) {
        if (log.value(QLatin1String("body")).isString())
            bodies.append(log.value(QLatin1String("body")).toString());
    }
    QCOMPARE(sorted(bodies), sorted(expectedStringBodies()));

    // Services and metrics as text tables: a header, then a row per name.
    const QueryRun services = runQuery({QStringLiteral("services")});
    QCOMPARE(services.exitCode, 0);
    QStringList serviceNames;
    const QList<QByteArray> serviceLines = services.standardOutput.trimmed().split('\n');
    QVERIFY(serviceLines.first().startsWith("NAME "));
    for (qsizetype i = 1; i < serviceLines.size(); ++i)
        serviceNames.append(QString::fromUtf8(serviceLines[i].split(' ').first()));
    QStringList expectedServices;
    for (const QJsonValue &service : m_output.value(QLatin1String("services"))
                                         .toObject()
                                         .value(QLatin1String("services"))
                                         .toArray())
        expectedServices.append(service.toObject().value(QLatin1String("name")).toString());
    QCOMPARE(serviceNames, expectedServices);

    const QueryRun metrics = runQuery({QStringLiteral("metrics"), QStringLiteral("--csv")});
    QStringList metricNames;
    const QList<QByteArray> metricLines = metrics.standardOutput.trimmed().split('\n');
    for (qsizetype i = 1; i < metricLines.size(); ++i)
        metricNames.append(QString::fromUtf8(metricLines[i].split(',').first()));
    QStringList expectedMetrics;
    for (const QJsonValue &metric : m_manifest.value(QLatin1String("metrics")).toArray())
        expectedMetrics.append(metric.toObject().value(QLatin1String("name")).toString());
    QCOMPARE(metricNames, sorted(expectedMetrics));

    // One metric's points: each series ends at the SDK's final cumulative count.
    const QueryRun requests = runQuery(
        {QStringLiteral("metrics"), QStringLiteral("name=interop.requests"),
         QStringLiteral("counter=raw"), QStringLiteral("points=10"), QStringLiteral("--json")});
    QVERIFY2(requests.exitCode == 0, qPrintable(requests.standardError));
    std::map<QString, double> lastValue;
    for (const QJsonObject &point : requests.lines())
        lastValue[point.value(QLatin1String("series")).toString()]
            = point.value(QLatin1String("value")).toDouble();
    QStringList finals;
    for (const auto &[series, value] : lastValue)
        finals.append(QString::number(value));
    QCOMPARE(sorted(finals), sorted(expectedFinalRequestCounts()));
}

void TestMcpInterop::queryRejectsMissingFilesAndBadFilters()
{
    QProcess missing;
    const QString path = m_directory.filePath(QStringLiteral("gone.kansoku"));
    missing.start(
        QStringLiteral(KANSOKU_EXECUTABLE),
        {QStringLiteral("query"), QStringLiteral("traces"), QStringLiteral("--db"), path});
    QVERIFY(missing.waitForFinished(30000));
    QCOMPARE(missing.exitCode(), 2);
    QVERIFY(QString::fromLocal8Bit(missing.readAllStandardError()).contains(path));

    const QueryRun misspelt = runQuery({QStringLiteral("traces"), QStringLiteral("servce=x")});
    QCOMPARE(misspelt.exitCode, 2);
    QVERIFY2(misspelt.standardError.contains(QLatin1String("unknown filter \"servce\"")),
             qPrintable(misspelt.standardError));
    const QueryRun badId = runQuery({QStringLiteral("trace"), QStringLiteral("xyz")});
    QCOMPARE(badId.exitCode, 2);
    QVERIFY2(badId.standardError.contains(QLatin1String("trace_id: expected a trace id")),
             qPrintable(badId.standardError));
    QVERIFY(badId.standardOutput.isEmpty());
}

void TestMcpInterop::exitsOnEndOfInputAndNeverWritesTheSession()
{
    QString error;
    QVERIFY2(m_kansoku->stop(&error), qPrintable(error));
    const QByteArray before = digest(m_databasePath);
    QVERIFY(!before.isEmpty());
    QList<QJsonObject> requests;
    int id = 1;
    for (const auto &[tool, arguments] :
         std::initializer_list<std::pair<const char *, QJsonObject>>{
             {"list_services", {}},
             {"search_traces", {{QStringLiteral("sort"), QStringLiteral("slowest")}}},
             {"get_trace", {{QStringLiteral("trace_id"), m_traceId}}},
             {"search_logs", {{QStringLiteral("query"), QStringLiteral("severity>=warn")}}},
             {"list_metrics", {}},
             {"query_metric", {{QStringLiteral("name"), QStringLiteral("interop.latency")}}},
             {"list_findings", {}}})
        requests.append(
            {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
             {QStringLiteral("id"), id++},
             {QStringLiteral("method"), QStringLiteral("tools/call")},
             {QStringLiteral("params"), QJsonObject{{QStringLiteral("name"), QLatin1String(tool)},
                                                    {QStringLiteral("arguments"), arguments}}}});
    const McpRun run = runMcp(requests);
    QVERIFY2(run.exitedNormally, qPrintable(run.standardError));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.replies.size(), requests.size() + 1);
    for (const QJsonObject &reply : run.replies) {
        QVERIFY2(!reply.contains(QLatin1String("error"))
                     && !reply.value(QLatin1String("result"))
                             .toObject()
                             .value(QLatin1String("isError"))
                             .toBool(),
                 QJsonDocument(reply).toJson().constData());
    }
    QCOMPARE(digest(m_databasePath), before);
}

void TestMcpInterop::missingSessionExitsWithTwo()
{
    const QString missing = m_directory.filePath(QStringLiteral("missing.kansoku"));
    QProcess process;
    process.start(QStringLiteral(KANSOKU_EXECUTABLE),
                  {QStringLiteral("mcp"), QStringLiteral("--db"), missing});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardOutput().isEmpty()); // stdout is the protocol's alone
    QVERIFY(QString::fromLocal8Bit(process.readAllStandardError()).contains(missing));
    QVERIFY(!QFileInfo::exists(missing));
}

QTEST_GUILESS_MAIN(TestMcpInterop)
#include "tst_mcp_interop.moc"
