#include "analysis/connect_stall_detector.h"
#include "analysis/findings_analyzer.h"
#include "support/analysis_trace_builder.h"
#include "support/detector_run.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;
using kansoku::test::factOf;
using kansoku::test::runDetector;

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Base = AnalysisTraceBuilder::Base;
constexpr std::int64_t TraceSpacing = 10'000 * Ms;

// Request i of "GET /checkout" (span 1) at i * 10 s: an HTTP call to inventory:8080 (span 2) that
// opens its connection first (tcp.connect, span 3, connectNs), then takes 10 ms more; the request
// ends 10 ms after the call.
AnalysisTrace checkoutRequest(int i, std::int64_t connectNs)
{
    AnalysisTraceBuilder builder(std::uint64_t(i + 1));
    const std::int64_t offset = i * TraceSpacing;
    const int server
        = builder.server("checkout", "GET /checkout", offset, offset + connectNs + 21 * Ms);
    const int call = builder.http(server, "GET", "http://inventory:8080/stock/" + std::to_string(i),
                                  offset + 1 * Ms, offset + connectNs + 11 * Ms);
    builder.connect(call, "inventory", 8080, offset + 1 * Ms, offset + 1 * Ms + connectNs);
    return builder.build();
}

// count requests of "GET /cart" at i * 10 s, each making one HTTP call (older attribute names) to
// pricing:80 that takes callNs[i % size], with no connect span; the request lasts 20 ms more.
std::vector<AnalysisTrace> pricingCalls(int count, const std::vector<std::int64_t> &callNs)
{
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < count; ++i) {
        AnalysisTraceBuilder builder(std::uint64_t(i + 1));
        const std::int64_t offset = i * TraceSpacing;
        const std::int64_t duration = callNs[std::size_t(i) % callNs.size()];
        const int server = builder.server("shop", "GET /cart", offset, offset + duration + 20 * Ms);
        const int call = builder.add(server, "GET", SpanKind::Client, offset + 10 * Ms,
                                     offset + 10 * Ms + duration);
        builder.attribute(call, "http.method", "GET")
            .attribute(call, "net.peer.name", "pricing")
            .attribute(call, "net.peer.port", 80);
        traces.push_back(builder.build());
    }
    return traces;
}

std::vector<std::int64_t> repeated(int count, std::int64_t durationNs)
{
    return std::vector<std::int64_t>(std::size_t(count), durationNs);
}

std::vector<std::int64_t> joined(std::vector<std::int64_t> a, const std::vector<std::int64_t> &b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace

class TestConnectStallDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stalledConnects();
    void stalledHttpCallsWithoutConnectSpans();
    void notAStall_data();
    void notAStall();
    void windowEdges_data();
    void windowEdges();
    void thresholds();
    void connectNames_data();
    void connectNames();
    void connectWithoutPeerTakesItsCallsTarget();
    void nestedCallsCountOnce();
    void analyzerRunsIt();
};

