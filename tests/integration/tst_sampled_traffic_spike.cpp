// The traffic-spike scenario through a real session file with its traces sampled at 1% (a head
// sampler's choice by trace id) and all of its metrics, as an SDK exports them: the spike is found
// from http.server.request.duration with the rate of every request, where the few sampled spans
// alone show none, whether the SDK aggregates it in explicit buckets, in exponential ones, or both
// (two readers). With every trace kept the scenario's ground truth holds as in tst_scenarios.
#include "analysis/findings_run.h"
#include "scenarios/scenario_catalog.h"
#include "scenarios/scenario_engine.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <map>

using namespace kansoku;

// How the request duration histogram reaches the store: not at all, as the scenario's SDK
// aggregates it, as an exponential histogram instead, or both.
enum class RequestMetric { None, Explicit, Exponential, Both };
Q_DECLARE_METATYPE(RequestMetric)

namespace {

constexpr std::int64_t Second = 1'000'000'000;
// 2026-12-01T00:00:00Z, as tst_scenarios: a fixed timeline, the same telemetry every run.
constexpr std::int64_t TimelineStart = 1'796'083'200LL * Second;
constexpr std::int64_t TimelineLength = 180 * Second;

// One trace in a hundred by the low bytes of its random id (as TraceIdRatioBased samplers
// compare them), or every trace.
bool sampled(const TraceId &traceId, bool onePercent)
{
    return !onePercent || (traceId.bytes[14] * 256 + traceId.bytes[15]) % 100 == 0;
}

// The scenario's whole run (before variant) in one batch.
TelemetryBatch scenarioRun()
{
    const auto scenario = ScenarioCatalog::find("traffic-spike");
    ScenarioEngine engine(*scenario, ScenarioVariant::Before,
                          {TimelineStart, TimelineStart + TimelineLength}, 7);
    TelemetryBatch batch = engine.advance(TimelineStart + TimelineLength);
    TelemetryBatch rest = engine.finish();
    std::move(rest.resourceSpans.begin(), rest.resourceSpans.end(),
              std::back_inserter(batch.resourceSpans));
    std::move(rest.resourceMetrics.begin(), rest.resourceMetrics.end(),
              std::back_inserter(batch.resourceMetrics));
    return batch;
}

// shop-api's GET /products server spans that started in range (only the failed ones: HTTP 503).
std::int64_t productRequests(const TelemetryBatch &batch, const TimeRange &range,
                             bool failedOnly = false)
{
    std::int64_t count = 0;
    for (const ResourceSpans &resource : batch.resourceSpans) {
        if (resource.resource.serviceName() != "shop-api")
            continue;
        for (const ScopeSpans &scope : resource.scopeSpans) {
            for (const Span &span : scope.spans) {
                count += span.kind == SpanKind::Server && span.name == "GET /products"
                                 && range.contains(span.startTimeNs)
                                 && (!failedOnly || span.status.code == StatusCode::Error)
                             ? 1
                             : 0;
            }
        }
    }
    return count;
}

// The SDK's exponential histogram (scale 3) of the same requests, near enough: each explicit
// bucket's count in the exponential bucket of its upper bound (of twice the last bound for the
// overflow bucket). Counts, times and attributes are the explicit points'; the latency coarser.
Metric asExponential(const Metric &explicitMetric)
{
    constexpr std::int32_t Scale = 3;
    Metric metric = explicitMetric;
    metric.type = MetricType::ExponentialHistogram;
    metric.histogramPoints.clear();
    for (const HistogramDataPoint &point : explicitMetric.histogramPoints) {
        ExponentialHistogramDataPoint exponential;
        static_cast<DataPointBase &>(exponential) = point;
        exponential.count = point.count;
        exponential.sum = point.sum;
        exponential.min = point.min;
        exponential.max = point.max;
        exponential.scale = Scale;
        std::map<std::int32_t, std::uint64_t> counts;
        for (std::size_t i = 0; i < point.bucketCounts.size(); ++i) {
            if (point.bucketCounts[i] == 0)
                continue;
            const double value = i < point.explicitBounds.size() ? point.explicitBounds[i]
                                                                 : 2 * point.explicitBounds.back();
            // Bucket index j holds (2^(j / 8), 2^((j + 1) / 8)].
            counts[std::int32_t(std::ceil(std::log2(value) * (1 << Scale))) - 1]
                += point.bucketCounts[i];
        }
        if (!counts.empty()) {
            exponential.positive.offset = counts.begin()->first;
            exponential.positive.bucketCounts.assign(
                std::size_t(counts.rbegin()->first - counts.begin()->first + 1), 0);
            for (const auto &[index, count] : counts)
                exponential.positive.bucketCounts[std::size_t(index - counts.begin()->first)]
                    = count;
        }
        metric.exponentialHistogramPoints.push_back(std::move(exponential));
    }
    return metric;
}

// The spans of the sampled traces and every metric (SDKs do not sample metrics) but
// http.server.request.duration, which comes as `requestMetric` says; the logs are left out, no
// detector reads them.
TelemetryBatch sampledSpans(const TelemetryBatch &full, bool onePercent,
                            RequestMetric requestMetric)
{
    TelemetryBatch batch;
    for (const ResourceSpans &resource : full.resourceSpans) {
        ResourceSpans kept{resource.resource, resource.schemaUrl, {}};
        for (const ScopeSpans &scope : resource.scopeSpans) {
            ScopeSpans keptScope{scope.scope, scope.schemaUrl, {}, {}};
            for (const Span &span : scope.spans) {
                if (sampled(span.traceId, onePercent))
                    keptScope.spans.push_back(span);
            }
            if (!keptScope.spans.empty())
                kept.scopeSpans.push_back(std::move(keptScope));
        }
        if (!kept.scopeSpans.empty())
            batch.resourceSpans.push_back(std::move(kept));
    }
    batch.resourceMetrics = full.resourceMetrics;
    for (ResourceMetrics &resource : batch.resourceMetrics) {
        for (ScopeMetrics &scope : resource.scopeMetrics) {
            std::vector<Metric> metrics;
            for (Metric &metric : scope.metrics) {
                if (metric.name != "http.server.request.duration") {
                    metrics.push_back(std::move(metric));
                    continue;
                }
                if (requestMetric == RequestMetric::Exponential
                    || requestMetric == RequestMetric::Both)
                    metrics.push_back(asExponential(metric));
                if (requestMetric == RequestMetric::Explicit
                    || requestMetric == RequestMetric::Both)
                    metrics.push_back(std::move(metric));
            }
            scope.metrics = std::move(metrics);
        }
    }
    return batch;
}

const Finding *productsSpike(const std::vector<Finding> &findings)
{
    for (const Finding &finding : findings) {
        if (finding.kind == FindingKind::TrafficSpike && finding.service == "shop-api"
            && finding.operation == "GET /products")
            return &finding;
    }
    return nullptr;
}

} // namespace

