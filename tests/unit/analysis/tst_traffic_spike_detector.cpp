#include "analysis/findings_analyzer.h"
#include "analysis/http_server_request_metric.h"
#include "analysis/traffic_spike_detector.h"
#include "core/time_format.h"
#include "support/analysis_trace_builder.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <map>
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
    void sampledSpansWithDeltaMetric();
    void cumulativeMetricWithReset();
    void olderMetricNameInMilliseconds();
    void bothMetricNamesCountOnce();
    void steadyMetricHasNone_data();
    void steadyMetricHasNone();
    void exponentialMetric_data();
    void exponentialMetric();
    void exponentialCumulativeWithReset();
    void explicitAndExponentialOfOneStreamCountOnce();
    void explicitAndExponentialStreamsOfOneEndpointAdd();
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

    std::vector<Finding> findings(const FindingThresholds &thresholds = {},
                                  const std::vector<HttpServerRequestSeries> &metric = {}) const
    {
        TrafficSpikeDetector detector(thresholds);
        for (const HttpServerRequestSeries &series : metric)
            detector.addRequestMetric(series);
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

// One stream of the HTTP server metric of shop's GET /products (or route), exported every
// intervalNs from Base as an SDK would: perInterval[i] requests of durationNs (or of
// durationsNs[i], when set) in interval i, with status code `status`.
struct MetricStreamSpec
{
    std::string name = std::string(HttpServerRequestMetric::CurrentName);
    AggregationTemporality temporality = AggregationTemporality::Delta;
    std::int64_t intervalNs = Bucket;
    std::vector<int> perInterval;
    std::int64_t durationNs = 100 * Ms;
    std::vector<std::int64_t> durationsNs; // per interval, when set
    int status = 200;
    std::string route = "/products";
    // Cumulative: the process restarts at the start of this interval (-1: never).
    int resetAt = -1;
    // An exponential histogram of this scale (as the SDKs' ExponentialHistogram aggregation
    // exports it, without min and max) rather than the advisory explicit buckets.
    bool exponential = false;
    std::int32_t scale = 3;
};

// The SDKs' mapping of a value to its exponential bucket: index i holds (base^i, base^(i+1)].
std::int32_t exponentialIndex(double value, std::int32_t scale)
{
    return std::int32_t(std::ceil(std::log2(value) * std::ldexp(1.0, scale))) - 1;
}

// The q-quantile (seconds, by interpolation) of requests all in the exponential bucket of value.
double inBucketOf(double value, std::int32_t scale, double q, double secondsPerUnit = 1)
{
    const std::int32_t index = exponentialIndex(value, scale);
    const double lower = HistogramMath::exponentialLowerBound(scale, index);
    const double upper = HistogramMath::exponentialLowerBound(scale, index + 1);
    return (lower + (upper - lower) * q) * secondsPerUnit;
}

std::string durationOfSeconds(double seconds)
{
    return formatDurationNs(std::llround(seconds * 1e9)).toStdString();
}

ExponentialHistogramDataPoint exponentialPoint(const std::map<std::int32_t, std::uint64_t> &counts,
                                               std::int32_t scale)
{
    ExponentialHistogramDataPoint point;
    point.scale = scale;
    if (!counts.empty()) {
        point.positive.offset = counts.begin()->first;
        point.positive.bucketCounts.assign(
            std::size_t(counts.rbegin()->first - counts.begin()->first + 1), 0);
        for (const auto &[index, count] : counts) {
            point.positive.bucketCounts[std::size_t(index - point.positive.offset)] = count;
            point.count += count;
        }
    }
    return point;
}

std::pair<MetricStream, Metric> metricStream(const MetricStreamSpec &spec)
{
    const bool milliseconds = spec.name == HttpServerRequestMetric::OlderName;
    MetricStream stream;
    stream.name = spec.name;
    stream.unit = milliseconds ? "ms" : "s";
    stream.type = spec.exponential ? MetricType::ExponentialHistogram : MetricType::Histogram;
    stream.temporality = spec.temporality;
    stream.resource.attributes.push_back({"service.name", AnyValue::fromString("shop")});
    stream.attributes
        = {{milliseconds ? "http.method" : "http.request.method", AnyValue::fromString("GET")},
           {"http.route", AnyValue::fromString(spec.route)},
           {milliseconds ? "http.status_code" : "http.response.status_code",
            AnyValue::fromInt(spec.status)}};
    Metric metric;
    metric.name = stream.name;
    metric.unit = stream.unit;
    metric.type = stream.type;
    metric.temporality = spec.temporality;
    // The semantic conventions' advisory buckets, in the stream's unit.
    std::vector<double> bounds{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25,
                               0.5,   0.75, 1,     2.5,  5,     7.5, 10};
    const double perSecond = milliseconds ? 1000.0 : 1.0;
    for (double &bound : bounds)
        bound *= perSecond;
    std::vector<std::uint64_t> counts(bounds.size() + 1, 0);
    std::map<std::int32_t, std::uint64_t> exponentialCounts;
    double sum = 0;
    std::int64_t seriesStartNs = AnalysisTraceBuilder::Base;
    for (std::size_t i = 0; i < spec.perInterval.size(); ++i) {
        const std::int64_t startNs = AnalysisTraceBuilder::Base + std::int64_t(i) * spec.intervalNs;
        const bool cumulative = spec.temporality == AggregationTemporality::Cumulative;
        if (!cumulative || int(i) == spec.resetAt) {
            counts.assign(counts.size(), 0);
            exponentialCounts.clear();
            sum = 0;
            seriesStartNs = startNs;
        }
        const double value
            = double(spec.durationsNs.empty() ? spec.durationNs : spec.durationsNs[i]) / 1e9
              * perSecond;
        const auto bucket
            = std::size_t(std::lower_bound(bounds.begin(), bounds.end(), value) - bounds.begin());
        counts[bucket] += std::uint64_t(spec.perInterval[i]);
        if (spec.perInterval[i] > 0)
            exponentialCounts[exponentialIndex(value, spec.scale)]
                += std::uint64_t(spec.perInterval[i]);
        sum += value * spec.perInterval[i];
        if (spec.exponential) {
            ExponentialHistogramDataPoint point = exponentialPoint(exponentialCounts, spec.scale);
            point.startTimeNs = seriesStartNs;
            point.timeNs = startNs + spec.intervalNs;
            point.sum = sum;
            metric.exponentialHistogramPoints.push_back(std::move(point));
            continue;
        }
        HistogramDataPoint point;
        point.startTimeNs = seriesStartNs;
        point.timeNs = startNs + spec.intervalNs;
        point.bucketCounts = counts;
        point.explicitBounds = bounds;
        point.sum = sum;
        for (std::uint64_t count : counts)
            point.count += count;
        metric.histogramPoints.push_back(std::move(point));
    }
    return {std::move(stream), std::move(metric)};
}

HttpServerRequestSeries metricSeries(const MetricStreamSpec &spec)
{
    const auto [stream, metric] = metricStream(spec);
    std::optional<HttpServerRequestSeries> series
        = HttpServerRequestMetric::seriesOf(stream, metric, AnalysisTraceBuilder::Base);
    return series ? *series : HttpServerRequestSeries{};
}

// The spike of tenfoldForTwoMinutes as the metric sees it, every 10 s: 10 requests a bucket at
// 100 ms, 95 at 300 ms (and 5 failing, in a stream of their own) for buckets 60 to 71.
std::vector<MetricStreamSpec> tenfoldSpecs(const std::string &name, bool exponential = false)
{
    MetricStreamSpec ok;
    ok.name = name;
    ok.exponential = exponential;
    MetricStreamSpec failed = ok;
    failed.status = 503;
    failed.durationNs = 300 * Ms;
    for (int bucket = 0; bucket < 132; ++bucket) {
        const bool spike = bucket >= 60 && bucket < 72;
        ok.perInterval.push_back(spike ? 95 : 10);
        ok.durationsNs.push_back(spike ? 300 * Ms : 100 * Ms);
        failed.perInterval.push_back(spike ? 5 : 0);
    }
    return {ok, failed};
}

std::vector<HttpServerRequestSeries> tenfoldMetric(const std::string &name,
                                                   bool exponential = false)
{
    std::vector<HttpServerRequestSeries> series;
    for (const MetricStreamSpec &spec : tenfoldSpecs(name, exponential))
        series.push_back(metricSeries(spec));
    return series;
}

// What 1% of the requests of tenfoldForTwoMinutes leave as traces: one in a hundred.
Workload sampledTenfold()
{
    Workload workload;
    for (std::int64_t bucket = 0; bucket < 60; bucket += 10)
        workload.request({"GET /products", bucket * Bucket + Second, 100 * Ms});
    for (std::int64_t bucket = 60; bucket < 72; ++bucket)
        workload.request({"GET /products", bucket * Bucket + 2 * Second, (300 + bucket) * Ms});
    for (std::int64_t bucket = 72; bucket < 132; bucket += 10)
        workload.request({"GET /products", bucket * Bucket + Second, 100 * Ms});
    return workload;
}

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

void TestTrafficSpikeDetector::sampledSpansWithDeltaMetric()
{
    // With 1% of the traces, the spans show no spike (12 requests in it); the metric counts all.
    const Workload workload = sampledTenfold();
    QVERIFY(workload.findings().empty());

    const std::vector<Finding> findings
        = workload.findings({}, tenfoldMetric("http.server.request.duration"));
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.service, std::string("shop"));
    QCOMPARE(finding.operation, std::string("GET /products"));
    QCOMPARE(finding.range, bucketRange(60, 71));
    QCOMPARE(finding.occurrences, 1200);
    // The traces and examples are the sampled spans inside: the slowest first.
    QCOMPARE(finding.affectedTraces, 12);
    QCOMPARE(finding.examples.size(), std::size_t(5));
    QCOMPARE(finding.examples.front().costNs, 371 * Ms);
    QCOMPARE(finding.facts.at(0), (FindingFact{"requests", "1200 in 2m 00s"}));
    QCOMPARE(finding.facts.at(1), (FindingFact{"rate", "10/s (baseline 1/s)"}));
    QCOMPARE(finding.facts.at(4), (FindingFact{"error rate", "5% (baseline 0%), 60 failed"}));
    QCOMPARE(finding.facts.back(),
             (FindingFact{"source", "from http.server.request.duration; 12 of the 1200 requests "
                                    "traced"}));
    // Latency from the histogram's buckets: 100 ms lies in (75 ms, 100 ms], 300 ms in
    // (250 ms, 500 ms]; the mean from its sums.
    QVERIFY2(finding.title.starts_with("shop GET /products: traffic 10× its baseline for 2m 00s "
                                       "(10/s vs 1/s); p95 "),
             finding.title.c_str());
    QVERIFY2(finding.title.ends_with(", errors 0% → 5% — traffic spike"), finding.title.c_str());
    QCOMPARE(finding.costNsPerRequest, double(200 * Ms));
    QCOMPARE(finding.severity, FindingSeverity::High);
}

