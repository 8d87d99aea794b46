// Drives the real kansoku executable: command line handling, a port in use, and a clean
// SIGTERM shutdown that leaves every acknowledged item in the database.
#include "telemetry_store.h"

#include <QDeadlineTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;

class TestKansokuHeadless : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void printsVersion();
    void rejectsBadArguments_data();
    void rejectsBadArguments();
    void reportsPortInUse_data();
    void reportsPortInUse();
    void sigtermDrainsAndCommits();
    void requestLimitIsConfigurable();
    void sessionLimitsAreStoredAndShown_data();
    void sessionLimitsAreStoredAndShown();
    void tokenOnLoopbackIsEnforcedAndShown();
    void anyAddressGetsAGeneratedToken();

private:
    // POSTs one small OTLP/JSON log request; returns the HTTP status (0: no answer).
    static int postLog(quint16 httpPort, const QByteArray &authorization);
    // Starts kansoku --headless with arguments and returns what it printed up to its ready line.
    static QByteArray startUntilReady(QProcess &process, const QStringList &arguments);
    static quint16 freePort();
    static QString program() { return QStringLiteral(KANSOKU_EXECUTABLE); }
};

quint16 TestKansokuHeadless::freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

void TestKansokuHeadless::printsVersion()
{
    QProcess process;
    process.start(program(), {QStringLiteral("--version")});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput().trimmed(), QByteArray("kansoku " KANSOKU_VERSION));
}

void TestKansokuHeadless::rejectsBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expectedMessage");
    QTest::newRow("port out of range")
        << QStringList{QStringLiteral("--grpc-port"), QStringLiteral("70000")}
        << QStringLiteral("--grpc-port");
    QTest::newRow("port not a number")
        << QStringList{QStringLiteral("--http-port"), QStringLiteral("http")}
        << QStringLiteral("--http-port");
    QTest::newRow("listen not an address")
        << QStringList{QStringLiteral("--listen"), QStringLiteral("my laptop")}
        << QStringLiteral("not an IP address");
    QTest::newRow("request limit zero")
        << QStringList{QStringLiteral("--max-request-mib"), QStringLiteral("0")}
        << QStringLiteral("--max-request-mib");
    QTest::newRow("request limit not a number")
        << QStringList{QStringLiteral("--max-request-mib"), QStringLiteral("big")}
        << QStringLiteral("--max-request-mib");
    QTest::newRow("token with a space")
        << QStringList{QStringLiteral("--token"), QStringLiteral("two words")}
        << QStringLiteral("--token");
    QTest::newRow("empty token") << QStringList{
        QStringLiteral("--listen"), QStringLiteral("0.0.0.0"), QStringLiteral("--token"),
        QString()} << QStringLiteral("--token: the token is empty");
    QTest::newRow("forward not a URL")
        << QStringList{QStringLiteral("--forward"), QStringLiteral("collector:4318")}
        << QStringLiteral("--forward: \"collector:4318\" is not an http:// or https:// URL");
    QTest::newRow("forward protocol")
        << QStringList{QStringLiteral("--forward"), QStringLiteral("http://collector:4318"),
                       QStringLiteral("--forward-protocol"), QStringLiteral("zipkin")}
        << QStringLiteral("--forward-protocol");
    QTest::newRow("forward header")
        << QStringList{QStringLiteral("--forward"), QStringLiteral("http://collector:4318"),
                       QStringLiteral("--forward-header"), QStringLiteral("authorization")}
        << QStringLiteral("--forward-header");
    QTest::newRow("size cap not a number")
        << QStringList{QStringLiteral("--max-db-mib"), QStringLiteral("huge")}
        << QStringLiteral("--max-db-mib");
    QTest::newRow("retention without a unit")
        << QStringList{QStringLiteral("--retain"), QStringLiteral("7")}
        << QStringLiteral("--retain");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
}

void TestKansokuHeadless::rejectsBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expectedMessage);
    QProcess process;
    process.start(program(), QStringList{QStringLiteral("--headless")} + arguments);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(QString::fromLocal8Bit(process.readAllStandardError()).contains(expectedMessage),
             qPrintable(expectedMessage));
}

void TestKansokuHeadless::reportsPortInUse_data()
{
    QTest::addColumn<bool>("blockGrpc");
    QTest::newRow("grpc port taken") << true;
    QTest::newRow("http port taken") << false;
}

void TestKansokuHeadless::reportsPortInUse()
{
    QFETCH(bool, blockGrpc);
    QTemporaryDir directory;
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    const quint16 taken = squatter.serverPort();
    const quint16 other = freePort();
    QProcess process;
    process.start(program(),
                  {QStringLiteral("--headless"), QStringLiteral("--db"),
                   directory.filePath(QStringLiteral("s.kansoku")), QStringLiteral("--grpc-port"),
                   QString::number(blockGrpc ? taken : other), QStringLiteral("--http-port"),
                   QString::number(blockGrpc ? other : taken)});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    const QString error = QString::fromLocal8Bit(process.readAllStandardError());
    QVERIFY2(error.contains(QStringLiteral("127.0.0.1:%1").arg(taken)), qPrintable(error));
}

