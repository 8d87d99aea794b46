// Drives the workbench frame: empty state, shared time range bar, service filter, pane
// maximise/close/restore, layout persistence and the status bar.
#include "empty_state_widget.h"
#include "time_range_bar.h"
#include "ui_language.h"
#include "view/workbench_layout_plan.h"
#include "view/workbench_state.h"
#include "workbench_status_bar.h"
#include "workbench_window.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace kansoku;

namespace {
constexpr std::int64_t minute = 60'000'000'000LL;

std::vector<ReceiverStatus> listeningReceivers()
{
    return {{"OTLP/gRPC", "127.0.0.1:4317", true, {}}, {"OTLP/HTTP", "127.0.0.1:4318", true, {}}};
}

// The panes with a place of their own in the default layout; Dashboards is a tab beside
// Findings.
constexpr WorkbenchWindow::Pane columnPanes[]
    = {WorkbenchWindow::Pane::Traces, WorkbenchWindow::Pane::Metrics, WorkbenchWindow::Pane::Logs,
       WorkbenchWindow::Pane::Findings};

bool dashboardsTabbedBesideFindings(const WorkbenchWindow &window)
{
    const auto *area = window.findChild<QMainWindow *>(QStringLiteral("paneArea"));
    QDockWidget *dashboards = window.paneDock(WorkbenchWindow::Pane::Dashboards);
    return area
           && area->tabifiedDockWidgets(window.paneDock(WorkbenchWindow::Pane::Findings))
                  .contains(dashboards);
}
} // namespace

class TestWorkbenchWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void emptyStateUntilTelemetry();
    void emptyStateCopiesEndpoints();
    void presetButtonsSetSharedRange();
    void followLiveToggle();
    void serviceFilterSetsState();
    void maximiseAndRestorePane();
    void closedPaneComesBackFromViewMenu();
    void layoutIsRemembered();
    void findingsSitUnderMetricsAndLogs();
    void firstRunWindowTakesMostOfTheScreen();
    void narrowWindowGetsTabs();
    void showPaneBringsAPaneBack();
    void statusBarShowsCountsAndProblems();
    void importProgressSitsBeforeTheStatusBarsPermanentParts();
    void participantLinesAreShownInDetailsWithCopy();

private:
    std::unique_ptr<WorkbenchState> m_state;
    std::unique_ptr<WorkbenchWindow> m_window;
};

