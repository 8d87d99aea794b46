// Training in the window, driven through GuiMode offscreen with real receivers: the Training
// menu opens the briefings (English and Japanese), Start creates a session named after the
// scenario and plays it into the window's own receiver (findings appear), "I found it" with the
// right finding, a wrong metric and nothing selected, a span of the open trace (right, and a
// symptom), the one touched last when several are selected, progressive hints, Apply the fix (the
// after variant plays, the before variant's requests in flight end whole) and the before/after
// comparison, Stop, and a session switch or closing the
// window while it plays. The story is short: two minutes at once, then a second or three live.
#include "findings_pane.h"
#include "gui_mode.h"
#include "kansoku_runtime.h"
#include "metrics_pane.h"
#include "session_controller.h"
#include "support/gui_mode_options.h"
#include "trace_inspector.h"
#include "trace_waterfall_view.h"
#include "traces_pane.h"
#include "training_comparison_dialog.h"
#include "training_controller.h"
#include "training_dialog.h"
#include "training_menu.h"
#include "training_panel.h"
#include "training_playback.h"
#include "view/finding_list_model.h"
#include "view/metric_browser_model.h"
#include "view/workbench_state.h"
#include "workbench_window.h"

#include <QComboBox>
#include <QDockWidget>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>
#include <algorithm>

using namespace kansoku;
using kansoku::test::optionsFor;

namespace {

// A started window with its own receivers, its training making sessions in dir.
std::unique_ptr<GuiMode> startedGui(const QTemporaryDir &dir,
                                    const TrainingController::Pacing &pacing)
{
    auto gui = std::make_unique<GuiMode>(optionsFor(dir.filePath(QStringLiteral("start.kansoku"))));
    QString error;
    if (!gui->start(&error))
        qFatal("cannot start: %s", qPrintable(error));
    gui->training()->setSessionDirectory(dir.path());
    gui->training()->setPacing(pacing);
    return gui;
}

FindingsPane *findingsPane(GuiMode &gui)
{
    return qobject_cast<FindingsPane *>(
        gui.window()->paneDock(WorkbenchWindow::Pane::Findings)->widget());
}

MetricsPane *metricsPane(GuiMode &gui)
{
    return qobject_cast<MetricsPane *>(
        gui.window()->paneDock(WorkbenchWindow::Pane::Metrics)->widget());
}

int rowOfKind(const FindingListModel &model, FindingKind kind)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.finding(row).kind == kind)
            return row;
    }
    return -1;
}

} // namespace

class TestTraining : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void briefingsInBothLanguages();
    void scenarioFromStartToFix();
    void sessionSwitchStopsThePlayer();
    void closingWhilePlaying();
};

void TestTraining::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KansokuTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_training"));
    QSettings().clear();
}

void TestTraining::briefingsInBothLanguages()
{
    QTemporaryDir dir;
    const auto gui = startedGui(dir, {});
    TrainingController *training = gui->training();
    training->setLanguage(TrainingLanguage::English);
    QVERIFY(!training->menu()->foundItAction()->isEnabled());
    training->menu()->startAction()->trigger();
    TrainingDialog *dialog = training->dialog();
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->scenarioList()->count(), 7);
    dialog->selectScenario(QStringLiteral("syn-backlog"));
    QVERIFY(dialog->card()->toPlainText().contains(QStringLiteral("What users complain about")));
    QVERIFY(dialog->card()->toPlainText().contains(QStringLiteral("inventory's own spans")));

    // The language switch changes the cards, keeps the scenario and is remembered.
    dialog->languageBox()->setCurrentIndex(1);
    Q_EMIT dialog->languageBox()->activated(1);
    QCOMPARE(training->language(), TrainingLanguage::Japanese);
    QCOMPARE(dialog->selectedScenario(), QStringLiteral("syn-backlog"));
    QVERIFY(dialog->card()->toPlainText().contains(QStringLiteral("利用者の苦情")));
    QVERIFY(dialog->scenarioList()->currentItem()->text().contains(QStringLiteral("3 秒")));
    QCOMPARE(QSettings().value(QStringLiteral("training/language")).toString(),
             QStringLiteral("ja"));
    dialog->languageBox()->setCurrentIndex(0);
    Q_EMIT dialog->languageBox()->activated(0);
    QCOMPARE(training->language(), TrainingLanguage::English);
    dialog->reject();
}

