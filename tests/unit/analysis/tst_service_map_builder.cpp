// ServiceMapBuilder on hand-built traces: calls between instrumented services, a database and an
// external host that do not report themselves, errors, p95, rates, the per-service filter, and
// a client span with an instrumented server counted once.
#include "analysis/service_map_builder.h"
#include "support/analysis_trace_builder.h"
#include "support/empty_telemetry_queries.h"
#include "support/trace_test_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

namespace {

constexpr std::int64_t ms = 1'000'000;

// frontend GET /cart -> HTTP client -> checkout GET /cart -> postgresql query on "orders".
AnalysisTrace shopTrace(std::uint64_t number, std::int64_t checkoutMs = 70,
                        bool checkoutFails = false)
{
    AnalysisTraceBuilder builder(number);
    const int root = builder.server("frontend", "GET /cart", 0, 100 * ms);
    const int client = builder.http(root, "GET", "http://checkout:8080/cart", 10 * ms, 90 * ms);
    const int server
        = builder.server("checkout", "GET /cart", 15 * ms, (15 + checkoutMs) * ms, client);
    if (checkoutFails)
        builder.error(server, "TimeoutError");
    const int query
        = builder.db(server, "postgresql", "SELECT * FROM carts WHERE id = 1", 20 * ms, 30 * ms);
    builder.attribute(query, "db.namespace", "orders");
    return builder.build();
}

const ServiceMapEdge &edgeOf(const ServiceMap &map, const std::string &caller,
                             const std::string &callee,
                             ServiceNodeKind calleeKind = ServiceNodeKind::Service)
{
    const int index = map.edgeIndex(map.nodeIndex(caller), map.nodeIndex(callee, calleeKind));
    if (index < 0)
        qFatal("no edge %s -> %s", caller.c_str(), callee.c_str());
    return map.edges[std::size_t(index)];
}

class ListQueries : public kansoku::test::EmptyTelemetryQueries
{
public:
    explicit ListQueries(std::vector<AnalysisTrace> traces)
        : m_traces(std::move(traces))
    {}
    void
    forEachAnalysisTrace(const TimeRange &,
                         const std::function<bool(const AnalysisTrace &)> &visit) const override
    {
        for (const AnalysisTrace &trace : m_traces) {
            if (!visit(trace))
                return;
        }
    }

private:
    std::vector<AnalysisTrace> m_traces;
};

// key=value pairs for a data row (the tests build without casts from char *).
QStringList pairs(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list.append(QString::fromUtf8(text));
    return list;
}

} // namespace