void TestTrafficSpikeDetector::cumulativeMetricWithReset()
{
    // Cumulative points every minute (the SDKs' default): one a second, ten a second for minutes
    // 10 and 11. The process restarts as the spike begins: the next point counts from there.
    MetricStreamSpec spec;
    spec.temporality = AggregationTemporality::Cumulative;
    spec.intervalNs = 60 * Second;
    spec.resetAt = 10;
    for (int minute = 0; minute < 22; ++minute)
        spec.perInterval.push_back(minute == 10 || minute == 11 ? 600 : 60);
    const Workload none;
    const std::vector<Finding> findings = none.findings({}, {metricSeries(spec)});
    QCOMPARE(findings.size(), std::size_t(1));
    // A minute's requests are spread evenly over its six buckets.
    QCOMPARE(findings[0].range, bucketRange(60, 71));
    QCOMPARE(findings[0].occurrences, 1200);
    QCOMPARE(findings[0].facts.at(1), (FindingFact{"rate", "10/s (baseline 1/s)"}));
    QCOMPARE(findings[0].affectedTraces, 0);
    QVERIFY(findings[0].examples.empty());

    // Exports every 30 s from an offset of 5 s: each interval falls into three buckets (a half,
    // a whole and a half), and the rates stay those of the requests.
    MetricStreamSpec offset = spec;
    offset.intervalNs = 30 * Second;
    offset.resetAt = -1;
    offset.perInterval.clear();
    for (int half = 0; half < 44; ++half)
        offset.perInterval.push_back(half >= 20 && half < 24 ? 300 : 30);
    HttpServerRequestSeries shifted = metricSeries(offset);
    for (ExplicitDistribution &interval : shifted.intervals) {
        interval.startNs += 5 * Second;
        interval.timeNs += 5 * Second;
    }
    const std::vector<Finding> spread = none.findings({}, {shifted});
    QCOMPARE(spread.size(), std::size_t(1));
    QCOMPARE(spread[0].range, bucketRange(60, 72));
    // The spike's 1200 and the halves of the baseline's intervals the first and last bucket share.
    QCOMPARE(spread[0].occurrences, 1210);
}