void TestWorkbenchWindow::init()
{
    m_state = std::make_unique<WorkbenchState>();
    m_window = std::make_unique<WorkbenchWindow>(m_state.get());
    for (int i = 0; i < WorkbenchWindow::paneCount; ++i) {
        auto *label = new QLabel(QStringLiteral("pane %1").arg(i));
        m_window->setPaneWidget(static_cast<WorkbenchWindow::Pane>(i), label);
    }
    m_window->setReceivers(listeningReceivers());
    // Wide enough for the default layout's three columns (narrower windows get tabs).
    m_window->resize(1600, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestWorkbenchWindow::cleanup()
{
    m_window.reset();
    m_state.reset();
}

void TestWorkbenchWindow::emptyStateUntilTelemetry()
{
    QVERIFY(m_window->isShowingEmptyState());
    QVERIFY(!m_window->paneDock(WorkbenchWindow::Pane::Traces)->isVisibleTo(m_window.get()));
    m_window->setHasTelemetry(true);
    QVERIFY(!m_window->isShowingEmptyState());
    QVERIFY(m_window->paneDock(WorkbenchWindow::Pane::Traces)->isVisible());
}

void TestWorkbenchWindow::emptyStateCopiesEndpoints()
{
    auto *empty = m_window->findChild<EmptyStateWidget *>(QStringLiteral("emptyState"));
    QVERIFY(empty);
    QCOMPARE(empty->snippets(),
             (QStringList{QStringLiteral("OTEL_EXPORTER_OTLP_PROTOCOL=grpc "
                                         "OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4317"),
                          QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318")}));
    auto *copy = empty->findChild<QPushButton *>(QStringLiteral("copySnippet2"));
    QVERIFY(copy);
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(),
             QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318"));
    // A receiver that is not listening is not offered.
    auto statuses = listeningReceivers();
    statuses[0].listening = false;
    statuses[0].error = "address in use";
    m_window->setReceivers(statuses);
    QCOMPARE(empty->snippets().size(), 1);
}

void TestWorkbenchWindow::presetButtonsSetSharedRange()
{
    m_state->setDataBounds(TimeRange{0, 100 * minute});
    auto *fiveMinutes = m_window->findChild<QToolButton *>(QStringLiteral("preset_5m"));
    QVERIFY(fiveMinutes);
    QTest::mouseClick(fiveMinutes, Qt::LeftButton);
    QCOMPARE(m_state->rangePreset(), WorkbenchState::RangePreset::Last5Minutes);
    QCOMPARE(m_state->timeRange().startNs, 95 * minute);
    auto *bar = m_window->findChild<TimeRangeBar *>();
    QVERIFY(bar->rangeText().contains(QStringLiteral("5 min")));
    // A range dragged on a chart shows as custom and checked.
    m_state->setCustomRange(TimeRange{10 * minute, 20 * minute});
    auto *custom = m_window->findChild<QToolButton *>(QStringLiteral("customRangeButton"));
    QVERIFY(custom->isChecked());
    QVERIFY(!fiveMinutes->isChecked());
    QVERIFY(bar->rangeText().contains(QStringLiteral("10 min")));
}

void TestWorkbenchWindow::followLiveToggle()
{
    auto *follow = m_window->findChild<QToolButton *>(QStringLiteral("followLiveButton"));
    QVERIFY(follow->isChecked());
    QTest::mouseClick(follow, Qt::LeftButton);
    QVERIFY(!m_state->isFollowingLive());
    m_state->setFollowLive(true);
    QVERIFY(follow->isChecked());
}

void TestWorkbenchWindow::serviceFilterSetsState()
{
    m_window->setServices({"cart", "checkout"});
    auto *box = m_window->findChild<QComboBox *>(QStringLiteral("serviceFilter"));
    QCOMPARE(box->count(), 3);
    QSignalSpy changed(m_state.get(), &WorkbenchState::serviceChanged);
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Down);
    QTest::keyClick(box, Qt::Key_Down);
    QCOMPARE(m_state->service(), QStringLiteral("checkout"));
    QCOMPARE(changed.count(), 2);
    // Refreshing the list keeps the chosen service.
    m_window->setServices({"api", "cart", "checkout"});
    QCOMPARE(box->currentText(), QStringLiteral("checkout"));
    m_state->setService(QString());
    QCOMPARE(box->currentIndex(), 0);
}

void TestWorkbenchWindow::maximiseAndRestorePane()
{
    m_window->setHasTelemetry(true);
    QDockWidget *logs = m_window->paneDock(WorkbenchWindow::Pane::Logs);
    auto *maximize
        = logs->titleBarWidget()->findChild<QToolButton *>(QStringLiteral("maximizeButton"));
    QTest::mouseClick(maximize, Qt::LeftButton);
    QVERIFY(m_window->isMaximized(WorkbenchWindow::Pane::Logs));
    QVERIFY(logs->isVisible());
    QVERIFY(!m_window->paneDock(WorkbenchWindow::Pane::Traces)->isVisible());
    QVERIFY(!m_window->paneDock(WorkbenchWindow::Pane::Metrics)->isVisible());
    QTest::mouseClick(maximize, Qt::LeftButton);
    QVERIFY(!m_window->isMaximized(WorkbenchWindow::Pane::Logs));
    for (const WorkbenchWindow::Pane pane : columnPanes)
        QVERIFY(m_window->paneDock(pane)->isVisible());
    QVERIFY(dashboardsTabbedBesideFindings(*m_window));
}

void TestWorkbenchWindow::closedPaneComesBackFromViewMenu()
{
    m_window->setHasTelemetry(true);
    QDockWidget *metrics = m_window->paneDock(WorkbenchWindow::Pane::Metrics);
    auto *close
        = metrics->titleBarWidget()->findChild<QToolButton *>(QStringLiteral("closeButton"));
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(!metrics->isVisible());
    QVERIFY(!metrics->toggleViewAction()->isChecked());
    metrics->toggleViewAction()->trigger();
    QVERIFY(metrics->isVisible());
}

void TestWorkbenchWindow::layoutIsRemembered()
{
    m_window->setHasTelemetry(true);
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("layout.ini")), QSettings::IniFormat);
    m_window->paneDock(WorkbenchWindow::Pane::Metrics)->close();
    m_window->saveLayout(settings);
    settings.sync();

    WorkbenchState state;
    WorkbenchWindow restored(&state);
    restored.resize(1600, 900);
    restored.setHasTelemetry(true);
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QVERIFY(restored.paneDock(WorkbenchWindow::Pane::Metrics)->isVisible());
    restored.restoreLayout(settings);
    QVERIFY(!restored.paneDock(WorkbenchWindow::Pane::Metrics)->isVisible());
    QVERIFY(restored.paneDock(WorkbenchWindow::Pane::Logs)->isVisible());
    restored.resetLayout();
    QVERIFY(restored.paneDock(WorkbenchWindow::Pane::Metrics)->isVisible());
}

void TestWorkbenchWindow::findingsSitUnderMetricsAndLogs()
{
    m_window->resize(1600, 900);
    m_window->setHasTelemetry(true);
    // The default shares, once the panes show (within 3 points, for separators and rounding):
    // Traces 40% of the width, Findings 40% of the height under Metrics and Logs.
    const auto share = [this](WorkbenchWindow::Pane part, WorkbenchWindow::Pane other,
                              Qt::Orientation orientation) {
        const QSize a = m_window->paneDock(part)->size();
        const QSize b = m_window->paneDock(other)->size();
        return orientation == Qt::Horizontal ? 100.0 * a.width() / (a.width() + b.width())
                                             : 100.0 * a.height() / (a.height() + b.height());
    };
    using Pane = WorkbenchWindow::Pane;
    QTRY_VERIFY2(std::abs(share(Pane::Traces, Pane::Metrics, Qt::Horizontal) - 57.1) < 3,
                 qPrintable(QString::number(share(Pane::Traces, Pane::Metrics, Qt::Horizontal))));
    QTRY_VERIFY2(std::abs(share(Pane::Findings, Pane::Metrics, Qt::Vertical) - 40) < 3,
                 qPrintable(QString::number(share(Pane::Findings, Pane::Metrics, Qt::Vertical))));
    QVERIFY(std::abs(share(Pane::Metrics, Pane::Logs, Qt::Horizontal) - 50) < 3);
    const QRect traces = m_window->paneDock(WorkbenchWindow::Pane::Traces)->geometry();
    const QRect metrics = m_window->paneDock(WorkbenchWindow::Pane::Metrics)->geometry();
    const QRect logs = m_window->paneDock(WorkbenchWindow::Pane::Logs)->geometry();
    QDockWidget *findingsDock = m_window->paneDock(WorkbenchWindow::Pane::Findings);
    QVERIFY(findingsDock->isVisible());
    QCOMPARE(findingsDock->windowTitle(), QStringLiteral("Findings"));
    const QRect findings = findingsDock->geometry();
    // Traces | Metrics | Logs side by side; Findings under Metrics and Logs, as wide as both.
    QVERIFY(traces.right() < metrics.left());
    QVERIFY(metrics.right() < logs.left());
    QVERIFY(findings.top() > metrics.bottom());
    QVERIFY(findings.top() > logs.bottom());
    QVERIFY(findings.left() > traces.right());
    QCOMPARE(findings.left(), metrics.left());
    QCOMPARE(findings.right(), logs.right());
    // Traces keeps the whole height.
    QCOMPARE(traces.top(), metrics.top());
    QCOMPARE(traces.bottom(), findings.bottom());
    m_window->resetLayout();
    QCOMPARE(m_window->paneDock(WorkbenchWindow::Pane::Findings)->geometry(), findings);
}

void TestWorkbenchWindow::firstRunWindowTakesMostOfTheScreen()
{
    WorkbenchState state;
    WorkbenchWindow window(&state);
    const QRect available = window.screen()->availableGeometry();
    QCOMPARE(window.geometry(), WorkbenchLayoutPlan::firstRunWindowGeometry(available));
    QVERIFY(window.width() >= available.width() * 9 / 10);
    QVERIFY(window.height() >= available.height() * 9 / 10);
}

void TestWorkbenchWindow::narrowWindowGetsTabs()
{
    // As on a 1366x768 screen: one pane at a time, each at the whole width, Traces in front.
    WorkbenchState state;
    WorkbenchWindow window(&state);
    window.resize(1297, 729);
    window.setHasTelemetry(true);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QDockWidget *traces = window.paneDock(WorkbenchWindow::Pane::Traces);
    const QMainWindow *area = window.findChild<QMainWindow *>(QStringLiteral("paneArea"));
    QVERIFY(area);
    // Every other pane, Dashboards included.
    QTRY_COMPARE(area->tabifiedDockWidgets(traces).size(), WorkbenchWindow::paneCount - 1);
    QVERIFY(traces->isVisible());
    QTRY_VERIFY2(traces->width() > window.width() * 9 / 10,
                 qPrintable(QString::number(traces->width())));
    // Panes behind a tab are moved out of the area.
    const auto inFront = [area](WorkbenchWindow::Pane pane, const WorkbenchWindow &w) {
        const QDockWidget *dock = w.paneDock(pane);
        return dock->isVisible() && area->rect().intersects(dock->geometry());
    };
    QVERIFY(inFront(WorkbenchWindow::Pane::Traces, window));
    QVERIFY(!inFront(WorkbenchWindow::Pane::Metrics, window));
    // Ctrl+2 and friends still work: a tabbed pane is brought to the front.
    window.showPane(WorkbenchWindow::Pane::Logs);
    QTRY_VERIFY(inFront(WorkbenchWindow::Pane::Logs, window));
    QVERIFY(!inFront(WorkbenchWindow::Pane::Traces, window));

    // Wider again, Reset layout gives the three columns.
    window.resize(1600, 900);
    QTRY_COMPARE(area->width(), 1600);
    window.resetLayout();
    QTRY_COMPARE(area->tabifiedDockWidgets(traces).size(), 0);
    for (const WorkbenchWindow::Pane pane : columnPanes)
        QTRY_VERIFY(inFront(pane, window));
    QVERIFY(dashboardsTabbedBesideFindings(window));
    QVERIFY(traces->geometry().right()
            < window.paneDock(WorkbenchWindow::Pane::Metrics)->geometry().left());
}

void TestWorkbenchWindow::showPaneBringsAPaneBack()
{
    m_window->setHasTelemetry(true);
    QDockWidget *traces = m_window->paneDock(WorkbenchWindow::Pane::Traces);
    // From a maximised Findings pane: the layout comes back with Traces in it.
    m_window->toggleMaximized(WorkbenchWindow::Pane::Findings);
    QVERIFY(!traces->isVisible());
    m_window->showPane(WorkbenchWindow::Pane::Traces);
    QVERIFY(!m_window->isMaximized(WorkbenchWindow::Pane::Findings));
    for (const WorkbenchWindow::Pane pane : columnPanes)
        QVERIFY(m_window->paneDock(pane)->isVisible());
    QVERIFY(dashboardsTabbedBesideFindings(*m_window));
    // A closed pane opens again.
    traces->close();
    QVERIFY(!traces->isVisible());
    m_window->showPane(WorkbenchWindow::Pane::Traces);
    QVERIFY(traces->isVisible());
    // Showing the maximised pane itself keeps it maximised.
    m_window->toggleMaximized(WorkbenchWindow::Pane::Traces);
    m_window->showPane(WorkbenchWindow::Pane::Traces);
    QVERIFY(m_window->isMaximized(WorkbenchWindow::Pane::Traces));
}

void TestWorkbenchWindow::statusBarShowsCountsAndProblems()
{
    auto *bar = m_window->findChild<WorkbenchStatusBar *>();
    IngestCounters counters;
    StorageStatus storage;
    storage.databasePath = "/tmp/session.kansoku";
    storage.fileSizeBytes = 3 * 1024 * 1024;
    storage.totals.spans = 12345;
    storage.totals.traces = 1;
    storage.totals.logRecords = 7;
    // The English plural forms ("1 trace", "7 logs"), as the app installs them.
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English));
    m_window->setCounts(counters.snapshot(), storage);
    QCOMPARE(bar->countsText(),
             QLocale().toString(12345)
                 + QStringLiteral(" spans · 1 trace · 0 metric points · 7 logs"));
    QVERIFY(bar->databaseText().contains(QStringLiteral("session.kansoku")));
    QVERIFY(bar->databaseText().contains(QStringLiteral("3.0 MB")));
    QVERIFY(bar->problemsText().isEmpty());
    QVERIFY(bar->receiversText().contains(QStringLiteral("127.0.0.1:4318")));

    counters.addMalformed(TelemetrySignal::Logs, IngestTransport::Http, 2);
    counters.addRefused(TelemetrySignal::Traces, IngestTransport::Grpc, 512);
    for (int i = 0; i < 3; ++i)
        counters.addUnauthorized(TelemetrySignal::Traces, IngestTransport::Http);
    storage.lastError = "disk full";
    m_window->setCounts(counters.snapshot(), storage);
    QVERIFY2(bar->problemsText().contains(QStringLiteral("3 requests without the right token")),
             qPrintable(bar->problemsText()));
    QVERIFY(bar->problemsText().contains(QStringLiteral("2 malformed requests")));
    QVERIFY(bar->problemsText().contains(QStringLiteral("512 items refused")));
    QVERIFY(bar->problemsText().contains(QStringLiteral("disk full")));
}

