#include "status_window.h"
#include "ui_language.h"

#include <QClipboard>
#include <QGroupBox>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTableWidget>
#include <QTest>

using namespace kansoku;

class TestStatusWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void showsReceiverStates();
    void showsCountsPerSignal();
    void showsStorageError();
    void showsParticipantLinesWithCopyButton();
    void showsForwardingWhileForwarding();
};

static QTableWidget *table(StatusWindow &window, const char *name)
{
    auto *widget = window.findChild<QTableWidget *>(QLatin1String(name));
    Q_ASSERT(widget);
    return widget;
}

// The English plural forms ("1 request", "7 items"), as the app installs them.
void TestStatusWindow::initTestCase()
{
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English));
}

void TestStatusWindow::showsReceiverStates()
{
    StatusWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.setReceivers({{"OTLP/gRPC", "127.0.0.1:4317", true, {}},
                         {"OTLP/HTTP", "127.0.0.1:4318", false, "address in use"}});
    QTableWidget *receivers = table(window, "receiverTable");
    QCOMPARE(receivers->rowCount(), 2);
    QCOMPARE(receivers->item(0, 1)->text(), QStringLiteral("127.0.0.1:4317"));
    QCOMPARE(receivers->item(0, 2)->text(), QStringLiteral("Listening"));
    QVERIFY(receivers->item(1, 2)->text().contains(QStringLiteral("address in use")));
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("127.0.0.1:4317")));
    QVERIFY(!window.statusBar()->currentMessage().contains(QStringLiteral("4318")));
    // Only the listening endpoint is offered to the user, with the real port.
    auto *hint = window.findChild<QLabel *>(QStringLiteral("hintLabel"));
    QVERIFY(hint->text().contains(QStringLiteral("OTEL_EXPORTER_OTLP_PROTOCOL=grpc")));
    QVERIFY(hint->text().contains(QStringLiteral("http://127.0.0.1:4317")));
    QVERIFY(!hint->text().contains(QStringLiteral("4318")));
}

void TestStatusWindow::showsCountsPerSignal()
{
    StatusWindow window;
    IngestCounters counters;
    counters.addReceived(TelemetrySignal::Traces, IngestTransport::Grpc, 1200);
    counters.addReceived(TelemetrySignal::Traces, IngestTransport::Http, 34);
    counters.addRejected(TelemetrySignal::Logs, IngestTransport::Http, 3);
    counters.addMalformed(TelemetrySignal::Metrics, IngestTransport::Http);
    counters.addRefused(TelemetrySignal::Metrics, IngestTransport::Grpc, 512);
    counters.addUnauthorized(TelemetrySignal::Logs, IngestTransport::Grpc);
    counters.addUnauthorized(TelemetrySignal::Logs, IngestTransport::Http);
    counters.addPaused(TelemetrySignal::Metrics, IngestTransport::Http);
    counters.addPaused(TelemetrySignal::Metrics, IngestTransport::Grpc);
    StorageStatus storage;
    storage.databasePath = "/tmp/session.kansoku";
    storage.fileSizeBytes = 2048;
    storage.queuedItems = 10;
    storage.queueCapacityItems = 100;
    storage.totals.spans = 1000;
    window.setCounts(counters.snapshot(), storage);

    QTableWidget *signalTable = table(window, "signalTable");
    const QLocale locale;
    QCOMPARE(signalTable->item(0, StatusWindow::Received)->text(), locale.toString(1234));
    QCOMPARE(signalTable->item(0, StatusWindow::Stored)->text(), locale.toString(1000));
    QCOMPARE(signalTable->item(2, StatusWindow::Rejected)->text(), QStringLiteral("3"));
    QCOMPARE(signalTable->item(1, StatusWindow::Malformed)->text(), QStringLiteral("1"));
    QCOMPARE(signalTable->item(1, StatusWindow::Refused)->text(), QStringLiteral("512"));
    QCOMPARE(signalTable->item(2, StatusWindow::Unauthorized)->text(), QStringLiteral("2"));
    QCOMPARE(signalTable->item(0, StatusWindow::Unauthorized)->text(), QStringLiteral("0"));
    QCOMPARE(signalTable->item(1, StatusWindow::Paused)->text(), QStringLiteral("2"));
    QCOMPARE(signalTable->item(0, StatusWindow::Paused)->text(), QStringLiteral("0"));
    auto *database = window.findChild<QLabel *>(QStringLiteral("databaseLabel"));
    QVERIFY(database->text().startsWith(QStringLiteral("/tmp/session.kansoku")));
    auto *queue = window.findChild<QLabel *>(QStringLiteral("queueLabel"));
    QCOMPARE(queue->text(), QStringLiteral("10 of 100 items waiting"));
    // Once the writer's speed is measured, the label says it (the bound derives from it).
    storage.writerItemsPerSecond = 500;
    window.setCounts(counters.snapshot(), storage);
    QCOMPARE(queue->text(),
             QStringLiteral("10 of 100 items waiting (the writer commits 500 items/s)"));
    auto *limits = window.findChild<QLabel *>(QStringLiteral("limitsLabel"));
    QCOMPARE(limits->text(), QStringLiteral("no limits"));
    auto *retention = window.findChild<QLabel *>(QStringLiteral("retentionLabel"));
    QVERIFY2(retention->text().endsWith(QStringLiteral("in use; nothing removed")),
             qPrintable(retention->text()));

    storage.limits = SessionLimits{std::int64_t(2) << 30, 7 * 86400 * std::int64_t(1000000000)};
    storage.pruned.traces = 12;
    storage.pruned.logRecords = 40;
    storage.pruned.dataPoints = 7;
    storage.pruned.lastPruneUnixMs = 1700000000000;
    storage.liveDataBytes = std::int64_t(3) << 20;
    window.setCounts(counters.snapshot(), storage);
    // What is in use and the cap in the same (binary) units.
    QVERIFY2(retention->text().startsWith(QStringLiteral("3.0 MiB of 2 GiB in use")),
             qPrintable(retention->text()));
    QCOMPARE(limits->text(), QStringLiteral("at most 2 GiB, the last 7d"));
    QVERIFY2(retention->text().contains(QStringLiteral("of 2 GiB in use; removed 12 traces, 40 "
                                                       "logs, 7 points (last at ")),
             qPrintable(retention->text()));

    // One of each reads singular.
    storage.queuedItems = 0;
    storage.queueCapacityItems = 1;
    storage.writerItemsPerSecond = 0;
    storage.pruned.traces = 1;
    storage.pruned.logRecords = 1;
    storage.pruned.dataPoints = 1;
    window.setCounts(counters.snapshot(), storage);
    QCOMPARE(queue->text(), QStringLiteral("0 of 1 item waiting"));
    QVERIFY2(
        retention->text().contains(QStringLiteral("; removed 1 trace, 1 log, 1 point (last at ")),
        qPrintable(retention->text()));
}