void TestTrafficSpikeDetector::olderMetricNameInMilliseconds()
{
    // http.server.duration in milliseconds, with http.method and http.status_code: the same
    // finding as from the current name, but for its source.
    const Workload workload = sampledTenfold();
    const std::vector<Finding> current
        = workload.findings({}, tenfoldMetric("http.server.request.duration"));
    const std::vector<Finding> older = workload.findings({}, tenfoldMetric("http.server.duration"));
    QCOMPARE(current.size(), std::size_t(1));
    QCOMPARE(older.size(), std::size_t(1));
    QCOMPARE(older[0].title, current[0].title);
    QCOMPARE(older[0].range, current[0].range);
    QCOMPARE(older[0].costNsPerRequest, current[0].costNsPerRequest);
    for (std::size_t i = 0; i + 1 < current[0].facts.size(); ++i)
        QCOMPARE(older[0].facts.at(i), current[0].facts.at(i));
    QCOMPARE(older[0].facts.back(),
             (FindingFact{"source", "from http.server.duration; 12 of the 1200 requests traced"}));
}

void TestTrafficSpikeDetector::bothMetricNamesCountOnce()
{
    // A server in the semantic conventions' "http/dup" mode sends both: the requests count once.
    const Workload workload = sampledTenfold();
    for (const bool olderFirst : {true, false}) {
        std::vector<HttpServerRequestSeries> both = tenfoldMetric("http.server.duration");
        std::vector<HttpServerRequestSeries> current
            = tenfoldMetric("http.server.request.duration");
        both.insert(olderFirst ? both.end() : both.begin(), current.begin(), current.end());
        const std::vector<Finding> findings = workload.findings({}, both);
        QCOMPARE(findings.size(), std::size_t(1));
        QCOMPARE(findings[0].occurrences, 1200);
        QVERIFY(findings[0].facts.back().value.starts_with("from http.server.request.duration;"));
    }
}