class TestSampledTrafficSpike : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void spikeFromTheMetricWhereSpansAreSampled_data();
    void spikeFromTheMetricWhereSpansAreSampled();
};

void TestSampledTrafficSpike::spikeFromTheMetricWhereSpansAreSampled_data()
{
    QTest::addColumn<bool>("onePercent");
    QTest::addColumn<RequestMetric>("requestMetric");
    QTest::newRow("1% of the traces and the metric") << true << RequestMetric::Explicit;
    QTest::newRow("1% of the traces and the exponential metric")
        << true << RequestMetric::Exponential;
    QTest::newRow("1% of the traces and the metric both ways") << true << RequestMetric::Both;
    QTest::newRow("1% of the traces only") << true << RequestMetric::None;
    QTest::newRow("every trace and the metric") << false << RequestMetric::Explicit;
    QTest::newRow("every trace and the exponential metric") << false << RequestMetric::Exponential;
}

void TestSampledTrafficSpike::spikeFromTheMetricWhereSpansAreSampled()
{
    QFETCH(bool, onePercent);
    QFETCH(RequestMetric, requestMetric);
    const TelemetryBatch full = scenarioRun();
    auto batch
        = std::make_shared<const TelemetryBatch>(sampledSpans(full, onePercent, requestMetric));
    std::int64_t spans = 0;
    for (const ResourceSpans &resource : batch->resourceSpans) {
        for (const ScopeSpans &scope : resource.scopeSpans)
            spans += std::int64_t(scope.spans.size());
    }
    const std::int64_t allRequests = productRequests(full, {});
    const std::int64_t sampledRequests = productRequests(*batch, {});
    QVERIFY(sampledRequests > 0);
    QVERIFY(onePercent ? sampledRequests * 40 < allRequests : sampledRequests == allRequests);

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    StorageOptions options;
    options.databasePath = folder.filePath(QStringLiteral("sampled.kansoku"));
    options.commitMaxLatencyMs = 10;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QVERIFY(testdata::offerPatiently(store, batch) == OfferResult::Accepted);
    QTRY_COMPARE(store.status().queuedItems, std::int64_t(0));
    QTRY_COMPARE(store.status().totals.spans, spans);

    const FindingsRunResult run = FindingsRun().run(*store.queries(), TimeRange{});
    QVERIFY(run.error.empty());
    const Finding *spike = productsSpike(run.findings);
    if (requestMetric == RequestMetric::None) {
        QVERIFY(!spike);
        return;
    }
    QVERIFY(spike);
    // In the middle third, with the requests that arrived in it (within the spread of an export
    // interval over its buckets), of which only the sampled are traces.
    const TimeRange middle{TimelineStart + TimelineLength / 3,
                           TimelineStart + 2 * TimelineLength / 3};
    QVERIFY(spike->range.startNs < middle.endNs && spike->range.endNs > middle.startNs);
    const std::int64_t arrived = productRequests(full, spike->range);
    QVERIFY2(
        std::abs(spike->occurrences - arrived) * 20 < arrived,
        qPrintable(QStringLiteral("%1 counted, %2 arrived").arg(spike->occurrences).arg(arrived)));
    QCOMPARE(spike->affectedTraces, productRequests(*batch, spike->range));
    if (onePercent)
        QVERIFY(spike->affectedTraces * 20 < spike->occurrences);
    QCOMPARE(spike->facts.back().label, std::string("source"));
    QVERIFY2(spike->facts.back().value.starts_with("from http.server.request.duration;"),
             spike->facts.back().value.c_str());
    // The pool's timeouts (HTTP 503) are the metric's 5xx streams, counted from the first: the
    // 503 stream shows up in the middle of the run, its first point counting from the export
    // before it.
    const std::string errorRate = spike->facts.at(4).value;
    const std::int64_t failed
        = std::stoll(errorRate.substr(errorRate.rfind(", ") + 2, std::string::npos));
    const std::int64_t failedArrived = productRequests(full, spike->range, true);
    QVERIFY(failedArrived > 0);
    QVERIFY2(
        std::abs(failed - failedArrived) * 10 < failedArrived,
        qPrintable(QStringLiteral("%1 failed counted, %2 arrived").arg(failed).arg(failedArrived)));
    QVERIFY2(spike->title.find("errors 0% → ") != std::string::npos, spike->title.c_str());
    QVERIFY2(spike->title.find("errors 0% → 0%") == std::string::npos, spike->title.c_str());
    if (!onePercent) {
        // The scenario's ground truth (tst_scenarios' check, here without the OTLP transport).
        const auto scenario = ScenarioCatalog::find("traffic-spike");
        const ScenarioVerdict verdict
            = scenario->groundTruth(ScenarioVariant::Before)
                  .check(run.findings, {TimelineStart, TimelineStart + TimelineLength});
        QVERIFY2(verdict.passed(), verdict.toString().c_str());
    }
    store.close();
}

QTEST_GUILESS_MAIN(TestSampledTrafficSpike)
#include "tst_sampled_traffic_spike.moc"
