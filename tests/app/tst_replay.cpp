// Replay through the real path: a session recorded by a running Kansoku (a scenario sent into its
// receivers), replayed with SessionReplay and TelemetryPlayer into a second running Kansoku at
// 10x: the same traces, spans, logs and data points arrive, with every timestamp moved to the new
// start and relative timing scaled by the speed; a replay on the wall clock is not sent ahead of
// its time.
#include "kansoku_runtime.h"
#include "scenarios/scenario_catalog.h"
#include "scenarios/scenario_engine.h"
#include "scenarios/session_replay.h"
#include "support/gui_mode_options.h"
#include "telemetry_player.h"
#include "telemetry_store.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>

using namespace kansoku;
using kansoku::test::optionsFor;

namespace {

constexpr std::int64_t Second = 1'000'000'000;
constexpr std::int64_t RecordedStart = 1'796'083'200LL * Second; // 2026-12-01T00:00:00Z
constexpr std::int64_t RecordedLength = 60 * Second;
constexpr std::int64_t ReplayStart = RecordedStart + 3600 * Second;

OtlpExportTarget httpTarget(const KansokuRuntime &runtime)
{
    OtlpExportTarget target;
    for (const ReceiverStatus &status : runtime.receiverStatuses()) {
        if (status.protocol == "OTLP/HTTP" && status.listening)
            target.endpoint
                = QUrl(QStringLiteral("http://") + QString::fromStdString(status.endpoint));
    }
    return target;
}

std::unique_ptr<KansokuRuntime> startRuntime(const QString &path)
{
    auto runtime = std::make_unique<KansokuRuntime>(optionsFor(path));
    QString error;
    if (!runtime->start(&error))
        qFatal("cannot start Kansoku: %s", qPrintable(error));
    return runtime;
}

std::int64_t wallClockNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

class TestReplay : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void replaysEverythingMovedAndScaled();
    void isNotSentAheadOfItsTime();
    void commandsSayWhatIsWrong_data();
    void commandsSayWhatIsWrong();

private:
    QTemporaryDir m_folder;
    std::unique_ptr<KansokuRuntime> m_recorded;
    TelemetryTotals m_recordedTotals;
};

