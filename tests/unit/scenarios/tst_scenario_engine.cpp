// ScenarioEngine, ScenarioSdkMetrics and ScenarioGroundTruth with a hand-made scenario: a request
// is handed out only once it has ended, exactly once; metrics are exported at each interval and
// at the end; the SDK histogram counts what was sent; the ground truth finds missing and
// unexpected findings.
#include "scenarios/scenario_catalog.h"
#include "scenarios/scenario_engine.h"
#include "scenarios/scenario_ground_truth.h"

#include <QTest>
#include <algorithm>
#include <limits>
#include <map>
#include <set>

using namespace kansoku;

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Second = 1'000 * Ms;
constexpr std::int64_t Start = 1'800'000'000 * Second;

// One endpoint at 20 requests/s; every request takes exactly 300 ms, with one database call.
class FixedScenario final : public Scenario
{
public:
    const ScenarioInfo &info() const override
    {
        static const ScenarioInfo info{"fixed", "Fixed", "s", "c", "t", "f", 60};
        return info;
    }
    ScenarioGroundTruth groundTruth(ScenarioVariant) const override { return {}; }
    ScenarioPlan plan(ScenarioVariant, const ScenarioTimeline &) const override
    {
        auto service = std::make_shared<ServiceIdentity>();
        service->name = "fixed-api";
        service->version = "1.0.0";
        service->instanceId = "fixed-1";
        ScenarioPlan plan;
        plan.services.push_back(service);
        plan.traffic.push_back({"GET /x", [](std::int64_t) { return 20.0; },
                                [service](std::int64_t start, ScenarioTraceWriter &writer) {
                                    const auto server = writer.httpServer(
                                        *service, "GET", "/x", "/x", start, 300 * Ms, 200);
                                    DatabaseCall call;
                                    call.statement = "SELECT 1";
                                    call.operation = "SELECT";
                                    writer.database(*service, server, call, start + Ms, 200 * Ms);
                                    writer.log(server, 9, "done");
                                }});
        plan.metrics.push_back([service](std::int64_t time, ScenarioTelemetry &out) {
            Metric metric;
            metric.name = "fixed.gauge";
            metric.type = MetricType::Gauge;
            NumberDataPoint point;
            point.timeNs = time;
            point.value = 1.0;
            metric.numberPoints.push_back(point);
            out.addMetric(*service, "test", std::move(metric));
        });
        return plan;
    }
};

std::vector<const Span *> spansOf(const TelemetryBatch &batch)
{
    std::vector<const Span *> spans;
    for (const ResourceSpans &resource : batch.resourceSpans)
        for (const ScopeSpans &scope : resource.scopeSpans)
            for (const Span &span : scope.spans)
                spans.push_back(&span);
    return spans;
}

std::vector<const Metric *> metricsNamed(const TelemetryBatch &batch, const std::string &name)
{
    std::vector<const Metric *> metrics;
    for (const ResourceMetrics &resource : batch.resourceMetrics)
        for (const ScopeMetrics &scope : resource.scopeMetrics)
            for (const Metric &metric : scope.metrics)
                if (metric.name == name)
                    metrics.push_back(&metric);
    return metrics;
}

Finding finding(FindingKind kind, std::string service, std::string operation, std::string statement,
                FindingSeverity severity, TimeRange range = {})
{
    Finding f;
    f.kind = kind;
    f.service = std::move(service);
    f.operation = std::move(operation);
    f.statement = std::move(statement);
    f.title = "title of " + f.statement;
    f.severity = severity;
    f.range = range;
    return f;
}

// Each trace of the batches: its span count and its start (its first span's).
struct TraceShape
{
    std::size_t spans = 0;
    std::int64_t startNs = std::numeric_limits<std::int64_t>::max();
    std::int64_t endNs = 0;
    bool operator==(const TraceShape &other) const
    {
        return spans == other.spans && startNs == other.startNs && endNs == other.endNs;
    }
};

void addTraces(const TelemetryBatch &batch, std::map<TraceId, TraceShape> &traces)
{
    for (const Span *span : spansOf(batch)) {
        TraceShape &shape = traces[span->traceId];
        ++shape.spans;
        shape.startNs = std::min(shape.startNs, span->startTimeNs);
        shape.endNs = std::max(shape.endNs, span->endTimeNs);
    }
}

} // namespace

