// The windowed app's file and session handling, driven through GuiMode offscreen: files
// dropped on the window import with progress, cancel and a summary listing problems; session
// switches with real receivers (live data lands in the new file); Save as continues in a
// consistent copy; a read-only session opens paused and stays unchanged; `kansoku FILE...`.
#include "core/telemetry_queries.h"
#include "file_import_controller.h"
#include "forwarding_dialog.h"
#include "gui_mode.h"
#include "import_progress_widget.h"
#include "import_summary_dialog.h"
#include "kansoku_runtime.h"
#include "receive_controller.h"
#include "receive_menu.h"
#include "session_controller.h"
#include "session_limits_dialog.h"
#include "support/gui_mode_options.h"
#include "support/session_totals.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "trace_inspector.h"
#include "traces_pane.h"
#include "ui_language.h"
#include "view/command_palette_entry.h"
#include "view/workbench_state.h"
#include "workbench_commands.h"
#include "workbench_status_bar.h"
#include "workbench_window.h"

#include <QAction>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace kansoku;
using kansoku::test::optionsWithoutAgeLimitFor;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(KANSOKU_TEST_DATA_DIR "/files/") + QLatin1String(name);
}

// POSTs one OTLP/JSON log record to the HTTP receiver on port; the status (0: no answer).
int postLog(quint16 port)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/logs").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = network.post(
        request,
        R"({"resourceLogs":[{"resource":{},"scopeLogs":[{"logRecords":[{"timeUnixNano":"1700000000000000000","body":{"stringValue":"paused?"}}]}]}]})");
    QSignalSpy replied(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !replied.wait(30000))
        return 0;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

quint16 httpPort(const KansokuRuntime &runtime)
{
    for (const ReceiverStatus &status : runtime.receiverStatuses()) {
        if (status.protocol == "OTLP/HTTP" && status.listening)
            return quint16(
                QString::fromStdString(status.endpoint).section(QLatin1Char(':'), -1).toUInt());
    }
    return 0;
}

using kansoku::test::sessionTotals;

QByteArray digest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// withText: the paths as text/plain too, as many file managers offer them.
void drop(QWidget *window, const QStringList &paths, bool withText = false)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    if (withText)
        mime.setText(paths.join(QLatin1Char('\n')));
    const QPoint centre = window->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropEvent(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window, &dropEvent);
    QVERIFY(dropEvent.isAccepted());
}

} // namespace

class TestGuiMode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void dropImportsWithProgressAndSummary();
    void cancelStopsImportAndDropsQueue();
    void dropOnSearchFieldImportsToo();
    void newSessionTakesLiveData();
    void saveAsContinuesInCopy();
    void readOnlySessionIsPausedAndUnchanged();
    void commandLineFilesAndSession();
    void commandLineTraceAndRange();
    void pauseActionRefusesThenResumes();
    void forwardingDialogSetsAndStopsForwarding();
    void clearAndLimitsFromTheWindow();
};

void TestGuiMode::initTestCase()
{
    // Keeps QSettings (recent sessions, layout) away from the user's own.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KansokuTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_gui_mode"));
    // The English plural forms, as main() installs them ("1 request", not "1 request(s)").
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English));
}

