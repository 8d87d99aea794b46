#include "analysis/n_plus_one_detector.h"
#include "support/detector_run.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;
using kansoku::test::builtSpanIds;
using kansoku::test::factOf;
using kansoku::test::runDetector;

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Second = 1'000'000'000;

// A database call with the older names (db.system, db.statement).
int olderDb(AnalysisTraceBuilder &builder, int parent, const std::string &system,
            const std::string &statement, std::int64_t startNs, std::int64_t endNs)
{
    const int index = builder.add(parent, "query", SpanKind::Client, startNs, endNs);
    builder.attribute(index, "db.system", system);
    builder.attribute(index, "db.statement", statement);
    return index;
}

// count calls of statementOf(k) under parent, call k over [startNs + k * stepNs, + callNs).
template<typename StatementOf>
std::vector<int> dbLoop(AnalysisTraceBuilder &builder, int parent, const std::string &system,
                        StatementOf statementOf, int count, std::int64_t startNs,
                        std::int64_t callNs, std::int64_t stepNs)
{
    std::vector<int> calls;
    for (int k = 0; k < count; ++k) {
        const std::int64_t start = startNs + k * stepNs;
        calls.push_back(builder.db(parent, system, statementOf(k), start, start + callNs));
    }
    return calls;
}

std::string itemById(int k)
{
    return "SELECT * FROM items WHERE id = " + std::to_string(17 + k);
}

std::vector<Finding> detect(const std::vector<AnalysisTrace> &traces,
                            const FindingThresholds &thresholds = {})
{
    NPlusOneDetector detector(thresholds);
    return runDetector(detector, traces);
}

} // namespace

class TestNPlusOneDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void briefExample();
    void aggregatesAcrossTraces();
    void statementShapes_data();
    void statementShapes();
    void olderAndCurrentNamesShareAGroup();
    void httpNPlusOne_data();
    void httpNPlusOne();
    void rpcNPlusOne();
    void parallelCallsAreNotNPlusOne();
    void slightOverlapIsStillSequential();
    void thresholdBoundary();
    void healthyWorkloadHasNone();
    void loopsUnderDifferentParentsDoNotAddUp();
    void interleavedLoopsGiveOneFindingPerStatement();
};

void TestNPlusOneDetector::briefExample()
{
    // GET /orders/{id} [0, 80 ms) loops 50 times over a parameterized SELECT of 1.04 ms each.
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /orders/{id}", 0, 80 * Ms);
    const std::vector<int> calls = dbLoop(
        builder, request, "postgresql",
        [](int) { return std::string("SELECT * FROM items WHERE id = $1"); }, 50, 5 * Ms, 1'040'000,
        1'040'000);
    const AnalysisTrace trace = builder.build();

    const std::vector<Finding> findings = detect({trace});
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.kind, FindingKind::NPlusOne);
    QCOMPARE(finding.title, std::string("GET /orders/{id} runs `SELECT * FROM items WHERE id = ?` "
                                        "50× per request — N+1, ~52 ms per request, in 100% of "
                                        "these requests"));
    QCOMPARE(finding.service, std::string("shop"));
    QCOMPARE(finding.operation, std::string("GET /orders/{id}"));
    QCOMPARE(finding.statement, std::string("SELECT * FROM items WHERE id = ?"));
    QCOMPARE(finding.occurrences, std::int64_t(1));
    QCOMPARE(finding.affectedTraces, std::int64_t(1));
    QCOMPARE(finding.endpointTraces, std::int64_t(1));
    QCOMPARE(finding.costNsPerRequest, 52'000'000.0);
    QCOMPARE(finding.totalCostNs, std::int64_t(52'000'000));
    QCOMPARE(finding.latencyShare, 0.65);
    QCOMPARE(finding.severity, FindingSeverity::High);
    QCOMPARE(finding.examples.size(), std::size_t(1));
    QCOMPARE(finding.examples[0].traceId, trace.traceId);
    QCOMPARE(finding.examples[0].spanIds, builtSpanIds(calls));
    QCOMPARE(finding.examples[0].costNs, std::int64_t(52'000'000));
    QCOMPARE(finding.range.startNs, AnalysisTraceBuilder::Base + 5 * Ms);
    QCOMPARE(finding.range.endNs, AnalysisTraceBuilder::Base + 57 * Ms);
    QCOMPARE(finding.facts,
             (std::vector<FindingFact>{{"calls per request", "50 on average, 50 at most"},
                                       {"time per request", "52 ms"},
                                       {"share of request latency", "65%"},
                                       {"mean call duration", "1.04 ms"},
                                       {"traces affected", "1 of 1"},
                                       {"system", "postgresql"}}));
    QVERIFY(finding.fixHint.find("IN (...)") != std::string::npos);
}

