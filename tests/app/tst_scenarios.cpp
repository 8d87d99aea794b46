// Every training scenario, both variants, through the real path: TelemetryPlayer's OTLP client
// (HTTP/protobuf and gRPC) into a running Kansoku's receivers and session file, then the findings
// detectors over what was stored, checked against the scenario's ground truth: the before variant
// shows exactly its problem (and the metric that explains it), the after variant and "healthy"
// nothing above info. A run ended early (Apply the fix) sends exactly the requests that started
// before its end, each whole. The run is sent as history (a clock fixed at the timeline's end), so
// the test need not wait for it.
#include "analysis/findings_run.h"
#include "kansoku_runtime.h"
#include "scenarios/scenario_catalog.h"
#include "scenarios/scenario_engine.h"
#include "support/gui_mode_options.h"
#include "telemetry_player.h"
#include "telemetry_store.h"

#include <QTemporaryDir>
#include <QTest>
#include <map>

using namespace kansoku;
using kansoku::test::optionsFor;

namespace {

constexpr std::int64_t Second = 1'000'000'000;
// 2026-12-01T00:00:00Z: a fixed timeline, so every run of the test sends the same telemetry.
constexpr std::int64_t TimelineStart = 1'796'083'200LL * Second;
constexpr std::int64_t TimelineLength = 180 * Second;

quint16 portOf(const KansokuRuntime &runtime, const char *protocol)
{
    for (const ReceiverStatus &status : runtime.receiverStatuses()) {
        if (status.protocol == protocol && status.listening)
            return quint16(
                QString::fromStdString(status.endpoint).section(QLatin1Char(':'), -1).toUInt());
    }
    return 0;
}

// A session in folder with both receivers on free ports.
CommandLineOptions optionsIn(const QTemporaryDir &folder)
{
    return optionsFor(folder.filePath(QStringLiteral("scenario.kansoku")));
}

// The runtime's own receiver: gRPC or OTLP/HTTP protobuf on loopback.
OtlpExportTarget receiverOf(const KansokuRuntime &runtime, bool grpc)
{
    OtlpExportTarget target;
    target.protocol
        = grpc ? OtlpExportTarget::Protocol::Grpc : OtlpExportTarget::Protocol::HttpProtobuf;
    target.endpoint.setScheme(QStringLiteral("http"));
    target.endpoint.setHost(QStringLiteral("127.0.0.1"));
    target.endpoint.setPort(portOf(runtime, grpc ? "OTLP/gRPC" : "OTLP/HTTP"));
    return target;
}

} // namespace

class TestScenarios : public QObject
{
    Q_OBJECT

private slots:
    void catalogNamesAreUniqueAndDescribed();
    void sameSeedSameTelemetry();
    void groundTruthHolds_data();
    void groundTruthHolds();
    void endedRunSendsItsRequestsInFlightWhole();
};

void TestScenarios::catalogNamesAreUniqueAndDescribed()
{
    QStringList ids;
    for (const auto &scenario : ScenarioCatalog::all()) {
        const ScenarioInfo &info = scenario->info();
        QVERIFY(!ids.contains(QString::fromStdString(info.id)));
        ids << QString::fromStdString(info.id);
        QVERIFY2(!info.title.empty() && !info.system.empty() && !info.complaint.empty()
                     && !info.task.empty() && !info.fix.empty() && info.storySeconds > 0,
                 info.id.c_str());
        QCOMPARE(ScenarioCatalog::find(info.id), scenario);
    }
    QCOMPARE(ids.join(QLatin1Char(' ')),
             QStringLiteral("n-plus-one slow-query version-lock traffic-spike syn-backlog "
                            "scheduler-delay healthy"));
    QVERIFY(!ScenarioCatalog::find("no-such-scenario"));
}

void TestScenarios::sameSeedSameTelemetry()
{
    const auto scenario = ScenarioCatalog::find("version-lock");
    const ScenarioTimeline timeline{TimelineStart, TimelineStart + 30 * Second};
    const auto runOnce = [&](std::uint64_t seed) {
        ScenarioEngine engine(*scenario, ScenarioVariant::Before, timeline, seed);
        TelemetryBatch first = engine.advance(TimelineStart + 10 * Second);
        TelemetryBatch rest = engine.finish();
        return std::pair{std::move(first), std::move(rest)};
    };
    const auto a = runOnce(42);
    const auto b = runOnce(42);
    const auto c = runOnce(43);
    QVERIFY(a.first.spanCount() > 100);
    QVERIFY(a.first == b.first);
    QVERIFY(a.second == b.second);
    QVERIFY(!(a.first == c.first));
}

void TestScenarios::groundTruthHolds_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<bool>("after");
    QTest::addColumn<bool>("grpc");
    bool grpc = false;
    for (const auto &scenario : ScenarioCatalog::all()) {
        for (const bool after : {false, true}) {
            const QByteArray tag
                = QByteArray::fromStdString(scenario->info().id) + (after ? " after" : " before");
            // Alternate the transports so both carry every kind of telemetry.
            QTest::newRow(tag.constData())
                << QString::fromStdString(scenario->info().id) << after << grpc;
            grpc = !grpc;
        }
    }
}