void TestTrafficSpikeDetector::steadyMetricHasNone_data()
{
    QTest::addColumn<bool>("exponential");
    QTest::newRow("explicit buckets") << false;
    QTest::newRow("exponential buckets") << true;
}

void TestTrafficSpikeDetector::steadyMetricHasNone()
{
    // Half an hour of 50 to 70 requests a minute, some failing, while the spans (all of them)
    // would show a burst: the metric says otherwise, and the metric is what counts.
    QFETCH(bool, exponential);
    MetricStreamSpec spec;
    spec.exponential = exponential;
    spec.temporality = AggregationTemporality::Cumulative;
    spec.intervalNs = 60 * Second;
    for (int minute = 0; minute < 30; ++minute)
        spec.perInterval.push_back(50 + (minute % 3) * 10);
    MetricStreamSpec failed = spec;
    failed.status = 500;
    failed.perInterval.assign(30, 2);
    // A delta point claiming ten thousand requests since 1970 is not spread over fifty years.
    HttpServerRequestSeries bogus = metricSeries(spec);
    if (exponential) {
        bogus.exponentialIntervals.resize(1);
        bogus.exponentialIntervals[0].startNs = 0;
        bogus.exponentialIntervals[0].zeroCount = 10000;
    } else {
        bogus.intervals.resize(1);
        bogus.intervals[0].startNs = 0;
        bogus.intervals[0].counts.assign(bogus.intervals[0].counts.size(), 1000.0);
    }
    Workload burst;
    burst.bucket("GET /products", 100, 200);
    for (std::int64_t bucket = 0; bucket < 100; ++bucket)
        burst.bucket("GET /products", bucket, 1);
    QCOMPARE(burst.findings().size(), std::size_t(1));
    QVERIFY(burst.findings({}, {metricSeries(spec), metricSeries(failed), bogus}).empty());
}

