// Forwarding between two real Kansoku processes: A (`kansoku --headless --forward URL_OF_B`) takes
// a training scenario's telemetry and B's session ends up holding the same traces, spans, logs
// and data points, over OTLP/HTTP and OTLP/gRPC. With B down, A keeps accepting and counts what
// waits and its retries; B started again on its ports receives what waited. A queue too small for
// what waits drops and counts the rest, while A's own session still keeps everything.
#include "kansoku_process.h"
#include "support/session_totals.h"
#include "telemetry_store.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;
using kansoku::interop::KansokuProcess;

namespace {

QString program()
{
    return QStringLiteral(KANSOKU_EXECUTABLE);
}

using kansoku::test::sessionTotals;

// The scenario's telemetry sent to an OTLP/HTTP receiver at once; true when all was accepted.
bool sendScenario(quint16 httpPort, int historySeconds, QString *output)
{
    QProcess scenario;
    scenario.start(program(),
                   {QStringLiteral("scenario"), QStringLiteral("run"), QStringLiteral("healthy"),
                    QStringLiteral("--history"), QString::number(historySeconds),
                    QStringLiteral("--duration"), QStringLiteral("0"), QStringLiteral("--seed"),
                    QStringLiteral("7"), QStringLiteral("--endpoint"),
                    QStringLiteral("http://127.0.0.1:%1").arg(httpPort)});
    const bool finished = scenario.waitForFinished(240'000);
    *output = QString::fromLocal8Bit(scenario.readAllStandardOutput()
                                     + scenario.readAllStandardError());
    return finished && scenario.exitStatus() == QProcess::NormalExit && scenario.exitCode() == 0;
}

// The figures of A's latest statistics line: forwarded, queued, retries, dropped (requests).
struct ForwardFigures
{
    qint64 forwarded = -1;
    qint64 queued = -1;
    qint64 retries = -1;
    qint64 dropped = -1;
};

ForwardFigures latestFigures(KansokuProcess &process)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(forwarded=(\d+) items=\d+ queued=(\d+) \(\d+ KiB\) retries=(\d+) dropped=(\d+))"));
    ForwardFigures figures;
    QRegularExpressionMatchIterator it = pattern.globalMatch(process.output());
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        figures = {match.captured(1).toLongLong(), match.captured(2).toLongLong(),
                   match.captured(3).toLongLong(), match.captured(4).toLongLong()};
    }
    return figures;
}

void compareTotals(const TelemetryTotals &a, const TelemetryTotals &b)
{
    QVERIFY(a.spans > 0 && a.logRecords > 0 && a.dataPoints > 0);
    QCOMPARE(b.spans, a.spans);
    QCOMPARE(b.traces, a.traces);
    QCOMPARE(b.logRecords, a.logRecords);
    QCOMPARE(b.dataPoints, a.dataPoints);
}

} // namespace

class TestKansokuForward : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void forwardsEverythingToASecondKansoku_data();
    void forwardsEverythingToASecondKansoku();
    void keepsAcceptingWhileUpstreamIsDownThenDelivers();
    void countsWhatTheQueueCannotHoldAsDropped();
    void init();

private:
    // Fresh for each test: A's session and B's (the upstream's).
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_pathA;
    QString m_pathB;
};

void TestKansokuForward::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_pathA = m_dir->filePath(QStringLiteral("a.kansoku"));
    m_pathB = m_dir->filePath(QStringLiteral("b.kansoku"));
}

void TestKansokuForward::forwardsEverythingToASecondKansoku_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::newRow("http/protobuf") << QStringLiteral("http/protobuf");
    QTest::newRow("grpc") << QStringLiteral("grpc");
}

