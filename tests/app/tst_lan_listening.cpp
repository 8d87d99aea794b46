// Receive › Listen on the LAN through GuiMode offscreen, with real receivers: switching on
// restarts them on 0.0.0.0 with the same ports and a generated token, shows the participants'
// lines (each copyable) and the LAN addresses; a request to the machine's non-loopback address
// without the token gets 401 and with it 200. Switching off puts them back on 127.0.0.1 without a
// token; on again keeps the token of the run. A port that cannot be bound on every interface
// leaves the receivers, the toggle and the status bar as they were.
#include "gui_mode.h"
#include "kansoku_runtime.h"
#include "lan_listening_dialog.h"
#include "receive_controller.h"
#include "receive_menu.h"
#include "support/gui_mode_options.h"
#include "workbench_status_bar.h"
#include "workbench_window.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;
using kansoku::test::optionsFor;

namespace {

// "127.0.0.1:4318" of the receiver with that protocol, empty when it does not listen.
QString endpointOf(const KansokuRuntime &runtime, const char *protocol)
{
    for (const ReceiverStatus &status : runtime.receiverStatuses()) {
        if (status.protocol == protocol && status.listening)
            return QString::fromStdString(status.endpoint);
    }
    return {};
}

quint16 portOf(const QString &endpoint)
{
    return quint16(endpoint.section(QLatin1Char(':'), -1).toUInt());
}

// The first IPv4 address of an interface that is up and not loopback; empty when none.
QString lanAddress()
{
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::IsRunning)
            || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol && !entry.ip().isLoopback())
                return entry.ip().toString();
        }
    }
    return {};
}

// POSTs one OTLP/JSON log record; the HTTP status (0: no answer, e.g. connection refused).
int postLog(const QString &host, quint16 port, const QString &token = {})
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://%1:%2/v1/logs").arg(host).arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("authorization", "Bearer " + token.toUtf8());
    QNetworkReply *reply = network.post(
        request,
        R"({"resourceLogs":[{"resource":{},"scopeLogs":[{"logRecords":[{"timeUnixNano":"1700000000000000000","body":{"stringValue":"room"}}]}]}]})");
    QSignalSpy replied(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !replied.wait(30000))
        return 0;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

} // namespace

class TestLanListening : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void toggleMovesReceiversAndRequiresToken();
    void unbindablePortKeepsLoopback();
};

void TestLanListening::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KansokuTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_lan_listening"));
}

