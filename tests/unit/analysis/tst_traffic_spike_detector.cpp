#include "analysis/findings_analyzer.h"
#include "analysis/traffic_spike_detector.h"
#include "support/analysis_trace_builder.h"

#include <QTest>
#include <algorithm>
#include <random>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

class TestTrafficSpikeDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void steadyTrafficHasNone();
    void tenfoldForTwoMinutes();
    void twoSeparateSpikesAreTwoFindings();
    void longSpikeIsMeasuredAgainstTheTrafficBeforeIt();
    void firstBucketsHaveNoBaseline();
    void shortBaselineIsEnoughFromItsMinimum();
    void trafficFromNoneAfterOtherEndpointsRan();
    void spikeInOneEndpointDoesNotFlagAnother();
    void analyzerRunsTheDetector();
};

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Second = 1'000'000'000;
constexpr std::int64_t Bucket = 10 * Second; // the default spikeBucketNs

struct Request
{
    std::string operation;
    std::int64_t startNs = 0; // from AnalysisTraceBuilder::Base
    std::int64_t durationNs = 0;
    bool failed = false;
};

// Requests of one service, each its own trace; added in a shuffled (but fixed) order, as storage
// hands traces out in its own order rather than by time.
class Workload
{
public:
    // count requests of operation spread evenly over bucket `bucket`.
    void bucket(const std::string &operation, std::int64_t bucket, int count,
                std::int64_t durationNs = 100 * Ms, int failed = 0)
    {
        for (int i = 0; i < count; ++i) {
            m_requests.push_back(
                {operation, bucket * Bucket + i * (Bucket / count), durationNs, i < failed});
        }
    }
    void request(Request request) { m_requests.push_back(std::move(request)); }

    std::vector<AnalysisTrace> traces() const
    {
        std::vector<AnalysisTrace> traces;
        std::uint64_t number = 0;
        for (const Request &request : m_requests) {
            AnalysisTraceBuilder builder(++number);
            const int root = builder.server("shop", request.operation, request.startNs,
                                            request.startNs + request.durationNs);
            if (request.failed)
                builder.error(root, "OverloadedError");
            traces.push_back(builder.build());
        }
        std::shuffle(traces.begin(), traces.end(), std::mt19937(42));
        return traces;
    }

    std::vector<Finding> findings(const FindingThresholds &thresholds = {}) const
    {
        TrafficSpikeDetector detector(thresholds);
        EndpointStatistics endpoints;
        for (const AnalysisTrace &trace : traces()) {
            const PreparedTrace prepared(trace);
            endpoints.addTrace(prepared);
            detector.addTrace(prepared);
        }
        return detector.findings(endpoints);
    }

private:
    std::vector<Request> m_requests;
};

TimeRange bucketRange(std::int64_t firstBucket, std::int64_t lastBucket)
{
    return {AnalysisTraceBuilder::Base + firstBucket * Bucket,
            AnalysisTraceBuilder::Base + (lastBucket + 1) * Bucket};
}

} // namespace

void TestTrafficSpikeDetector::steadyTrafficHasNone()
{
    Workload workload;
    // 5 minutes of 2.5 to 3.5 requests a second, some of them failing and slow.
    for (std::int64_t bucket = 0; bucket < 30; ++bucket)
        workload.bucket("GET /products", bucket, 25 + int(bucket % 3) * 5, 100 * Ms, 2);
    workload.bucket("GET /products", 30, 40, 900 * Ms, 20);
    QVERIFY(workload.findings().empty());
}