class TestServiceMapBuilder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void twoServicesOverHttpAndAnUnreportedDatabase()
    {
        ServiceMapBuilder builder;
        builder.addTrace(shopTrace(1));
        const ServiceMap map = builder.build();

        QCOMPARE(map.traceCount, 1);
        QCOMPARE(map.spanCount, 4);
        // Services first, then databases; the HTTP client's host is no node of its own, since
        // checkout reported the call itself.
        QCOMPARE(map.nodes.size(), std::size_t(3));
        QCOMPARE(map.nodes[0].name, std::string("checkout"));
        QCOMPARE(map.nodes[1].name, std::string("frontend"));
        QCOMPARE(map.nodes[2].name, std::string("postgresql/orders"));
        QCOMPARE(map.nodes[2].kind, ServiceNodeKind::Database);
        QCOMPARE(map.nodeIndex("checkout:8080", ServiceNodeKind::External), -1);
        QVERIFY(map.nodes[1].isEntry);
        QVERIFY(!map.nodes[0].isEntry);
        QCOMPARE(map.nodes[1].spanCount, 2); // the server and its HTTP client span
        QCOMPARE(map.nodes[0].requestCount, 1);

        QCOMPARE(map.edges.size(), std::size_t(2));
        const ServiceMapEdge &http = edgeOf(map, "frontend", "checkout");
        QCOMPARE(http.callCount, 1);           // counted once, from the server span
        QCOMPARE(http.p95DurationNs, 70 * ms); // the server span's duration, not the client's 80
        const ServiceMapEdge &query
            = edgeOf(map, "checkout", "postgresql/orders", ServiceNodeKind::Database);
        QCOMPARE(query.callCount, 1);
        QCOMPARE(query.p95DurationNs, 10 * ms); // the client span's: the database reports nothing
        QCOMPARE(map.nodes[2].spanCount, 1);
        QVERIFY(!map.hasRate);
    }

    void peerNames_data()
    {
        QTest::addColumn<QStringList>("attributes"); // key=value pairs
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("name");
        const int database = int(ServiceNodeKind::Database);
        const int external = int(ServiceNodeKind::External);
        QTest::newRow("db current names")
            << pairs({"db.system.name=postgresql", "db.namespace=orders", "db.query.text=SELECT 1"})
            << database << "postgresql/orders";
        QTest::newRow("db older names")
            << pairs({"db.system=mysql", "db.name=shop", "db.statement=SELECT 1"}) << database
            << "mysql/shop";
        QTest::newRow("db without namespace")
            << pairs({"db.system.name=redis", "db.query.text=GET k"}) << database << "redis";
        QTest::newRow("url.full host")
            << pairs({"http.request.method=POST", "url.full=https://api.stripe.com/v1/charges"})
            << external << "api.stripe.com";
        QTest::newRow("server.address and port")
            << pairs({"http.request.method=GET", "server.address=payments.example",
                      "server.port=8443", "url.path=/pay"})
            << external << "payments.example:8443";
        QTest::newRow("older http.url")
            << pairs({"http.method=GET", "http.url=http://legacy:9000/x?y=1"}) << external
            << "legacy:9000";
        QTest::newRow("net.peer.name without HTTP")
            << pairs({"net.peer.name=mq.internal", "net.peer.port=5672"}) << external
            << "mq.internal:5672";
        QTest::newRow("nothing names it") << pairs({}) << external << "";
    }

    void peerNames()
    {
        QFETCH(QStringList, attributes);
        QFETCH(int, kind);
        QFETCH(QString, name);
        AnalysisTraceBuilder builder(1);
        const int root = builder.server("api", "GET /", 0, 10 * ms);
        const int client = builder.add(root, "call", SpanKind::Client, 1 * ms, 9 * ms);
        for (const QString &pair : attributes) {
            const qsizetype equals = pair.indexOf(QLatin1Char('='));
            const std::string key = pair.left(equals).toStdString();
            const std::string value = pair.mid(equals + 1).toStdString();
            if (key.ends_with("port"))
                builder.attribute(client, key, std::int64_t(std::stoll(value)));
            else
                builder.attribute(client, key, value);
        }
        const auto peer = ServiceMapBuilder::peerOf(builder.span(client));
        QCOMPARE(QString::fromStdString(peer.second), name);
        if (!name.isEmpty())
            QCOMPARE(int(peer.first), kind);

        ServiceMapBuilder mapBuilder;
        mapBuilder.addTrace(builder.build());
        const ServiceMap map = mapBuilder.build();
        // A peer nothing names is no node and no edge.
        QCOMPARE(map.nodes.size(), std::size_t(name.isEmpty() ? 1 : 2));
        QCOMPARE(map.edges.size(), std::size_t(name.isEmpty() ? 0 : 1));
    }

    void errorsOfCallsAndRequests()
    {
        ServiceMapBuilder builder;
        for (std::uint64_t i = 0; i < 10; ++i)
            builder.addTrace(shopTrace(i, 70, i < 2)); // checkout fails twice
        // The client gave up (a 504 it saw) while the server span ended fine: a failed call.
        AnalysisTraceBuilder timeout(99);
        const int root = timeout.server("frontend", "GET /cart", 0, 100 * ms);
        const int client = timeout.http(root, "GET", "http://checkout:8080/cart", 0, 100 * ms);
        timeout.attribute(client, "http.response.status_code", std::int64_t(504));
        timeout.server("checkout", "GET /cart", 1 * ms, 99 * ms, client);
        builder.addTrace(timeout.build());
        const ServiceMap map = builder.build();

        const ServiceMapEdge &http = edgeOf(map, "frontend", "checkout");
        QCOMPARE(http.callCount, 11);
        QCOMPARE(http.failedCallCount, 3);
        QCOMPARE(map.nodes[std::size_t(map.nodeIndex("checkout"))].failedRequestCount, 2);
        QCOMPARE(map.nodes[std::size_t(map.nodeIndex("frontend"))].failedRequestCount, 0);
        QCOMPARE(
            edgeOf(map, "checkout", "postgresql/orders", ServiceNodeKind::Database).failedCallCount,
            0);
    }

    void p95AndRateOverTheRange()
    {
        ServiceMapBuilder builder(10'000 * ms); // a 10 s range
        for (std::uint64_t i = 1; i <= 20; ++i)
            builder.addTrace(shopTrace(i, std::int64_t(i))); // checkout takes 1..20 ms
        const ServiceMap map = builder.build();
        QVERIFY(map.hasRate);
        const ServiceMapEdge &http = edgeOf(map, "frontend", "checkout");
        QCOMPARE(http.callCount, 20);
        QCOMPARE(http.p95DurationNs, 19 * ms); // nearest rank: 19 of 20 at or below
        QCOMPARE(http.callsPerSecond, 2.0);
        QCOMPARE(serviceMapEdgeLabel(map, http), std::string("2/s · p95 19 ms"));
    }

    void labels()
    {
        ServiceMap withRate;
        withRate.hasRate = true;
        ServiceMapEdge edge;
        edge.callCount = 1000;
        edge.failedCallCount = 40;
        edge.callsPerSecond = 12.34;
        edge.p95DurationNs = 38 * ms;
        QCOMPARE(serviceMapEdgeLabel(withRate, edge), std::string("12.3/s · 4% err · p95 38 ms"));
        ServiceMap oneTrace;
        edge.callCount = 3;
        edge.failedCallCount = 0;
        QCOMPARE(serviceMapEdgeLabel(oneTrace, edge), std::string("3 calls · p95 38 ms"));
    }

    void orphanSpanMakesNoEdge()
    {
        // The parent was never received: no caller to draw.
        AnalysisTraceBuilder builder(5);
        const int server = builder.server("checkout", "GET /cart", 0, 10 * ms);
        builder.span(server).parentSpanId = AnalysisTraceBuilder::idOf(77);
        ServiceMapBuilder mapBuilder;
        mapBuilder.addTrace(builder.build());
        const ServiceMap map = mapBuilder.build();
        QCOMPARE(map.nodes.size(), std::size_t(1));
        QVERIFY(map.edges.empty());
        QCOMPARE(map.nodes[0].requestCount, 1);
    }

    void ofOneStoredTrace()
    {
        // frontend (root) -> backend (kinds set, resources as stored) -> a database it calls.
        kansoku::test::TraceTestBuilder builder;
        builder.span(1, 0, 0, 100, 0, "GET /").last().kind = SpanKind::Server;
        builder.span(2, 1, 10, 90, 0, "GET").last().kind = SpanKind::Client;
        builder.span(3, 2, 20, 80, 1, "GET /items", true).last().kind = SpanKind::Server;
        builder.span(4, 3, 30, 40, 1, "SELECT").last().kind = SpanKind::Client;
        builder.last().attributes = {{"db.system.name", AnyValue::fromString("postgresql")},
                                     {"db.namespace", AnyValue::fromString("items")},
                                     {"user.id", AnyValue::fromString("42")}};
        const ServiceMap map = ServiceMapBuilder::ofTrace(*builder.build());
        QVERIFY(!map.hasRate);
        QCOMPARE(map.traceCount, 1);
        QCOMPARE(map.nodes.size(), std::size_t(3));
        const ServiceMapEdge &call = edgeOf(map, "frontend", "backend");
        QCOMPARE(call.callCount, 1);
        QCOMPARE(call.failedCallCount, 1);
        QCOMPARE(call.p95DurationNs, 60);
        QCOMPARE(edgeOf(map, "backend", "postgresql/items", ServiceNodeKind::Database).callCount,
                 1);
    }

    void buildFromKeepsTracesThroughTheService()
    {
        AnalysisTraceBuilder other(50);
        const int root = other.server("admin", "GET /report", 0, 10 * ms);
        other.db(root, "mysql", "SELECT 1", 1 * ms, 2 * ms);
        const ListQueries queries({shopTrace(1), shopTrace(2), other.build()});
        const std::atomic<bool> running{false};

        const ServiceMap all
            = ServiceMapBuilder::buildFrom(queries, TimeRange{0, 1}, 0, {}, running);
        QCOMPARE(all.traceCount, 3);
        QVERIFY(all.nodeIndex("admin") >= 0);

        const ServiceMap checkout
            = ServiceMapBuilder::buildFrom(queries, TimeRange{0, 1}, 0, "checkout", running);
        QCOMPARE(checkout.traceCount, 2);
        QCOMPARE(checkout.nodeIndex("admin"), -1);
        QVERIFY(checkout.nodeIndex("frontend") >= 0); // its callers stay

        const std::atomic<bool> cancelled{true};
        QCOMPARE(
            ServiceMapBuilder::buildFrom(queries, TimeRange{0, 1}, 0, {}, cancelled).traceCount, 0);
    }
};

QTEST_GUILESS_MAIN(TestServiceMapBuilder)
#include "tst_service_map_builder.moc"