void TestTraining::scenarioFromStartToFix()
{
    QTemporaryDir dir;
    const auto guiMode = startedGui(dir, {120, 1.0, 3.0});
    GuiMode &gui = *guiMode;
    gui.window()->show();
    TrainingController *training = gui.training();
    QSignalSpy finished(training, &TrainingController::playbackFinished);

    training->menu()->startAction()->trigger();
    training->dialog()->selectScenario(QStringLiteral("n-plus-one"));
    training->dialog()->startButton()->click();
    QVERIFY(training->isRunning());
    QVERIFY(training->isPlaying());
    QVERIFY(gui.runtime()->sessionPath().startsWith(
        dir.filePath(QStringLiteral("training-n-plus-one-"))));
    QVERIFY(gui.window()->windowTitle().startsWith(QStringLiteral("training-n-plus-one-")));
    TrainingPanel *panel = training->panel();
    QVERIFY(panel->isVisible());
    QVERIFY(panel->phaseText().startsWith(QStringLiteral("Before the fix")));
    QVERIFY(training->menu()->foundItAction()->isEnabled());
    QVERIFY(!training->menu()->compareAction()->isEnabled());
    QVERIFY(finished.wait(30000));
    QVERIFY(!training->isPlaying());
    QCOMPARE(panel->phaseText(), QStringLiteral("The story has ended"));

    // Nothing selected: the learner is told what to point at.
    FindingsPane *findings = findingsPane(gui);
    QVERIFY(findings);
    findings->setLiveIntervalMs(200);
    metricsPane(gui)->browserView()->setCurrentIndex({});
    findings->table()->setCurrentIndex({});
    training->menu()->foundItAction()->trigger();
    QVERIFY(panel->messagesText().contains(QStringLiteral("Select what you think is the cause")));

    // The scenario's telemetry went through the receiver into the session: the N+1 is found
    // once the learner looks at the Findings pane (behind a tab it does not analyse).
    gui.window()->showPane(WorkbenchWindow::Pane::Findings);
    QTRY_VERIFY_WITH_TIMEOUT(rowOfKind(*findings->model(), FindingKind::NPlusOne) >= 0, 30000);
    const int nPlusOne = rowOfKind(*findings->model(), FindingKind::NPlusOne);
    findings->table()->setCurrentIndex(findings->model()->index(nPlusOne, 0));
    // The metric browser may have reloaded meanwhile and made a metric current again; with both
    // selected the answer would be a choice (tested below), not this finding alone.
    metricsPane(gui)->browserView()->setCurrentIndex({});
    training->menu()->foundItAction()->trigger();
    QVERIFY2(panel->messagesText().contains(QStringLiteral("Right.")),
             qPrintable(panel->messagesText()));
    QVERIFY(panel->messagesText().contains(QStringLiteral("20 round trips")));

    // A metric that does not explain it: not it, with the task as a nudge.
    findings->table()->setCurrentIndex({});
    MetricsPane *metrics = metricsPane(gui);
    const QString durationKey = QStringLiteral("shop-api") + QChar(0x1f)
                                + QStringLiteral("http.server.request.duration") + QChar(0x1f)
                                + QString::number(int(MetricType::Histogram));
    QTRY_VERIFY_WITH_TIMEOUT(metrics->selectMetric(durationKey), 10000);
    training->menu()->foundItAction()->trigger();
    QVERIFY(panel->messagesText().contains(QStringLiteral("Not it.")));
    QVERIFY(panel->messagesText().contains(QStringLiteral("Metric: http.server.request.duration")));
    QVERIFY(panel->messagesText().contains(QStringLiteral("Read the task again")));

    // Both selected: the learner picks which one is meant; the finding is offered first.
    findings->table()->setCurrentIndex(findings->model()->index(nPlusOne, 0));
    training->menu()->foundItAction()->trigger();
    QMenu *choice = nullptr;
    QTRY_VERIFY((choice = gui.window()->findChild<QMenu *>(QStringLiteral("trainingAnswerChoice")))
                && choice->isVisible());
    QCOMPARE(choice->actions().size(), 2);
    QCOMPARE(choice->activeAction(), choice->actions().constFirst());
    QVERIFY(choice->actions().constLast()->text().contains(QStringLiteral("http.server")));
    choice->actions().constFirst()->trigger();
    QCOMPARE(panel->messagesText().count(QStringLiteral("Right.")), 2);
    choice->close();

    // A span of the open trace: one of the repeated order_items queries of the finding's first
    // example. The finding and a metric stay selected; the learner was in the trace last.
    const Finding nPlusOneFinding = findings->model()->finding(nPlusOne);
    QVERIFY(!nPlusOneFinding.examples.empty());
    const FindingExample example = nPlusOneFinding.examples.front();
    auto *traces = qobject_cast<TracesPane *>(
        gui.window()->paneDock(WorkbenchWindow::Pane::Traces)->widget());
    QVERIFY(traces);
    TraceInspector *inspector = traces->traceInspector();
    gui.window()->showPane(WorkbenchWindow::Pane::Traces);
    gui.state()->selectSpans(example.traceId, example.spanIds);
    QTRY_VERIFY_WITH_TIMEOUT(
        inspector->trace() && inspector->selectedSpanId() == example.spanIds.front(), 10000);
    gui.window()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(gui.window()));
    inspector->waterfallView()->setFocus(Qt::MouseFocusReason);
    QTRY_COMPARE(training->lastTouched(), TrainingController::AnswerSource::Span);
    QTRY_VERIFY(metrics->selectMetric(durationKey));
    training->menu()->foundItAction()->trigger();
    QVERIFY(!gui.window()->findChild<QMenu *>(QStringLiteral("trainingAnswerChoice")));
    QCOMPARE(panel->messagesText().count(QStringLiteral("Right.")), 3);
    QVERIFY2(panel->messagesText().contains(QStringLiteral("Span: shop-api")),
             qPrintable(panel->messagesText()));
    QVERIFY(panel->messagesText().contains(QStringLiteral("its siblings repeat")));
    QVERIFY(panel->messagesText().contains(QStringLiteral("this is the one you touched last")));

    // The request's own span: close, a symptom.
    const auto root
        = std::find_if(inspector->trace()->spans.begin(), inspector->trace()->spans.end(),
                       [](const TraceSpan &span) { return span.span.isRoot(); });
    QVERIFY(root != inspector->trace()->spans.end());
    inspector->selectSpan(root->span.spanId);
    training->menu()->foundItAction()->trigger();
    QVERIFY2(panel->messagesText().contains(QStringLiteral("Close: this is a symptom")),
             qPrintable(panel->messagesText()));
    QVERIFY(panel->messagesText().contains(QStringLiteral("look at what it repeats")));

    // Back in the Findings pane: the finding counts again, though the span is still selected.
    gui.window()->showPane(WorkbenchWindow::Pane::Findings);
    findings->table()->setFocus(Qt::MouseFocusReason);
    QTRY_COMPARE(training->lastTouched(), TrainingController::AnswerSource::Finding);
    training->menu()->foundItAction()->trigger();
    QCOMPARE(panel->messagesText().count(QStringLiteral("Right.")), 4);
    QVERIFY(panel->messagesText().contains(QStringLiteral("20 round trips")));

    // Hints: one at a time, then "that was the last".
    for (int i = 0; i < 4; ++i)
        training->menu()->hintAction()->trigger();
    QVERIFY(panel->messagesText().contains(QStringLiteral("Hint 1 of 3")));
    QVERIFY(panel->messagesText().contains(QStringLiteral("Hint 3 of 3")));
    QVERIFY(panel->messagesText().contains(QStringLiteral("That was the last hint.")));

    // Apply the fix: the after variant plays into the same session.
    const QString session = gui.runtime()->sessionPath();
    training->menu()->applyFixAction()->trigger();
    QVERIFY(training->isFixApplied());
    QVERIFY(training->isPlaying());
    QVERIFY(!training->menu()->applyFixAction()->isEnabled());
    QVERIFY(training->menu()->compareAction()->isEnabled());
    QVERIFY(panel->phaseText().startsWith(QStringLiteral("After the fix")));
    QVERIFY(panel->messagesText().contains(QStringLiteral("one query per order")));
    QVERIFY(finished.wait(30000));
    QCOMPARE(gui.runtime()->sessionPath(), session);

    // Before/after: the order page makes fewer calls per request and is faster.
    QSignalSpy shown(training, &TrainingController::comparisonShown);
    QTRY_VERIFY_WITH_TIMEOUT((training->menu()->compareAction()->trigger(), shown.wait(15000))
                                 && training->comparisonDialog()->headlineRow()
                                 && training->comparisonDialog()->headlineRow()->requestsAfter > 0,
                             30000);
    const ComparisonRow row = *training->comparisonDialog()->headlineRow();
    QCOMPARE(row.operation, std::string("GET /orders/:id"));
    QVERIFY(row.callsPerRequest.after < row.callsPerRequest.before);
    QVERIFY(row.p50Ns.after < row.p50Ns.before);
    QVERIFY(training->comparisonDialog()->isVisible());
    QVERIFY(
        training->comparisonDialog()->headlineText().contains(QStringLiteral("GET /orders/:id")));
    QVERIFY(training->comparisonDialog()->findingsText().contains(
        QStringLiteral("Gone after the fix")));

    training->menu()->stopAction()->trigger();
    QVERIFY(!training->isRunning());
    QVERIFY(!panel->isVisible());
    QVERIFY(!training->menu()->hintAction()->isEnabled());
    QCOMPARE(gui.runtime()->sessionPath(), session); // the session stays open
}

