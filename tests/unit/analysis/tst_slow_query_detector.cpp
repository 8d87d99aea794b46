#include "analysis/findings_analyzer.h"
#include "analysis/slow_query_detector.h"
#include "support/analysis_trace_builder.h"
#include "support/detector_run.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;
using kansoku::test::runDetector;

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Base = AnalysisTraceBuilder::Base;
const std::string OrdersQuery = "SELECT * FROM orders WHERE created_at > '2024-01-01'";
const std::string UsersQuery = "SELECT * FROM users WHERE id = 17";

// One request of "GET /reports/daily" (span 1) at offsetNs: a fast users lookup [1, 3) ms (span
// 2), then the orders query [5, 5 + slowNs) (span 3); the request ends 15 ms after it.
AnalysisTrace reportRequest(std::uint64_t number, std::int64_t offsetNs, std::int64_t slowNs)
{
    AnalysisTraceBuilder builder(number);
    const int server
        = builder.server("reports", "GET /reports/daily", offsetNs, offsetNs + 20 * Ms + slowNs);
    builder.db(server, "postgresql", UsersQuery, offsetNs + 1 * Ms, offsetNs + 3 * Ms);
    builder.db(server, "postgresql", OrdersQuery, offsetNs + 5 * Ms, offsetNs + 5 * Ms + slowNs);
    return builder.build();
}

// count requests of "POST /work" [0, requestNs), each running the statement once [0, callNs).
std::vector<AnalysisTrace> uniformRequests(int count, std::int64_t requestNs,
                                           const std::vector<std::int64_t> &callNs)
{
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < count; ++i) {
        AnalysisTraceBuilder builder(std::uint64_t(i + 1));
        const std::int64_t offset = i * 10'000 * Ms;
        const int server = builder.server("worker", "POST /work", offset, offset + requestNs);
        const std::int64_t duration = callNs[std::size_t(i) % callNs.size()];
        builder.db(server, "mysql", "UPDATE jobs SET state = 'done' WHERE id = 4", offset,
                   offset + duration);
        traces.push_back(builder.build());
    }
    return traces;
}

} // namespace

class TestSlowQueryDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void slowStatementAmongFastOnes();
    void p95Threshold_data();
    void p95Threshold();
    void shareRuleAlone_data();
    void shareRuleAlone();
    void tooFewCalls();
    void manyCheapCallsAreLeftToTheNPlusOneDetector();
    void parallelCallsCountOnceInTheShare();
    void slowHttpCall();
    void callWithoutRequestIsLeftOut();
    void analyzerRunsIt();
};