void TestStatusWindow::showsStorageError()
{
    StatusWindow window;
    window.show();
    StorageStatus storage;
    storage.lastError = "disk I/O error";
    window.setCounts({}, storage);
    auto *error = window.findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("disk I/O error")));
    storage.lastError.clear();
    window.setCounts({}, storage);
    QVERIFY(!error->isVisible());
}

void TestStatusWindow::showsParticipantLinesWithCopyButton()
{
    StatusWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *box = window.findChild<QGroupBox *>(QStringLiteral("trainingRoomBox"));
    QVERIFY(box);
    QVERIFY(!box->isVisible()); // no token in force

    const QStringList lines{QStringLiteral("OTEL_EXPORTER_OTLP_HEADERS=authorization=Bearer%20abc"),
                            QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT=http://192.168.1.20:4318"),
                            QStringLiteral("OTEL_EXPORTER_OTLP_PROTOCOL=grpc "
                                           "OTEL_EXPORTER_OTLP_ENDPOINT=http://192.168.1.20:4317")};
    window.setParticipantLines(lines);
    QVERIFY(box->isVisible());
    auto *text = window.findChild<QPlainTextEdit *>(QStringLiteral("participantLines"));
    QCOMPARE(text->toPlainText(), lines.join(QLatin1Char('\n')));
    QVERIFY(text->isReadOnly());

    QGuiApplication::clipboard()->clear();
    auto *copy = window.findChild<QPushButton *>(QStringLiteral("copyParticipantLines"));
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(),
             lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));

    window.setParticipantLines({});
    QVERIFY(!box->isVisible());
}

void TestStatusWindow::showsForwardingWhileForwarding()
{
    StatusWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *box = window.findChild<QGroupBox *>(QStringLiteral("forwardingBox"));
    auto *label = window.findChild<QLabel *>(QStringLiteral("forwardingLabel"));
    QVERIFY(box && label);
    QVERIFY(!box->isVisible());
    ForwardingStatus forwarding;
    forwarding.enabled = true;
    forwarding.upstream = "http://collector:4318 (http/protobuf)";
    forwarding.forwardedRequests = 12;
    forwarding.forwardedItems = 340;
    forwarding.queuedRequests = 3;
    forwarding.queuedBytes = 2048;
    forwarding.queueCapacityBytes = 64 * 1024 * 1024;
    forwarding.retries = 5;
    forwarding.droppedRequests = 1;
    forwarding.droppedItems = 7;
    forwarding.lastError = "http://collector:4318/v1/traces: Connection refused";
    window.setForwarding(forwarding);
    QVERIFY(box->isVisible());
    const QString text = label->text();
    QVERIFY2(text.contains(QLatin1String("To http://collector:4318 (http/protobuf)")),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Forwarded: 12 requests (340 items)")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Waiting: 3 requests")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Retries: 5")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Dropped: 1 request (7 items)")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Last failure: http://collector:4318/v1/traces")),
             qPrintable(text));
    window.setForwarding(ForwardingStatus());
    QVERIFY(!box->isVisible());
}

QTEST_MAIN(TestStatusWindow)
#include "tst_status_window.moc"