void TestGuiMode::dropImportsWithProgressAndSummary()
{
    QTemporaryDir dir;
    GuiMode session(optionsWithoutAgeLimitFor(dir.filePath(QStringLiteral("drop.kansoku"))));
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    WorkbenchWindow *window = session.window();
    window->show();
    QVERIFY(window->isShowingEmptyState());

    bool progressVisible = false;
    QString progressText;
    connect(session.imports(), &FileImportController::progressChanged, this, [&] {
        progressVisible
            = window->importProgress()->isVisible() && window->importProgress()->isImporting();
        progressText = window->importProgress()->text();
    });
    QSignalSpy finished(session.imports(), &FileImportController::finished);
    drop(window,
         {fixture("js_sdk_mixed.jsonl"), fixture("bad_line.jsonl"), fixture("not_telemetry.txt")});
    QVERIFY(session.imports()->isImporting());
    QVERIFY(finished.wait(30000));
    QVERIFY(progressVisible);
    QVERIFY2(progressText.contains(QLatin1String(" MB")), qPrintable(progressText));

    const auto summary = finished.constFirst().constFirst().value<ImportSummary>();
    QCOMPARE(summary.files.size(), std::size_t(3));
    QVERIFY(!summary.cancelled);
    QCOMPARE(summary.files[0].spans, 4);
    QCOMPARE(summary.files[0].problemCount, 0);
    QCOMPARE(summary.files[1].problemCount, 1);
    QVERIFY(summary.files[2].unreadable);

    // The summary in the status bar, the details (opened at once: a file was no telemetry).
    QVERIFY(!window->importProgress()->isImporting());
    QVERIFY2(window->importProgress()->text().contains(QLatin1String("problems")),
             qPrintable(window->importProgress()->text()));
    QVERIFY(window->importSummaryDialog()->isVisible());
    const QString details = window->importSummaryDialog()->text();
    QVERIFY2(details.contains(QLatin1String("bad_line.jsonl:3: ")), qPrintable(details));
    QVERIFY2(details.contains(QLatin1String("not_telemetry.txt: not a telemetry file")),
             qPrintable(details));

    // The data reaches the store and the panes replace the empty state.
    QTRY_VERIFY_WITH_TIMEOUT(session.runtime()->storageStatus().totals.spans >= 4, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!window->isShowingEmptyState(), 20000);
}

void TestGuiMode::cancelStopsImportAndDropsQueue()
{
    QTemporaryDir dir;
    // ~40 MB of JSON lines: far more than is read before the first progress report.
    const QString big = dir.filePath(QStringLiteral("big.jsonl"));
    {
        QFile source(fixture("js_sdk_mixed.jsonl"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray content = source.readAll();
        QFile target(big);
        QVERIFY(target.open(QIODevice::WriteOnly));
        for (int i = 0; i < 5000; ++i)
            target.write(content);
    }
    GuiMode session(optionsWithoutAgeLimitFor(dir.filePath(QStringLiteral("cancel.kansoku"))));
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    WorkbenchWindow *window = session.window();
    window->show();

    bool clicked = false;
    connect(session.imports(), &FileImportController::progressChanged, this, [&] {
        if (clicked)
            return;
        clicked = true;
        QToolButton *cancel = window->importProgress()->cancelButton();
        QVERIFY(cancel->isVisible());
        cancel->click();
    });
    QSignalSpy finished(session.imports(), &FileImportController::finished);
    window->openFilesRequested({big, fixture("jaeger_traces.json")});
    QVERIFY(finished.wait(30000));
    QVERIFY(clicked);
    const auto summary = finished.constFirst().constFirst().value<ImportSummary>();
    QVERIFY(summary.cancelled);
    QCOMPARE(summary.files.size(), std::size_t(1)); // the queued file was dropped
    QCOMPARE(summary.files[0].outcome, QStringLiteral("cancelled"));
    QVERIFY(summary.files[0].spans < 5000 * 4);
    QVERIFY(window->importProgress()->text().startsWith(QLatin1String("Import cancelled")));
    QVERIFY(!session.imports()->isImporting());
}

void TestGuiMode::dropOnSearchFieldImportsToo()
{
    QTemporaryDir dir;
    GuiMode session(optionsWithoutAgeLimitFor(dir.filePath(QStringLiteral("field.kansoku"))));
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    session.window()->show();
    // A line edit takes text drops itself; a file dropped there must open, not paste its path.
    QLineEdit *field = nullptr;
    for (QLineEdit *candidate : session.window()->findChildren<QLineEdit *>()) {
        if (candidate->acceptDrops() && !candidate->isReadOnly()) {
            field = candidate;
            break;
        }
    }
    QVERIFY(field);
    const QString textBefore = field->text();
    QSignalSpy finished(session.imports(), &FileImportController::finished);
    drop(field, {fixture("zipkin_spans.json")}, true);
    QVERIFY(finished.wait(30000));
    QCOMPARE(field->text(), textBefore);
    const auto summary = finished.constFirst().constFirst().value<ImportSummary>();
    QCOMPARE(summary.files.size(), std::size_t(1));
    QVERIFY(summary.files[0].spans > 0);
}

void TestGuiMode::newSessionTakesLiveData()
{
    QTemporaryDir dir;
    const QString first = dir.filePath(QStringLiteral("first.kansoku"));
    const QString second = dir.filePath(QStringLiteral("second.kansoku"));
    GuiMode session(optionsWithoutAgeLimitFor(first));
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    const quint16 port = httpPort(*session.runtime());
    QVERIFY(port != 0);

    QSignalSpy changed(session.sessions(), &SessionController::sessionChanged);
    QVERIFY(session.sessions()->newSession(second));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(session.runtime()->sessionPath(), second);
    QCOMPARE(httpPort(*session.runtime()), port); // same port after the switch
    QVERIFY(session.window()->windowTitle().startsWith(QLatin1String("second.kansoku")));
    QCOMPARE(session.sessions()->recentSessions().constFirst(), second);
    QVERIFY(session.sessions()->recentSessions().contains(first));

    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/logs").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = network.post(
        request,
        R"({"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"switch-test"}}]},"scopeLogs":[{"logRecords":[{"timeUnixNano":"1700000000000000000","body":{"stringValue":"after the switch"}}]}]}]})");
    QSignalSpy replied(reply, &QNetworkReply::finished);
    QVERIFY(replied.wait(30000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    QTRY_COMPARE_WITH_TIMEOUT(session.runtime()->storageStatus().totals.logRecords, 1, 20000);

    session.shutdown();
    QCOMPARE(sessionTotals(second).logRecords, 1);
    QCOMPARE(sessionTotals(first).logRecords, 0);
}

void TestGuiMode::saveAsContinuesInCopy()
{
    QTemporaryDir dir;
    const QString original = dir.filePath(QStringLiteral("original.kansoku"));
    const QString copy = dir.filePath(QStringLiteral("copy.kansoku"));
    GuiMode session(optionsWithoutAgeLimitFor(original));
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    QSignalSpy finished(session.imports(), &FileImportController::finished);
    session.window()->openFilesRequested({fixture("js_sdk_mixed.jsonl")});
    QVERIFY(finished.wait(30000));
    QTRY_COMPARE_WITH_TIMEOUT(session.runtime()->storageStatus().totals.spans, 4, 20000);

    QSignalSpy saved(session.sessions(), &SessionController::saveFinished);
    session.window()->saveSessionAsRequested(copy);
    // The copy may finish before the continuation is attached, answering at once.
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 30000);
    QCOMPARE(saved.constFirst().constFirst().toBool(), true);
    QCOMPARE(session.runtime()->sessionPath(), copy);
    QCOMPARE(session.runtime()->storageStatus().totals.spans, 4);
    QVERIFY(session.window()->windowTitle().startsWith(QLatin1String("copy.kansoku")));

    // Further imports go into the copy only.
    session.window()->openFilesRequested({fixture("jaeger_traces.json")});
    QVERIFY(finished.wait(30000));
    QTRY_COMPARE_WITH_TIMEOUT(session.runtime()->storageStatus().totals.spans, 7, 20000);
    session.shutdown();
    QCOMPARE(sessionTotals(copy).spans, 7);
    QCOMPARE(sessionTotals(original).spans, 4);
}

