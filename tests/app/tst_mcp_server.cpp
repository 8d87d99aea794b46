// McpServer with TelemetryTools over a real session opened the way `kansoku mcp` opens it: the
// lifecycle (initialize and version negotiation, ping), JSON-RPC errors (-32700, -32600, -32601,
// -32602), tools/list, and every tool's answer checked against the telemetry written, with
// pagination and tool errors for bad arguments.
#include "mcp_server.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "telemetry_tool_catalog.h"
#include "telemetry_tools.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;
using namespace kansoku::testdata;

namespace {

constexpr std::int64_t baseNs = 1'796'292'000'000'000'000; // 2026-12-03T10:00:00Z
constexpr std::int64_t msNs = 1'000'000;
constexpr std::int64_t secondNs = 1000 * msNs;
const char *const statement = "SELECT * FROM items WHERE id = ?";

QString hex(const TraceId &id)
{
    return QString::fromStdString(toHex(id));
}

// Trace 1: GET /orders with an N+1 of six sequential 9 ms item queries, 1 ms apart; trace 2: a fast
// failing GET /; trace 3: a slow POST /pay on the backend. Three logs, one cumulative counter.
void writeSession(const QString &path)
{
    StorageOptions options;
    options.databasePath = path;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    std::vector<Span> frontend{
        span(traceId(1), spanId(1), {}, "GET /orders", baseNs, baseNs + 100 * msNs),
        span(traceId(2), spanId(20), {}, "GET /", baseNs + secondNs, baseNs + secondNs + 5 * msNs,
             StatusCode::Error)};
    for (int i = 0; i < 6; ++i) {
        Span call = span(traceId(1), spanId(2 + std::uint64_t(i)), spanId(1), "SELECT items",
                         baseNs + (20 + 10 * i) * msNs, baseNs + (29 + 10 * i) * msNs);
        call.kind = SpanKind::Client;
        call.attributes = {{"db.system", AnyValue::fromString("postgresql")},
                           {"db.statement", AnyValue::fromString(statement)}};
        frontend.push_back(call);
    }
    testdata::offerPatiently(store, spanBatch(resource("frontend"), frontend));
    testdata::offerPatiently(
        store, spanBatch(resource("backend"),
                         {span(traceId(3), spanId(30), {}, "POST /pay", baseNs + 2 * secondNs,
                               baseNs + 2 * secondNs + 300 * msNs)}));
    testdata::offerPatiently(
        store,
        logBatch(resource("backend"),
                 {log(baseNs + secondNs, 17, AnyValue::fromString("payment failed: card declined"),
                      {{"order.id", AnyValue::fromInt(7)}}, traceId(3), spanId(30)),
                  log(baseNs + 3 * secondNs, 13, AnyValue::fromString("payment retried"))}));
    testdata::offerPatiently(
        store, logBatch(resource("frontend"),
                        {log(baseNs + 2 * secondNs, 9, AnyValue::fromString("cart loaded"))}));
    Metric requests;
    requests.name = "http.requests";
    requests.unit = "{request}";
    requests.type = MetricType::Sum;
    requests.temporality = AggregationTemporality::Cumulative;
    requests.isMonotonic = true;
    for (int i = 0; i <= 10; ++i) {
        NumberDataPoint point;
        point.startTimeNs = baseNs - secondNs;
        point.timeNs = baseNs + i * secondNs;
        point.value = std::int64_t(10 * i);
        requests.numberPoints.push_back(point);
    }
    testdata::offerPatiently(store, metricBatch(resource("frontend"), {requests}));
    store.close();
}

} // namespace

class TestMcpServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void negotiatesTheProtocolVersion_data();
    void negotiatesTheProtocolVersion();
    void protocolErrors_data();
    void protocolErrors();
    void toolsNeedInitializeFirst();
    void notificationsAndResponsesTakeNoReply();
    void listsEveryToolWithItsSchema();
    void listServices();
    void searchTracesNewestSlowestAndFiltered();
    void searchTracesPages();
    void getTraceSummarizesAndFetchesOneSpan();
    void searchLogsInThePaneLanguage();
    void listAndQueryMetrics();
    void findingsAndComparison();
    void badArgumentsAreToolErrors_data();
    void badArgumentsAreToolErrors();