void TestTrafficSpikeDetector::exponentialMetric_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("cumulative");
    QTest::newRow("delta, seconds") << "http.server.request.duration" << false;
    QTest::newRow("cumulative, seconds") << "http.server.request.duration" << true;
    QTest::newRow("delta, milliseconds") << "http.server.duration" << false;
    QTest::newRow("cumulative, milliseconds") << "http.server.duration" << true;
}

void TestTrafficSpikeDetector::exponentialMetric()
{
    // sampledSpansWithDeltaMetric with the metric as exponential histograms (scale 3): the same
    // spike, its latency from the exponential buckets.
    QFETCH(QString, name);
    QFETCH(bool, cumulative);
    std::vector<HttpServerRequestSeries> series;
    for (MetricStreamSpec spec : tenfoldSpecs(name.toStdString(), true)) {
        if (cumulative)
            spec.temporality = AggregationTemporality::Cumulative;
        series.push_back(metricSeries(spec));
        QVERIFY(!series.back().exponentialIntervals.empty());
    }
    const std::vector<Finding> findings = sampledTenfold().findings({}, series);
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.range, bucketRange(60, 71));
    QCOMPARE(finding.occurrences, 1200);
    QCOMPARE(finding.affectedTraces, 12);
    QCOMPARE(finding.facts.at(1), (FindingFact{"rate", "10/s (baseline 1/s)"}));
    // Every request of the spike in the bucket of 300 ms, of the baseline in that of 100 ms; no
    // min or max to clamp to, so the quantiles lie inside those buckets, which differ by unit.
    const bool milliseconds = name == QLatin1String("http.server.duration");
    const double perSecond = milliseconds ? 1000.0 : 1.0;
    const auto quantileFact = [&](const char *label, double q) {
        return FindingFact{
            label, durationOfSeconds(inBucketOf(0.3 * perSecond, 3, q, 1 / perSecond))
                       + " (baseline "
                       + durationOfSeconds(inBucketOf(0.1 * perSecond, 3, q, 1 / perSecond)) + ')'};
    };
    QCOMPARE(finding.facts.at(2), quantileFact("p50", 0.5));
    QCOMPARE(finding.facts.at(3), quantileFact("p95", 0.95));
    QVERIFY(finding.facts.at(3).value != finding.facts.at(2).value);
    QCOMPARE(finding.facts.at(4), (FindingFact{"error rate", "5% (baseline 0%), 60 failed"}));
    QCOMPARE(
        finding.facts.back(),
        (FindingFact{"source", "from " + name.toStdString() + "; 12 of the 1200 requests traced"}));
    // The mean from the points' sums.
    QCOMPARE(finding.costNsPerRequest, double(200 * Ms));
}

void TestTrafficSpikeDetector::exponentialCumulativeWithReset()
{
    // cumulativeMetricWithReset's minutes as an exponential histogram: the restart at the spike's
    // start (a new start time, the buckets back to nothing) is a reset, not lost requests.
    MetricStreamSpec spec;
    spec.exponential = true;
    spec.temporality = AggregationTemporality::Cumulative;
    spec.intervalNs = 60 * Second;
    spec.resetAt = 10;
    for (int minute = 0; minute < 22; ++minute)
        spec.perInterval.push_back(minute == 10 || minute == 11 ? 600 : 60);
    const HttpServerRequestSeries series = metricSeries(spec);
    QCOMPARE(series.exponentialIntervals.size(), std::size_t(22));
    const Workload none;
    const std::vector<Finding> findings = none.findings({}, {series});
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].range, bucketRange(60, 71));
    QCOMPARE(findings[0].occurrences, 1200);
    QCOMPARE(findings[0].facts.at(1), (FindingFact{"rate", "10/s (baseline 1/s)"}));
    QCOMPARE(findings[0].facts.at(3),
             (FindingFact{"p95", durationOfSeconds(inBucketOf(0.1, 3, 0.95)) + " (baseline "
                                     + durationOfSeconds(inBucketOf(0.1, 3, 0.95)) + ')'}));
}