class TestScenarioEngine : public QObject
{
    Q_OBJECT

private slots:
    void handsOutRequestsOnceTheyEnded();
    void exportsMetricsEveryIntervalAndAtTheEnd();
    void resourcesLookLikeAnSdks();
    void groundTruthFindsMissingAndUnexpected();
    void endAtFinishesTheRequestsInFlight_data();
    void endAtFinishesTheRequestsInFlight();
};

void TestScenarioEngine::handsOutRequestsOnceTheyEnded()
{
    FixedScenario scenario;
    const ScenarioTimeline timeline{Start, Start + 10 * Second};
    ScenarioEngine engine(scenario, ScenarioVariant::Before, timeline, 1);
    std::set<SpanId> seen;
    std::int64_t sentSpans = 0;
    for (std::int64_t until = Start; until <= Start + 10 * Second; until += 250 * Ms) {
        const TelemetryBatch batch = engine.advance(until);
        for (const Span *span : spansOf(batch)) {
            QVERIFY2(span->endTimeNs <= until, "a span was handed out before it ended");
            QVERIFY(span->startTimeNs >= Start);
            QVERIFY(seen.insert(span->spanId).second);
            ++sentSpans;
        }
        QCOMPARE(batch.logRecordCount(), batch.spanCount() / 2);
    }
    const TelemetryBatch rest = engine.finish();
    for (const Span *span : spansOf(rest)) {
        QVERIFY(span->startTimeNs < timeline.endNs);
        QVERIFY(seen.insert(span->spanId).second);
        ++sentSpans;
    }
    // Two spans per request; 20/s over 10 s is about 200 requests.
    QCOMPARE(sentSpans, 2 * engine.traceCount());
    QVERIFY(engine.traceCount() > 150 && engine.traceCount() < 250);
    QVERIFY(engine.finish().isEmpty());
    QVERIFY(engine.advance(Start + 60 * Second).isEmpty());
}

void TestScenarioEngine::exportsMetricsEveryIntervalAndAtTheEnd()
{
    FixedScenario scenario;
    const ScenarioTimeline timeline{Start, Start + 25 * Second};
    ScenarioEngine engine(scenario, ScenarioVariant::Before, timeline, 3, 10 * Second);
    // Up to 25 s: exports at 10 s and 20 s.
    const TelemetryBatch live = engine.advance(Start + 25 * Second);
    const auto gauges = metricsNamed(live, "fixed.gauge");
    QCOMPARE(gauges.size(), std::size_t(2));
    QCOMPARE(gauges[0]->numberPoints.at(0).timeNs, Start + 10 * Second);
    QCOMPARE(gauges[1]->numberPoints.at(0).timeNs, Start + 20 * Second);
    const auto histograms = metricsNamed(live, "http.server.request.duration");
    QCOMPARE(histograms.size(), std::size_t(2));
    const HistogramDataPoint &at20 = histograms[1]->histogramPoints.at(0);
    QCOMPARE(histograms[1]->temporality, AggregationTemporality::Cumulative);
    QCOMPARE(histograms[1]->unit, std::string("s"));
    QCOMPARE(at20.startTimeNs, Start);
    // Every request takes 300 ms: all of them in the (0.25, 0.5] bucket, index 7.
    QCOMPARE(at20.bucketCounts.size(), at20.explicitBounds.size() + 1);
    QCOMPARE(at20.bucketCounts.at(7), at20.count);
    QVERIFY(at20.count > 0);
    QCOMPARE(*at20.sum, 0.3 * double(at20.count));
    QCOMPARE(*at20.min, 0.3);
    QCOMPARE(findAttribute(at20.attributes, "http.route")->stringValue(), std::string("/x"));
    // One exemplar per bucket holding requests since the previous export: a server span of
    // this batch that ended between the exports.
    QCOMPARE(at20.exemplars.size(), std::size_t(1));
    const Exemplar &exemplar = at20.exemplars.front();
    QCOMPARE(std::get<double>(exemplar.value), 0.3);
    QVERIFY(exemplar.timeNs > Start + 10 * Second && exemplar.timeNs <= Start + 20 * Second);
    const std::vector<const Span *> spans = spansOf(live);
    QVERIFY(std::any_of(spans.begin(), spans.end(), [&exemplar](const Span *span) {
        return span->kind == SpanKind::Server && span->traceId == exemplar.traceId
               && span->spanId == exemplar.spanId && span->endTimeNs == exemplar.timeNs;
    }));
    const auto db = metricsNamed(live, "db.client.operation.duration");
    QCOMPARE(db.size(), std::size_t(2));
    QCOMPARE(db[1]->histogramPoints.at(0).count, at20.count);

    // The last export comes at the end of the last request, counting every request.
    const TelemetryBatch rest = engine.finish();
    const auto last = metricsNamed(rest, "http.server.request.duration");
    QCOMPARE(last.size(), std::size_t(1));
    QCOMPARE(std::int64_t(last[0]->histogramPoints.at(0).count), engine.traceCount());
    QVERIFY(last[0]->histogramPoints.at(0).timeNs >= timeline.endNs);
}

