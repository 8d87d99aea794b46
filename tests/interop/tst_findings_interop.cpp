// The improvement loop end to end: the official OpenTelemetry JS SDK sends a shop's "orders"
// service before a fix (an N+1 on GET /orders/:id, a slow report query) and after it
// (findings_workload.mjs) to the real `kansoku --headless`; `kansoku analyze --json` must report
// the N+1 and the slow query with the right statement and endpoint before, neither after, and
// `kansoku diff` must exit 1 when things got worse and 0 when they got better. A traffic spike
// the SDK saw only in http.server.request.duration, aggregated by an ExponentialHistogram View
// (spike_metric_workload.mjs), must be found from that metric. Test thread only.

#include "kansoku_process.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <functional>

using namespace kansoku::interop;

namespace {

struct CommandResult
{
    int exitCode = -1;
    QByteArray standardOutput;
    QString standardError;
};

CommandResult runKansoku(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(KANSOKU_EXECUTABLE), arguments);
    CommandResult result;
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit) {
        result.standardError = QStringLiteral("kansoku %1 did not finish normally")
                                   .arg(arguments.join(QLatin1Char(' ')));
        return result;
    }
    result.exitCode = process.exitCode();
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = QString::fromLocal8Bit(process.readAllStandardError());
    return result;
}

QJsonArray findingsOf(const QJsonObject &report, const QString &detector)
{
    QJsonArray matching;
    for (const QJsonValue &finding : report.value(QLatin1String("findings")).toArray()) {
        if (finding.toObject().value(QLatin1String("detector")).toString() == detector)
            matching.append(finding);
    }
    return matching;
}

} // namespace

class TestFindingsInterop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void analyzeFindsTheNPlusOneAndTheSlowQuery();
    void afterTheFixNeitherRemains();
    void diffGatesOnRegressions();
    void analyzeReadsASessionStillBeingWritten();
    void unreadableFilesExitWithTwo();
    void trafficSpikeFromTheSdksExponentialHistogram();

private:
    // Runs the Node script (in the interop directory) against a fresh `kansoku --headless` on
    // databasePath; its standard output, or an empty string after a failed check. whileRunning
    // runs after the script, while kansoku still has the session open.
    QString record(const QString &script, const QStringList &arguments, const QString &databasePath,
                   const std::function<void()> &whileRunning = {});
    QJsonObject analyze(const QString &databasePath);

    QString m_nodeExecutable;
    QTemporaryDir m_directory;
    QString m_beforePath;
    QString m_afterPath;
    // `kansoku analyze` of the "before" session while kansoku still wrote it.
    QJsonObject m_liveReport;
    bool m_liveSessionHadItsLog = false;
};

void TestFindingsInterop::initTestCase()
{
    m_nodeExecutable = qEnvironmentVariable("KANSOKU_NODE");
    if (m_nodeExecutable.isEmpty())
        m_nodeExecutable = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!m_nodeExecutable.isEmpty(), "Node.js (node, version 20 or newer) is not on PATH");
    QVERIFY2(QFileInfo::exists(QStringLiteral(KANSOKU_INTEROP_DIR)
                               + QStringLiteral("/node_modules/@opentelemetry/sdk-trace-base")),
             "the pinned OpenTelemetry JS SDK is not installed: run ctest -R interop_npm_ci");
    QVERIFY(m_directory.isValid());
    m_beforePath = m_directory.filePath(QStringLiteral("before.kansoku"));
    m_afterPath = m_directory.filePath(QStringLiteral("after.kansoku"));
    const auto analyzeWhileWritten = [this]() {
        m_liveSessionHadItsLog = QFileInfo::exists(m_beforePath + QStringLiteral("-wal"));
        // What the SDK saw acknowledged is committed within the writer's ~200 ms bound.
        for (int attempt = 0; attempt < 20; ++attempt) {
            m_liveReport = analyze(m_beforePath);
            if (m_liveReport.value(QLatin1String("traces")).toInteger() == 180)
                break;
            QThread::msleep(250);
        }
    };
    for (const QString &variant : {QStringLiteral("before"), QStringLiteral("after")}) {
        const bool before = variant == QLatin1String("before");
        const QString output
            = record(QStringLiteral("findings_workload.mjs"),
                     {QStringLiteral("--variant"), variant}, before ? m_beforePath : m_afterPath,
                     before ? std::function<void()>(analyzeWhileWritten) : std::function<void()>());
        QVERIFY(!output.isEmpty());
    }
}