void TestReplay::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_recorded = startRuntime(m_folder.filePath(QStringLiteral("recorded.kansoku")));
    // Version-lock: traces, logs, SDK histograms, two versions; slow-query's long requests too.
    // The second starts 5 s later, so the two runs' SDK metrics (one shop-api) do not coincide.
    for (const auto &[id, offset] :
         {std::pair{"version-lock", 0LL}, std::pair{"slow-query", 5LL}}) {
        const ScenarioTimeline timeline{RecordedStart + offset * Second,
                                        RecordedStart + offset * Second + RecordedLength};
        TelemetryPlayer player(std::make_unique<ScenarioEngine>(*ScenarioCatalog::find(id),
                                                                ScenarioVariant::Before, timeline,
                                                                11),
                               httpTarget(*m_recorded));
        const PlaybackSummary sent
            = player.run([] { return RecordedStart + RecordedLength + 60 * Second; });
        QVERIFY2(sent.ok, qPrintable(sent.error));
        m_recordedTotals.spans += sent.spans;
        m_recordedTotals.logRecords += sent.logs;
        m_recordedTotals.dataPoints += sent.dataPoints;
    }
    const auto queries = m_recorded->store()->queries();
    QTRY_COMPARE_WITH_TIMEOUT(queries->totals().spans, m_recordedTotals.spans, 30'000);
    QTRY_COMPARE_WITH_TIMEOUT(queries->totals().logRecords, m_recordedTotals.logRecords, 30'000);
    QTRY_COMPARE_WITH_TIMEOUT(queries->totals().dataPoints, m_recordedTotals.dataPoints, 30'000);
    m_recordedTotals = queries->totals();
    QVERIFY(m_recordedTotals.traces > 500);
}

void TestReplay::replaysEverythingMovedAndScaled()
{
    const auto source = m_recorded->store()->queries();
    const std::optional<TimeRange> bounds = source->timeBounds();
    QVERIFY(bounds);
    const TimeRange recorded{bounds->startNs, bounds->endNs + 1};
    auto target = startRuntime(m_folder.filePath(QStringLiteral("replayed.kansoku")));
    auto replay = std::make_unique<SessionReplay>(source, recorded, ReplayStart, 10.0);
    const ScenarioTimeline timeline = replay->timeline();
    QCOMPARE(timeline.startNs, ReplayStart);
    QCOMPARE(timeline.endNs - timeline.startNs, (recorded.endNs - recorded.startNs + 5) / 10);
    TelemetryPlayer player(std::move(replay), httpTarget(*target));
    const PlaybackSummary summary = player.run([&] { return timeline.endNs + 3600 * Second; });
    QVERIFY2(summary.ok, qPrintable(summary.error));
    QCOMPARE(summary.traces, m_recordedTotals.traces);

    const auto replayed = target->store()->queries();
    QTRY_COMPARE_WITH_TIMEOUT(replayed->totals(), m_recordedTotals, 30'000);

    // Every trace, span by span: same ids and names, times moved and scaled by 1/10.
    TraceQuery query;
    query.sortOrder = TraceSortOrder::StartTimeAscending;
    query.limit = 100'000;
    const std::vector<TraceSummary> originals = source->traces(query);
    QCOMPARE(std::int64_t(originals.size()), m_recordedTotals.traces);
    const auto scaled = [&](std::int64_t recordedNs) {
        return ReplayStart + (recordedNs - recorded.startNs) / 10;
    };
    std::int64_t compared = 0;
    for (std::size_t i = 0; i < originals.size(); i += 7) {
        const std::optional<Trace> before = source->trace(originals[i].traceId);
        const std::optional<Trace> after = replayed->trace(originals[i].traceId);
        QVERIFY(before && after);
        QCOMPARE(after->spans.size(), before->spans.size());
        for (std::size_t s = 0; s < before->spans.size(); ++s) {
            const Span &a = before->spans[s].span;
            const Span &b = after->spans[s].span;
            QCOMPARE(b.spanId, a.spanId);
            QCOMPARE(b.name, a.name);
            QVERIFY(b.attributes == a.attributes);
            // Rounding to the nanosecond is the only difference (far under 1%).
            QVERIFY(std::abs(b.startTimeNs - scaled(a.startTimeNs)) <= 1);
            QVERIFY(std::abs(b.durationNs() - a.durationNs() / 10) <= 1);
            // Resource and scope as recorded, schema URLs included (the scenarios set one).
            QVERIFY(after->resources.at(std::size_t(after->spans[s].resourceIndex))
                    == before->resources.at(std::size_t(before->spans[s].resourceIndex)));
            QCOMPARE(after->spans[s].resourceSchemaUrl, before->spans[s].resourceSchemaUrl);
            QVERIFY(!after->spans[s].resourceSchemaUrl.empty());
            QCOMPARE(after->spans[s].scopeSchemaUrl, before->spans[s].scopeSchemaUrl);
            ++compared;
        }
    }
    QVERIFY(compared > 100);
    // Logs and metric streams keep their resources' schema URLs too.
    LogQuery logs;
    logs.limit = 50;
    const LogPage replayedLogs = replayed->logs(logs);
    QVERIFY(!replayedLogs.logs.empty());
    for (const StoredLog &log : replayedLogs.logs)
        QCOMPARE(log.resourceSchemaUrl, std::string("https://opentelemetry.io/schemas/1.29.0"));
    const std::vector<MetricStream> streams = replayed->metricStreams({});
    QVERIFY(!streams.empty());
    for (const MetricStream &stream : streams)
        QCOMPARE(stream.resourceSchemaUrl, std::string("https://opentelemetry.io/schemas/1.29.0"));
    target->stop();
}

void TestReplay::isNotSentAheadOfItsTime()
{
    // Ten recorded seconds at 10x on the wall clock: one second of replay, not less.
    const auto source = m_recorded->store()->queries();
    const TimeRange recorded{RecordedStart + 20 * Second, RecordedStart + 30 * Second};
    auto target = startRuntime(m_folder.filePath(QStringLiteral("paced.kansoku")));
    const std::int64_t start = wallClockNs();
    TelemetryPlayer player(std::make_unique<SessionReplay>(source, recorded, start, 10.0),
                           httpTarget(*target));
    QElapsedTimer elapsed;
    elapsed.start();
    const PlaybackSummary summary = player.run(wallClockNs);
    QVERIFY2(summary.ok, qPrintable(summary.error));
    QVERIFY(summary.spans > 0);
    QVERIFY2(elapsed.elapsed() >= 950, qPrintable(QString::number(elapsed.elapsed())));
    const auto replayed = target->store()->queries();
    QTRY_COMPARE_WITH_TIMEOUT(replayed->totals().spans, summary.spans, 30'000);
    // Nothing was stamped before the replay started.
    QVERIFY(replayed->timeBounds()->startNs >= start);
    target->stop();
}

void TestReplay::commandsSayWhatIsWrong_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    const QString missing = m_folder.filePath(QStringLiteral("missing.kansoku"));
    QTest::newRow("replay: no such file") << QStringList{QStringLiteral("replay"), missing}
                                          << missing + QStringLiteral(": no such file");
    QTest::newRow("replay: a range with nothing in it")
        << QStringList{QStringLiteral("replay"),
                       m_folder.filePath(QStringLiteral("recorded.kansoku")),
                       QStringLiteral("--from"), QStringLiteral("2030-01-01T00:00:00Z")}
        << QStringLiteral("no telemetry in the range given");
    QTest::newRow("scenario: unknown name")
        << QStringList{QStringLiteral("scenario"), QStringLiteral("run"), QStringLiteral("n+1")}
        << QStringLiteral("no scenario \"n+1\" (there are: n-plus-one, slow-query");
}

void TestReplay::commandsSayWhatIsWrong()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, messagePart);
    QProcess kansoku;
    kansoku.start(QStringLiteral(KANSOKU_EXECUTABLE), arguments);
    QVERIFY(kansoku.waitForFinished(30'000));
    QCOMPARE(kansoku.exitStatus(), QProcess::NormalExit);
    QCOMPARE(kansoku.exitCode(), 2);
    const QString errors = QString::fromLocal8Bit(kansoku.readAllStandardError());
    QVERIFY2(errors.contains(messagePart), qPrintable(errors));
}

QTEST_GUILESS_MAIN(TestReplay)
#include "tst_replay.moc"