void TestScenarioEngine::resourcesLookLikeAnSdks()
{
    FixedScenario scenario;
    ScenarioEngine engine(scenario, ScenarioVariant::Before, {Start, Start + 2 * Second}, 5);
    const TelemetryBatch batch = engine.finish();
    QCOMPARE(batch.resourceSpans.size(), std::size_t(1));
    const Attributes &resource = batch.resourceSpans[0].resource.attributes;
    for (const char *key :
         {"service.name", "service.version", "service.instance.id", "telemetry.sdk.language",
          "telemetry.sdk.name", "telemetry.sdk.version"})
        QVERIFY2(findAttribute(resource, key), key);
    // One scope per instrumentation library, as SDKs send them.
    QStringList scopes;
    for (const ScopeSpans &scope : batch.resourceSpans[0].scopeSpans)
        scopes << QString::fromStdString(scope.scope.name);
    QCOMPARE(scopes.join(QLatin1Char(',')), QStringLiteral("@opentelemetry/instrumentation-http,"
                                                           "@opentelemetry/instrumentation-pg"));
    const Span *database = batch.resourceSpans[0].scopeSpans.at(1).spans.data();
    QCOMPARE(database->kind, SpanKind::Client);
    QCOMPARE(findAttribute(database->attributes, "db.query.text")->stringValue(),
             std::string("SELECT 1"));
    QCOMPARE(findAttribute(database->attributes, "db.system.name")->stringValue(),
             std::string("postgresql"));
}

void TestScenarioEngine::groundTruthFindsMissingAndUnexpected()
{
    const ScenarioTimeline timeline{Start, Start + 90 * Second};
    ScenarioGroundTruth truth;
    truth.findings.push_back({FindingKind::NPlusOne,
                              "api",
                              "GET /orders",
                              "order_items",
                              {},
                              std::nullopt,
                              "why",
                              true});
    truth.findings.push_back({FindingKind::TrafficSpike,
                              "api",
                              {},
                              {},
                              {},
                              std::pair{1.0 / 3.0, 2.0 / 3.0},
                              "spike",
                              true});
    truth.findings.push_back(
        {FindingKind::SlowQuery, "api", {}, "pool", {}, std::nullopt, "symptom", false});

    const Finding nPlusOne
        = finding(FindingKind::NPlusOne, "api", "GET /orders",
                  "SELECT * FROM order_items WHERE id = ?", FindingSeverity::High);
    const Finding spikeInside
        = finding(FindingKind::TrafficSpike, "api", "GET /x", {}, FindingSeverity::High,
                  {Start + 40 * Second, Start + 50 * Second});
    const Finding spikeOutside
        = finding(FindingKind::TrafficSpike, "api", "GET /x", {}, FindingSeverity::High,
                  {Start + 70 * Second, Start + 80 * Second});
    const Finding symptom
        = finding(FindingKind::SlowQuery, "api", "GET /x", "pool wait", FindingSeverity::High);
    const Finding stray
        = finding(FindingKind::FanOut, "api", "GET /x", "GET /y", FindingSeverity::Low);
    const Finding info
        = finding(FindingKind::RedundantCall, "api", "GET /x", "GET /z", FindingSeverity::Info);

    QVERIFY(truth.check({nPlusOne, spikeInside, symptom, info}, timeline).passed());
    QVERIFY(truth.check({nPlusOne, spikeInside}, timeline).passed()); // symptoms are optional

    const ScenarioVerdict outside = truth.check({nPlusOne, spikeOutside}, timeline);
    QCOMPARE(outside.missing.size(), std::size_t(1));
    QVERIFY(QString::fromStdString(outside.missing[0]).startsWith(QStringLiteral("traffic_spike")));
    QCOMPARE(outside.unexpected.size(), std::size_t(1)); // the spike outside the phase

    const ScenarioVerdict strayVerdict = truth.check({nPlusOne, spikeInside, stray}, timeline);
    QVERIFY(strayVerdict.missing.empty());
    QCOMPARE(strayVerdict.unexpected.size(), std::size_t(1));
    QVERIFY(QString::fromStdString(strayVerdict.unexpected[0]).contains(QStringLiteral("fan_out")));

    Finding otherService = nPlusOne;
    otherService.service = "web";
    QCOMPARE(truth.check({otherService, spikeInside}, timeline).missing.size(), std::size_t(1));
    QVERIFY(ScenarioGroundTruth{}.check({info}, timeline).passed());
    QVERIFY(!ScenarioGroundTruth{}.check({stray}, timeline).passed());
}

