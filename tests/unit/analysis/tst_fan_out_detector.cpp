#include "analysis/fan_out_detector.h"
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

std::vector<Finding> detect(const std::vector<AnalysisTrace> &traces,
                            const FindingThresholds &thresholds = {})
{
    FanOutDetector detector(thresholds);
    return runDetector(detector, traces);
}

// count GETs of pricing under parent, all started 0.1 ms apart from startNs and 10 ms long.
std::vector<int> priceBurst(AnalysisTraceBuilder &builder, int parent, int count,
                            std::int64_t startNs)
{
    std::vector<int> calls;
    for (int k = 0; k < count; ++k) {
        const std::int64_t start = startNs + k * 100'000;
        calls.push_back(builder.http(parent, "GET",
                                     "http://pricing:8080/prices/" + std::to_string(100 + k), start,
                                     start + 10 * Ms));
    }
    return calls;
}

// A database call to db.internal.
int dbCall(AnalysisTraceBuilder &builder, int parent, const std::string &statement,
           std::int64_t startNs, std::int64_t endNs)
{
    const int call = builder.db(parent, "postgresql", statement, startNs, endNs);
    builder.attribute(call, "server.address", "db.internal");
    return call;
}

} // namespace

class TestFanOutDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parallelBurstToOneDownstream();
    void chattySequentialCallsOfMixedStatements();
    void oneStatementInALoopIsLeftToNPlusOne();
    void differentTargetsDoNotAddUp();
    void childrenThatAreNotCallsDoNotCount();
    void thresholdBoundary();
    void aggregatesAcrossTraces();
};

void TestFanOutDetector::parallelBurstToOneDownstream()
{
    // GET /catalog [0, 60 ms): "load prices" fires 25 price lookups at once, 10 ms each, started
    // 0.1 ms apart: they cover 12.4 ms.
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /catalog", 0, 60 * Ms);
    const int load = builder.add(request, "load prices", SpanKind::Internal, 2 * Ms, 50 * Ms);
    const std::vector<int> calls = priceBurst(builder, load, 25, 5 * Ms);
    const AnalysisTrace trace = builder.build();

    const std::vector<Finding> findings = detect({trace});
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings[0];
    QCOMPARE(finding.kind, FindingKind::FanOut);
    QCOMPARE(finding.title, std::string("GET /catalog: `load prices` makes 25 calls to "
                                        "pricing:8080 per request, up to 25 at once — fan-out, "
                                        "~12.4 ms per request, in 100% of these requests"));
    QCOMPARE(finding.service, std::string("shop"));
    QCOMPARE(finding.operation, std::string("GET /catalog"));
    QCOMPARE(finding.statement, std::string("GET pricing:8080/prices/{id}"));
    QCOMPARE(finding.occurrences, std::int64_t(1));
    QCOMPARE(finding.affectedTraces, std::int64_t(1));
    QCOMPARE(finding.endpointTraces, std::int64_t(1));
    QCOMPARE(finding.costNsPerRequest, 12'400'000.0);
    QCOMPARE(finding.totalCostNs, std::int64_t(12'400'000));
    QCOMPARE(finding.latencyShare, 12.4 / 60.0);
    QCOMPARE(finding.severity, FindingSeverity::Medium);
    QCOMPARE(finding.examples.size(), std::size_t(1));
    QCOMPARE(finding.examples[0].traceId, trace.traceId);
    QCOMPARE(finding.examples[0].spanIds, builtSpanIds(calls));
    QCOMPARE(finding.examples[0].costNs, std::int64_t(12'400'000));
    QCOMPARE(finding.range.startNs, AnalysisTraceBuilder::Base + 5 * Ms);
    QCOMPARE(finding.range.endNs, AnalysisTraceBuilder::Base + 17'400'000);
    QCOMPARE(finding.facts,
             (std::vector<FindingFact>{{"calls per request", "25 on average, 25 at most"},
                                       {"most at once", "25"},
                                       {"wall time per request", "12.4 ms"},
                                       {"share of request latency", "21%"},
                                       {"traces affected", "1 of 1"},
                                       {"parent span", "load prices"},
                                       {"downstream", "pricing:8080"}}));
    QVERIFY(finding.fixHint.find("pricing:8080") != std::string::npos);
}

void TestFanOutDetector::chattySequentialCallsOfMixedStatements()
{
    // The handler itself asks the database 20 small questions one after another, each statement
    // 4 times: too few for an N+1, many for one request.
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /dashboard", 0, 100 * Ms);
    const char *tables[] = {"orders", "users", "items", "stock", "prices"};
    for (int k = 0; k < 20; ++k) {
        dbCall(builder, request,
               "SELECT count(*) FROM " + std::string(tables[k % 5])
                   + " WHERE day = " + std::to_string(k),
               10 * Ms + k * 2 * Ms, 12 * Ms + k * 2 * Ms);
    }
    const std::vector<Finding> findings = detect({builder.build()});
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].title, std::string("GET /dashboard makes 20 calls to db.internal per "
                                            "request, up to 1 at once — fan-out, ~40 ms per "
                                            "request, in 100% of these requests"));
    QCOMPARE(findings[0].statement, std::string()); // five statements
    QCOMPARE(findings[0].severity, FindingSeverity::Medium);
    QCOMPARE(factOf(findings[0], "parent span"), std::string("GET /dashboard"));
}

