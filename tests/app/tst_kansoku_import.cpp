// Drives `kansoku import FILE... --db PATH` as a user would: the summary line, problems as
// FILE:LINE / FILE@OFFSET, exit statuses 0/1/2, and the session file's contents afterwards.
#include "telemetry_store.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace kansoku;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(KANSOKU_TEST_DATA_DIR "/files/") + QString::fromLatin1(name);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runKansoku(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(KANSOKU_EXECUTABLE), arguments);
    Run run;
    if (!process.waitForFinished(120000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

TelemetryTotals totalsOf(const QString &databasePath)
{
    StorageOptions options;
    options.databasePath = databasePath;
    TelemetryStore store(options);
    QString error;
    if (!store.open(&error))
        qFatal("cannot open %s", qPrintable(error));
    return store.queries()->totals();
}

} // namespace

class TestKansokuImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importsEveryFormatIntoTheSession();
    void skippedLineExitsOne();
    void truncatedProtobufExitsOneWithOffset();
    void unreadableFileExitsTwo();
    void importNeedsAFile();
    void headlessRejectsFiles();

private:
    QTemporaryDir m_dir;
};

void TestKansokuImport::importsEveryFormatIntoTheSession()
{
    const QString db = m_dir.filePath(QStringLiteral("all.kansoku"));
    const Run run = runKansoku({QStringLiteral("import"), fixture("js_sdk_mixed.binpb"),
                                fixture("jaeger_traces.json"), fixture("zipkin_spans.json"),
                                QStringLiteral("--db"), db});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(
                 QStringLiteral("imported 10 spans, 8 points, 3 logs from 3 files; 0 problems")),
             qPrintable(run.out));
    QVERIFY2(run.err.contains(QStringLiteral("Jaeger JSON")), qPrintable(run.err));
    const TelemetryTotals totals = totalsOf(db);
    // The Jaeger and Zipkin fixtures describe spans with the same trace and span ids; the store
    // keeps one copy of a span it receives twice (as it does for a retried export).
    QCOMPARE(totals.spans, std::int64_t(7));
    QCOMPARE(totals.dataPoints, std::int64_t(8));
    QCOMPARE(totals.logRecords, std::int64_t(3));
}

void TestKansokuImport::skippedLineExitsOne()
{
    QList<QByteArray> lines = readFile(fixture("js_sdk_mixed.jsonl")).split('\n');
    lines.insert(1, QByteArrayLiteral("{\"resourceLogs\": [ broken"));
    const QString path = m_dir.filePath(QStringLiteral("bad.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(lines.join('\n'));
    file.close();

    const QString db = m_dir.filePath(QStringLiteral("bad.kansoku"));
    const Run run = runKansoku({QStringLiteral("import"), path, QStringLiteral("--db"), db});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(QStringLiteral("imported 4 spans, 8 points, 3 logs from 1 files; "
                                             "1 problems")),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(path + QStringLiteral(":2: ")), qPrintable(run.out));
    QCOMPARE(totalsOf(db).spans, std::int64_t(4));
}

void TestKansokuImport::truncatedProtobufExitsOneWithOffset()
{
    const QByteArray original = readFile(fixture("js_sdk_mixed.binpb"));
    const qsizetype secondMessage = 4 + qsizetype(qFromBigEndian<quint32>(original.constData()));
    const QString path = m_dir.filePath(QStringLiteral("cut.binpb"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(original.left(secondMessage + 7));
    file.close();

    const Run run = runKansoku({QStringLiteral("import"), path, QStringLiteral("--db"),
                                m_dir.filePath(QStringLiteral("cut.kansoku"))});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(path + QStringLiteral("@%1: truncated").arg(secondMessage)),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("imported 2 spans")), qPrintable(run.out));
}

void TestKansokuImport::unreadableFileExitsTwo()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("shopping list\n- milk\n");
    file.close();
    const Run run
        = runKansoku({QStringLiteral("import"), path, fixture("zipkin_spans.json"),
                      QStringLiteral("--db"), m_dir.filePath(QStringLiteral("notes.kansoku"))});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.out.contains(path + QStringLiteral(": not a telemetry file")),
             qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("Zipkin v2 JSON")));
    // The readable file was still imported.
    QVERIFY2(run.out.contains(QStringLiteral("imported 3 spans, 0 points, 0 logs from 1 files")),
             qPrintable(run.out));
}

void TestKansokuImport::importNeedsAFile()
{
    const Run run = runKansoku({QStringLiteral("import")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QStringLiteral("at least one file")));
}

void TestKansokuImport::headlessRejectsFiles()
{
    const Run run = runKansoku({QStringLiteral("--headless"), QStringLiteral("trace.json")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QStringLiteral("--headless opens no files (trace.json)")));
}

QTEST_GUILESS_MAIN(TestKansokuImport)
#include "tst_kansoku_import.moc"