void TestScenarioEngine::endAtFinishesTheRequestsInFlight_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<qint64>("advancedUntilNs"); // before endAt
    const std::int64_t cut = Start + 60 * Second;
    for (const auto &scenario : ScenarioCatalog::all()) {
        const std::string &id = scenario->info().id;
        QTest::addRow("%s, cut after the last advance", id.c_str())
            << QString::fromStdString(id) << qint64(cut - 3 * Second);
        QTest::addRow("%s, cut before the last advance", id.c_str())
            << QString::fromStdString(id) << qint64(cut + 2 * Second);
    }
}

void TestScenarioEngine::endAtFinishesTheRequestsInFlight()
{
    // "Apply the fix": the run ends at the cut, and exactly the requests that started before it
    // are sent, each whole, as the uncut run sends them (the same seed draws the same requests).
    QFETCH(QString, id);
    QFETCH(qint64, advancedUntilNs);
    const auto scenario = ScenarioCatalog::find(id.toStdString());
    const ScenarioTimeline timeline{Start, Start + 120 * Second};
    const std::int64_t cut = Start + 60 * Second;
    // A cut before what was drawn is taken as just after it.
    const std::int64_t effectiveCut = std::max<std::int64_t>(cut, advancedUntilNs + 1);

    std::map<TraceId, TraceShape> uncut;
    ScenarioEngine whole(*scenario, ScenarioVariant::Before, timeline, 11);
    addTraces(whole.finish(), uncut);
    std::erase_if(uncut, [&](const auto &entry) { return entry.second.startNs >= effectiveCut; });

    std::map<TraceId, TraceShape> sent;
    ScenarioEngine engine(*scenario, ScenarioVariant::Before, timeline, 11);
    addTraces(engine.advance(advancedUntilNs), sent);
    const std::int64_t lastEndNs = engine.endAt(cut);
    QCOMPARE(engine.timeline().endNs, effectiveCut);
    QCOMPARE(engine.timeline().startNs, Start);
    addTraces(engine.advance(lastEndNs), sent);
    const TelemetryBatch rest = engine.finish();
    QCOMPARE(rest.spanCount(), std::size_t(0)); // everything had ended by lastEndNs
    QVERIFY(sent == uncut);
    QCOMPARE(engine.traceCount(), std::int64_t(uncut.size()));
    std::int64_t latestEnd = effectiveCut;
    for (const auto &[traceId, shape] : sent)
        latestEnd = std::max(latestEnd, shape.endNs);
    QCOMPARE(lastEndNs, latestEnd);
    // A later end never lengthens the run.
    QCOMPARE(engine.endAt(timeline.endNs), effectiveCut);
}

QTEST_GUILESS_MAIN(TestScenarioEngine)
#include "tst_scenario_engine.moc"