private:
    QJsonObject request(const QString &method, const QJsonObject &params = {});
    // tools/call: the structured result, or an empty object (and *error the text) for a tool error.
    QJsonObject callTool(const QString &name, const QJsonObject &arguments,
                         QString *error = nullptr);

    QTemporaryDir m_directory;
    std::unique_ptr<TelemetryStore> m_store;
    std::unique_ptr<TelemetryTools> m_tools;
    std::unique_ptr<McpServer> m_server;
    int m_nextId = 1;
};

void TestMcpServer::initTestCase()
{
    const QString path = m_directory.filePath(QStringLiteral("shop.kansoku"));
    writeSession(path);
    StorageOptions options;
    options.databasePath = path;
    options.readOnly = true;
    options.followWriter = true;
    m_store = std::make_unique<TelemetryStore>(options);
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    m_tools = std::make_unique<TelemetryTools>(m_store->queries(), path);
}

void TestMcpServer::init()
{
    m_server = std::make_unique<McpServer>(*m_tools);
    if (QByteArray(QTest::currentTestFunction()) != "negotiatesTheProtocolVersion"
        && QByteArray(QTest::currentTestFunction()) != "toolsNeedInitializeFirst")
        request(QStringLiteral("initialize"),
                {{QStringLiteral("protocolVersion"), QStringLiteral("2025-06-18")}});
}

QJsonObject TestMcpServer::request(const QString &method, const QJsonObject &params)
{
    const QJsonObject message{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                              {QStringLiteral("id"), m_nextId++},
                              {QStringLiteral("method"), method},
                              {QStringLiteral("params"), params}};
    const QByteArray reply
        = m_server->handleMessage(QJsonDocument(message).toJson(QJsonDocument::Compact));
    // One line per reply: the stdio transport's framing.
    if (reply.contains('\n'))
        qWarning("reply holds a newline");
    const QJsonObject response = QJsonDocument::fromJson(reply).object();
    if (response.value(QLatin1String("id")).toInt() != m_nextId - 1)
        qWarning("reply has the wrong id: %s", reply.constData());
    return response;
}

QJsonObject TestMcpServer::callTool(const QString &name, const QJsonObject &arguments,
                                    QString *error)
{
    const QJsonObject result
        = request(QStringLiteral("tools/call"),
                  {{QStringLiteral("name"), name}, {QStringLiteral("arguments"), arguments}})
              .value(QLatin1String("result"))
              .toObject();
    const QJsonArray content = result.value(QLatin1String("content")).toArray();
    const QString text = content.first().toObject().value(QLatin1String("text")).toString();
    if (content.size() != 1
        || content.first().toObject().value(QLatin1String("type")).toString()
               != QLatin1String("text"))
        qWarning("a tool result is one text content item");
    if (result.value(QLatin1String("isError")).toBool()) {
        if (error)
            *error = text;
        else
            qWarning("%s failed: %s", qPrintable(name), qPrintable(text));
        return {};
    }
    const QJsonObject structured = result.value(QLatin1String("structuredContent")).toObject();
    // The text is the same JSON, for clients that read only text.
    if (QJsonDocument::fromJson(text.toUtf8()).object() != structured)
        qWarning("text and structuredContent differ");
    return structured;
}

void TestMcpServer::negotiatesTheProtocolVersion_data()
{
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("answered");
    for (const QString &version : McpServer::supportedProtocolVersions())
        QTest::newRow(qPrintable(version)) << version << version;
    QTest::newRow("unknown") << QStringLiteral("2023-01-01") << QStringLiteral("2025-11-25");
}

void TestMcpServer::negotiatesTheProtocolVersion()
{
    QFETCH(QString, requested);
    QFETCH(QString, answered);
    const QJsonObject result
        = request(QStringLiteral("initialize"),
                  {{QStringLiteral("protocolVersion"), requested},
                   {QStringLiteral("capabilities"), QJsonObject()},
                   {QStringLiteral("clientInfo"),
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("test")},
                                {QStringLiteral("version"), QStringLiteral("1")}}}})
              .value(QLatin1String("result"))
              .toObject();
    QCOMPARE(result.value(QLatin1String("protocolVersion")).toString(), answered);
    QVERIFY(
        result.value(QLatin1String("capabilities")).toObject().contains(QLatin1String("tools")));
    QCOMPARE(result.value(QLatin1String("serverInfo"))
                 .toObject()
                 .value(QLatin1String("name"))
                 .toString(),
             QStringLiteral("kansoku"));
    QVERIFY(m_server->isInitialized());
}