void TestConnectStallDetector::stalledConnects()
{
    // 40 requests; their connects take 2 ms, except four at 1.002 s (one SYN retransmit) and two
    // at 3.005 s (two).
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 40; ++i) {
        std::int64_t connectNs = 2 * Ms;
        if (i == 3 || i == 8 || i == 13 || i == 18)
            connectNs = 1'002 * Ms;
        else if (i == 23 || i == 28)
            connectNs = 3'005 * Ms;
        traces.push_back(checkoutRequest(i, connectNs));
    }
    ConnectStallDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, traces);

    // The HTTP calls stall too, but where connects are recorded only they count.
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.kind, FindingKind::ConnectStall);
    QCOMPARE(finding.service, std::string("checkout"));
    QCOMPARE(finding.operation, std::string("GET /checkout"));
    QCOMPARE(finding.statement, std::string("inventory:8080"));
    QCOMPARE(finding.title, std::string("checkout's connects to inventory:8080 stall ~1 s / ~3 s "
                                        "(SYN retransmits) in 6 of 40 connects — the server's "
                                        "listen queue is full"));
    QCOMPARE(finding.occurrences, 6);
    QCOMPARE(finding.affectedTraces, 6);
    QCOMPARE(finding.endpointTraces, 40);
    // Above the normal 2 ms: 4 × 1 s + 2 × 3.003 s, over 6 requests of 4 × 1.023 s + 2 × 3.026 s.
    QCOMPARE(finding.totalCostNs, 10'006 * Ms);
    QCOMPARE(finding.costNsPerRequest, 10'006.0 * Ms / 6);
    QCOMPARE(finding.latencyShare, 10'006.0 / 10'144.0);
    QCOMPARE(finding.severity, FindingSeverity::High);
    QCOMPARE(finding.range.startNs, Base + 3 * TraceSpacing + 1 * Ms);
    QCOMPARE(finding.range.endNs, Base + 28 * TraceSpacing + 1 * Ms + 3'005 * Ms);
    const std::vector<FindingFact> facts{
        {"stalled at ~1 s", "4"}, {"stalled at ~3 s", "2"},       {"stalled", "6 of 40 connects"},
        {"share", "15%"},         {"normal connect p50", "2 ms"}, {"target", "inventory:8080"}};
    QCOMPARE(finding.facts, facts);
    // The two 3 s stalls (equal costs in trace id order), then three of the 1 s ones: the
    // requests are offered in trace id order, and trace 29 took the place of the first cheapest,
    // trace 4. The connect is span 3.
    const std::vector<int> exampleTraces{24, 29, 9, 14, 19};
    const std::vector<std::int64_t> exampleCosts{3'003 * Ms, 3'003 * Ms, 1'000 * Ms, 1'000 * Ms,
                                                 1'000 * Ms};
    QCOMPARE(finding.examples.size(), std::size_t(5));
    for (std::size_t i = 0; i < 5; ++i) {
        QCOMPARE(finding.examples[i].traceId,
                 AnalysisTraceBuilder::traceIdOf(std::uint64_t(exampleTraces[i])));
        QCOMPARE(finding.examples[i].spanIds, std::vector<SpanId>{AnalysisTraceBuilder::idOf(3)});
        QCOMPARE(finding.examples[i].costNs, exampleCosts[i]);
    }
    QVERIFY(finding.fixHint.find("net.core.somaxconn") != std::string::npos);
    QVERIFY(finding.fixHint.find("net.ipv4.tcp_max_syn_backlog") != std::string::npos);
    QVERIFY(finding.fixHint.find("TcpExtListenOverflows") != std::string::npos);
}

void TestConnectStallDetector::stalledHttpCallsWithoutConnectSpans()
{
    // 20 calls of 30 ms, 3 of them at 1.03 s: the calls show the stall when no connect is
    // recorded.
    const std::vector<Finding> findings = [] {
        ConnectStallDetector detector{FindingThresholds{}};
        return runDetector(detector, pricingCalls(20, joined(repeated(5, 30 * Ms), {1'030 * Ms})));
    }();
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.title,
             std::string("shop's calls to pricing:80 stall ~1 s (SYN retransmits) in "
                         "3 of 20 calls — the server's listen queue is full"));
    QCOMPARE(finding.statement, std::string("pricing:80"));
    QCOMPARE(finding.operation, std::string("GET /cart"));
    QCOMPARE(factOf(finding, "normal call p50"), std::string("30 ms"));
    QCOMPARE(factOf(finding, "stalled"), std::string("3 of 20 calls"));
    QCOMPARE(finding.occurrences, 3);
    // 1 s above the normal 30 ms in each of 3 requests of 1.05 s.
    QCOMPARE(finding.totalCostNs, 3'000 * Ms);
    QCOMPARE(finding.costNsPerRequest, 1'000.0 * Ms);
    QCOMPARE(finding.latencyShare, 1'000.0 / 1'050.0);
}

void TestConnectStallDetector::notAStall_data()
{
    QTest::addColumn<std::vector<std::int64_t>>("callNs");
    QTest::addColumn<int>("calls");
    // A healthy but slow server: 2 s answers are in no window.
    QTest::newRow("slow server, 2 s") << repeated(1, 2'000 * Ms) << 20;
    // A call that legitimately takes 1.05 s once among fast ones.
    QTest::newRow("one call of 1.05 s") << joined(repeated(19, 30 * Ms), {1'050 * Ms}) << 20;
    // Three stalls of 100 calls: under 5%.
    QTest::newRow("3% of the calls") << joined(repeated(32, 30 * Ms), {1'050 * Ms}) << 99;
    // A tail through the first window: 0.6 to 1.2 s spread, three of seven slow calls in it.
    QTest::newRow("spread, not stepped")
        << joined(repeated(13, 30 * Ms),
                  {600 * Ms, 700 * Ms, 800 * Ms, 900 * Ms, 1'000 * Ms, 1'100 * Ms, 1'200 * Ms})
        << 20;
    // Normal calls of 300 ms: a 1.1 s call is as likely a slow answer as a stall.
    QTest::newRow("normal calls too slow") << joined(repeated(2, 300 * Ms), {1'100 * Ms}) << 15;
    // Every call takes just over 1 s: that is the server's pace, with no normal connect to
    // compare with.
    QTest::newRow("all calls just over 1 s") << repeated(1, 1'100 * Ms) << 10;
    QTest::newRow("two normal calls only")
        << joined(repeated(1, 10 * Ms), repeated(4, 1'100 * Ms)) << 10;
}

void TestConnectStallDetector::notAStall()
{
    QFETCH(std::vector<std::int64_t>, callNs);
    QFETCH(int, calls);
    ConnectStallDetector detector{FindingThresholds{}};
    QVERIFY(runDetector(detector, pricingCalls(calls, callNs)).empty());
}

void TestConnectStallDetector::windowEdges_data()
{
    QTest::addColumn<std::int64_t>("stallNs");
    QTest::addColumn<QString>("level");
    QTest::newRow("1 s") << 1'000 * Ms << "~1 s";
    QTest::newRow("1 ns before 1 s") << 1'000 * Ms - 1 << "";
    QTest::newRow("1 s + tolerance - 1 ns") << 1'250 * Ms - 1 << "~1 s";
    QTest::newRow("1 s + tolerance") << 1'250 * Ms << "";
    QTest::newRow("3 s") << 3'100 * Ms << "~3 s";
    QTest::newRow("7 s") << 7'001 * Ms << "~7 s";
    QTest::newRow("15 s") << 15'200 * Ms << "~15 s";
    QTest::newRow("5 s") << 5'000 * Ms << "";
}

void TestConnectStallDetector::windowEdges()
{
    QFETCH(std::int64_t, stallNs);
    QFETCH(QString, level);
    // 4 stalls of 20 connects.
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 20; ++i)
        traces.push_back(checkoutRequest(i, i % 5 == 0 ? stallNs : 2 * Ms));
    ConnectStallDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, traces);
    QCOMPARE(findings.size(), std::size_t(level.isEmpty() ? 0 : 1));
    if (!level.isEmpty())
        QCOMPARE(factOf(findings.front(), "stalled at " + level.toStdString()), std::string("4"));
}

void TestConnectStallDetector::thresholds()
{
    // 3 stalls of 40 calls (7.5%).
    const std::vector<AnalysisTrace> traces
        = pricingCalls(40, joined(repeated(12, 20 * Ms), {1'100 * Ms}));
    FindingThresholds thresholds;
    ConnectStallDetector byDefault{thresholds};
    QCOMPARE(runDetector(byDefault, traces).size(), std::size_t(1));
    thresholds.connectStallMinSpans = 4;
    ConnectStallDetector fourNeeded{thresholds};
    QVERIFY(runDetector(fourNeeded, traces).empty());
    thresholds = {};
    thresholds.connectStallMinShare = 0.08;
    ConnectStallDetector largerShare{thresholds};
    QVERIFY(runDetector(largerShare, traces).empty());
    thresholds = {};
    thresholds.connectStallToleranceNs = 100 * Ms;
    ConnectStallDetector narrower{thresholds};
    QVERIFY(runDetector(narrower, traces).empty());
}

void TestConnectStallDetector::connectNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("overTcp");
    QTest::addColumn<bool>("connect");
    QTest::newRow("tcp.connect") << "tcp.connect" << false << true;
    QTest::newRow("Connect") << "Connect" << false << true;
    QTest::newRow("connectAsync") << "connectAsync" << false << true;
    QTest::newRow("reconnect") << "reconnect" << false << true;
    QTest::newRow("a socket over TCP") << "socket" << true << true;
    QTest::newRow("disconnect") << "disconnect" << false << false;
    QTest::newRow("getConnection") << "HikariPool.getConnection" << false << false;
    QTest::newRow("isConnected") << "isConnected" << false << false;
    QTest::newRow("connector") << "connector.run" << false << false;
    QTest::newRow("other work") << "render" << false << false;
}

void TestConnectStallDetector::connectNames()
{
    QFETCH(QString, name);
    QFETCH(bool, overTcp);
    QFETCH(bool, connect);
    // 20 internal spans with a peer (current names), 4 of them at 1.01 s.
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 20; ++i) {
        AnalysisTraceBuilder builder(std::uint64_t(i + 1));
        const int server = builder.server("api", "POST /jobs", 0, 2'000 * Ms);
        const int span = builder.add(server, name.toStdString(), SpanKind::Internal, 0,
                                     i % 5 == 0 ? 1'010 * Ms : 3 * Ms);
        builder.attribute(span, "server.address", "queue").attribute(span, "server.port", 5672);
        if (overTcp)
            builder.attribute(span, "network.transport", "tcp");
        traces.push_back(builder.build());
    }
    ConnectStallDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, traces);
    QCOMPARE(findings.size(), std::size_t(connect ? 1 : 0));
    if (connect)
        QCOMPARE(findings.front().statement, std::string("queue:5672"));
}

void TestConnectStallDetector::connectWithoutPeerTakesItsCallsTarget()
{
    // A "connect" span with no attributes under a PostgreSQL query: the database's address.
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 10; ++i) {
        AnalysisTraceBuilder builder(std::uint64_t(i + 1));
        const int server = builder.server("orders", "GET /orders", 0, 2'000 * Ms);
        const int query = builder.db(server, "postgresql", "SELECT * FROM orders", 0, 1'200 * Ms);
        builder.attribute(query, "server.address", "db1").attribute(query, "server.port", 5432);
        builder.add(query, "connect", SpanKind::Client, 0, i < 3 ? 1'001 * Ms : 1 * Ms);
        traces.push_back(builder.build());
    }
    ConnectStallDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, traces);
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings.front().statement, std::string("db1:5432"));
    QCOMPARE(findings.front().occurrences, 3);
    QCOMPARE(findings.front().examples.front().spanIds,
             std::vector<SpanId>{AnalysisTraceBuilder::idOf(3)});
}

void TestConnectStallDetector::nestedCallsCountOnce()
{
    // Two instrumentations of one HTTP call (a client library's span around the http module's):
    // 3 stalls of 10 calls, not 6 of 20.
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 10; ++i) {
        AnalysisTraceBuilder builder(std::uint64_t(i + 1));
        const std::int64_t callNs = i < 3 ? 1'020 * Ms : 15 * Ms;
        const int server = builder.server("web", "GET /", 0, 2'000 * Ms);
        const int outer = builder.http(server, "GET", "http://search:9200/q", 0, callNs);
        builder.http(outer, "GET", "http://search:9200/q", 1, callNs - 1);
        traces.push_back(builder.build());
    }
    ConnectStallDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, traces);
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(factOf(findings.front(), "stalled"), std::string("3 of 10 calls"));
    QCOMPARE(findings.front().examples.front().spanIds,
             std::vector<SpanId>{AnalysisTraceBuilder::idOf(2)});
}

void TestConnectStallDetector::analyzerRunsIt()
{
    FindingsAnalyzer analyzer;
    for (int i = 0; i < 20; ++i)
        analyzer.addTrace(checkoutRequest(i, i % 4 == 0 ? 1'010 * Ms : 2 * Ms));
    const std::vector<Finding> findings = analyzer.findings();
    QVERIFY(std::any_of(findings.begin(), findings.end(), [](const Finding &finding) {
        return finding.kind == FindingKind::ConnectStall && finding.statement == "inventory:8080";
    }));
    QCOMPARE(std::string(findingKindId(FindingKind::ConnectStall)), std::string("connect_stall"));
}

QTEST_GUILESS_MAIN(TestConnectStallDetector)
#include "tst_connect_stall_detector.moc"
