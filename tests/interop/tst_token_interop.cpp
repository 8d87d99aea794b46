// The training room end to end: a real `kansoku --headless --listen 0.0.0.0 --token T` and the
// official OpenTelemetry JS SDK's OTLP trace exporters (gRPC, HTTP/protobuf, HTTP/JSON) sending
// to 127.0.0.1, with and without OTEL_EXPORTER_OTLP_HEADERS. The exporter's own result and the
// session file must agree: accepted and stored, or refused (401 / UNAUTHENTICATED), stored
// nothing and counted. Runs on the test thread; each row owns its kansoku and node processes.
#include "kansoku_process.h"
#include "node_environment.h"
#include "telemetry_store.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;
using namespace kansoku::interop;

namespace {

// A token as a participant would paste it: with characters OTEL_EXPORTER_OTLP_HEADERS must
// percent-encode, so the SDK's decoding is part of what is tested.
const QString roomToken = QStringLiteral("room,token=42");

} // namespace

class TestTokenInterop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sdkExportIsCheckedForTheToken_data();
    void sdkExportIsCheckedForTheToken();

private:
    QString m_nodeExecutable;
};

void TestTokenInterop::initTestCase()
{
    m_nodeExecutable = nodeExecutable();
    QVERIFY2(!m_nodeExecutable.isEmpty(),
             "Node.js (node, version 20 or newer) is not on PATH: install nodejs or set "
             "KANSOKU_NODE to the node executable.");
    QVERIFY2(QFileInfo::exists(QStringLiteral(KANSOKU_INTEROP_DIR)
                               + QStringLiteral("/node_modules/@opentelemetry/sdk-trace-base")),
             "The pinned OpenTelemetry JS SDK is not installed: run the interop_npm_ci test "
             "(ctest -R interop) or `npm ci` in tests/interop.");
    QVERIFY2(QFileInfo(QStringLiteral(KANSOKU_EXECUTABLE)).isExecutable(),
             "the kansoku executable was not built");
}

void TestTokenInterop::sdkExportIsCheckedForTheToken_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("headers"); // OTEL_EXPORTER_OTLP_HEADERS; empty: not set
    QTest::addColumn<bool>("accepted");
    // What participants copy from Kansoku (ParticipantSetup::headersValue).
    const QString rightHeaders = QStringLiteral("authorization=Bearer%20room%2Ctoken%3D42");
    const QString wrongHeaders = QStringLiteral("authorization=Bearer%20room%2Ctoken%3D43");
    for (const QString &protocol :
         {QStringLiteral("grpc"), QStringLiteral("http/protobuf"), QStringLiteral("http/json")}) {
        QTest::addRow("%s, with the token", qPrintable(protocol))
            << protocol << rightHeaders << true;
        QTest::addRow("%s, without OTEL_EXPORTER_OTLP_HEADERS", qPrintable(protocol))
            << protocol << QString() << false;
        QTest::addRow("%s, another token", qPrintable(protocol))
            << protocol << wrongHeaders << false;
    }
}

void TestTokenInterop::sdkExportIsCheckedForTheToken()
{
    QFETCH(QString, protocol);
    QFETCH(QString, headers);
    QFETCH(bool, accepted);

    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString databasePath = directory.filePath(QStringLiteral("room.kansoku"));
    KansokuProcess kansoku(QStringLiteral(KANSOKU_EXECUTABLE), databasePath);
    kansoku.setExtraArguments({QStringLiteral("--listen"), QStringLiteral("0.0.0.0"),
                               QStringLiteral("--token"), roomToken});
    QString error;
    QVERIFY2(kansoku.start(&error), qPrintable(error));

    const bool grpc = protocol == QLatin1String("grpc");
    const QString service
        = QStringLiteral("participant-%1").arg(QCoreApplication::applicationPid());
    QProcess node;
    node.setProgram(m_nodeExecutable);
    node.setArguments(
        {QStringLiteral(KANSOKU_INTEROP_DIR "/send_with_token.mjs"), QStringLiteral("--protocol"),
         protocol, QStringLiteral("--endpoint"),
         QStringLiteral("http://127.0.0.1:%1").arg(grpc ? kansoku.grpcPort() : kansoku.httpPort()),
         QStringLiteral("--service"), service});
    node.setWorkingDirectory(QStringLiteral(KANSOKU_INTEROP_DIR));
    QProcessEnvironment environment = environmentWithoutOtelVariables();
    if (!headers.isEmpty())
        environment.insert(QStringLiteral("OTEL_EXPORTER_OTLP_HEADERS"), headers);
    node.setProcessEnvironment(environment);
    node.start();
    QVERIFY2(node.waitForStarted(30000), qPrintable(node.errorString()));
    QVERIFY2(node.waitForFinished(120000), "send_with_token.mjs did not finish within 120 s");
    const QByteArray output = node.readAllStandardOutput();
    const QByteArray errors = node.readAllStandardError();
    QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0,
             qPrintable(QString::fromLocal8Bit(output + errors)));
    const QJsonObject result = QJsonDocument::fromJson(output.trimmed()).object();
    const QString code = result.value(QLatin1String("code")).toString();
    const QString message = result.value(QLatin1String("error")).toString();
    qInfo().noquote() << protocol << "exporter result:" << QString::fromUtf8(output.trimmed());

    if (accepted) {
        QCOMPARE(code, QStringLiteral("SUCCESS"));
    } else {
        QCOMPARE(code, QStringLiteral("FAILED"));
        // The SDK reports what the receiver answered: gRPC status 16, or HTTP 401.
        if (grpc) {
            QCOMPARE(result.value(QLatin1String("errorCode")).toInt(), 16);
            QVERIFY2(message.contains(QLatin1String("UNAUTHENTICATED")), qPrintable(message));
        } else {
            QCOMPARE(result.value(QLatin1String("errorCode")).toInt(), 401);
        }
    }

    QVERIFY2(kansoku.stop(&error), qPrintable(error));
    // The last statistics line, printed after the drain, counts the refused export.
    const QString printed = kansoku.output();
    const QRegularExpression unauthorized(QStringLiteral("unauthorized=(\\d+)"));
    QRegularExpressionMatchIterator matches = unauthorized.globalMatch(printed);
    int lastCount = -1;
    while (matches.hasNext())
        lastCount = matches.next().captured(1).toInt();
    QCOMPARE(lastCount, accepted ? 0 : 1);

    StorageOptions options;
    options.databasePath = databasePath;
    options.readOnly = true;
    TelemetryStore store(options);
    QVERIFY2(store.open(&error), qPrintable(error));
    const TelemetryTotals totals = store.queries()->totals();
    QCOMPARE(totals.spans, accepted ? 1 : 0);
    QCOMPARE(store.queries()->services(), accepted ? std::vector<std::string>{service.toStdString()}
                                                   : std::vector<std::string>{});
}

QTEST_GUILESS_MAIN(TestTokenInterop)
#include "tst_token_interop.moc"