void TestMcpServer::protocolErrors_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("code");
    QTest::addColumn<QJsonValue>("id");
    QTest::newRow("bad JSON") << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":)") << -32700
                              << QJsonValue(QJsonValue::Null);
    QTest::newRow("batch") << QByteArray(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])") << -32600
                           << QJsonValue(QJsonValue::Null);
    QTest::newRow("no jsonrpc") << QByteArray(R"({"id":4,"method":"ping"})") << -32600
                                << QJsonValue(4);
    QTest::newRow("no method") << QByteArray(R"({"jsonrpc":"2.0","id":5})") << -32600
                               << QJsonValue(5);
    QTest::newRow("unknown method")
        << QByteArray(R"({"jsonrpc":"2.0","id":"a","method":"resources/list"})") << -32601
        << QJsonValue(QStringLiteral("a"));
    QTest::newRow("params not an object")
        << QByteArray(R"({"jsonrpc":"2.0","id":6,"method":"tools/list","params":[1]})") << -32602
        << QJsonValue(6);
    QTest::newRow("unknown tool") << QByteArray(
        R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"rm"}})")
                                  << -32602 << QJsonValue(7);
    QTest::newRow("arguments not an object")
        << QByteArray(R"({"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":)"
                      R"("list_services","arguments":"all"}})")
        << -32602 << QJsonValue(8);
    QTest::newRow("initialize without a version")
        << QByteArray(R"({"jsonrpc":"2.0","id":9,"method":"initialize","params":{}})") << -32602
        << QJsonValue(9);
}

void TestMcpServer::protocolErrors()
{
    QFETCH(QByteArray, message);
    QFETCH(int, code);
    QFETCH(QJsonValue, id);
    const QJsonObject reply = QJsonDocument::fromJson(m_server->handleMessage(message)).object();
    QCOMPARE(reply.value(QLatin1String("jsonrpc")).toString(), QStringLiteral("2.0"));
    QCOMPARE(reply.value(QLatin1String("id")), id);
    QCOMPARE(reply.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toInt(),
             code);
    QVERIFY(!reply.value(QLatin1String("error"))
                 .toObject()
                 .value(QLatin1String("message"))
                 .toString()
                 .isEmpty());
    QVERIFY(!reply.contains(QLatin1String("result")));
}

void TestMcpServer::toolsNeedInitializeFirst()
{
    QCOMPARE(request(QStringLiteral("ping")).value(QLatin1String("result")).toObject(),
             QJsonObject());
    QCOMPARE(request(QStringLiteral("tools/list"))
                 .value(QLatin1String("error"))
                 .toObject()
                 .value(QLatin1String("code"))
                 .toInt(),
             -32600);
}

void TestMcpServer::notificationsAndResponsesTakeNoReply()
{
    QVERIFY(m_server->handleMessage(R"({"jsonrpc":"2.0","method":"notifications/initialized"})")
                .isEmpty());
    QVERIFY(
        m_server
            ->handleMessage(
                R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":3}})")
            .isEmpty());
    QVERIFY(m_server->handleMessage(R"({"jsonrpc":"2.0","id":99,"result":{}})").isEmpty());
}

void TestMcpServer::listsEveryToolWithItsSchema()
{
    const QJsonArray tools = request(QStringLiteral("tools/list"))
                                 .value(QLatin1String("result"))
                                 .toObject()
                                 .value(QLatin1String("tools"))
                                 .toArray();
    QStringList names;
    for (const QJsonValue &tool : tools) {
        const QJsonObject object = tool.toObject();
        names.append(object.value(QLatin1String("name")).toString());
        QVERIFY(!object.value(QLatin1String("description")).toString().isEmpty());
        const QJsonObject schema = object.value(QLatin1String("inputSchema")).toObject();
        QCOMPARE(schema.value(QLatin1String("type")).toString(), QStringLiteral("object"));
        QVERIFY(schema.value(QLatin1String("properties")).isObject());
    }
    QCOMPARE(names, (QStringList{QStringLiteral("list_services"), QStringLiteral("search_traces"),
                                 QStringLiteral("get_trace"), QStringLiteral("search_logs"),
                                 QStringLiteral("list_metrics"), QStringLiteral("query_metric"),
                                 QStringLiteral("list_findings"), QStringLiteral("compare_runs")}));
    QCOMPARE(TelemetryToolCatalog::inputSchema(QStringLiteral("get_trace"))
                 .value(QLatin1String("required"))
                 .toArray(),
             (QJsonArray{QStringLiteral("trace_id")}));
}