void TestGuiMode::readOnlySessionIsPausedAndUnchanged()
{
    QTemporaryDir dir;
    // In a folder of its own, so what appears beside it can be checked.
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("shared")));
    const QString shared = dir.filePath(QStringLiteral("shared/shared.kansoku"));
    {
        GuiMode writer(optionsWithoutAgeLimitFor(shared));
        QString error;
        QVERIFY2(writer.start(&error), qPrintable(error));
        QSignalSpy finished(writer.imports(), &FileImportController::finished);
        writer.window()->openFilesRequested({fixture("zipkin_spans.json")});
        QVERIFY(finished.wait(30000));
        writer.shutdown();
    }
    const std::int64_t spans = sessionTotals(shared).spans;
    QVERIFY(spans > 0);
    // Not ours to change: no write permission.
    QVERIFY(QFile::setPermissions(shared, QFileDevice::ReadOwner | QFileDevice::ReadGroup
                                              | QFileDevice::ReadOther));
    const QByteArray before = digest(shared);
    const QDateTime modifiedBefore = QFileInfo(shared).lastModified();
    const QDir sharedDir(dir.filePath(QStringLiteral("shared")));
    const QStringList filesBefore = sharedDir.entryList(QDir::Files);

    GuiMode session(optionsWithoutAgeLimitFor(dir.filePath(QStringLiteral("own.kansoku"))));
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    session.window()->show();
    drop(session.window(), {shared});
    QCOMPARE(session.runtime()->sessionPath(), shared);
    QVERIFY(session.runtime()->isReadOnly());
    QVERIFY2(session.window()->windowTitle().contains(QLatin1String("shared.kansoku [read-only]")),
             qPrintable(session.window()->windowTitle()));
    for (const ReceiverStatus &status : session.runtime()->receiverStatuses()) {
        QVERIFY(!status.listening);
        QVERIFY(QString::fromStdString(status.error).contains(QLatin1String("read-only")));
    }
    QCOMPARE(session.runtime()->store()->queries()->totals().spans, spans);
    const auto *statusBar = qobject_cast<WorkbenchStatusBar *>(session.window()->statusBar());
    QVERIFY(statusBar);
    QVERIFY2(statusBar->receiversText().contains(QLatin1String("paused")),
             qPrintable(statusBar->receiversText()));
    QVERIFY(statusBar->databaseText().contains(QLatin1String("[read-only]")));
    QTRY_VERIFY_WITH_TIMEOUT(!session.window()->isShowingEmptyState(), 20000);

    // Importing into it is refused with a message; nothing starts.
    session.window()->openFilesRequested({fixture("jaeger_traces.json")});
    QVERIFY(!session.imports()->isImporting());
    const auto boxes
        = session.window()->findChildren<QMessageBox *>(QStringLiteral("errorMessage"));
    QVERIFY(!boxes.isEmpty());
    QVERIFY(boxes.constLast()->text().contains(QLatin1String("read-only")));

    // Save as: the copy is writable, the receivers come back, the original is as it was.
    QSignalSpy saved(session.sessions(), &SessionController::saveFinished);
    const QString copy = dir.filePath(QStringLiteral("mine.kansoku"));
    session.window()->saveSessionAsRequested(copy);
    // The copy may finish before the continuation is attached, answering at once.
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 30000);
    QCOMPARE(saved.constFirst().constFirst().toBool(), true);
    QCOMPARE(session.runtime()->sessionPath(), copy);
    QVERIFY(!session.runtime()->isReadOnly());
    QVERIFY(httpPort(*session.runtime()) != 0);
    QCOMPARE(session.runtime()->storageStatus().totals.spans, spans);
    QVERIFY(!session.window()->windowTitle().contains(QLatin1String("read-only")));
    session.shutdown();
    QCOMPARE(digest(shared), before);
    QCOMPARE(QFileInfo(shared).lastModified(), modifiedBefore);
    QCOMPARE(sharedDir.entryList(QDir::Files), filesBefore);
}