void TestNPlusOneDetector::aggregatesAcrossTraces()
{
    // Three traces loop 40, 50 and 60 times (literal ids, 1 ms each) in a 100 ms request; a
    // fourth request of the endpoint runs the statement once.
    std::vector<AnalysisTrace> traces;
    std::vector<std::vector<int>> loops;
    for (int t = 1; t <= 3; ++t) {
        AnalysisTraceBuilder builder{std::uint64_t(t)};
        const std::int64_t offset = t * Second;
        const int request = builder.server("shop", "GET /orders/{id}", offset, offset + 100 * Ms);
        loops.push_back(dbLoop(builder, request, "postgresql", itemById, 30 + 10 * t,
                               offset + 10 * Ms, Ms, Ms));
        traces.push_back(builder.build());
    }
    AnalysisTraceBuilder healthy(4);
    const int request = healthy.server("shop", "GET /orders/{id}", 4 * Second, 4 * Second + 9 * Ms);
    healthy.db(request, "postgresql", itemById(82), 4 * Second + Ms, 4 * Second + 2 * Ms);
    traces.push_back(healthy.build());

    const std::vector<Finding> findings = detect(traces);
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.title, std::string("GET /orders/{id} runs `SELECT * FROM items WHERE id = ?` "
                                        "50× per request — N+1, ~50 ms per request, in 75% of "
                                        "these requests"));
    QCOMPARE(finding.occurrences, std::int64_t(3));
    QCOMPARE(finding.affectedTraces, std::int64_t(3));
    QCOMPARE(finding.endpointTraces, std::int64_t(4));
    QCOMPARE(finding.costNsPerRequest, 50.0 * Ms);
    QCOMPARE(finding.totalCostNs, 150 * Ms);
    QCOMPARE(finding.latencyShare, 0.5);
    QCOMPARE(finding.severity, FindingSeverity::High);
    // Worst first: the 60-call trace, then 50, then 40.
    QCOMPARE(finding.examples.size(), std::size_t(3));
    QCOMPARE(finding.examples[0].traceId, traces[2].traceId);
    QCOMPARE(finding.examples[0].spanIds, builtSpanIds(loops[2]));
    QCOMPARE(finding.examples[0].costNs, 60 * Ms);
    QCOMPARE(finding.examples[1].traceId, traces[1].traceId);
    QCOMPARE(finding.examples[1].costNs, 50 * Ms);
    QCOMPARE(finding.examples[2].traceId, traces[0].traceId);
    QCOMPARE(finding.examples[2].costNs, 40 * Ms);
    QCOMPARE(finding.range.startNs, AnalysisTraceBuilder::Base + Second + 10 * Ms);
    QCOMPARE(finding.range.endNs, AnalysisTraceBuilder::Base + 3 * Second + 70 * Ms);
    QCOMPARE(factOf(finding, "calls per request"), std::string("50 on average, 60 at most"));
    QCOMPARE(factOf(finding, "traces affected"), std::string("3 of 4"));
}