void TestMcpServer::listServices()
{
    const QJsonObject result = callTool(QStringLiteral("list_services"), {});
    const QJsonArray services = result.value(QLatin1String("services")).toArray();
    QCOMPARE(services.size(), 2);
    const QJsonObject backend = services.at(0).toObject();
    QCOMPARE(backend.value(QLatin1String("name")).toString(), QStringLiteral("backend"));
    QCOMPARE(backend.value(QLatin1String("spans")).toInt(), 1);
    QCOMPARE(backend.value(QLatin1String("logs")).toInt(), 2);
    QCOMPARE(backend.value(QLatin1String("first")).toString(),
             QStringLiteral("2026-12-03T10:00:01.000000000Z"));
    QCOMPARE(backend.value(QLatin1String("last")).toString(),
             QStringLiteral("2026-12-03T10:00:03.000000000Z"));
    const QJsonObject frontend = services.at(1).toObject();
    QCOMPARE(frontend.value(QLatin1String("spans")).toInt(), 8);
    QCOMPARE(frontend.value(QLatin1String("traces")).toInt(), 2);
    QCOMPARE(frontend.value(QLatin1String("logs")).toInt(), 1);
    QCOMPARE(frontend.value(QLatin1String("metric_streams")).toInt(), 1);
    QCOMPARE(frontend.value(QLatin1String("data_points")).toInt(), 11);
    QCOMPARE(
        result.value(QLatin1String("totals")).toObject().value(QLatin1String("traces")).toInt(), 3);
}

void TestMcpServer::searchTracesNewestSlowestAndFiltered()
{
    const auto ids = [this](const QJsonObject &arguments) {
        QStringList result;
        for (const QJsonValue &trace : callTool(QStringLiteral("search_traces"), arguments)
                                           .value(QLatin1String("traces"))
                                           .toArray())
            result.append(trace.toObject().value(QLatin1String("trace_id")).toString());
        return result;
    };
    QCOMPARE(ids({}), (QStringList{hex(traceId(3)), hex(traceId(2)), hex(traceId(1))}));
    QCOMPARE(ids({{QStringLiteral("sort"), QStringLiteral("slowest")}}),
             (QStringList{hex(traceId(3)), hex(traceId(1)), hex(traceId(2))}));
    QCOMPARE(ids({{QStringLiteral("error"), true}}), QStringList{hex(traceId(2))});
    QCOMPARE(
        ids({{QStringLiteral("min_duration_ms"), 50}, {QStringLiteral("max_duration_ms"), 200}}),
        QStringList{hex(traceId(1))});
    QCOMPARE(ids({{QStringLiteral("service"), QStringLiteral("backend")}}),
             QStringList{hex(traceId(3))});
    QCOMPARE(ids({{QStringLiteral("from"), QStringLiteral("2026-12-03T10:00:00.500Z")},
                  {QStringLiteral("to"), QStringLiteral("2026-12-03T10:00:01.500Z")}}),
             QStringList{hex(traceId(2))});
    QCOMPARE(ids({{QStringLiteral("attributes"),
                   QJsonObject{{QStringLiteral("db.system"), QStringLiteral("postgresql")}}}}),
             QStringList{hex(traceId(1))});

    const QJsonObject slow
        = callTool(QStringLiteral("search_traces"),
                   {{QStringLiteral("operation"), QStringLiteral("GET /orders")}})
              .value(QLatin1String("traces"))
              .toArray()
              .first()
              .toObject();
    QCOMPARE(slow.value(QLatin1String("duration_ms")).toDouble(), 100.0);
    QCOMPARE(slow.value(QLatin1String("spans")).toInt(), 7);
    QCOMPARE(slow.value(QLatin1String("root_service")).toString(), QStringLiteral("frontend"));
    QCOMPARE(slow.value(QLatin1String("start")).toString(),
             QStringLiteral("2026-12-03T10:00:00.000000000Z"));
}

