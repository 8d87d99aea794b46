// File › Replay into… through GuiMode offscreen: a small recorded session (traces, logs, a metric
// over 20 recorded seconds) replayed through the dialog into second real receivers (other
// KansokuRuntimes in this process). Everything arrives with its timestamps moved to the replay's
// start and relative timing scaled by the speed; the selected time range sends only what starts
// in it; Cancel stops sending; this Kansoku's own receiver and a refused endpoint are reported.
#include "core/telemetry_queries.h"
#include "file_menu.h"
#include "gui_mode.h"
#include "kansoku_runtime.h"
#include "replay_controller.h"
#include "replay_dialog.h"
#include "support/gui_mode_options.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "ui_language.h"
#include "view/workbench_state.h"
#include "workbench_window.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>

using namespace kansoku;
using kansoku::test::optionsWithoutAgeLimitFor;
using namespace kansoku::testdata;

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Second = 1'000'000'000;
constexpr std::int64_t RecordedStart = 1'796'083'200LL * Second; // 2026-12-01T00:00:00Z
constexpr int Steps = 20; // one trace (3 spans), one log and one point a recorded second

quint16 httpPort(const KansokuRuntime &runtime)
{
    for (const ReceiverStatus &status : runtime.receiverStatuses()) {
        if (status.protocol == "OTLP/HTTP" && status.listening)
            return quint16(
                QString::fromStdString(status.endpoint).section(QLatin1Char(':'), -1).toUInt());
    }
    return 0;
}

std::int64_t wallClockNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Step i: trace i+1 at i seconds (a 500 ms root with two children), a log at i s + 100 ms and a
// gauge point at i s.
void record(TelemetryStore &store)
{
    const Resource shop = resource("shop");
    Metric gauge;
    gauge.name = "queue.depth";
    gauge.type = MetricType::Gauge;
    for (int i = 0; i < Steps; ++i) {
        const std::int64_t at = RecordedStart + i * Second;
        const TraceId trace = traceId(std::uint64_t(i) + 1);
        offerPatiently(
            store,
            spanBatch(shop,
                      {span(trace, spanId(1), {}, "GET /cart", at, at + 500 * Ms),
                       span(trace, spanId(2), spanId(1), "SELECT", at + 10 * Ms, at + 200 * Ms),
                       span(trace, spanId(3), spanId(1), "render", at + 250 * Ms, at + 450 * Ms)}));
        offerPatiently(store,
                       logBatch(shop, {log(at + 100 * Ms, 9, AnyValue::fromString("cart shown"))}));
        NumberDataPoint point;
        point.startTimeNs = at - Second;
        point.timeNs = at;
        point.value = double(i);
        gauge.numberPoints.push_back(point);
    }
    offerPatiently(store, metricBatch(shop, {gauge}));
}

std::unique_ptr<KansokuRuntime> startTarget(const QString &path)
{
    auto runtime = std::make_unique<KansokuRuntime>(optionsWithoutAgeLimitFor(path));
    QString error;
    if (!runtime->start(&error))
        qFatal("cannot start the target: %s", qPrintable(error));
    return runtime;
}

TelemetryTotals totalsOf(const KansokuRuntime &runtime)
{
    return runtime.store()->queries()->totals();
}

} // namespace

class TestReplayWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void replaysWholeSessionMovedAndScaled();
    void replaysSelectedRangeOnly();
    void cancelStopsSending();
    void reportsOwnReceiverAndRefusedEndpoint();

private:
    // Sets the dialog's fields and clicks Start; the controller's finished() when it ends.
    void startReplay(quint16 port, double speed);

    QTemporaryDir m_dir;
    std::unique_ptr<GuiMode> m_session;
    TelemetryTotals m_recorded;
};

void TestReplayWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KansokuTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_replay_window"));
    QSettings().remove(QLatin1String(ReplayController::endpointKey));
    // The English plural forms ("25 items"), as the app installs them.
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English));
    m_session = std::make_unique<GuiMode>(
        optionsWithoutAgeLimitFor(m_dir.filePath(QStringLiteral("a.kansoku"))));
    QString error;
    QVERIFY2(m_session->start(&error), qPrintable(error));
    m_session->window()->show();
    record(*m_session->runtime()->store());
    QTRY_COMPARE_WITH_TIMEOUT(totalsOf(*m_session->runtime()).dataPoints, std::int64_t(Steps),
                              20'000);
    m_recorded = totalsOf(*m_session->runtime());
    QCOMPARE(m_recorded, (TelemetryTotals{3 * Steps, Steps, Steps, Steps, 1}));
    // The window knows the session's bounds (the time-range bar resolves against them).
    QTRY_VERIFY_WITH_TIMEOUT(m_session->state()->dataBounds().has_value(), 10'000);
}

void TestReplayWindow::cleanupTestCase()
{
    m_session->shutdown();
    m_session.reset();
}

void TestReplayWindow::startReplay(quint16 port, double speed)
{
    ReplayDialog *dialog = m_session->replay()->dialog();
    dialog->endpointEdit()->setText(QStringLiteral("http://127.0.0.1:%1").arg(port));
    dialog->protocolBox()->setCurrentText(QStringLiteral("http/protobuf"));
    dialog->speedBox()->setValue(speed);
    dialog->startButton()->click();
}

void TestReplayWindow::replaysWholeSessionMovedAndScaled()
{
    m_session->state()->setRangePreset(WorkbenchState::RangePreset::All);
    const auto target = startTarget(m_dir.filePath(QStringLiteral("whole.kansoku")));
    QAction *action
        = m_session->window()->fileMenu()->findChild<QAction *>(QStringLiteral("replayIntoAction"));
    QVERIFY(action);
    action->trigger();
    ReplayDialog *dialog = m_session->replay()->dialog();
    QVERIFY(dialog->isVisible());
    // Another instance's or a Collector's endpoint, not this one's receiver.
    QCOMPARE(dialog->endpointEdit()->text(), QStringLiteral("http://127.0.0.1:4318"));
    // "All": only the whole session is offered.
    QVERIFY(!dialog->selectedRangeButton()->isEnabled());

    QSignalSpy finished(m_session->replay(), &ReplayController::finished);
    const std::int64_t beforeNs = wallClockNs();
    startReplay(httpPort(*target), 100.0);
    QVERIFY(dialog->isRunning());
    QVERIFY(!dialog->startButton()->isEnabled());
    QVERIFY(finished.wait(30'000));
    const std::int64_t afterNs = wallClockNs();
    const auto summary = finished.at(0).at(0).value<PlaybackSummary>();
    QVERIFY2(summary.ok, qPrintable(summary.error));
    QVERIFY(!summary.stopped);
    QCOMPARE(dialog->totalItems(), std::int64_t(100));
    QVERIFY2(dialog->progressText().startsWith(QLatin1String("Done: 100 items")),
             qPrintable(dialog->progressText()));
    QVERIFY(!dialog->isRunning());
    QCOMPARE(QSettings().value(QLatin1String(ReplayController::endpointKey)).toString(),
             QStringLiteral("http://127.0.0.1:%1").arg(httpPort(*target)));

    QTRY_COMPARE_WITH_TIMEOUT(totalsOf(*target), m_recorded, 20'000);
    // Moved: the first trace starts when the replay started; the others follow at a hundredth
    // of their recorded distance (1 s recorded, 10 ms replayed); ids and names as recorded.
    const auto replayed = target->store()->queries();
    const std::optional<Trace> first = replayed->trace(traceId(1));
    QVERIFY(first);
    const std::int64_t startNs = first->spans.front().span.startTimeNs;
    QVERIFY2(
        startNs >= beforeNs && startNs <= afterNs,
        qPrintable(QStringLiteral("%1 not in [%2, %3]").arg(startNs).arg(beforeNs).arg(afterNs)));
    for (int i = 0; i < Steps; ++i) {
        const std::optional<Trace> trace = replayed->trace(traceId(std::uint64_t(i) + 1));
        QVERIFY(trace);
        QCOMPARE(trace->spans.size(), std::size_t(3));
        QCOMPARE(trace->spans[0].span.name, std::string("GET /cart"));
        QCOMPARE(trace->spans[0].span.startTimeNs, startNs + i * 10 * Ms);
        QCOMPARE(trace->spans[0].span.endTimeNs, startNs + i * 10 * Ms + 5 * Ms);
        QCOMPARE(trace->spans[1].span.startTimeNs, startNs + i * 10 * Ms + 100'000);
    }
    LogQuery logs;
    logs.limit = 100;
    const LogPage page = replayed->logs(logs);
    QCOMPARE(int(page.logs.size()), Steps);
    for (const StoredLog &stored : page.logs) {
        const std::int64_t offset = stored.record.timeNs - startNs;
        QVERIFY2(offset >= 1 * Ms && offset <= 191 * Ms && (offset - Ms) % (10 * Ms) == 0,
                 qPrintable(QString::number(offset)));
    }
}

void TestReplayWindow::replaysSelectedRangeOnly()
{
    // Seconds 5 to 9 of the recording: five traces, logs and points.
    m_session->state()->setCustomRange({RecordedStart + 5 * Second, RecordedStart + 10 * Second});
    const auto target = startTarget(m_dir.filePath(QStringLiteral("range.kansoku")));
    m_session->window()
        ->fileMenu()
        ->findChild<QAction *>(QStringLiteral("replayIntoAction"))
        ->trigger();
    ReplayDialog *dialog = m_session->replay()->dialog();
    QVERIFY(dialog->selectedRangeButton()->isEnabled());
    QVERIFY(dialog->selectedRangeButton()->isChecked());
    QSignalSpy finished(m_session->replay(), &ReplayController::finished);
    startReplay(httpPort(*target), 100.0);
    QVERIFY(finished.wait(30'000));
    QCOMPARE(dialog->totalItems(), std::int64_t(25)); // 15 spans, 5 logs, 5 points
    QVERIFY2(dialog->progressText().startsWith(
                 QLatin1String("Done: 25 items (15 spans, 5 logs, 5 data points) in ")),
             qPrintable(dialog->progressText()));
    QTRY_COMPARE_WITH_TIMEOUT(totalsOf(*target), (TelemetryTotals{15, 5, 5, 5, 1}), 20'000);
    const auto replayed = target->store()->queries();
    QVERIFY(!replayed->trace(traceId(5)));
    QVERIFY(replayed->trace(traceId(6)));
    QVERIFY(replayed->trace(traceId(10)));
    QVERIFY(!replayed->trace(traceId(11)));
    m_session->state()->setRangePreset(WorkbenchState::RangePreset::All);
}

void TestReplayWindow::cancelStopsSending()
{
    const auto target = startTarget(m_dir.filePath(QStringLiteral("cancel.kansoku")));
    m_session->window()
        ->fileMenu()
        ->findChild<QAction *>(QStringLiteral("replayIntoAction"))
        ->trigger();
    ReplayDialog *dialog = m_session->replay()->dialog();
    QSignalSpy finished(m_session->replay(), &ReplayController::finished);
    // At recorded speed the 20 s go out over 20 s: cancel once the first trace has arrived.
    startReplay(httpPort(*target), 1.0);
    QTRY_VERIFY_WITH_TIMEOUT(totalsOf(*target).spans > 0, 20'000);
    QVERIFY(dialog->cancelButton()->isEnabled());
    QVERIFY(finished.isEmpty());
    // The window stays usable meanwhile: the dialog is not modal.
    QVERIFY(!dialog->isModal());
    dialog->cancelButton()->click();
    QVERIFY(finished.wait(10'000));
    const auto summary = finished.at(0).at(0).value<PlaybackSummary>();
    QVERIFY(summary.ok);
    QVERIFY(summary.stopped);
    QVERIFY2(dialog->progressText().startsWith(QLatin1String("Cancelled after")),
             qPrintable(dialog->progressText()));
    QVERIFY(dialog->startButton()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(totalsOf(*target).spans, summary.spans, 10'000);
    const TelemetryTotals atCancel = totalsOf(*target);
    QVERIFY(atCancel.spans < m_recorded.spans);
    // Nothing more arrives after the cancel.
    QTest::qWait(1500);
    QCOMPARE(totalsOf(*target), atCancel);
}

void TestReplayWindow::reportsOwnReceiverAndRefusedEndpoint()
{
    m_session->window()
        ->fileMenu()
        ->findChild<QAction *>(QStringLiteral("replayIntoAction"))
        ->trigger();
    ReplayDialog *dialog = m_session->replay()->dialog();
    startReplay(httpPort(*m_session->runtime()), 100.0);
    QVERIFY2(dialog->problemText().contains(QLatin1String("own receiver")),
             qPrintable(dialog->problemText()));
    QVERIFY(!dialog->isRunning());

    dialog->endpointEdit()->setText(QStringLiteral("collector:4318"));
    dialog->startButton()->click();
    QVERIFY2(dialog->problemText().startsWith(QLatin1String("Endpoint:")),
             qPrintable(dialog->problemText()));

    // A port nobody listens on: the connection is refused, the dialog says so.
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    QSignalSpy finished(m_session->replay(), &ReplayController::finished);
    startReplay(closedPort, 100.0);
    QVERIFY(finished.wait(60'000));
    QVERIFY(!finished.at(0).at(0).value<PlaybackSummary>().ok);
    QVERIFY2(dialog->problemText().startsWith(QLatin1String("Replay failed after 0 items:")),
             qPrintable(dialog->problemText()));
    QVERIFY2(dialog->problemText().contains(QString::number(closedPort)),
             qPrintable(dialog->problemText()));
    QVERIFY(dialog->startButton()->isEnabled());
}

QTEST_MAIN(TestReplayWindow)
#include "tst_replay_window.moc"