void TestSlowQueryDetector::slowStatementAmongFastOnes()
{
    // 20 requests 10 s apart; the orders query takes 50, 100, ..., 1000 ms.
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 20; ++i)
        traces.push_back(reportRequest(std::uint64_t(i + 1), i * 10'000 * Ms, (i + 1) * 50 * Ms));
    SlowQueryDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, traces);

    QCOMPARE(findings.size(), std::size_t(1)); // the 2 ms users lookup is not one
    const Finding &finding = findings.front();
    QCOMPARE(finding.kind, FindingKind::SlowQuery);
    QCOMPARE(finding.service, std::string("reports"));
    QCOMPARE(finding.operation, std::string("GET /reports/daily"));
    QCOMPARE(finding.statement, std::string("SELECT * FROM orders WHERE created_at > ?"));
    QCOMPARE(finding.title, std::string("GET /reports/daily: `SELECT * FROM orders WHERE "
                                        "created_at > ?` p95 950 ms, 96% of request latency — "
                                        "slow query"));
    QCOMPARE(finding.occurrences, 20);
    QCOMPARE(finding.affectedTraces, 20);
    QCOMPARE(finding.endpointTraces, 20);
    // 10.5 s of query in 20 requests of 10.9 s in all.
    QCOMPARE(finding.totalCostNs, 10'500 * Ms);
    QCOMPARE(finding.costNsPerRequest, 525.0 * Ms);
    QCOMPARE(finding.latencyShare, 10'500.0 / 10'900.0);
    QCOMPARE(finding.severity, FindingSeverity::High);
    QCOMPARE(finding.range.startNs, Base + 5 * Ms);
    QCOMPARE(finding.range.endNs, Base + 19 * 10'000 * Ms + 5 * Ms + 1'000 * Ms);
    const std::vector<FindingFact> facts{{"count", "20"}, {"p50", "500 ms"}, {"p95", "950 ms"},
                                         {"p99", "1 s"},  {"max", "1 s"},    {"total", "10.5 s"},
                                         {"share", "96%"}};
    QCOMPARE(finding.facts, facts);
    // The five slowest calls, slowest first: the orders query is span 3 of its trace.
    QCOMPARE(finding.examples.size(), std::size_t(5));
    for (int i = 0; i < 5; ++i) {
        const FindingExample &example = finding.examples[std::size_t(i)];
        QCOMPARE(example.traceId, AnalysisTraceBuilder::traceIdOf(std::uint64_t(20 - i)));
        QCOMPARE(example.spanIds, std::vector<SpanId>{AnalysisTraceBuilder::idOf(3)});
        QCOMPARE(example.costNs, (20 - i) * 50 * Ms);
    }
    QVERIFY(finding.fixHint.find("EXPLAIN") != std::string::npos);
}

void TestSlowQueryDetector::p95Threshold_data()
{
    QTest::addColumn<std::int64_t>("slowestNs");
    QTest::addColumn<bool>("flagged");
    // Of three calls the p95 (nearest rank) is the slowest; the requests last 10 s, so the share
    // rule stays out of it.
    QTest::newRow("at the threshold") << std::int64_t(100 * Ms) << true;
    QTest::newRow("1 ns below") << std::int64_t(100 * Ms - 1) << false;
}

void TestSlowQueryDetector::p95Threshold()
{
    QFETCH(std::int64_t, slowestNs);
    QFETCH(bool, flagged);
    SlowQueryDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings
        = runDetector(detector, uniformRequests(3, 10'000 * Ms, {10 * Ms, 10 * Ms, slowestNs}));
    QCOMPARE(findings.size(), std::size_t(flagged ? 1 : 0));
    if (flagged) {
        QCOMPARE(findings.front().facts.at(2), (FindingFact{"p95", "100 ms"}));
        QCOMPARE(findings.front().facts.at(0), (FindingFact{"count", "3"}));
        // 120 ms of 30 s: a slow query of little weight.
        QCOMPARE(findings.front().severity, FindingSeverity::Medium);
    }
}

void TestSlowQueryDetector::shareRuleAlone_data()
{
    QTest::addColumn<std::int64_t>("requestNs");
    QTest::addColumn<std::int64_t>("callNs");
    QTest::addColumn<bool>("flagged");
    // The statement is far under the p95 threshold; it can only be flagged for its share.
    QTest::newRow("75% of a 40 ms request") << 40 * Ms << 30 * Ms << true;
    QTest::newRow("exactly half") << 40 * Ms << 20 * Ms << true;
    QTest::newRow("just under half") << 40 * Ms << 20 * Ms - 1 << false;
    // Most of a fast request is that request's work, not a slow query: under 20 ms per request
    // (slowShareMinNsPerRequest) the share rule does not apply; a healthy 10 ms report query
    // behind a 11 ms endpoint is no finding.
    QTest::newRow("75% of a 2 ms request") << 2 * Ms << std::int64_t(1'500'000) << false;
    QTest::newRow("10 ms of an 11 ms request") << 11 * Ms << 10 * Ms << false;
    QTest::newRow("20 ms of a 24 ms request") << 24 * Ms << 20 * Ms << true;
    QTest::newRow("20 ms - 1 ns of a 24 ms request") << 24 * Ms << 20 * Ms - 1 << false;
}

void TestSlowQueryDetector::shareRuleAlone()
{
    QFETCH(std::int64_t, requestNs);
    QFETCH(std::int64_t, callNs);
    QFETCH(bool, flagged);
    SlowQueryDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings
        = runDetector(detector, uniformRequests(5, requestNs, {callNs}));
    QCOMPARE(findings.size(), std::size_t(flagged ? 1 : 0));
    if (flagged) {
        const Finding &finding = findings.front();
        QCOMPARE(finding.latencyShare, double(callNs) / double(requestNs));
        QCOMPARE(finding.costNsPerRequest, double(callNs));
        QCOMPARE(finding.totalCostNs, 5 * callNs);
        QCOMPARE(finding.severity, FindingSeverity::High); // half the latency or more
    }
}

void TestSlowQueryDetector::manyCheapCallsAreLeftToTheNPlusOneDetector()
{
    // Five requests of 40 ms, each running one cheap statement `calls` times back to back: the
    // calls add up to most of the request, but only a statement run a few times per request is
    // slow for its share; ten 3 ms calls are an N+1 (nPlusOneMinCalls = 5).
    const auto run = [](int calls, std::int64_t callNs) {
        std::vector<AnalysisTrace> traces;
        for (int i = 0; i < 5; ++i) {
            AnalysisTraceBuilder builder(std::uint64_t(i + 1));
            const std::int64_t offset = i * 10'000 * Ms;
            const int server = builder.server("shop", "GET /cart", offset, offset + 40 * Ms);
            for (int call = 0; call < calls; ++call)
                builder.db(server, "postgresql", "SELECT * FROM items WHERE id = $1",
                           offset + call * callNs, offset + (call + 1) * callNs);
            traces.push_back(builder.build());
        }
        SlowQueryDetector detector{FindingThresholds{}};
        return runDetector(detector, traces);
    };
    QVERIFY(run(10, 3 * Ms).empty());
    QVERIFY(run(5, 6 * Ms).empty());
    const std::vector<Finding> fourCalls = run(4, 6 * Ms);
    QCOMPARE(fourCalls.size(), std::size_t(1));
    QCOMPARE(fourCalls.front().costNsPerRequest, double(24 * Ms));
}

void TestSlowQueryDetector::tooFewCalls()
{
    FindingThresholds thresholds;
    SlowQueryDetector twoCalls{thresholds};
    QVERIFY(runDetector(twoCalls, uniformRequests(2, 10'000 * Ms, {900 * Ms})).empty());
    SlowQueryDetector threeCalls{thresholds};
    QCOMPARE(runDetector(threeCalls, uniformRequests(3, 10'000 * Ms, {900 * Ms})).size(),
             std::size_t(1));
    thresholds.slowMinCalls = 4;
    SlowQueryDetector fourNeeded{thresholds};
    QVERIFY(runDetector(fourNeeded, uniformRequests(3, 10'000 * Ms, {900 * Ms})).empty());
}

void TestSlowQueryDetector::parallelCallsCountOnceInTheShare()
{
    // Each request [0, 400) ms runs the statement twice at once, [0, 200) and [100, 300): 300 ms
    // of the request waits on it, though the calls add up to 400 ms.
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 3; ++i) {
        AnalysisTraceBuilder builder(std::uint64_t(i + 1));
        const int server = builder.server("search", "GET /search", 0, 400 * Ms);
        builder.db(server, "postgresql", "SELECT * FROM docs WHERE body LIKE 'a%'", 0, 200 * Ms);
        builder.db(server, "postgresql", "SELECT * FROM docs WHERE body LIKE 'b%'", 100 * Ms,
                   300 * Ms);
        traces.push_back(builder.build());
    }
    SlowQueryDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, traces);
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.occurrences, 6);
    QCOMPARE(finding.affectedTraces, 3);
    QCOMPARE(finding.costNsPerRequest, 300.0 * Ms);
    QCOMPARE(finding.totalCostNs, 900 * Ms);
    QCOMPARE(finding.latencyShare, 0.75);
    QCOMPARE(finding.facts.at(5), (FindingFact{"total", "1.2 s"}));
    QCOMPARE(finding.facts.at(6), (FindingFact{"share", "75%"}));
    // One example per trace, its slowest call; equal costs in trace id order.
    QCOMPARE(finding.examples.size(), std::size_t(3));
    QCOMPARE(finding.examples.front().traceId, AnalysisTraceBuilder::traceIdOf(1));
    QCOMPARE(finding.examples.front().costNs, 200 * Ms);
}

void TestSlowQueryDetector::slowHttpCall()
{
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 4; ++i) {
        AnalysisTraceBuilder builder(std::uint64_t(i + 1));
        const int server = builder.server("shop", "GET /cart", 0, 1'000 * Ms);
        builder.http(server, "GET", "http://pricing:8080/prices/" + std::to_string(100 + i),
                     10 * Ms, 310 * Ms);
        traces.push_back(builder.build());
    }
    SlowQueryDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, traces);
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.statement, std::string("GET pricing:8080/prices/{id}"));
    QCOMPARE(finding.title, std::string("GET /cart: `GET pricing:8080/prices/{id}` p95 300 ms, 30% "
                                        "of request latency — slow call"));
    QCOMPARE(finding.severity, FindingSeverity::High); // 300 ms per request
    QVERIFY(finding.fixHint.find("EXPLAIN") == std::string::npos);
    QVERIFY(finding.fixHint.find("downstream") != std::string::npos);
}

void TestSlowQueryDetector::callWithoutRequestIsLeftOut()
{
    // A slow database span with no request around it: there is no endpoint to charge it to.
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 5; ++i) {
        AnalysisTraceBuilder builder(std::uint64_t(i + 1));
        builder.db(-1, "postgresql", OrdersQuery, 0, 900 * Ms);
        traces.push_back(builder.build());
    }
    SlowQueryDetector detector{FindingThresholds{}};
    QVERIFY(runDetector(detector, traces).empty());
}

void TestSlowQueryDetector::analyzerRunsIt()
{
    FindingsAnalyzer analyzer;
    for (int i = 0; i < 3; ++i)
        analyzer.addTrace(reportRequest(std::uint64_t(i + 1), i * 10'000 * Ms, 900 * Ms));
    const std::vector<Finding> findings = analyzer.findings();
    QVERIFY(std::any_of(findings.begin(), findings.end(), [](const Finding &finding) {
        return finding.kind == FindingKind::SlowQuery
               && finding.statement == "SELECT * FROM orders WHERE created_at > ?";
    }));
}

QTEST_GUILESS_MAIN(TestSlowQueryDetector)
#include "tst_slow_query_detector.moc"
