#include "analysis/findings_analyzer.h"
#include "analysis/start_delay_detector.h"
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
constexpr std::int64_t TraceSpacing = 100'000 * Ms;

// Pod name suffixes as Kubernetes generates them, one per run.
const char *const PodSuffixes[]
    = {"7f9c2", "xkzlp", "q2w4z", "h8m5t", "b9d2k", "n4r6s", "v7x2c", "z5l9p", "t2g8f", "c6j4w"};

// Run i of the batch-report job at i * 100 s: the job span (span 1, internal, a root) and its pod
// (span 2), which starts gapNs after the job and works for 1 s; the job ends with it.
AnalysisTrace jobRun(int i, std::int64_t gapNs)
{
    AnalysisTraceBuilder builder(std::uint64_t(i + 1));
    const std::int64_t offset = i * TraceSpacing;
    const int job = builder.add(-1, "job batch-report", SpanKind::Internal, offset,
                                offset + gapNs + 1'000 * Ms);
    builder.span(job).service = "batch-report";
    builder.add(job, "pod batch-report-" + std::string(PodSuffixes[i % 10]) + " run",
                SpanKind::Internal, offset + gapNs, offset + gapNs + 1'000 * Ms);
    return builder.build();
}

std::vector<Finding> run(const std::vector<AnalysisTrace> &traces,
                         const FindingThresholds &thresholds = {})
{
    StartDelayDetector detector{thresholds};
    return runDetector(detector, traces);
}

} // namespace

class TestStartDelayDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void podsWaitingForTheScheduler();
    void consumerLongAfterItsProducer();
    void notADelay_data();
    void notADelay();
    void thresholds_data();
    void thresholds();
    void tooFewDelayedSpans();
    void waitsOfOneParentAddUp();
    void analyzerRunsIt();
};