void TestMcpServer::searchTracesPages()
{
    QStringList seen;
    QJsonObject arguments{{QStringLiteral("limit"), 2}};
    for (int page = 0; page < 3; ++page) {
        const QJsonObject result = callTool(QStringLiteral("search_traces"), arguments);
        for (const QJsonValue &trace : result.value(QLatin1String("traces")).toArray())
            seen.append(trace.toObject().value(QLatin1String("trace_id")).toString());
        if (!result.contains(QLatin1String("next_cursor")))
            break;
        arguments.insert(QStringLiteral("cursor"), result.value(QLatin1String("next_cursor")));
    }
    QCOMPARE(seen, (QStringList{hex(traceId(3)), hex(traceId(2)), hex(traceId(1))}));
}

void TestMcpServer::getTraceSummarizesAndFetchesOneSpan()
{
    const QJsonObject outline
        = callTool(QStringLiteral("get_trace"), {{QStringLiteral("trace_id"), hex(traceId(1))}});
    QCOMPARE(outline.value(QLatin1String("trace_id")).toString(), hex(traceId(1)));
    QCOMPARE(outline.value(QLatin1String("span_count")).toInt(), 7);
    QCOMPARE(outline.value(QLatin1String("spans")).toArray().size(), 7);
    QCOMPARE(outline.value(QLatin1String("spans"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("self_ms"))
                 .toDouble(),
             46.0); // 100 ms minus six 9 ms calls
    // The loop is the trace's critical path, and the N+1 finding sits on it.
    // root, then each call and the root's millisecond after it.
    QCOMPARE(outline.value(QLatin1String("critical_path")).toArray().size(), 13);
    // Other detectors may see more in this trace; the N+1 must be among its findings.
    QJsonObject nPlusOne;
    for (const QJsonValue &finding : outline.value(QLatin1String("findings")).toArray()) {
        if (finding.toObject().value(QLatin1String("detector")).toString()
            == QLatin1String("n_plus_one"))
            nPlusOne = finding.toObject();
    }
    QVERIFY(!nPlusOne.isEmpty());
    QCOMPARE(nPlusOne.value(QLatin1String("span_ids")).toArray().size(), 6);
    QCOMPARE(nPlusOne.value(QLatin1String("on_critical_path")).toBool(), true);

    const QJsonObject cut
        = callTool(QStringLiteral("get_trace"), {{QStringLiteral("trace_id"), hex(traceId(1))},
                                                 {QStringLiteral("max_spans"), 3}});
    QCOMPARE(cut.value(QLatin1String("spans")).toArray().size(), 3);
    QCOMPARE(cut.value(QLatin1String("omitted_spans")).toInt(), 4);

    const QJsonObject span
        = callTool(QStringLiteral("get_trace"),
                   {{QStringLiteral("trace_id"), hex(traceId(1))},
                    {QStringLiteral("span_id"), QString::fromStdString(toHex(spanId(4)))}})
              .value(QLatin1String("span"))
              .toObject();
    QCOMPARE(span.value(QLatin1String("name")).toString(), QStringLiteral("SELECT items"));
    QCOMPARE(span.value(QLatin1String("attributes"))
                 .toObject()
                 .value(QLatin1String("db.statement"))
                 .toString(),
             QLatin1String(statement));
}

void TestMcpServer::searchLogsInThePaneLanguage()
{
    const auto bodies = [this](const QJsonObject &arguments) {
        QStringList result;
        for (const QJsonValue &log : callTool(QStringLiteral("search_logs"), arguments)
                                         .value(QLatin1String("logs"))
                                         .toArray())
            result.append(log.toObject().value(QLatin1String("body")).toString());
        return result;
    };
    // Newest first in the order they were stored, as the Logs pane lists them.
    QCOMPARE(bodies({}),
             (QStringList{QStringLiteral("cart loaded"), QStringLiteral("payment retried"),
                          QStringLiteral("payment failed: card declined")}));
    QCOMPARE(bodies({{QStringLiteral("query"), QStringLiteral("payment")}}),
             (QStringList{QStringLiteral("payment retried"),
                          QStringLiteral("payment failed: card declined")}));
    QCOMPARE(bodies({{QStringLiteral("query"), QStringLiteral("severity>=error")}}),
             QStringList{QStringLiteral("payment failed: card declined")});
    QCOMPARE(bodies({{QStringLiteral("severity"), QStringLiteral("warn")}}),
             (QStringList{QStringLiteral("payment retried"),
                          QStringLiteral("payment failed: card declined")}));
    QCOMPARE(bodies({{QStringLiteral("query"), QStringLiteral("service:frontend")}}),
             QStringList{QStringLiteral("cart loaded")});
    QCOMPARE(bodies({{QStringLiteral("trace_id"), hex(traceId(3))}}),
             QStringList{QStringLiteral("payment failed: card declined")});

    const QJsonObject first
        = callTool(QStringLiteral("search_logs"), {{QStringLiteral("limit"), 2}});
    QCOMPARE(first.value(QLatin1String("logs")).toArray().size(), 2);
    QVERIFY(first.contains(QLatin1String("next_cursor")));
    const QJsonObject second
        = callTool(QStringLiteral("search_logs"),
                   {{QStringLiteral("limit"), 2},
                    {QStringLiteral("cursor"), first.value(QLatin1String("next_cursor"))}});
    const QJsonArray rest = second.value(QLatin1String("logs")).toArray();
    QCOMPARE(rest.size(), 1);
    const QJsonObject failed = rest.first().toObject();
    QCOMPARE(failed.value(QLatin1String("severity")).toString(), QStringLiteral("ERROR"));
    QCOMPARE(failed.value(QLatin1String("service")).toString(), QStringLiteral("backend"));
    QCOMPARE(failed.value(QLatin1String("trace_id")).toString(), hex(traceId(3)));
    QCOMPARE(failed.value(QLatin1String("attributes"))
                 .toObject()
                 .value(QLatin1String("order.id"))
                 .toInt(),
             7);
}

void TestMcpServer::listAndQueryMetrics()
{
    const QJsonArray metrics
        = callTool(QStringLiteral("list_metrics"), {}).value(QLatin1String("metrics")).toArray();
    QCOMPARE(metrics.size(), 1);
    QCOMPARE(metrics.first().toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("http.requests"));
    QCOMPARE(metrics.first().toObject().value(QLatin1String("data_points")).toInt(), 11);
    QCOMPARE(callTool(QStringLiteral("list_metrics"),
                      {{QStringLiteral("name_contains"), QStringLiteral("cpu")}})
                 .value(QLatin1String("metrics"))
                 .toArray()
                 .size(),
             0);

    // 10 more requests every second: a rate of 10/s at any resolution.
    const QJsonObject series = callTool(
        QStringLiteral("query_metric"),
        {{QStringLiteral("name"), QStringLiteral("http.requests")}, {QStringLiteral("points"), 5}});
    QCOMPARE(series.value(QLatin1String("type")).toString(), QStringLiteral("sum"));
    QCOMPARE(series.value(QLatin1String("resolution_ms")).toDouble(), 2000.0);
    const QJsonArray lines = series.value(QLatin1String("series")).toArray();
    QCOMPARE(lines.size(), 1);
    const QJsonArray points = lines.first().toObject().value(QLatin1String("points")).toArray();
    QVERIFY2(points.size() >= 4 && points.size() <= 6, qPrintable(QString::number(points.size())));
    for (const QJsonValue &point : points)
        QCOMPARE(point.toArray().at(1).toDouble(), 10.0);
}

void TestMcpServer::findingsAndComparison()
{
    const QJsonObject findings
        = callTool(QStringLiteral("list_findings"),
                   {{QStringLiteral("detector"), QStringLiteral("n_plus_one")}});
    QCOMPARE(findings.value(QLatin1String("traces")).toInt(), 3);
    const QJsonArray list = findings.value(QLatin1String("findings")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(QLatin1String("statement")).toString(),
             QLatin1String(statement));
    QCOMPARE(list.first().toObject().value(QLatin1String("operation")).toString(),
             QStringLiteral("GET /orders"));
    QCOMPARE(list.first().toObject().value(QLatin1String("examples")).toArray(),
             (QJsonArray{hex(traceId(1))}));

    const QJsonObject comparison
        = callTool(QStringLiteral("compare_runs"),
                   {{QStringLiteral("before_from"), QStringLiteral("2026-12-03T10:00:00Z")},
                    {QStringLiteral("before_to"), QStringLiteral("2026-12-03T10:00:00.500Z")},
                    {QStringLiteral("after_from"), QStringLiteral("2026-12-03T10:00:00.500Z")},
                    {QStringLiteral("after_to"), QStringLiteral("2026-12-03T10:00:05Z")}});
    QCOMPARE(
        comparison.value(QLatin1String("before")).toObject().value(QLatin1String("traces")).toInt(),
        1);
    QCOMPARE(
        comparison.value(QLatin1String("after")).toObject().value(QLatin1String("traces")).toInt(),
        2);
    // The N+1 of the first run is gone in the second.
    bool fixed = false;
    for (const QJsonValue &finding : comparison.value(QLatin1String("findings")).toArray())
        fixed = fixed
                || finding.toObject().value(QLatin1String("status")).toString()
                       == QLatin1String("fixed");
    QVERIFY(fixed);
}

void TestMcpServer::badArgumentsAreToolErrors_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QJsonObject>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("short trace id")
        << QStringLiteral("get_trace")
        << QJsonObject{{QStringLiteral("trace_id"), QStringLiteral("123")}}
        << QStringLiteral("trace_id: expected a trace id of 32 hex digits");
    QTest::newRow("missing trace id")
        << QStringLiteral("get_trace") << QJsonObject() << QStringLiteral("trace_id: required");
    QTest::newRow("unknown trace")
        << QStringLiteral("get_trace")
        << QJsonObject{{QStringLiteral("trace_id"), hex(traceId(99))}}
        << QStringLiteral("trace_id: no trace %1 in this session").arg(hex(traceId(99)));
    QTest::newRow("misspelt filter") << QStringLiteral("search_traces")
                                     << QJsonObject{{QStringLiteral("servce"), QStringLiteral("a")}}
                                     << QStringLiteral("unknown argument \"servce\"");
    QTest::newRow("limit too large")
        << QStringLiteral("search_traces") << QJsonObject{{QStringLiteral("limit"), 1000}}
        << QStringLiteral("limit: expected a whole number from 1 to 100");
    QTest::newRow("empty range")
        << QStringLiteral("search_traces")
        << QJsonObject{{QStringLiteral("from"), QStringLiteral("2026-12-03T11:00:00Z")},
                       {QStringLiteral("to"), QStringLiteral("2026-12-03T10:00:00Z")}}
        << QStringLiteral("from must be earlier than to");
    QTest::newRow("bad search") << QStringLiteral(
        "search_logs") << QJsonObject{{QStringLiteral("query"), QStringLiteral("\"unclosed")}}
                                << QStringLiteral("query: ");
    QTest::newRow("bad severity") << QStringLiteral(
        "search_logs") << QJsonObject{{QStringLiteral("severity"), QStringLiteral("loud")}}
                                  << QStringLiteral("severity: \"loud\" is not a severity");
    QTest::newRow("logs cursor for traces")
        << QStringLiteral("search_traces")
        << QJsonObject{{QStringLiteral("cursor"), QStringLiteral("bG9nczo1")}} // "logs:5"
        << QStringLiteral("cursor: expected a next_cursor");
    QTest::newRow("unknown metric") << QStringLiteral("query_metric")
                                    << QJsonObject{{QStringLiteral("name"), QStringLiteral("cpu")}}
                                    << QStringLiteral("name: no metric \"cpu\"");
    QTest::newRow("unknown detector")
        << QStringLiteral("list_findings")
        << QJsonObject{{QStringLiteral("detector"), QStringLiteral("magic")}}
        << QStringLiteral("detector: expected one of n_plus_one");
    QTest::newRow("comparison without after")
        << QStringLiteral("compare_runs")
        << QJsonObject{{QStringLiteral("before_from"), QStringLiteral("2026-12-03T10:00:00Z")},
                       {QStringLiteral("before_to"), QStringLiteral("2026-12-03T10:00:01Z")}}
        << QStringLiteral("after_from: required");
}

void TestMcpServer::badArgumentsAreToolErrors()
{
    QFETCH(QString, tool);
    QFETCH(QJsonObject, arguments);
    QFETCH(QString, message);
    QString error;
    QCOMPARE(callTool(tool, arguments, &error), QJsonObject());
    QVERIFY2(error.startsWith(message), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestMcpServer)
#include "tst_mcp_server.moc"