void TestTrafficSpikeDetector::tenfoldForTwoMinutes()
{
    Workload workload;
    // 1 request a second at 100 ms for ten minutes, 10 a second at 300 ms (5% failing) for two,
    // then 1 a second again. Five of the spike's requests are the slowest.
    for (std::int64_t bucket = 0; bucket < 60; ++bucket)
        workload.bucket("GET /products", bucket, 10);
    for (std::int64_t bucket = 60; bucket < 72; ++bucket)
        workload.bucket("GET /products", bucket, bucket == 65 ? 95 : 100, 300 * Ms, 5);
    for (int i = 0; i < 5; ++i)
        workload.request({"GET /products", 65 * Bucket + 9 * Second + i * Ms, (900 + i) * Ms});
    for (std::int64_t bucket = 72; bucket < 132; ++bucket)
        workload.bucket("GET /products", bucket, 10);

    const std::vector<Finding> findings = workload.findings();
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.kind, FindingKind::TrafficSpike);
    QCOMPARE(finding.title, std::string("shop GET /products: traffic 10× its baseline for 2m 00s "
                                        "(10/s vs 1/s); p95 100 ms → 300 ms, errors 0% → 5% — "
                                        "traffic spike"));
    QCOMPARE(finding.service, std::string("shop"));
    QCOMPARE(finding.operation, std::string("GET /products"));
    QCOMPARE(finding.statement, std::string());
    QCOMPARE(finding.range, bucketRange(60, 71));
    QCOMPARE(finding.occurrences, 1200);
    QCOMPARE(finding.affectedTraces, 1200);
    QCOMPARE(finding.endpointTraces, 2400);
    // Mean inside: (1195 × 300 ms + 900..904 ms) / 1200 = 302.508333 ms; baseline 100 ms.
    const std::int64_t insideMeanNs = (1195 * 300 * Ms + 4510 * Ms) / 1200;
    QCOMPARE(finding.costNsPerRequest, double(insideMeanNs - 100 * Ms));
    QCOMPARE(finding.totalCostNs, (insideMeanNs - 100 * Ms) * 1200);
    QCOMPARE(finding.latencyShare, double(insideMeanNs - 100 * Ms) / double(insideMeanNs));
    QCOMPARE(finding.severity, FindingSeverity::High);
    QCOMPARE(finding.examples.size(), std::size_t(5));
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(finding.examples[std::size_t(i)].costNs, (904 - i) * Ms);
        QCOMPARE(finding.examples[std::size_t(i)].spanIds,
                 std::vector<SpanId>{AnalysisTraceBuilder::idOf(1)});
    }
    const std::vector<FindingFact> facts = {
        {"requests", "1200 in 2m 00s"},
        {"rate", "10/s (baseline 1/s)"},
        {"p50", "300 ms (baseline 100 ms)"},
        {"p95", "300 ms (baseline 100 ms)"},
        {"error rate", "5% (baseline 0%), 60 failed"},
        {"baseline", "median of the 12 buckets of 10 s before it that were not spikes"},
    };
    QCOMPARE(finding.facts, facts);
    QVERIFY(!finding.fixHint.empty());
}

void TestTrafficSpikeDetector::twoSeparateSpikesAreTwoFindings()
{
    Workload workload;
    for (std::int64_t bucket = 0; bucket < 60; ++bucket) {
        const int count = bucket == 20 || bucket == 21 ? 50 : bucket == 40 ? 60 : 10;
        workload.bucket("GET /products", bucket, count);
    }
    const std::vector<Finding> findings = workload.findings();
    QCOMPARE(findings.size(), std::size_t(2));
    QCOMPARE(findings[0].range, bucketRange(20, 21));
    QCOMPARE(findings[0].occurrences, 100);
    QCOMPARE(findings[0].title, std::string("shop GET /products: traffic 5× its baseline for 20 s "
                                            "(5/s vs 1/s); p95 100 ms → 100 ms, errors 0% → 0% — "
                                            "traffic spike"));
    QCOMPARE(findings[0].severity, FindingSeverity::Info);
    QCOMPARE(findings[0].costNsPerRequest, 0.0);
    QCOMPARE(findings[1].range, bucketRange(40, 40));
    QCOMPARE(findings[1].occurrences, 60);
    QCOMPARE(findings[1].facts.at(1), (FindingFact{"rate", "6/s (baseline 1/s)"}));
}

void TestTrafficSpikeDetector::longSpikeIsMeasuredAgainstTheTrafficBeforeIt()
{
    // A spike of 30 buckets, longer than the 12-bucket window: it stays one spike to its end.
    Workload workload;
    for (std::int64_t bucket = 0; bucket < 80; ++bucket)
        workload.bucket("GET /products", bucket, bucket >= 20 && bucket < 50 ? 40 : 10);
    const std::vector<Finding> findings = workload.findings();
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].range, bucketRange(20, 49));
    QCOMPARE(findings[0].occurrences, 1200);
}

