#include "analysis/findings_analyzer.h"
#include "support/analysis_trace_builder.h"

#include <QTest>
#include <algorithm>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Second = 1'000'000'000;

// The findings of the detectors this test is about (N+1, redundant call, fan-out), in the
// analyzer's order; other detectors may find more in the same workload.
std::vector<Finding> repeatedCallFindings(const FindingsAnalyzer &analyzer)
{
    std::vector<Finding> found = analyzer.findings();
    std::erase_if(found, [](const Finding &finding) {
        return finding.kind != FindingKind::NPlusOne && finding.kind != FindingKind::RedundantCall
               && finding.kind != FindingKind::FanOut;
    });
    return found;
}

// GET /orders/{id} [0, 80 ms): a loop of 50 parameterized 1 ms item reads, then the same user
// read three times, 4 ms each.
AnalysisTrace orderRequest(std::uint64_t number, std::int64_t offset)
{
    AnalysisTraceBuilder builder(number);
    const int request = builder.server("shop", "GET /orders/{id}", offset, offset + 80 * Ms);
    for (int k = 0; k < 50; ++k) {
        builder.db(request, "postgresql", "SELECT * FROM items WHERE id = $1",
                   offset + 5 * Ms + k * Ms, offset + 6 * Ms + k * Ms);
    }
    for (int k = 0; k < 3; ++k) {
        builder.db(request, "postgresql", "SELECT * FROM users WHERE id = 17",
                   offset + 60 * Ms + k * 4 * Ms, offset + 64 * Ms + k * 4 * Ms);
    }
    return builder.build();
}

// GET /catalog [0, 60 ms): 25 price lookups at once, 10 ms each, 0.1 ms apart (12.4 ms).
AnalysisTrace catalogRequest(std::uint64_t number, std::int64_t offset)
{
    AnalysisTraceBuilder builder(number);
    const int request = builder.server("shop", "GET /catalog", offset, offset + 60 * Ms);
    for (int k = 0; k < 25; ++k) {
        const std::int64_t start = offset + 5 * Ms + k * 100'000;
        builder.http(request, "GET", "http://pricing:8080/prices/" + std::to_string(k), start,
                     start + 10 * Ms);
    }
    return builder.build();
}

// accounts GET /users/{id} [0, 60 ms): 10 avatar fetches of 5 ms one after another.
AnalysisTrace userRequest(std::uint64_t number, std::int64_t offset)
{
    AnalysisTraceBuilder builder(number);
    const int request = builder.server("accounts", "GET /users/{id}", offset, offset + 60 * Ms);
    for (int k = 0; k < 10; ++k) {
        builder.http(request, "GET", "http://profile/users/" + std::to_string(k) + "/avatar",
                     offset + 5 * Ms + k * 5 * Ms, offset + 10 * Ms + k * 5 * Ms);
    }
    return builder.build();
}

// A healthy GET /orders/{id}: each statement once, writes and one call to payments.
AnalysisTrace healthyRequest(std::uint64_t number, std::int64_t offset)
{
    AnalysisTraceBuilder builder(number);
    const int request = builder.server("shop", "GET /orders/{id}", offset, offset + 30 * Ms);
    const std::string id = std::to_string(number);
    builder.db(request, "postgresql", "SELECT * FROM orders WHERE id = " + id, offset + Ms,
               offset + 3 * Ms);
    builder.db(request, "postgresql", "SELECT * FROM items WHERE order_id = $1", offset + 3 * Ms,
               offset + 6 * Ms);
    builder.db(request, "redis", "GET customer:" + id, offset + 6 * Ms, offset + 7 * Ms);
    builder.db(request, "postgresql", "UPDATE orders SET seen = true WHERE id = " + id,
               offset + 7 * Ms, offset + 9 * Ms);
    builder.http(request, "POST", "http://payments/charges", offset + 9 * Ms, offset + 25 * Ms);
    return builder.build();
}

} // namespace

class TestFindingsAnalyzer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ranksMixedWorkload();
    void healthyWorkloadHasNoRepeatedCallFindings();
};