void TestLanListening::toggleMovesReceiversAndRequiresToken()
{
    QTemporaryDir dir;
    GuiMode session(optionsFor(dir.filePath(QStringLiteral("room.kansoku"))));
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    session.window()->show();
    KansokuRuntime *runtime = session.runtime();
    const QString httpBefore = endpointOf(*runtime, "OTLP/HTTP");
    const QString grpcBefore = endpointOf(*runtime, "OTLP/gRPC");
    QVERIFY(httpBefore.startsWith(QLatin1String("127.0.0.1:")));
    const quint16 httpPort = portOf(httpBefore);
    const quint16 grpcPort = portOf(grpcBefore);
    QAction *lan = session.window()->receiveMenu()->lanAction();
    QVERIFY(lan->isCheckable());
    QVERIFY(!lan->isChecked());
    QVERIFY(!runtime->requiresToken());
    const auto *statusBar = session.window()->workbenchStatusBar();
    QVERIFY(!statusBar->receiversText().contains(QLatin1String("on the LAN")));

    lan->trigger();
    QVERIFY(lan->isChecked());
    QVERIFY(runtime->isListeningBeyondLoopback());
    // The same ports, on every interface.
    QCOMPARE(endpointOf(*runtime, "OTLP/HTTP"), QStringLiteral("0.0.0.0:%1").arg(httpPort));
    QCOMPARE(endpointOf(*runtime, "OTLP/gRPC"), QStringLiteral("0.0.0.0:%1").arg(grpcPort));
    QVERIFY2(statusBar->receiversText().contains(QLatin1String("on the LAN, token required")),
             qPrintable(statusBar->receiversText()));
    QVERIFY2(statusBar->receiversText().contains(QStringLiteral("0.0.0.0:%1").arg(httpPort)),
             qPrintable(statusBar->receiversText()));
    const QString token = runtime->token();
    QCOMPARE(token.size(), 43); // generated: 32 random bytes, base64url

    LanListeningDialog *dialog = session.receiving()->lanDialog();
    QVERIFY(dialog->isVisible());
    const QStringList lines = dialog->participantLines();
    QVERIFY(!lines.isEmpty());
    QCOMPARE(lines.first(),
             QStringLiteral("OTEL_EXPORTER_OTLP_HEADERS=authorization=Bearer%20") + token);
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("participantLine0"))->text(),
             lines.first());
    QGuiApplication::clipboard()->clear();
    dialog->findChild<QPushButton *>(QStringLiteral("copyParticipantLine0"))->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), lines.first());

    const QString address = lanAddress();
    if (!address.isEmpty()) {
        QVERIFY2(dialog->addressesText().contains(address), qPrintable(dialog->addressesText()));
        QVERIFY(lines.contains(
            QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT=http://%1:%2").arg(address).arg(httpPort)));
        QCOMPARE(postLog(address, httpPort), 401);
        QCOMPARE(postLog(address, httpPort, QStringLiteral("not-the-token")), 401);
        QCOMPARE(postLog(address, httpPort, token), 200);
    } else {
        qWarning("No non-loopback IPv4 address: checked through 127.0.0.1 on 0.0.0.0");
        QCOMPARE(postLog(QStringLiteral("127.0.0.1"), httpPort), 401);
        QCOMPARE(postLog(QStringLiteral("127.0.0.1"), httpPort, token), 200);
    }
    QTRY_COMPARE_WITH_TIMEOUT(runtime->storageStatus().totals.logRecords, 1, 20000);

    // Off: loopback again, no token needed, nothing listens on the LAN address.
    lan->trigger();
    QVERIFY(!lan->isChecked());
    QVERIFY(!runtime->isListeningBeyondLoopback());
    QVERIFY(!runtime->requiresToken());
    QVERIFY(!dialog->isVisible());
    QCOMPARE(endpointOf(*runtime, "OTLP/HTTP"), QStringLiteral("127.0.0.1:%1").arg(httpPort));
    QCOMPARE(endpointOf(*runtime, "OTLP/gRPC"), QStringLiteral("127.0.0.1:%1").arg(grpcPort));
    QVERIFY2(!statusBar->receiversText().contains(QLatin1String("token required")),
             qPrintable(statusBar->receiversText()));
    QCOMPARE(postLog(QStringLiteral("127.0.0.1"), httpPort), 200);
    if (!address.isEmpty())
        QCOMPARE(postLog(address, httpPort, token), 0);
    QTRY_COMPARE_WITH_TIMEOUT(runtime->storageStatus().totals.logRecords, 2, 20000);

    // On again: the run's token, so participants need not change anything.
    lan->trigger();
    QVERIFY(runtime->isListeningBeyondLoopback());
    QCOMPARE(runtime->token(), token);
    QCOMPARE(postLog(QStringLiteral("127.0.0.1"), httpPort), 401);
    session.shutdown();
}

void TestLanListening::unbindablePortKeepsLoopback()
{
    const QString address = lanAddress();
    if (address.isEmpty())
        QSKIP("needs a non-loopback IPv4 address to hold a port on");
    QTemporaryDir dir;
    GuiMode session(optionsFor(dir.filePath(QStringLiteral("busy.kansoku"))));
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    KansokuRuntime *runtime = session.runtime();
    const quint16 httpPort = portOf(endpointOf(*runtime, "OTLP/HTTP"));
    const quint16 grpcPort = portOf(endpointOf(*runtime, "OTLP/gRPC"));
    // Another program holds the HTTP port on the LAN address: 0.0.0.0 cannot take it.
    QTcpServer squatter;
    QVERIFY2(squatter.listen(QHostAddress(address), httpPort), qPrintable(squatter.errorString()));

    QAction *lan = session.window()->receiveMenu()->lanAction();
    lan->trigger();
    QVERIFY(!lan->isChecked());
    QVERIFY(!runtime->isListeningBeyondLoopback());
    QVERIFY(!runtime->requiresToken());
    QVERIFY(!session.receiving()->lanDialog()->isVisible());
    auto *message = session.window()->findChild<QMessageBox *>(QStringLiteral("errorMessage"));
    QVERIFY(message);
    QVERIFY2(message->text().contains(QString::number(httpPort)), qPrintable(message->text()));
    // Both receivers listen as before, on their ports.
    QCOMPARE(endpointOf(*runtime, "OTLP/HTTP"), QStringLiteral("127.0.0.1:%1").arg(httpPort));
    QCOMPARE(endpointOf(*runtime, "OTLP/gRPC"), QStringLiteral("127.0.0.1:%1").arg(grpcPort));
    QVERIFY(!session.window()->workbenchStatusBar()->receiversText().contains(
        QLatin1String("on the LAN")));
    QCOMPARE(postLog(QStringLiteral("127.0.0.1"), httpPort), 200);
    session.shutdown();
}

QTEST_MAIN(TestLanListening)
#include "tst_lan_listening.moc"