void TestGuiMode::commandLineFilesAndSession()
{
    QTemporaryDir dir;
    const QString named = dir.filePath(QStringLiteral("named.kansoku"));
    {
        StorageOptions options;
        options.databasePath = named;
        TelemetryStore store(options);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
    }
    // `kansoku --db other.kansoku named.kansoku js_sdk_mixed.jsonl`: the session file is the
    // session, the telemetry file is imported into it.
    GuiMode session(optionsWithoutAgeLimitFor(dir.filePath(QStringLiteral("other.kansoku")),
                                              {named, fixture("js_sdk_mixed.jsonl")}));
    QCOMPARE(session.runtime()->sessionPath(), named);
    QSignalSpy finished(session.imports(), &FileImportController::finished);
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    QVERIFY(finished.wait(30000));
    QTRY_COMPARE_WITH_TIMEOUT(session.runtime()->storageStatus().totals.spans, 4, 20000);
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("other.kansoku"))));
}

void TestGuiMode::commandLineTraceAndRange()
{
    // A session holding one trace, as a CI job or a log line would point at it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("evidence.kansoku"));
    constexpr std::int64_t baseNs = 1'796'292'000'000'000'000; // 2026-12-03T10:00:00Z
    constexpr std::int64_t msNs = 1'000'000;
    const TraceId wanted = testdata::traceId(42);
    {
        StorageOptions options;
        options.databasePath = path;
        TelemetryStore store(options);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        testdata::offerPatiently(
            store, testdata::spanBatch(
                       testdata::resource("checkout"),
                       {testdata::span(wanted, testdata::spanId(1), {}, "GET /orders/:id", baseNs,
                                       baseNs + 80 * msNs),
                        testdata::span(wanted, testdata::spanId(2), testdata::spanId(1),
                                       "SELECT order", baseNs + msNs, baseNs + 9 * msNs)}));
        QTRY_COMPARE(store.status().queuedItems, std::int64_t(0));
    }
    CommandLineOptions options
        = optionsWithoutAgeLimitFor(dir.filePath(QStringLiteral("unused.kansoku")), {path});
    const TimeRange range{baseNs - 60'000 * msNs, baseNs + 60'000 * msNs};
    options.openTraceId = wanted;
    options.openRange = range;
    GuiMode gui(options);
    QString error;
    QVERIFY2(gui.start(&error), qPrintable(error));
    QCOMPARE(gui.state()->timeRange(), range);
    QCOMPARE(gui.state()->rangePreset(), WorkbenchState::RangePreset::Custom);
    auto *traces = qobject_cast<TracesPane *>(
        gui.window()->paneDock(WorkbenchWindow::Pane::Traces)->widget());
    QVERIFY(traces);
    QTRY_VERIFY(traces->traceInspector()->trace());
    QVERIFY(traces->traceInspector()->trace()->traceId == wanted);
    QCOMPARE(traces->traceInspector()->trace()->spans.size(), std::size_t(2));

    // A trace the session does not hold: the window says so.
    CommandLineOptions missing
        = optionsWithoutAgeLimitFor(dir.filePath(QStringLiteral("unused.kansoku")), {path});
    missing.openTraceId = testdata::traceId(7);
    GuiMode other(missing);
    gui.shutdown();
    QVERIFY2(other.start(&error), qPrintable(error));
    auto *bar = other.window()->findChild<WorkbenchStatusBar *>();
    QTRY_VERIFY2(bar->currentMessage().contains(QStringLiteral("not in this session")),
                 qPrintable(bar->currentMessage()));
    QVERIFY(bar->currentMessage().contains(QString::fromStdString(toHex(testdata::traceId(7)))));
}