QString TestFindingsInterop::record(const QString &script, const QStringList &arguments,
                                    const QString &databasePath,
                                    const std::function<void()> &whileRunning)
{
    KansokuProcess kansoku(QStringLiteral(KANSOKU_EXECUTABLE), databasePath);
    QString error;
    if (!kansoku.start(&error)) {
        qWarning().noquote() << error;
        return {};
    }
    QProcess node;
    node.setProgram(m_nodeExecutable);
    node.setArguments(QStringList{QStringLiteral(KANSOKU_INTEROP_DIR) + QLatin1Char('/') + script}
                      + arguments
                      + QStringList{QStringLiteral("--endpoint"),
                                    QStringLiteral("http://127.0.0.1:%1").arg(kansoku.httpPort())});
    node.setWorkingDirectory(QStringLiteral(KANSOKU_INTEROP_DIR));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &key : environment.keys()) {
        if (key.startsWith(QLatin1String("OTEL_")))
            environment.remove(key);
    }
    node.setProcessEnvironment(environment);
    node.start();
    if (!node.waitForFinished(300000)) {
        qWarning().noquote() << script << "did not finish within 300 s";
        return {};
    }
    const QString output = QString::fromLocal8Bit(node.readAllStandardOutput());
    const QString errors = QString::fromLocal8Bit(node.readAllStandardError());
    if (node.exitStatus() != QProcess::NormalExit || node.exitCode() != 0) {
        qWarning().noquote() << script << "failed:" << output << errors;
        return {};
    }
    qInfo().noquote() << output.trimmed() << errors.trimmed();
    if (whileRunning)
        whileRunning();
    // A clean stop commits and checkpoints everything the SDK saw acknowledged.
    if (!kansoku.stop(&error)) {
        qWarning().noquote() << error;
        return {};
    }
    return output;
}