void TestFindingsAnalyzer::ranksMixedWorkload()
{
    FindingsAnalyzer analyzer;
    std::uint64_t number = 0;
    std::int64_t spans = 0;
    const auto add = [&](const AnalysisTrace &trace) {
        spans += std::int64_t(trace.spans.size());
        analyzer.addTrace(trace);
    };
    for (int i = 0; i < 10; ++i)
        add(orderRequest(++number, i * Second));
    for (int i = 0; i < 5; ++i)
        add(catalogRequest(++number, i * Second));
    for (int i = 0; i < 2; ++i)
        add(userRequest(++number, i * Second));
    for (int i = 0; i < 5; ++i)
        add(healthyRequest(++number, i * Second));
    QCOMPARE(analyzer.traceCount(), std::int64_t(22));
    QCOMPARE(analyzer.spanCount(), spans);

    const std::vector<Finding> findings = repeatedCallFindings(analyzer);
    QCOMPARE(findings.size(), std::size_t(4));
    // High first, the costlier of the two first: the order loop (10 x 50 ms), then the avatar
    // loop (2 x 50 ms).
    QCOMPARE(findings[0].kind, FindingKind::NPlusOne);
    QCOMPARE(findings[0].operation, std::string("GET /orders/{id}"));
    QCOMPARE(findings[0].severity, FindingSeverity::High);
    QCOMPARE(findings[0].totalCostNs, 500 * Ms);
    // The healthy requests are requests of the endpoint too: 10 of 15.
    QCOMPARE(findings[0].endpointTraces, std::int64_t(15));
    QCOMPARE(findings[0].title, std::string("GET /orders/{id} runs `SELECT * FROM items WHERE id = "
                                            "?` 50× per request — N+1, ~50 ms per request, in 67% "
                                            "of these requests"));
    QCOMPARE(findings[1].kind, FindingKind::NPlusOne);
    QCOMPARE(findings[1].service, std::string("accounts"));
    QCOMPARE(findings[1].statement, std::string("GET profile/users/{id}/avatar"));
    QCOMPARE(findings[1].severity, FindingSeverity::High);
    QCOMPARE(findings[1].totalCostNs, 100 * Ms);
    // Medium before Low although the fan-out cost less in total (62 ms against 80 ms).
    QCOMPARE(findings[2].kind, FindingKind::FanOut);
    QCOMPARE(findings[2].operation, std::string("GET /catalog"));
    QCOMPARE(findings[2].severity, FindingSeverity::Medium);
    QCOMPARE(findings[2].totalCostNs, 62 * Ms);
    QCOMPARE(findings[3].kind, FindingKind::RedundantCall);
    QCOMPARE(findings[3].statement, std::string("SELECT * FROM users WHERE id = ?"));
    QCOMPARE(findings[3].severity, FindingSeverity::Low);
    QCOMPARE(findings[3].totalCostNs, 80 * Ms);

    // The same traces give the same findings.
    FindingsAnalyzer again;
    number = 0;
    for (int i = 0; i < 10; ++i)
        again.addTrace(orderRequest(++number, i * Second));
    for (int i = 0; i < 5; ++i)
        again.addTrace(catalogRequest(++number, i * Second));
    for (int i = 0; i < 2; ++i)
        again.addTrace(userRequest(++number, i * Second));
    for (int i = 0; i < 5; ++i)
        again.addTrace(healthyRequest(++number, i * Second));
    QCOMPARE(repeatedCallFindings(again), findings);
}

void TestFindingsAnalyzer::healthyWorkloadHasNoRepeatedCallFindings()
{
    FindingsAnalyzer analyzer;
    for (int i = 0; i < 50; ++i)
        analyzer.addTrace(healthyRequest(std::uint64_t(i + 1), i * Second));
    const std::vector<Finding> findings = analyzer.findings();
    QVERIFY(std::none_of(findings.begin(), findings.end(), [](const Finding &finding) {
        return finding.kind == FindingKind::NPlusOne;
    }));
    QVERIFY(repeatedCallFindings(analyzer).empty());
    QCOMPARE(analyzer.endpoints().totals({"shop", "GET /orders/{id}"}).traces, std::int64_t(50));
}

QTEST_GUILESS_MAIN(TestFindingsAnalyzer)
#include "tst_findings_analyzer.moc"