void TestGuiMode::pauseActionRefusesThenResumes()
{
    QTemporaryDir dir;
    GuiMode session(optionsWithoutAgeLimitFor(dir.filePath(QStringLiteral("pause.kansoku"))));
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    session.window()->show();
    const quint16 port = httpPort(*session.runtime());
    QVERIFY(port != 0);
    QAction *pause = session.window()->receiveMenu()->pauseAction();
    QVERIFY(pause->isCheckable());
    QCOMPARE(pause->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+P")));
    QVERIFY(!pause->isChecked());
    const auto *statusBar = session.window()->workbenchStatusBar();

    pause->trigger();
    QVERIFY(pause->isChecked());
    QVERIFY(session.runtime()->isPaused());
    QVERIFY2(statusBar->receiversText().contains(QLatin1String("receiving paused")),
             qPrintable(statusBar->receiversText()));
    QCOMPARE(postLog(port), 503);
    QTRY_VERIFY2_WITH_TIMEOUT(
        statusBar->problemsText().contains(QLatin1String("1 request refused while paused")),
        qPrintable(statusBar->problemsText()), 10000);
    QCOMPARE(session.runtime()->storageStatus().totals.logRecords, 0);

    // Paused stays paused in another session: the user paused receiving, not a file.
    QVERIFY(session.sessions()->newSession(dir.filePath(QStringLiteral("next.kansoku"))));
    QVERIFY(session.runtime()->isPaused());
    QVERIFY(pause->isChecked());
    QCOMPARE(postLog(port), 503);
    QTRY_VERIFY_WITH_TIMEOUT(statusBar->receiversText().contains(QLatin1String("receiving paused")),
                             10000);

    pause->trigger();
    QVERIFY(!pause->isChecked());
    QVERIFY(!session.runtime()->isPaused());
    QVERIFY2(!statusBar->receiversText().contains(QLatin1String("paused")),
             qPrintable(statusBar->receiversText()));
    QVERIFY(statusBar->receiversText().contains(QString::number(port)));
    QCOMPARE(postLog(port), 200);
    QTRY_COMPARE_WITH_TIMEOUT(session.runtime()->storageStatus().totals.logRecords, 1, 20000);
    QCOMPARE(session.runtime()->counters().total().paused, 2);
    session.shutdown();
}

void TestGuiMode::forwardingDialogSetsAndStopsForwarding()
{
    QTemporaryDir dir;
    QSettings().remove(QLatin1String(ReceiveController::urlKey));
    // The upstream: a second Kansoku in this process.
    KansokuRuntime upstream(
        optionsWithoutAgeLimitFor(dir.filePath(QStringLiteral("upstream.kansoku"))));
    QString error;
    QVERIFY2(upstream.start(&error), qPrintable(error));
    const quint16 upstreamPort = httpPort(upstream);

    auto session = std::make_unique<GuiMode>(
        optionsWithoutAgeLimitFor(dir.filePath(QStringLiteral("f.kansoku"))));
    QVERIFY2(session->start(&error), qPrintable(error));
    const quint16 port = httpPort(*session->runtime());
    ForwardingDialog *dialog = session->window()->forwardingDialog();
    session->window()->receiveMenu()->forwardingAction()->trigger();
    QVERIFY(dialog->isVisible());
    auto *apply = dialog->findChild<QPushButton *>(QStringLiteral("forwardingApply"));
    QVERIFY(apply);

    dialog->urlEdit()->setText(QStringLiteral("collector:4318"));
    apply->click();
    QVERIFY2(dialog->problemText().startsWith(QLatin1String("Upstream URL:")),
             qPrintable(dialog->problemText()));
    QVERIFY(dialog->isVisible());
    QVERIFY(!session->runtime()->forwardTarget());
    // Its own receiver would be a loop.
    dialog->urlEdit()->setText(QStringLiteral("http://127.0.0.1:%1").arg(port));
    apply->click();
    QVERIFY2(dialog->problemText().contains(QLatin1String("own receiver")),
             qPrintable(dialog->problemText()));
    dialog->urlEdit()->setText(QStringLiteral("http://127.0.0.1:%1").arg(upstreamPort));
    dialog->headersEdit()->setPlainText(QStringLiteral("no equals sign"));
    apply->click();
    QVERIFY2(dialog->problemText().startsWith(QLatin1String("Headers:")),
             qPrintable(dialog->problemText()));

    dialog->headersEdit()->setPlainText(QStringLiteral("x-team=blue"));
    apply->click();
    QVERIFY(!dialog->isVisible());
    QVERIFY(session->runtime()->forwardTarget());
    QCOMPARE(QSettings().value(QLatin1String(ReceiveController::urlKey)).toString(),
             QStringLiteral("http://127.0.0.1:%1").arg(upstreamPort));
    QCOMPARE(postLog(port), 200);
    QTRY_COMPARE_WITH_TIMEOUT(upstream.storageStatus().totals.logRecords, 1, 20000);
    const auto *statusBar = session->window()->workbenchStatusBar();
    QTRY_VERIFY2_WITH_TIMEOUT(statusBar->forwardingText().contains(QLatin1String("1 forwarded")),
                              qPrintable(statusBar->forwardingText()), 10000);
    session->shutdown();
    session.reset();

    // The next start forwards to the saved upstream (without the header values).
    session = std::make_unique<GuiMode>(
        optionsWithoutAgeLimitFor(dir.filePath(QStringLiteral("g.kansoku"))));
    QVERIFY2(session->start(&error), qPrintable(error));
    QVERIFY(session->runtime()->forwardTarget());
    QCOMPARE(session->runtime()->forwardTarget()->endpoint.port(), int(upstreamPort));
    QVERIFY(session->runtime()->forwardTarget()->headers.isEmpty());
    QCOMPARE(postLog(httpPort(*session->runtime())), 200);
    QTRY_COMPARE_WITH_TIMEOUT(upstream.storageStatus().totals.logRecords, 2, 20000);

    // Stop forwarding: nothing more goes, and the next start does not forward either.
    session->window()->receiveMenu()->forwardingAction()->trigger();
    dialog = session->window()->forwardingDialog();
    dialog->findChild<QPushButton *>(QStringLiteral("forwardingStop"))->click();
    QVERIFY(!session->runtime()->forwardTarget());
    QVERIFY(!session->runtime()->forwardingStatus().enabled);
    QVERIFY(!QSettings().contains(QLatin1String(ReceiveController::urlKey)));
    QCOMPARE(postLog(httpPort(*session->runtime())), 200);
    QTRY_COMPARE_WITH_TIMEOUT(session->runtime()->storageStatus().totals.logRecords, 1, 20000);
    session->shutdown();
    upstream.stop();
    QCOMPARE(sessionTotals(dir.filePath(QStringLiteral("upstream.kansoku"))).logRecords, 2);
}

void TestGuiMode::clearAndLimitsFromTheWindow()
{
    QTemporaryDir dir;
    GuiMode session(optionsWithoutAgeLimitFor(dir.filePath(QStringLiteral("clear.kansoku"))));
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    WorkbenchWindow *window = session.window();
    window->show();
    QSignalSpy finished(session.imports(), &FileImportController::finished);
    window->openFilesRequested({fixture("js_sdk_mixed.jsonl")});
    QVERIFY(finished.wait(30000));
    QTRY_COMPARE_WITH_TIMEOUT(session.runtime()->storageStatus().totals.spans, 4, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!window->isShowingEmptyState(), 10000);

    // A trace open in the Traces pane.
    auto *traces
        = qobject_cast<TracesPane *>(window->paneDock(WorkbenchWindow::Pane::Traces)->widget());
    QVERIFY(traces);
    const TraceId traceId = session.runtime()->store()->queries()->traces({}).front().traceId;
    QSignalSpy loaded(traces, &TracesPane::traceLoaded);
    session.state()->selectSpan(traceId);
    QVERIFY(loaded.wait(10000));
    QVERIFY(loaded.constLast().constFirst().value<std::shared_ptr<const Trace>>());

    // The session's services in the window's and the Traces pane's service filters and in the
    // command palette.
    const auto offeredServices = [window] {
        QStringList offered;
        for (const QComboBox *box :
             window->findChildren<QComboBox *>(QStringLiteral("serviceFilter"))) {
            for (int i = 1; i < box->count(); ++i) // 0: All services
                offered.append(box->itemText(i));
        }
        for (const CommandPaletteEntry &entry : window->commands()->gatherEntries()) {
            if (entry.kind == CommandPaletteEntry::Kind::Service)
                offered.append(entry.text);
        }
        return offered;
    };
    QCOMPARE(window->findChildren<QComboBox *>(QStringLiteral("serviceFilter")).size(), 2);
    // The file's two services, in each of the three places.
    QTRY_COMPARE_WITH_TIMEOUT(offeredServices().size(), qsizetype(6), 10000);

    // File › Clear session data…, confirmed: the writer deletes everything, the window goes
    // back to its empty state, the open trace says it is gone and no service is offered.
    window->findChild<QAction *>(QStringLiteral("clearSessionDataAction"))->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY(
        (box = window->findChild<QMessageBox *>(QStringLiteral("clearSessionDataConfirmation")))
        != nullptr);
    for (QAbstractButton *button : box->buttons()) {
        if (button->text() == QLatin1String("Clear"))
            button->click();
    }
    QTRY_COMPARE_WITH_TIMEOUT(session.runtime()->storageStatus().totals.spans, 0, 20000);
    QCOMPARE(session.runtime()->storageStatus().totals.logRecords, 0);
    QCOMPARE(session.runtime()->storageStatus().pruned.spans, 4);
    QTRY_VERIFY_WITH_TIMEOUT(window->isShowingEmptyState(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.constLast().constFirst().value<std::shared_ptr<const Trace>>(),
                             10000);
    const QList<QLabel *> labels = traces->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *label) {
        return label->text().contains(QLatin1String("no longer in this session"));
    }));
    QTRY_COMPARE_WITH_TIMEOUT(offeredServices(), QStringList(), 10000);

    // File › Session limits…: opens with the session's limits, stores the new ones.
    window->findChild<QAction *>(QStringLiteral("sessionLimitsAction"))->trigger();
    SessionLimitsDialog *dialog = window->sessionLimitsDialog();
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->sizeField()->value(), 2048);
    QCOMPARE(dialog->ageField()->text(), QStringLiteral("off"));
    dialog->sizeField()->setValue(64);
    dialog->ageField()->setText(QStringLiteral("12h"));
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    const SessionLimits wanted{std::int64_t(64) << 20, 12 * 3600 * std::int64_t(1000000000)};
    QTRY_COMPARE_WITH_TIMEOUT(session.runtime()->store()->limits(), wanted, 10000);
    session.shutdown();
    StorageOptions options;
    options.databasePath = dir.filePath(QStringLiteral("clear.kansoku"));
    options.readOnly = true;
    TelemetryStore reopened(options);
    QVERIFY2(reopened.open(&error), qPrintable(error));
    QCOMPARE(reopened.limits(), wanted);
}

QTEST_MAIN(TestGuiMode)
#include "tst_gui_mode.moc"