void TestKansokuHeadless::sigtermDrainsAndCommits()
{
    QTemporaryDir directory;
    const QString databasePath = directory.filePath(QStringLiteral("session.kansoku"));
    const quint16 httpPort = freePort();
    QProcess process;
    process.start(program(), {QStringLiteral("--headless"), QStringLiteral("--db"), databasePath,
                              QStringLiteral("--grpc-port"), QString::number(freePort()),
                              QStringLiteral("--http-port"), QString::number(httpPort)});
    QVERIFY(process.waitForStarted());
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += process.readAllStandardOutput()).contains("kansoku ready:"),
                             30000);
    const QByteArray databaseField = QByteArray("db=") + databasePath.toUtf8();
    QVERIFY(output.contains(databaseField));

    // 50 requests of 20 logs, acknowledged one by one, then SIGTERM at once.
    QNetworkAccessManager network;
    constexpr int requests = 50;
    constexpr int logsPerRequest = 20;
    for (int r = 0; r < requests; ++r) {
        QByteArray records;
        for (int i = 0; i < logsPerRequest; ++i) {
            records
                += (i ? "," : "")
                   + QStringLiteral(
                         R"({"timeUnixNano":"%1","severityNumber":9,"body":{"stringValue":"request %2 line %3 観測"}})")
                         .arg(1700000000000000000LL + r * 1000 + i)
                         .arg(r)
                         .arg(i)
                         .toUtf8();
        }
        const QByteArray body
            = R"({"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"headless-test"}}]},"scopeLogs":[{"logRecords":[)"
              + records + "]}]}]}";
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/logs").arg(httpPort)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = network.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(30000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
    process.terminate();
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().contains("stopped cleanly"));

    StorageOptions options;
    options.databasePath = databasePath;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.queries()->totals().logRecords, std::int64_t(requests * logsPerRequest));
    LogQuery query;
    query.fullText = "観測";
    QCOMPARE(store.queries()->countLogs(query), std::int64_t(requests * logsPerRequest));
    QCOMPARE(store.queries()->services(), std::vector<std::string>{"headless-test"});
}

void TestKansokuHeadless::sessionLimitsAreStoredAndShown_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("statistics");
    QTest::addColumn<qint64>("maxBytes");
    QTest::addColumn<qint64>("retainNs");
    QTest::newRow("a new session gets the defaults")
        << QStringList{} << QStringLiteral("cap=2GiB retain=7d") << (qint64(2) << 30)
        << 7 * 86400 * qint64(1000000000);
    QTest::newRow("flags") << QStringList{QStringLiteral("--max-db-mib"), QStringLiteral("64"),
                                          QStringLiteral("--retain"), QStringLiteral("90m")}
                           << QStringLiteral("cap=64MiB retain=90m") << (qint64(64) << 20)
                           << 90 * 60 * qint64(1000000000);
    QTest::newRow("no limits") << QStringList{QStringLiteral("--max-db-mib=0"),
                                              QStringLiteral("--retain=off")}
                               << QStringLiteral("cap=none retain=off") << qint64(0) << qint64(0);
}

void TestKansokuHeadless::sessionLimitsAreStoredAndShown()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, statistics);
    QFETCH(qint64, maxBytes);
    QFETCH(qint64, retainNs);
    QTemporaryDir directory;
    const QString databasePath = directory.filePath(QStringLiteral("limits.kansoku"));
    QProcess process;
    process.start(program(),
                  QStringList{QStringLiteral("--headless"), QStringLiteral("--db"), databasePath,
                              QStringLiteral("--grpc-port"), QString::number(freePort()),
                              QStringLiteral("--http-port"), QString::number(freePort()),
                              QStringLiteral("--stats-interval"), QStringLiteral("1")}
                      + flags);
    QVERIFY(process.waitForStarted());
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += process.readAllStandardOutput()).contains("kansoku stats:"),
                             30000);
    QVERIFY2(output.contains(statistics.toUtf8()), output.constData());
    QVERIFY2(output.contains("pruned traces=0 logs=0 points=0"), output.constData());
    process.terminate();
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);

    StorageOptions options;
    options.databasePath = databasePath;
    options.readOnly = true;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.limits(), (SessionLimits{maxBytes, retainNs}));
}