void TestStartDelayDetector::podsWaitingForTheScheduler()
{
    // Ten runs: six pods start 2, 3, 4, 4, 5 and 6 s after their job, four after 1 ms.
    const std::vector<std::int64_t> gaps{2'000 * Ms, 3'000 * Ms, 4'000 * Ms, 1 * Ms,     4'000 * Ms,
                                         1 * Ms,     5'000 * Ms, 1 * Ms,     6'000 * Ms, 1 * Ms};
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 10; ++i)
        traces.push_back(jobRun(i, gaps[std::size_t(i)]));
    const std::vector<Finding> findings = run(traces);

    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.kind, FindingKind::StartDelay);
    QCOMPARE(finding.service, std::string("batch-report"));
    QCOMPARE(finding.operation, std::string("job batch-report"));
    QCOMPARE(finding.statement, std::string("pod batch-report-{id} run"));
    QCOMPARE(finding.title,
             std::string("batch-report: `pod batch-report-{id} run` starts 4 s (p50) "
                         "after `job batch-report` — waiting before work starts "
                         "(scheduling or queueing) in 6 of 10, 80% of the parents' "
                         "time"));
    QCOMPARE(finding.occurrences, 6);
    QCOMPARE(finding.affectedTraces, 6);
    QCOMPARE(finding.endpointTraces, 10);
    // 24 s of waiting in six jobs of 30 s.
    QCOMPARE(finding.totalCostNs, 24'000 * Ms);
    QCOMPARE(finding.costNsPerRequest, 4'000.0 * Ms);
    QCOMPARE(finding.latencyShare, 0.8);
    QCOMPARE(finding.severity, FindingSeverity::High);
    QCOMPARE(finding.range.startNs, Base);
    QCOMPARE(finding.range.endNs, Base + 8 * TraceSpacing + 7'000 * Ms);
    const std::vector<FindingFact> facts{{"delayed", "6 of 10"}, {"delay p50", "4 s"},
                                         {"delay p95", "6 s"},   {"delay max", "6 s"},
                                         {"share", "80%"},       {"parent", "job batch-report"}};
    QCOMPARE(finding.facts, facts);
    // The longest waits first; the pod is span 2 of its trace.
    const std::vector<int> exampleTraces{9, 7, 3, 5, 2};
    QCOMPARE(finding.examples.size(), std::size_t(5));
    for (std::size_t i = 0; i < 5; ++i) {
        QCOMPARE(finding.examples[i].traceId,
                 AnalysisTraceBuilder::traceIdOf(std::uint64_t(exampleTraces[i])));
        QCOMPARE(finding.examples[i].spanIds, std::vector<SpanId>{AnalysisTraceBuilder::idOf(2)});
    }
    QCOMPARE(finding.examples.front().costNs, 6'000 * Ms);
    QVERIFY(finding.fixHint.find("kubectl describe pod") != std::string::npos);
    QVERIFY(finding.fixHint.find("prefetch") != std::string::npos);
}

void TestStartDelayDetector::consumerLongAfterItsProducer()
{
    // The checkout request publishes in 1 ms; the worker consumes the message 3 s later for
    // 200 ms. The wait is measured against the time up to the consumer's end, 3.2 s.
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 3; ++i) {
        AnalysisTraceBuilder builder(std::uint64_t(i + 1));
        const int server = builder.server("shop", "POST /checkout", 0, 10 * Ms);
        const int publish
            = builder.add(server, "orders publish", SpanKind::Producer, 5 * Ms, 6 * Ms);
        const int consume
            = builder.add(publish, "orders process", SpanKind::Consumer, 3'005 * Ms, 3'205 * Ms);
        builder.span(consume).service = "worker";
        traces.push_back(builder.build());
    }
    const std::vector<Finding> findings = run(traces);
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.service, std::string("worker"));
    QCOMPARE(finding.operation, std::string("orders publish"));
    QCOMPARE(finding.statement, std::string("orders process"));
    QCOMPARE(finding.costNsPerRequest, 3'000.0 * Ms);
    QCOMPARE(finding.latencyShare, 3'000.0 / 3'200.0);
    QCOMPARE(factOf(finding, "delay p50"), std::string("3 s"));
    QCOMPARE(factOf(finding, "share"), std::string("94%"));
}

void TestStartDelayDetector::notADelay_data()
{
    QTest::addColumn<int>("shape");
    QTest::newRow("starts 1 ms after its parent") << 0;
    QTest::newRow("starts when its earlier sibling ends") << 1;
    QTest::newRow("an earlier sibling still runs") << 2;
    QTest::newRow("an outgoing call after the parent's own work") << 3;
    QTest::newRow("a server span late under its client call") << 4;
    QTest::newRow("a request handler's own span after its own work") << 5;
    QTest::newRow("a message handler's own span after its own work") << 6;
}

void TestStartDelayDetector::notADelay()
{
    QFETCH(int, shape);
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 5; ++i) {
        AnalysisTraceBuilder builder(std::uint64_t(i + 1));
        // An internal root, as a job's: its internal children may wait.
        const int root = builder.add(-1, "report", SpanKind::Internal, 0, 5'000 * Ms);
        builder.span(root).service = "api";
        switch (shape) {
        case 0:
            builder.add(root, "render", SpanKind::Internal, 1 * Ms, 4'000 * Ms);
            break;
        case 1:
            builder.add(root, "load", SpanKind::Internal, 0, 3'000 * Ms);
            builder.add(root, "render", SpanKind::Internal, 3'001 * Ms, 5'000 * Ms);
            break;
        case 2:
            builder.add(root, "load", SpanKind::Internal, 0, 4'000 * Ms);
            builder.add(root, "render", SpanKind::Internal, 3'000 * Ms, 5'000 * Ms);
            break;
        case 3:
            builder.db(root, "postgresql", "SELECT * FROM reports", 3'000 * Ms, 4'000 * Ms);
            break;
        case 4: {
            // 1 s waiting for a SYN retransmit, or a clock 1 s ahead: not this detector's.
            const int call = builder.http(root, "GET", "http://stock/items", 10 * Ms, 1'030 * Ms);
            builder.server("stock", "GET /items", 1'010 * Ms, 1'025 * Ms, call);
            break;
        }
        case 5: {
            const int request = builder.server("api", "POST /report", 0, 4'000 * Ms, root);
            builder.add(request, "render", SpanKind::Internal, 3'000 * Ms, 4'000 * Ms);
            break;
        }
        case 6: {
            const int message
                = builder.add(root, "reports process", SpanKind::Consumer, 0, 4'000 * Ms);
            builder.add(message, "render", SpanKind::Internal, 3'000 * Ms, 4'000 * Ms);
            break;
        }
        }
        traces.push_back(builder.build());
    }
    QVERIFY(run(traces).empty());
}

void TestStartDelayDetector::thresholds_data()
{
    QTest::addColumn<std::int64_t>("gapNs");
    QTest::addColumn<std::int64_t>("parentNs");
    QTest::addColumn<bool>("delayed");
    QTest::newRow("500 ms of 2 s") << 500 * Ms << 2'000 * Ms << true;
    QTest::newRow("1 ns under 500 ms") << 500 * Ms - 1 << 1'000 * Ms << false;
    QTest::newRow("a quarter of the parent") << 1'000 * Ms << 4'000 * Ms << true;
    QTest::newRow("under a quarter") << 1'000 * Ms << 4'000 * Ms + 1 << false;
    QTest::newRow("1 s of 10 s") << 1'000 * Ms << 10'000 * Ms << false;
}

void TestStartDelayDetector::thresholds()
{
    QFETCH(std::int64_t, gapNs);
    QFETCH(std::int64_t, parentNs);
    QFETCH(bool, delayed);
    // Three parents (the dispatcher's internal roots), each with one child from gapNs to 100 ms
    // before the parent's end.
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 3; ++i) {
        AnalysisTraceBuilder builder(std::uint64_t(i + 1));
        const int parent = builder.add(-1, "dispatch", SpanKind::Internal, 0, parentNs);
        builder.span(parent).service = "api";
        builder.add(parent, "task " + std::to_string(1000 + i), SpanKind::Internal, gapNs,
                    parentNs - 100 * Ms);
        traces.push_back(builder.build());
    }
    const std::vector<Finding> findings = run(traces);
    QCOMPARE(findings.size(), std::size_t(delayed ? 1 : 0));
    if (delayed) {
        QCOMPARE(findings.front().statement, std::string("task {id}"));
        QCOMPARE(findings.front().latencyShare, double(gapNs) / double(parentNs));
    }
}

void TestStartDelayDetector::tooFewDelayedSpans()
{
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 10; ++i)
        traces.push_back(jobRun(i, i < 2 ? 3'000 * Ms : 2 * Ms));
    QVERIFY(run(traces).empty());
    FindingThresholds twoEnough;
    twoEnough.startDelayMinSpans = 2;
    QCOMPARE(run(traces, twoEnough).size(), std::size_t(1));
    FindingThresholds longerWait;
    longerWait.startDelayMinSpans = 2;
    longerWait.startDelayMinNs = 3'000 * Ms + 1;
    QVERIFY(run(traces, longerWait).empty());
}

void TestStartDelayDetector::waitsOfOneParentAddUp()
{
    // A job running two pods one after another, each waiting 2 s for its node: from the job's
    // start to 2 s, and from the first pod's end at 3 s to 5 s; 4 s of a 6 s job.
    std::vector<AnalysisTrace> traces;
    for (int i = 0; i < 3; ++i) {
        AnalysisTraceBuilder builder(std::uint64_t(i + 1));
        const int job = builder.add(-1, "job nightly", SpanKind::Internal, 0, 6'000 * Ms);
        builder.span(job).service = "etl";
        builder.add(job, "pod nightly-b9d2k run", SpanKind::Internal, 2'000 * Ms, 3'000 * Ms);
        builder.add(job, "pod nightly-n4r6s run", SpanKind::Internal, 5'000 * Ms, 6'000 * Ms);
        traces.push_back(builder.build());
    }
    const std::vector<Finding> findings = run(traces);
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.occurrences, 6);
    QCOMPARE(finding.affectedTraces, 3);
    QCOMPARE(finding.costNsPerRequest, 4'000.0 * Ms);
    QCOMPARE(finding.totalCostNs, 12'000 * Ms);
    QCOMPARE(finding.latencyShare, 4.0 / 6.0);
    QCOMPARE(factOf(finding, "delayed"), std::string("6 of 6"));
    QCOMPARE(finding.examples.front().spanIds,
             (std::vector<SpanId>{AnalysisTraceBuilder::idOf(2), AnalysisTraceBuilder::idOf(3)}));
}

void TestStartDelayDetector::analyzerRunsIt()
{
    FindingsAnalyzer analyzer;
    for (int i = 0; i < 5; ++i)
        analyzer.addTrace(jobRun(i, 4'000 * Ms));
    const std::vector<Finding> findings = analyzer.findings();
    QVERIFY(std::any_of(findings.begin(), findings.end(), [](const Finding &finding) {
        return finding.kind == FindingKind::StartDelay
               && finding.statement == "pod batch-report-{id} run";
    }));
    QCOMPARE(std::string(findingKindId(FindingKind::StartDelay)), std::string("start_delay"));
}

QTEST_GUILESS_MAIN(TestStartDelayDetector)
#include "tst_start_delay_detector.moc"