void TestKansokuForward::forwardsEverythingToASecondKansoku()
{
    QFETCH(QString, protocol);
    KansokuProcess b(program(), m_pathB);
    QString error;
    QVERIFY2(b.start(&error), qPrintable(error));
    const bool grpc = protocol == QLatin1String("grpc");
    KansokuProcess a(program(), m_pathA);
    a.setExtraArguments(
        {QStringLiteral("--forward"),
         QStringLiteral("http://127.0.0.1:%1").arg(grpc ? b.grpcPort() : b.httpPort()),
         QStringLiteral("--forward-protocol"), protocol, QStringLiteral("--forward-header"),
         QStringLiteral("x-forwarded-by=kansoku-test"), QStringLiteral("--stats-interval"),
         QStringLiteral("1")});
    QVERIFY2(a.start(&error), qPrintable(error));
    QVERIFY2(
        a.output().contains(QStringLiteral("forwarding accepted exports to http://127.0.0.1:")),
        qPrintable(a.output()));

    QString sent;
    QVERIFY2(sendScenario(a.httpPort(), 30, &sent), qPrintable(sent));
    // Everything A accepted has gone out once nothing waits and nothing was dropped.
    QTRY_VERIFY_WITH_TIMEOUT(latestFigures(a).forwarded > 0 && latestFigures(a).queued == 0,
                             60'000);
    QVERIFY2(a.stop(&error), qPrintable(error));
    QVERIFY2(b.stop(&error), qPrintable(error));
    const ForwardFigures figures = latestFigures(a);
    QCOMPARE(figures.dropped, 0);
    QCOMPARE(figures.retries, 0);
    compareTotals(sessionTotals(m_pathA), sessionTotals(m_pathB));
    // Header values (tokens) are never printed.
    QVERIFY(!a.output().contains(QLatin1String("kansoku-test")));
}

void TestKansokuForward::keepsAcceptingWhileUpstreamIsDownThenDelivers()
{
    KansokuProcess b(program(), m_pathB);
    QString error;
    QVERIFY2(b.start(&error), qPrintable(error));
    const quint16 grpcPortB = b.grpcPort();
    const quint16 httpPortB = b.httpPort();
    QVERIFY2(b.stop(&error), qPrintable(error)); // B is down from here on

    KansokuProcess a(program(), m_pathA);
    a.setExtraArguments({QStringLiteral("--forward"),
                         QStringLiteral("http://127.0.0.1:%1").arg(httpPortB),
                         QStringLiteral("--stats-interval"), QStringLiteral("1")});
    QVERIFY2(a.start(&error), qPrintable(error));
    QString sent;
    QVERIFY2(sendScenario(a.httpPort(), 30, &sent), qPrintable(sent)); // A accepts all
    QTRY_VERIFY_WITH_TIMEOUT(latestFigures(a).queued > 0 && latestFigures(a).retries >= 2, 60'000);
    QCOMPARE(latestFigures(a).forwarded, 0);
    QVERIFY2(a.output().contains(QLatin1String("last error: http://127.0.0.1:")),
             qPrintable(a.output()));

    KansokuProcess again(program(), m_pathB);
    again.setPorts(grpcPortB, httpPortB);
    QVERIFY2(again.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(latestFigures(a).queued == 0 && latestFigures(a).forwarded > 0,
                             90'000);
    QVERIFY2(a.stop(&error), qPrintable(error));
    QVERIFY2(again.stop(&error), qPrintable(error));
    QCOMPARE(latestFigures(a).dropped, 0);
    compareTotals(sessionTotals(m_pathA), sessionTotals(m_pathB));
}

void TestKansokuForward::countsWhatTheQueueCannotHoldAsDropped()
{
    KansokuProcess nobody(program(), m_pathB);
    QString error;
    QVERIFY2(nobody.start(&error), qPrintable(error));
    const quint16 downPort = nobody.httpPort();
    QVERIFY2(nobody.stop(&error), qPrintable(error));

    KansokuProcess a(program(), m_pathA);
    a.setExtraArguments({QStringLiteral("--forward"),
                         QStringLiteral("http://127.0.0.1:%1").arg(downPort),
                         QStringLiteral("--forward-queue-mib"), QStringLiteral("1"),
                         QStringLiteral("--stats-interval"), QStringLiteral("1")});
    QVERIFY2(a.start(&error), qPrintable(error));
    QString sent;
    QVERIFY2(sendScenario(a.httpPort(), 600, &sent), qPrintable(sent));
    QTRY_VERIFY_WITH_TIMEOUT(latestFigures(a).dropped > 0, 60'000);
    const ForwardFigures figures = latestFigures(a);
    QVERIFY(figures.queued > 0);
    QCOMPARE(figures.forwarded, 0);
    QVERIFY2(a.stop(&error), qPrintable(error));
    // A's own session lost nothing: forwarding never slows or refuses ingest.
    const TelemetryTotals totals = sessionTotals(m_pathA);
    QVERIFY(totals.spans > 0 && totals.dataPoints > 0 && totals.logRecords > 0);
    QVERIFY2(a.output().contains(QLatin1String("refused=0")), qPrintable(a.output()));
}

QTEST_GUILESS_MAIN(TestKansokuForward)
#include "tst_kansoku_forward.moc"