void TestKansokuHeadless::requestLimitIsConfigurable()
{
    QTemporaryDir directory;
    const quint16 httpPort = freePort();
    QProcess process;
    process.start(program(), {QStringLiteral("--headless"), QStringLiteral("--db"),
                              directory.filePath(QStringLiteral("limit.kansoku")),
                              QStringLiteral("--grpc-port"), QString::number(freePort()),
                              QStringLiteral("--http-port"), QString::number(httpPort),
                              QStringLiteral("--max-request-mib"), QStringLiteral("1")});
    QVERIFY(process.waitForStarted());
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += process.readAllStandardOutput()).contains("kansoku ready:"),
                             30000);
    QNetworkAccessManager network;
    auto post = [&](qsizetype padding) {
        // A valid OTLP/JSON request whose size is set by one long log body.
        const QByteArray body
            = R"({"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":")"
              + QByteArray(padding, 'x') + R"("}}]}]}]})";
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/logs").arg(httpPort)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = network.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(30000);
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    };
    QCOMPARE(post(900 * 1024), 200);
    QCOMPARE(post(1100 * 1024), 413);
    process.terminate();
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
}

int TestKansokuHeadless::postLog(quint16 httpPort, const QByteArray &authorization)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/logs").arg(httpPort)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    std::unique_ptr<QNetworkReply> reply(
        network.post(request, QByteArray(R"({"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":)"
                                         R"({"stringValue":"room"}}]}]}]})")));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(30000))
        return 0;
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QByteArray TestKansokuHeadless::startUntilReady(QProcess &process, const QStringList &arguments)
{
    process.start(program(), QStringList{QStringLiteral("--headless")} + arguments);
    QByteArray output;
    if (!process.waitForStarted())
        return output;
    QDeadlineTimer deadline(30000);
    while (!output.contains("kansoku ready:") && !deadline.hasExpired()
           && process.state() == QProcess::Running) {
        process.waitForReadyRead(100);
        output += process.readAllStandardOutput();
    }
    return output;
}

void TestKansokuHeadless::tokenOnLoopbackIsEnforcedAndShown()
{
    QTemporaryDir directory;
    const quint16 grpcPort = freePort();
    const quint16 httpPort = freePort();
    QProcess process;
    const QByteArray output = startUntilReady(
        process,
        {QStringLiteral("--db"), directory.filePath(QStringLiteral("token.kansoku")),
         QStringLiteral("--grpc-port"), QString::number(grpcPort), QStringLiteral("--http-port"),
         QString::number(httpPort), QStringLiteral("--token"), QStringLiteral("room,42")});
    QVERIFY2(output.contains("kansoku ready:"), output.constData());
    // The lines participants copy, before the ready line; the token percent-encoded as the SDKs
    // read OTEL_EXPORTER_OTLP_HEADERS.
    QVERIFY2(output.contains("from --token"), output.constData());
    const qsizetype ready = output.indexOf("kansoku ready:");
    const QList<QByteArray> expectedLines{
        QByteArray("\n  OTEL_EXPORTER_OTLP_HEADERS=authorization=Bearer%20room%2C42\n"),
        QByteArray("\n  OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:")
            + QByteArray::number(httpPort) + '\n',
        QByteArray(
            "\n  OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:")
            + QByteArray::number(grpcPort) + '\n'};
    for (const QByteArray &line : expectedLines) {
        const qsizetype at = output.indexOf(line);
        QVERIFY2(at >= 0 && at < ready, output.constData());
    }

    QCOMPARE(postLog(httpPort, {}), 401);
    QCOMPARE(postLog(httpPort, "Bearer room,41"), 401);
    QCOMPARE(postLog(httpPort, "Bearer room,42"), 200);

    process.terminate();
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray tail = process.readAllStandardOutput();
    QVERIFY2(tail.contains("received=1 rejected=0 malformed=0 refused=0 unauthorized=2 |"),
             tail.constData());
}

void TestKansokuHeadless::anyAddressGetsAGeneratedToken()
{
    QTemporaryDir directory;
    const quint16 httpPort = freePort();
    QProcess process;
    const QByteArray output = startUntilReady(
        process,
        {QStringLiteral("--db"), directory.filePath(QStringLiteral("room.kansoku")),
         QStringLiteral("--listen"), QStringLiteral("0.0.0.0"), QStringLiteral("--grpc-port"),
         QString::number(freePort()), QStringLiteral("--http-port"), QString::number(httpPort)});
    QVERIFY2(output.contains("kansoku ready:"), output.constData());
    QVERIFY2(output.contains("generated for this run"), output.constData());
    const QRegularExpression headersLine(QStringLiteral(
        "\n  OTEL_EXPORTER_OTLP_HEADERS=authorization=Bearer%20([A-Za-z0-9_-]{43})\n"));
    const QRegularExpressionMatch match = headersLine.match(QString::fromLatin1(output));
    QVERIFY2(match.hasMatch(), output.constData());
    const QByteArray token = match.captured(1).toLatin1();

    // Sent to 127.0.0.1, which 0.0.0.0 includes.
    QCOMPARE(postLog(httpPort, {}), 401);
    QCOMPARE(postLog(httpPort, "Bearer " + token), 200);
    process.terminate();
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestKansokuHeadless)
#include "tst_kansoku_headless.moc"