void TestNPlusOneDetector::statementShapes_data()
{
    QTest::addColumn<QString>("system");
    QTest::addColumn<bool>("olderNames");
    QTest::addColumn<QString>("statement"); // %1 is the call's number
    QTest::addColumn<QString>("normalized");

    QTest::newRow("postgresql parameterized")
        << "postgresql" << false << "SELECT * FROM items WHERE id = $1"
        << "SELECT * FROM items WHERE id = ?";
    QTest::newRow("postgresql literal, older names")
        << "postgresql" << true << "SELECT * FROM items WHERE id = %1"
        << "SELECT * FROM items WHERE id = ?";
    QTest::newRow("mysql literals")
        << "mysql" << true << "SELECT name FROM users WHERE id = %1 AND status = 'active'"
        << "SELECT name FROM users WHERE id = ? AND status = ?";
    QTest::newRow("mysql placeholders") << "mysql" << false << "SELECT name FROM users WHERE id = ?"
                                        << "SELECT name FROM users WHERE id = ?";
    QTest::newRow("IN list") << "mysql" << false
                             << "SELECT * FROM prices WHERE item_id IN (%1, 5, 9)"
                             << "SELECT * FROM prices WHERE item_id IN (?)";
    QTest::newRow("redis") << "redis" << false << "HGETALL session:%1"
                           << "HGETALL ?";
    QTest::newRow("redis, older names") << "redis" << true << "GET user:%1"
                                        << "GET ?";
    QTest::newRow("mongodb") << "mongodb" << false << R"({"find": "items", "filter": {"_id": %1}})"
                             << R"({"find":?,"filter":{"_id":?}})";
}

void TestNPlusOneDetector::statementShapes()
{
    QFETCH(QString, system);
    QFETCH(bool, olderNames);
    QFETCH(QString, statement);
    QFETCH(QString, normalized);

    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /cart", 0, 100 * Ms);
    for (int k = 0; k < 6; ++k) {
        const std::string text
            = (statement.contains(QLatin1String("%1")) ? statement.arg(17 + k) : statement)
                  .toStdString();
        const std::int64_t start = 10 * Ms + k * 2 * Ms;
        if (olderNames)
            olderDb(builder, request, system.toStdString(), text, start, start + 2 * Ms);
        else
            builder.db(request, system.toStdString(), text, start, start + 2 * Ms);
    }

    const std::vector<Finding> findings = detect({builder.build()});
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].statement, normalized.toStdString());
    QCOMPARE(findings[0].title, "GET /cart runs `" + normalized.toStdString()
                                    + "` 6× per request — N+1, ~12 ms per request, in 100% of "
                                      "these requests");
    QCOMPARE(factOf(findings[0], "system"), system.toStdString());
}

void TestNPlusOneDetector::olderAndCurrentNamesShareAGroup()
{
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /cart", 0, 100 * Ms);
    std::vector<int> calls;
    for (int k = 0; k < 6; ++k) {
        const std::int64_t start = 10 * Ms + k * Ms;
        calls.push_back(
            k % 2 == 0 ? olderDb(builder, request, "postgresql", itemById(k), start, start + Ms)
                       : builder.db(request, "postgresql", itemById(k), start, start + Ms));
    }
    const std::vector<Finding> findings = detect({builder.build()});
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].examples.at(0).spanIds, builtSpanIds(calls));
    QCOMPARE(factOf(findings[0], "calls per request"), std::string("6 on average, 6 at most"));
}

void TestNPlusOneDetector::httpNPlusOne_data()
{
    QTest::addColumn<bool>("olderNames");
    QTest::newRow("url.full") << false;
    QTest::newRow("http.url") << true;
}

void TestNPlusOneDetector::httpNPlusOne()
{
    QFETCH(bool, olderNames);
    // GET /orders/{id} [0, 40 ms) fetches 8 items one by one, 2 ms each.
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /orders/{id}", 0, 40 * Ms);
    std::vector<int> calls;
    for (int k = 0; k < 8; ++k) {
        const std::string url
            = "http://inventory:8080/items/" + std::to_string(17 + k) + "?fields=all";
        const std::int64_t start = 5 * Ms + k * 2 * Ms;
        if (olderNames) {
            const int call = builder.add(request, "GET", SpanKind::Client, start, start + 2 * Ms);
            builder.attribute(call, "http.method", "GET").attribute(call, "http.url", url);
            calls.push_back(call);
        } else {
            calls.push_back(builder.http(request, "GET", url, start, start + 2 * Ms));
        }
    }

    const std::vector<Finding> findings = detect({builder.build()});
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings[0];
    QCOMPARE(finding.statement, std::string("GET inventory:8080/items/{id}"));
    QCOMPARE(finding.title, std::string("GET /orders/{id} calls `GET inventory:8080/items/{id}` 8× "
                                        "per request — N+1, ~16 ms per request, in 100% of these "
                                        "requests"));
    QCOMPARE(finding.costNsPerRequest, 16.0 * Ms);
    QCOMPARE(finding.latencyShare, 0.4);
    // 16 ms is below the medium cost, 40% of the latency above the medium share.
    QCOMPARE(finding.severity, FindingSeverity::Medium);
    QCOMPARE(finding.examples.at(0).spanIds, builtSpanIds(calls));
    QCOMPARE(factOf(finding, "system"), std::string("http"));
    QVERIFY(finding.fixHint.find("batch") != std::string::npos);
}