void TestWorkbenchWindow::importProgressSitsBeforeTheStatusBarsPermanentParts()
{
    WorkbenchStatusBar bar;
    auto *import = new QLabel(QStringLiteral("importing"));
    bar.setImportWidget(import);
    bar.resize(1200, 30);
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    const auto *details = bar.findChild<QToolButton *>(QStringLiteral("statusDetailsButton"));
    QVERIFY(details);
    QVERIFY2(import->geometry().right() < details->geometry().left(),
             qPrintable(QStringLiteral("import at %1, Details at %2")
                            .arg(import->geometry().x())
                            .arg(details->geometry().x())));
}

void TestWorkbenchWindow::participantLinesAreShownInDetailsWithCopy()
{
    auto *bar = m_window->findChild<WorkbenchStatusBar *>();
    QVERIFY(!bar->receiversText().contains(QStringLiteral("token required")));
    const QStringList lines{QStringLiteral("OTEL_EXPORTER_OTLP_HEADERS=authorization=Bearer%20t0k"),
                            QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT=http://10.1.2.3:4318")};
    m_window->setParticipantLines(lines);
    m_window->setReceivers(listeningReceivers());
    QVERIFY2(bar->receiversText().contains(QStringLiteral("token required")),
             qPrintable(bar->receiversText()));
    // The empty state offers the headers line after the endpoints, with its own Copy button.
    auto *empty = m_window->findChild<EmptyStateWidget *>();
    QCOMPARE(empty->snippets().size(), 3);
    QCOMPARE(empty->snippets().constLast(), lines.constFirst());

    // Details… opens the status window, where the lines are, with their Copy button.
    QTest::mouseClick(bar->findChild<QToolButton *>(QStringLiteral("statusDetailsButton")),
                      Qt::LeftButton);
    auto *text = m_window->findChild<QPlainTextEdit *>(QStringLiteral("participantLines"));
    QVERIFY(text);
    QTRY_VERIFY(text->isVisible());
    QCOMPARE(text->toPlainText(), lines.join(QLatin1Char('\n')));
    QApplication::clipboard()->clear();
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("copyParticipantLines")),
                      Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));

    m_window->setParticipantLines({});
    m_window->setReceivers(listeningReceivers());
    QVERIFY(!bar->receiversText().contains(QStringLiteral("token required")));
    QVERIFY(!text->isVisible());
    QCOMPARE(empty->snippets().size(), 2);
}

QTEST_MAIN(TestWorkbenchWindow)
#include "tst_workbench_window.moc"