void TestScenarios::groundTruthHolds()
{
    QFETCH(QString, scenario);
    QFETCH(bool, after);
    QFETCH(bool, grpc);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    KansokuRuntime runtime(optionsIn(folder));
    QString error;
    QVERIFY2(runtime.start(&error), qPrintable(error));
    const OtlpExportTarget target = receiverOf(runtime, grpc);
    QVERIFY(target.endpoint.port() > 0);

    const auto chosen = ScenarioCatalog::find(scenario.toStdString());
    QVERIFY(chosen);
    const ScenarioVariant variant = after ? ScenarioVariant::After : ScenarioVariant::Before;
    const ScenarioTimeline timeline{TimelineStart, TimelineStart + TimelineLength};
    TelemetryPlayer player(std::make_unique<ScenarioEngine>(*chosen, variant, timeline, 7), target);
    const PlaybackSummary summary = player.run([] { return TimelineStart + TimelineLength; });
    QVERIFY2(summary.ok, qPrintable(summary.error));
    QCOMPARE(summary.rejectedItems, 0);
    QVERIFY(summary.spans > 200);
    QVERIFY(summary.logs > 0);
    QVERIFY(summary.dataPoints > 0);

    const auto queries = runtime.store()->queries();
    QTRY_COMPARE_WITH_TIMEOUT(queries->totals().spans, summary.spans, 30'000);
    QTRY_COMPARE_WITH_TIMEOUT(queries->totals().logRecords, summary.logs, 30'000);
    QTRY_COMPARE_WITH_TIMEOUT(queries->totals().dataPoints, summary.dataPoints, 30'000);

    const FindingsRunResult analysis = FindingsRun().run(*queries, TimeRange{});
    QVERIFY(analysis.error.empty());
    const ScenarioGroundTruth truth = chosen->groundTruth(variant);
    ScenarioVerdict verdict = truth.check(analysis.findings, timeline);
    truth.checkMetrics(*queries, TimeRange{}, verdict);
    QVERIFY2(verdict.passed(), verdict.toString().c_str());
    // The expectations are not empty promises: the before variants of the incidents expect
    // something, and that something was found.
    if (!after && scenario != QLatin1String("healthy"))
        QVERIFY(!truth.findings.empty());
    runtime.stop();
}

void TestScenarios::endedRunSendsItsRequestsInFlightWhole()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    KansokuRuntime runtime(optionsIn(folder));
    QString error;
    QVERIFY2(runtime.start(&error), qPrintable(error));
    const OtlpExportTarget target = receiverOf(runtime, false);

    // syn-backlog: checkouts of up to 3 s, so some are in flight at the end.
    const auto chosen = ScenarioCatalog::find("syn-backlog");
    const ScenarioTimeline timeline{TimelineStart, TimelineStart + TimelineLength};
    const std::int64_t endNs = TimelineStart + 60 * Second;
    // What the whole run sends of the requests that started before the end, by trace.
    struct Expected
    {
        std::int64_t startNs = std::numeric_limits<std::int64_t>::max();
        std::int64_t endNs = 0;
        std::size_t spans = 0;
    };
    std::map<TraceId, Expected> expected;
    const TelemetryBatch whole
        = ScenarioEngine(*chosen, ScenarioVariant::Before, timeline, 7).finish();
    for (const ResourceSpans &resource : whole.resourceSpans) {
        for (const ScopeSpans &scope : resource.scopeSpans) {
            for (const Span &span : scope.spans) {
                Expected &trace = expected[span.traceId];
                trace.startNs = std::min(trace.startNs, span.startTimeNs);
                trace.endNs = std::max(trace.endNs, span.endTimeNs);
                ++trace.spans;
            }
        }
    }
    std::erase_if(expected, [&](const auto &entry) { return entry.second.startNs >= endNs; });
    std::int64_t expectedSpans = 0;
    int inFlight = 0;
    for (const auto &[traceId, trace] : expected) {
        expectedSpans += std::int64_t(trace.spans);
        inFlight += trace.endNs > endNs ? 1 : 0;
    }
    QVERIFY(inFlight > 0);

    TelemetryPlayer player(
        std::make_unique<ScenarioEngine>(*chosen, ScenarioVariant::Before, timeline, 7), target);
    player.endAt(endNs);
    const PlaybackSummary summary = player.run([] { return TimelineStart + TimelineLength; });
    QVERIFY2(summary.ok, qPrintable(summary.error));
    QVERIFY(!summary.stopped); // it ended as a story ends, its last requests sent
    QCOMPARE(summary.traces, std::int64_t(expected.size()));
    QCOMPARE(summary.spans, expectedSpans);
    const auto queries = runtime.store()->queries();
    QTRY_COMPARE_WITH_TIMEOUT(queries->totals().spans, expectedSpans, 30'000);
    // The requests in flight at the end are stored whole.
    for (const auto &[traceId, trace] : expected) {
        if (trace.endNs <= endNs)
            continue;
        const std::optional<Trace> stored = queries->trace(traceId);
        QVERIFY(stored);
        QCOMPARE(stored->spans.size(), trace.spans);
    }
    runtime.stop();
}

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