void TestNPlusOneDetector::rpcNPlusOne()
{
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /orders/{id}", 0, 100 * Ms);
    for (int k = 0; k < 5; ++k) {
        const int call = builder.add(request, "inventory.Items/Get", SpanKind::Client,
                                     10 * Ms + k * Ms, 11 * Ms + k * Ms);
        builder.attribute(call, "rpc.system", "grpc")
            .attribute(call, "rpc.service", "inventory.Items")
            .attribute(call, "rpc.method", "Get");
    }
    const std::vector<Finding> findings = detect({builder.build()});
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].title, std::string("GET /orders/{id} calls `inventory.Items/Get` 5× per "
                                            "request — N+1, ~5 ms per request, in 100% of these "
                                            "requests"));
    QCOMPARE(findings[0].severity, FindingSeverity::Low);
}

void TestNPlusOneDetector::parallelCallsAreNotNPlusOne()
{
    // 50 identical calls at once, and 10 in pairs (two in flight all along): fan-out, not N+1.
    AnalysisTraceBuilder burst(1);
    const int burstRequest = burst.server("shop", "GET /orders/{id}", 0, 100 * Ms);
    dbLoop(burst, burstRequest, "postgresql", itemById, 50, 5 * Ms, 10 * Ms, 0);
    AnalysisTraceBuilder pairs(2);
    const int pairsRequest = pairs.server("shop", "GET /orders/{id}", 0, 100 * Ms);
    for (int k = 0; k < 10; ++k) {
        const std::int64_t start = 5 * Ms + (k / 2) * 2 * Ms;
        pairs.db(pairsRequest, "postgresql", itemById(k), start, start + 2 * Ms);
    }
    // Each call overlapping the next by half: 1.8 calls in flight on average.
    AnalysisTraceBuilder halves(3);
    const int halvesRequest = halves.server("shop", "GET /orders/{id}", 0, 100 * Ms);
    dbLoop(halves, halvesRequest, "postgresql", itemById, 10, 5 * Ms, 2 * Ms, Ms);

    QVERIFY(detect({burst.build()}).empty());
    QVERIFY(detect({pairs.build()}).empty());
    QVERIFY(detect({halves.build()}).empty());
}

void TestNPlusOneDetector::slightOverlapIsStillSequential()
{
    // 10 calls of 2 ms, each starting 1.8 ms after the previous: 20 ms of calls over 18.2 ms.
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /orders/{id}", 0, 100 * Ms);
    dbLoop(builder, request, "postgresql", itemById, 10, 5 * Ms, 2 * Ms, 1'800'000);
    const std::vector<Finding> findings = detect({builder.build()});
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].totalCostNs, std::int64_t(18'200'000));
    QCOMPARE(factOf(findings[0], "mean call duration"), std::string("2 ms"));
}

void TestNPlusOneDetector::thresholdBoundary()
{
    const auto loopOf = [](int count) {
        AnalysisTraceBuilder builder(1);
        const int request = builder.server("shop", "GET /orders/{id}", 0, 100 * Ms);
        dbLoop(builder, request, "postgresql", itemById, count, 5 * Ms, Ms, Ms);
        return builder.build();
    };
    QVERIFY(detect({loopOf(4)}).empty());
    QCOMPARE(detect({loopOf(5)}).size(), std::size_t(1));
    FindingThresholds lower;
    lower.nPlusOneMinCalls = 3;
    QCOMPARE(detect({loopOf(4)}, lower).size(), std::size_t(1));
    QVERIFY(detect({loopOf(2)}, lower).empty());
}