void TestTrafficSpikeDetector::explicitAndExponentialOfOneStreamCountOnce()
{
    // Each stream exported both ways (two readers, or a collector adding an exponential copy):
    // the requests count once, the latency from the exponential buckets.
    const std::string name(HttpServerRequestMetric::CurrentName);
    const std::vector<Finding> exponentialOnly
        = sampledTenfold().findings({}, tenfoldMetric(name, true));
    QCOMPARE(exponentialOnly.size(), std::size_t(1));
    for (const bool explicitFirst : {true, false}) {
        std::vector<MetricStream> streams;
        std::vector<Metric> metrics;
        for (const bool exponential : {!explicitFirst, explicitFirst}) {
            for (const MetricStreamSpec &spec : tenfoldSpecs(name, exponential)) {
                auto [stream, metric] = metricStream(spec);
                streams.push_back(std::move(stream));
                metrics.push_back(std::move(metric));
            }
        }
        const std::vector<Finding> findings = sampledTenfold().findings(
            {},
            HttpServerRequestMetric::seriesOfProcess(streams, metrics, AnalysisTraceBuilder::Base));
        QCOMPARE(findings.size(), std::size_t(1));
        QCOMPARE(findings[0].occurrences, 1200);
        QCOMPARE(findings[0].facts, exponentialOnly[0].facts);
    }

    // A restart that switched the aggregation half-way through the spike: explicit points up to
    // bucket 65, exponential ones after; each counts for its own time.
    std::vector<MetricStream> streams;
    std::vector<Metric> metrics;
    for (const bool exponential : {false, true}) {
        for (const MetricStreamSpec &spec : tenfoldSpecs(name, exponential)) {
            auto [stream, metric] = metricStream(spec);
            const std::int64_t switchNs = AnalysisTraceBuilder::Base + 66 * Bucket;
            std::erase_if(metric.histogramPoints,
                          [switchNs](const auto &point) { return point.timeNs > switchNs; });
            std::erase_if(metric.exponentialHistogramPoints,
                          [switchNs](const auto &point) { return point.timeNs <= switchNs; });
            streams.push_back(std::move(stream));
            metrics.push_back(std::move(metric));
        }
    }
    const std::vector<Finding> switched = sampledTenfold().findings(
        {}, HttpServerRequestMetric::seriesOfProcess(streams, metrics, AnalysisTraceBuilder::Base));
    QCOMPARE(switched.size(), std::size_t(1));
    QCOMPARE(switched[0].range, bucketRange(60, 71));
    QCOMPARE(switched[0].occurrences, 1200);
    QCOMPARE(switched[0].facts.at(4), (FindingFact{"error rate", "5% (baseline 0%), 60 failed"}));
}

void TestTrafficSpikeDetector::explicitAndExponentialStreamsOfOneEndpointAdd()
{
    // Different streams of one endpoint (here the 200s explicit, the 503s exponential) are
    // different requests: they add up. The latency comes from the layout of the first interval
    // (the explicit 200s); the other layout's buckets cannot be added to it.
    const std::string name(HttpServerRequestMetric::CurrentName);
    const std::vector<MetricStreamSpec> explicitSpecs = tenfoldSpecs(name, false);
    const std::vector<MetricStreamSpec> exponentialSpecs = tenfoldSpecs(name, true);
    const std::vector<Finding> explicitOnly
        = sampledTenfold().findings({}, tenfoldMetric(name, false));
    const std::vector<Finding> mixed = sampledTenfold().findings(
        {}, {metricSeries(explicitSpecs[0]), metricSeries(exponentialSpecs[1])});
    QCOMPARE(mixed.size(), std::size_t(1));
    QCOMPARE(mixed[0].occurrences, 1200);
    QCOMPARE(mixed[0].facts.at(4), (FindingFact{"error rate", "5% (baseline 0%), 60 failed"}));
    QCOMPARE(mixed[0].facts.at(3), explicitOnly[0].facts.at(3));
}

QTEST_GUILESS_MAIN(TestTrafficSpikeDetector)
#include "tst_traffic_spike_detector.moc"