QJsonObject TestFindingsInterop::analyze(const QString &databasePath)
{
    const CommandResult result
        = runKansoku({QStringLiteral("analyze"), databasePath, QStringLiteral("--json")});
    if (result.exitCode != 0) {
        qWarning().noquote() << result.standardError;
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(result.standardOutput, &parseError);
    if (!document.isObject())
        qWarning().noquote() << parseError.errorString() << result.standardOutput;
    return document.object();
}

void TestFindingsInterop::analyzeFindsTheNPlusOneAndTheSlowQuery()
{
    const QJsonObject report = analyze(m_beforePath);
    QVERIFY(!report.isEmpty());
    QCOMPARE(report.value(QLatin1String("traces")).toInteger(), 180);

    // One N+1, whichever naming (db.statement with literal ids or db.query.text with $1) the
    // request used: both normalize to the same statement.
    const QJsonArray nPlusOne = findingsOf(report, QStringLiteral("n_plus_one"));
    QCOMPARE(nPlusOne.size(), 1);
    const QJsonObject n = nPlusOne.first().toObject();
    QCOMPARE(n.value(QLatin1String("service")).toString(), QStringLiteral("orders"));
    QCOMPARE(n.value(QLatin1String("operation")).toString(), QStringLiteral("GET /orders/:id"));
    QCOMPARE(n.value(QLatin1String("statement")).toString(),
             QStringLiteral("SELECT id, name, price FROM items WHERE id = ?"));
    QCOMPARE(n.value(QLatin1String("traces")).toInteger(), 60);
    QCOMPARE(n.value(QLatin1String("endpoint_traces")).toInteger(), 60);
    QVERIFY(n.value(QLatin1String("cost_ms_per_request")).toDouble() > 12.0);
    QVERIFY(!n.value(QLatin1String("examples")).toArray().isEmpty());
    QCOMPARE(n.value(QLatin1String("examples")).toArray().first().toString().size(), 32);

    const QJsonArray slow = findingsOf(report, QStringLiteral("slow_query"));
    QCOMPARE(slow.size(), 1);
    const QJsonObject s = slow.first().toObject();
    QCOMPARE(s.value(QLatin1String("service")).toString(), QStringLiteral("orders"));
    QCOMPARE(s.value(QLatin1String("operation")).toString(), QStringLiteral("GET /reports/daily"));
    QCOMPARE(
        s.value(QLatin1String("statement")).toString(),
        QStringLiteral("SELECT day, sum(total) FROM orders WHERE created_at > ? GROUP BY day"));
    QVERIFY(s.value(QLatin1String("cost_ms_per_request")).toDouble() >= 450.0);

    // The SDK's spans hold no SYN retransmits and no work waiting to start.
    QCOMPARE(findingsOf(report, QStringLiteral("connect_stall")).size(), 0);
    QCOMPARE(findingsOf(report, QStringLiteral("start_delay")).size(), 0);
}

void TestFindingsInterop::afterTheFixNeitherRemains()
{
    const QJsonObject report = analyze(m_afterPath);
    QVERIFY(!report.isEmpty());
    QCOMPARE(report.value(QLatin1String("traces")).toInteger(), 180);
    QCOMPARE(findingsOf(report, QStringLiteral("n_plus_one")).size(), 0);
    QCOMPARE(findingsOf(report, QStringLiteral("slow_query")).size(), 0);
}

void TestFindingsInterop::diffGatesOnRegressions()
{
    const CommandResult improved = runKansoku({QStringLiteral("diff"), m_beforePath, m_afterPath});
    QVERIFY2(improved.exitCode == 0,
             qPrintable(QString::fromLocal8Bit(improved.standardOutput) + improved.standardError));
    const CommandResult worse = runKansoku({QStringLiteral("diff"), m_afterPath, m_beforePath});
    QVERIFY2(worse.exitCode == 1,
             qPrintable(QString::fromLocal8Bit(worse.standardOutput) + worse.standardError));
    QVERIFY2(worse.standardOutput.contains("SELECT id, name, price FROM items WHERE id = ?"),
             worse.standardOutput.constData());
    const CommandResult json
        = runKansoku({QStringLiteral("diff"), m_afterPath, m_beforePath, QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 1);
    const QJsonObject document = QJsonDocument::fromJson(json.standardOutput).object();
    QVERIFY2(!document.isEmpty(), json.standardOutput.constData());
    QCOMPARE(document.value(QLatin1String("worse")).toBool(), true);
}

void TestFindingsInterop::analyzeReadsASessionStillBeingWritten()
{
    // Beside a running window or --headless, analyze reads the commits still in the session's
    // write-ahead log: as an immutable file it saw none of them, or a page half-written.
    QVERIFY(m_liveSessionHadItsLog);
    QCOMPARE(m_liveReport.value(QLatin1String("traces")).toInteger(), 180);
    const QJsonArray nPlusOne = findingsOf(m_liveReport, QStringLiteral("n_plus_one"));
    QCOMPARE(nPlusOne.size(), 1);
    QCOMPARE(nPlusOne.first().toObject().value(QLatin1String("traces")).toInteger(), 60);
    QCOMPARE(findingsOf(m_liveReport, QStringLiteral("slow_query")).size(), 1);
}

void TestFindingsInterop::unreadableFilesExitWithTwo()
{
    const QString missing = m_directory.filePath(QStringLiteral("missing.kansoku"));
    const CommandResult analyzeMissing = runKansoku({QStringLiteral("analyze"), missing});
    QCOMPARE(analyzeMissing.exitCode, 2);
    QVERIFY2(analyzeMissing.standardError.contains(missing),
             qPrintable(analyzeMissing.standardError));
    const CommandResult diffMissing = runKansoku({QStringLiteral("diff"), m_beforePath, missing});
    QCOMPARE(diffMissing.exitCode, 2);
    QVERIFY2(diffMissing.standardError.contains(missing), qPrintable(diffMissing.standardError));
    const CommandResult badArgument
        = runKansoku({QStringLiteral("analyze"), m_beforePath, QStringLiteral("--from"),
                      QStringLiteral("yesterday")});
    QCOMPARE(badArgument.exitCode, 2);
    QVERIFY2(badArgument.standardError.contains(QLatin1String("--from")),
             qPrintable(badArgument.standardError));
}

void TestFindingsInterop::trafficSpikeFromTheSdksExponentialHistogram()
{
    const QString path = m_directory.filePath(QStringLiteral("spike.kansoku"));
    const QString output = record(QStringLiteral("spike_metric_workload.mjs"), {}, path);
    QVERIFY(!output.isEmpty());
    const QJsonObject workload = QJsonDocument::fromJson(output.toUtf8()).object();
    // The View made the SDK aggregate exponentially, and that is all it exported.
    QCOMPARE(workload.value(QLatin1String("dataPointTypes")).toArray(),
             QJsonArray{QStringLiteral("EXPONENTIAL_HISTOGRAM")});

    const QJsonObject report = analyze(path);
    QVERIFY(!report.isEmpty());
    QCOMPARE(report.value(QLatin1String("traces")).toInteger(), 0);
    const QJsonArray spikes = findingsOf(report, QStringLiteral("traffic_spike"));
    QCOMPARE(spikes.size(), 1);
    const QJsonObject spike = spikes.first().toObject();
    QCOMPARE(spike.value(QLatin1String("service")).toString(), QStringLiteral("shop"));
    QCOMPARE(spike.value(QLatin1String("operation")).toString(), QStringLiteral("GET /products"));
    // The three cumulative exports of the spike, differenced: 300 requests, 15 failed.
    QCOMPARE(spike.value(QLatin1String("occurrences")).toInteger(), 300);
    const auto msOf = [&spike](const char *key) {
        return QDateTime::fromString(spike.value(QLatin1String(key)).toString(), Qt::ISODateWithMs)
            .toMSecsSinceEpoch();
    };
    QCOMPARE(msOf("first_seen"), workload.value(QLatin1String("spikeStartMs")).toInteger());
    QCOMPARE(msOf("last_seen"), workload.value(QLatin1String("spikeEndMs")).toInteger());
    const QJsonObject facts = spike.value(QLatin1String("facts")).toObject();
    QCOMPARE(facts.value(QLatin1String("source")).toString(),
             QStringLiteral("from http.server.request.duration; 0 of the 300 requests traced"));
    QCOMPARE(facts.value(QLatin1String("error rate")).toString(),
             QStringLiteral("5% (baseline 0%), 15 failed"));
    // p95 from the exponential buckets: inside the bucket of ~300 ms, against ~100 ms before.
    const QString p95 = facts.value(QLatin1String("p95")).toString();
    QVERIFY2(p95.startsWith(QLatin1String("3")) && p95.contains(QLatin1String("(baseline 1")),
             qPrintable(p95));
}

QTEST_GUILESS_MAIN(TestFindingsInterop)
#include "tst_findings_interop.moc"