void TestTraining::sessionSwitchStopsThePlayer()
{
    QTemporaryDir dir;
    const auto gui = startedGui(dir, {10, 600.0, 600.0});
    TrainingController *training = gui->training();
    QSignalSpy finished(training, &TrainingController::playbackFinished);
    training->setLanguage(TrainingLanguage::Japanese);
    QVERIFY(training->start(QStringLiteral("slow-query")));
    QVERIFY(training->isPlaying());
    // The bar speaks the training's language.
    training->showNextHint();
    QVERIFY(training->panel()->messagesText().contains(QStringLiteral("ヒント 1/3")));
    QVERIFY(training->panel()->messagesText().contains(
        QStringLiteral("GET /reports/sales で絞り込み")));
    training->setLanguage(TrainingLanguage::English);
    QVERIFY(gui->sessions()->openSession(dir.filePath(QStringLiteral("other.kansoku"))));
    QVERIFY(!training->isRunning());
    QVERIFY(!training->panel()->isVisible());
    // The stopped player ends on its own within a live tick and is deleted, without a signal
    // for the training that is over.
    QTRY_COMPARE_WITH_TIMEOUT(
        training->findChildren<TrainingPlayback *>(Qt::FindDirectChildrenOnly).size(), 0, 5000);
    QCOMPARE(finished.count(), 0);
}

void TestTraining::closingWhilePlaying()
{
    QTemporaryDir dir;
    auto gui = startedGui(dir, {10, 600.0, 600.0});
    QVERIFY(gui->training()->start(QStringLiteral("version-lock")));
    QVERIFY(gui->training()->isPlaying());
    QTest::qWait(300);
    // shutdown() stops and joins the player before the receivers stop; nothing is left running.
    gui.reset();
}

QTEST_MAIN(TestTraining)
#include "tst_training.moc"