void TestNPlusOneDetector::healthyWorkloadHasNone()
{
    // Each request reads its order, its items in one query, its customer from the cache, writes
    // an audit row and calls payments once: every statement once per request.
    std::vector<AnalysisTrace> traces;
    for (int t = 0; t < 20; ++t) {
        AnalysisTraceBuilder builder{std::uint64_t(t + 1)};
        const std::int64_t offset = t * Second;
        const int request = builder.server("shop", "GET /orders/{id}", offset, offset + 30 * Ms);
        const std::string id = std::to_string(100 + t);
        builder.db(request, "postgresql", "SELECT * FROM orders WHERE id = " + id, offset + 1 * Ms,
                   offset + 3 * Ms);
        builder.db(request, "postgresql", "SELECT * FROM items WHERE order_id = " + id,
                   offset + 3 * Ms, offset + 6 * Ms);
        builder.db(request, "redis", "GET customer:" + id, offset + 6 * Ms, offset + 7 * Ms);
        builder.db(request, "postgresql", "INSERT INTO audit (order_id) VALUES (" + id + ")",
                   offset + 7 * Ms, offset + 9 * Ms);
        builder.http(request, "POST", "http://payments/charges/" + id, offset + 9 * Ms,
                     offset + 25 * Ms);
        traces.push_back(builder.build());
    }
    QVERIFY(detect(traces).empty());
}

void TestNPlusOneDetector::loopsUnderDifferentParentsDoNotAddUp()
{
    // Two parents with 3 calls each: 6 in the request, but no parent reaches 5.
    AnalysisTraceBuilder small(1);
    const int smallRequest = small.server("shop", "GET /orders/{id}", 0, 100 * Ms);
    const int loadA = small.add(smallRequest, "load a", SpanKind::Internal, 5 * Ms, 20 * Ms);
    const int loadB = small.add(smallRequest, "load b", SpanKind::Internal, 20 * Ms, 40 * Ms);
    dbLoop(small, loadA, "postgresql", itemById, 3, 6 * Ms, Ms, Ms);
    dbLoop(small, loadB, "postgresql", itemById, 3, 21 * Ms, Ms, Ms);
    QVERIFY(detect({small.build()}).empty());

    // Two parents with 5 calls each: two N+1 groups, one request with 10 calls.
    AnalysisTraceBuilder two(2);
    const int request = two.server("shop", "GET /orders/{id}", 0, 100 * Ms);
    const int first = two.add(request, "load a", SpanKind::Internal, 5 * Ms, 20 * Ms);
    const int second = two.add(request, "load b", SpanKind::Internal, 20 * Ms, 40 * Ms);
    std::vector<int> calls = dbLoop(two, first, "postgresql", itemById, 5, 6 * Ms, Ms, Ms);
    const std::vector<int> more = dbLoop(two, second, "postgresql", itemById, 5, 21 * Ms, Ms, Ms);
    calls.insert(calls.end(), more.begin(), more.end());
    const std::vector<Finding> findings = detect({two.build()});
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].occurrences, std::int64_t(2));
    QCOMPARE(findings[0].totalCostNs, 10 * Ms);
    QCOMPARE(findings[0].examples.at(0).spanIds, builtSpanIds(calls));
    QCOMPARE(factOf(findings[0], "calls per request"), std::string("10 on average, 10 at most"));
}

void TestNPlusOneDetector::interleavedLoopsGiveOneFindingPerStatement()
{
    // A loop that reads an item and then its price, 6 times.
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /orders/{id}", 0, 100 * Ms);
    for (int k = 0; k < 6; ++k) {
        const std::int64_t start = 5 * Ms + k * 3 * Ms;
        builder.db(request, "postgresql", itemById(k), start, start + Ms);
        builder.db(request, "postgresql",
                   "SELECT amount FROM prices WHERE item_id = " + std::to_string(17 + k),
                   start + Ms, start + 3 * Ms);
    }
    const std::vector<Finding> findings = detect({builder.build()});
    QCOMPARE(findings.size(), std::size_t(2));
    // Ordered by endpoint, then statement.
    QCOMPARE(findings[0].statement, std::string("SELECT * FROM items WHERE id = ?"));
    QCOMPARE(findings[0].totalCostNs, 6 * Ms);
    QCOMPARE(findings[1].statement, std::string("SELECT amount FROM prices WHERE item_id = ?"));
    QCOMPARE(findings[1].totalCostNs, 12 * Ms);
}

QTEST_GUILESS_MAIN(TestNPlusOneDetector)
#include "tst_n_plus_one_detector.moc"