void TestTrafficSpikeDetector::firstBucketsHaveNoBaseline()
{
    // A burst in the first buckets (of the whole analysis) has nothing before it to compare with;
    // later buckets, with it in their baseline, are judged as usual.
    Workload workload;
    workload.bucket("GET /products", 0, 100);
    workload.bucket("GET /products", 1, 100);
    workload.bucket("GET /products", 2, 100);
    for (std::int64_t bucket = 3; bucket < 30; ++bucket)
        workload.bucket("GET /products", bucket, 10);
    QVERIFY(workload.findings().empty());

    // A jump in the second bucket: one bucket of history is too little by default, enough when
    // spikeMinBaselineBuckets allows it.
    Workload rising;
    rising.bucket("GET /products", 0, 10);
    rising.bucket("GET /products", 1, 100);
    for (std::int64_t bucket = 2; bucket < 30; ++bucket)
        rising.bucket("GET /products", bucket, 10);
    QVERIFY(rising.findings().empty());
    FindingThresholds fromOne;
    fromOne.spikeMinBaselineBuckets = 1;
    const std::vector<Finding> findings = rising.findings(fromOne);
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].range, bucketRange(1, 1));
    QCOMPARE(findings[0].facts.at(5),
             (FindingFact{"baseline", "median of the 1 buckets of 10 s before it that were not "
                                      "spikes"}));
}

void TestTrafficSpikeDetector::shortBaselineIsEnoughFromItsMinimum()
{
    // Three buckets of history (fewer than the 12 of a full window) are enough by default.
    Workload workload;
    workload.bucket("GET /products", 0, 10);
    workload.bucket("GET /products", 1, 12);
    workload.bucket("GET /products", 2, 8);
    workload.bucket("GET /products", 3, 100);
    for (std::int64_t bucket = 4; bucket < 10; ++bucket)
        workload.bucket("GET /products", bucket, 10);
    const std::vector<Finding> findings = workload.findings();
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].range, bucketRange(3, 3));
    QCOMPARE(findings[0].facts.at(1), (FindingFact{"rate", "10/s (baseline 1/s)"}));
    QCOMPARE(findings[0].facts.at(5),
             (FindingFact{"baseline", "median of the 3 buckets of 10 s before it that were not "
                                      "spikes"}));

    // Below spikeMinRequests a jump is no spike.
    FindingThresholds strict;
    strict.spikeMinRequests = 101;
    QVERIFY(workload.findings(strict).empty());
}

void TestTrafficSpikeDetector::trafficFromNoneAfterOtherEndpointsRan()
{
    // GET /products runs from the start; POST /import only bursts at bucket 5: its earlier
    // buckets were empty while the analysis saw traffic, so its baseline is zero.
    Workload workload;
    for (std::int64_t bucket = 0; bucket < 10; ++bucket)
        workload.bucket("GET /products", bucket, 10);
    workload.bucket("POST /import", 5, 50, 40 * Ms, 5);
    const std::vector<Finding> findings = workload.findings();
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].operation, std::string("POST /import"));
    QCOMPARE(findings[0].range, bucketRange(5, 5));
    QCOMPARE(findings[0].title, std::string("shop POST /import: traffic from next to none to 5/s "
                                            "for 10 s; p95 40 ms, errors 10% — traffic spike"));
    QCOMPARE(findings[0].facts.at(2), (FindingFact{"p50", "40 ms (no baseline)"}));
    QCOMPARE(findings[0].facts.at(4), (FindingFact{"error rate", "10% (no baseline), 5 failed"}));
    QCOMPARE(findings[0].costNsPerRequest, 0.0);
}

void TestTrafficSpikeDetector::spikeInOneEndpointDoesNotFlagAnother()
{
    Workload workload;
    for (std::int64_t bucket = 0; bucket < 40; ++bucket) {
        workload.bucket("GET /products", bucket, bucket == 25 || bucket == 26 ? 100 : 10);
        workload.bucket("GET /cart", bucket, 20, 50 * Ms);
    }
    const std::vector<Finding> findings = workload.findings();
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].operation, std::string("GET /products"));
    QCOMPARE(findings[0].range, bucketRange(25, 26));
    QCOMPARE(findings[0].endpointTraces, 10 * 38 + 200);
}

void TestTrafficSpikeDetector::analyzerRunsTheDetector()
{
    Workload workload;
    for (std::int64_t bucket = 0; bucket < 20; ++bucket)
        workload.bucket("GET /products", bucket, bucket == 15 ? 100 : 10);
    FindingsAnalyzer analyzer;
    for (const AnalysisTrace &trace : workload.traces())
        analyzer.addTrace(trace);
    const std::vector<Finding> findings = analyzer.findings();
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].kind, FindingKind::TrafficSpike);
    QCOMPARE(findings[0], workload.findings().front());
}

QTEST_GUILESS_MAIN(TestTrafficSpikeDetector)
#include "tst_traffic_spike_detector.moc"