void TestFanOutDetector::oneStatementInALoopIsLeftToNPlusOne()
{
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /orders/{id}", 0, 100 * Ms);
    for (int k = 0; k < 25; ++k) {
        dbCall(builder, request, "SELECT * FROM items WHERE id = " + std::to_string(k),
               10 * Ms + k * 2 * Ms, 12 * Ms + k * 2 * Ms);
    }
    QVERIFY(detect({builder.build()}).empty());

    // A loop of 25 and three other reads: the loop is the N+1, the three are no fan-out.
    AnalysisTraceBuilder withOthers(2);
    const int other = withOthers.server("shop", "GET /orders/{id}", 0, 100 * Ms);
    for (int k = 0; k < 25; ++k) {
        dbCall(withOthers, other, "SELECT * FROM items WHERE id = " + std::to_string(k),
               10 * Ms + k * 2 * Ms, 12 * Ms + k * 2 * Ms);
    }
    for (int k = 0; k < 3; ++k)
        dbCall(withOthers, other, "SELECT * FROM users WHERE id = 5", 70 * Ms, 71 * Ms);
    QVERIFY(detect({withOthers.build()}).empty());

    // A loop of 25 and a parallel burst of 20 different reads: the burst is a fan-out.
    AnalysisTraceBuilder withBurst(3);
    const int burst = withBurst.server("shop", "GET /orders/{id}", 0, 100 * Ms);
    for (int k = 0; k < 25; ++k) {
        dbCall(withBurst, burst, "SELECT * FROM items WHERE id = " + std::to_string(k),
               10 * Ms + k * 2 * Ms, 12 * Ms + k * 2 * Ms);
    }
    std::vector<int> parallel;
    for (int k = 0; k < 20; ++k) {
        parallel.push_back(dbCall(withBurst, burst,
                                  "SELECT * FROM table_" + std::to_string(k) + " LIMIT 1", 70 * Ms,
                                  75 * Ms));
    }
    const std::vector<Finding> findings = detect({withBurst.build()});
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].examples.at(0).spanIds, builtSpanIds(parallel));
    QCOMPARE(findings[0].totalCostNs, 5 * Ms);
    QCOMPARE(factOf(findings[0], "most at once"), std::string("20"));
}

void TestFanOutDetector::differentTargetsDoNotAddUp()
{
    // 15 calls to pricing and 15 to stock, all at once: neither reaches 20.
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /catalog", 0, 60 * Ms);
    priceBurst(builder, request, 15, 5 * Ms);
    for (int k = 0; k < 15; ++k) {
        builder.http(request, "GET", "http://stock:8080/levels/" + std::to_string(k), 5 * Ms,
                     15 * Ms);
    }
    QVERIFY(detect({builder.build()}).empty());
}

void TestFanOutDetector::childrenThatAreNotCallsDoNotCount()
{
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /catalog", 0, 60 * Ms);
    for (int k = 0; k < 30; ++k)
        builder.add(request, "render row", SpanKind::Internal, 5 * Ms + k * Ms, 6 * Ms + k * Ms);
    QVERIFY(detect({builder.build()}).empty());
}

void TestFanOutDetector::thresholdBoundary()
{
    const auto burstOf = [](int count) {
        AnalysisTraceBuilder builder(1);
        const int request = builder.server("shop", "GET /catalog", 0, 60 * Ms);
        priceBurst(builder, request, count, 5 * Ms);
        return builder.build();
    };
    QVERIFY(detect({burstOf(19)}).empty());
    QCOMPARE(detect({burstOf(20)}).size(), std::size_t(1));
    FindingThresholds lower;
    lower.fanOutMinChildren = 5;
    QCOMPARE(detect({burstOf(5)}, lower).size(), std::size_t(1));
    QVERIFY(detect({burstOf(4)}, lower).empty());
}

void TestFanOutDetector::aggregatesAcrossTraces()
{
    // Bursts of 20 and 30 price lookups in two requests of GET /catalog [0, 100 ms); a third
    // request looks up one price.
    std::vector<AnalysisTrace> traces;
    for (int t = 0; t < 3; ++t) {
        AnalysisTraceBuilder builder{std::uint64_t(t + 1)};
        const std::int64_t offset = t * Second;
        const int request = builder.server("shop", "GET /catalog", offset, offset + 100 * Ms);
        priceBurst(builder, request, t == 0 ? 20 : t == 1 ? 30 : 1, offset + 5 * Ms);
        traces.push_back(builder.build());
    }
    const std::vector<Finding> findings = detect(traces);
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings[0];
    QCOMPARE(finding.affectedTraces, std::int64_t(2));
    QCOMPARE(finding.endpointTraces, std::int64_t(3));
    // 20 calls cover 11.9 ms, 30 cover 12.9 ms.
    QCOMPARE(finding.totalCostNs, std::int64_t(24'800'000));
    QCOMPARE(finding.costNsPerRequest, 12'400'000.0);
    QCOMPARE(finding.title, std::string("GET /catalog makes 25 calls to pricing:8080 per request, "
                                        "up to 30 at once — fan-out, ~12.4 ms per request, in "
                                        "67% of these requests"));
    QCOMPARE(finding.examples.size(), std::size_t(2));
    QCOMPARE(finding.examples[0].traceId, traces[1].traceId);
    QCOMPARE(finding.examples[0].costNs, std::int64_t(12'900'000));
    QCOMPARE(finding.examples[1].traceId, traces[0].traceId);
    QCOMPARE(factOf(finding, "calls per request"), std::string("25 on average, 30 at most"));
    QCOMPARE(factOf(finding, "most at once"), std::string("30"));
}

QTEST_GUILESS_MAIN(TestFanOutDetector)
#include "tst_fan_out_detector.moc"
