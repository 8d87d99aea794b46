#include "analysis/finding_tally.h"
#include "support/analysis_trace_builder.h"
#include "support/detector_run.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;
using kansoku::test::builtSpanIds;

class TestFindingTally : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestAddsUpItsGroups();
    void countsTracesOnceAndMakesTheFinding();
    void emptyTally();
};

void TestFindingTally::requestAddsUpItsGroups()
{
    AnalysisTraceBuilder builder(1);
    const int root = builder.server("svc", "GET /x", 0, 100);
    const int a = builder.add(root, "a", SpanKind::Client, 40, 50);
    const int b = builder.add(root, "b", SpanKind::Client, 10, 20);
    const int c = builder.add(root, "c", SpanKind::Client, 60, 90);
    const AnalysisTrace trace = builder.build();
    const PreparedTrace prepared(trace);
    // Built spans are in start order: root 0, b 1, a 2, c 3.
    TalliedRequest request;
    request.addGroup(prepared, {2, 3}, 7);
    request.addGroup(prepared, {1}, 5);
    QCOMPARE(request.occurrences, std::int64_t(2));
    QCOMPARE(request.calls, std::int64_t(3));
    QCOMPARE(request.costNs, std::int64_t(12));
    QCOMPARE(request.firstNs, AnalysisTraceBuilder::Base + 10);
    QCOMPARE(request.lastNs, AnalysisTraceBuilder::Base + 90);

    // The example lists the calls in start order.
    FindingTally tally;
    tally.add(prepared, request);
    const Finding finding = tally.finding(FindingKind::FanOut, {"svc", "GET /x"}, "stmt",
                                          EndpointStatistics{}, FindingThresholds{});
    QCOMPARE(finding.examples.size(), std::size_t(1));
    QCOMPARE(finding.examples[0].spanIds, builtSpanIds({b, a, c}));
    QCOMPARE(finding.examples[0].costNs, std::int64_t(12));
}

void TestFindingTally::countsTracesOnceAndMakesTheFinding()
{
    // Trace 1 has two requests of the endpoint, trace 2 one.
    AnalysisTraceBuilder first(1);
    const int root = first.server("svc", "GET /x", 0, 2000);
    first.add(root, "call", SpanKind::Client, 500, 600);
    first.add(root, "call", SpanKind::Client, 700, 800);
    AnalysisTraceBuilder second(2);
    const int other = second.server("svc", "GET /x", 0, 1000);
    second.add(other, "call", SpanKind::Client, 100, 900);
    const AnalysisTrace firstTrace = first.build();
    const AnalysisTrace secondTrace = second.build();
    const PreparedTrace firstPrepared(firstTrace);
    const PreparedTrace secondPrepared(secondTrace);

    FindingTally tally;
    TalliedRequest one;
    one.latencyNs = 100;
    one.addGroup(firstPrepared, {1}, 30);
    tally.add(firstPrepared, one);
    TalliedRequest two;
    two.latencyNs = 100;
    two.addGroup(firstPrepared, {2}, 10);
    two.addGroup(firstPrepared, {2}, 0);
    tally.add(firstPrepared, two);
    TalliedRequest three;
    three.latencyNs = 200;
    three.addGroup(secondPrepared, {1}, 20);
    tally.add(secondPrepared, three);

    QCOMPARE(tally.requests(), std::int64_t(3));
    QCOMPARE(tally.affectedTraces(), std::int64_t(2));
    QCOMPARE(tally.occurrences(), std::int64_t(4));
    QCOMPARE(tally.calls(), std::int64_t(4));
    QCOMPARE(tally.maxCalls(), std::int64_t(2));
    QCOMPARE(tally.callsPerRequest(), 4.0 / 3.0);
    QCOMPARE(tally.costNsPerRequest(), 20.0);
    QCOMPARE(tally.latencyShare(), 60.0 / 400.0);

    EndpointStatistics endpoints;
    endpoints.addTrace(firstPrepared);
    endpoints.addTrace(secondPrepared);
    const Finding finding = tally.finding(FindingKind::NPlusOne, {"svc", "GET /x"}, "SELECT ?",
                                          endpoints, FindingThresholds{});
    QCOMPARE(finding.kind, FindingKind::NPlusOne);
    QCOMPARE(finding.service, std::string("svc"));
    QCOMPARE(finding.operation, std::string("GET /x"));
    QCOMPARE(finding.statement, std::string("SELECT ?"));
    QCOMPARE(finding.occurrences, std::int64_t(4));
    QCOMPARE(finding.affectedTraces, std::int64_t(2));
    QCOMPARE(finding.endpointTraces, std::int64_t(2));
    QCOMPARE(finding.totalCostNs, std::int64_t(60));
    QCOMPARE(finding.costNsPerRequest, 20.0);
    QCOMPARE(finding.latencyShare, 0.15);
    QCOMPARE(finding.severity, FindingSeverity::Low); // 15% of the latency
    QCOMPARE(finding.range.startNs, AnalysisTraceBuilder::Base + 100);
    QCOMPARE(finding.range.endNs, AnalysisTraceBuilder::Base + 900);
    // One example per trace: the costlier request of the first trace.
    QCOMPARE(finding.examples.size(), std::size_t(2));
    QCOMPARE(finding.examples[0].traceId, firstTrace.traceId);
    QCOMPARE(finding.examples[0].costNs, std::int64_t(30));
    QCOMPARE(finding.examples[1].traceId, secondTrace.traceId);
}

void TestFindingTally::emptyTally()
{
    const FindingTally tally;
    QCOMPARE(tally.callsPerRequest(), 0.0);
    QCOMPARE(tally.costNsPerRequest(), 0.0);
    QCOMPARE(tally.latencyShare(), 0.0);
}

QTEST_GUILESS_MAIN(TestFindingTally)
#include "tst_finding_tally.moc"
