// TelemetryStore as a session file: read-only opens (queries work, offers refused, the file's
// bytes and mtime unchanged), an older schema (migrated when writable, refused read-only with a
// message), session-file detection, Save-as copies made while the writer keeps committing, and
// read-only opens that follow a live writer through its WAL without ever writing.
#include "core/telemetry_queries.h"
#include "read_connection_pool.h"
#include "schema_migrator.h"
#include "sqlite_database.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <atomic>
#include <sqlite3.h>
#include <thread>

using namespace kansoku;
using namespace kansoku::testdata;

namespace {

TelemetryBatchPtr spansNumbered(std::uint64_t first, int count)
{
    std::vector<Span> spans;
    for (int i = 0; i < count; ++i) {
        const std::uint64_t n = first + std::uint64_t(i);
        spans.push_back(span(traceId(n), spanId(n), {}, "op", 1'000'000'000LL * std::int64_t(n),
                             1'000'000'000LL * std::int64_t(n) + 5000));
    }
    return spanBatch(resource("svc"), std::move(spans));
}

// A closed session with `spans` spans in it.
void writeSession(const QString &path, int spans)
{
    StorageOptions options;
    options.databasePath = path;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.offer(spansNumbered(1, spans)), OfferResult::Accepted);
    store.close();
}

QByteArray digest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

std::int64_t queryInt(const QString &path, const char *sql)
{
    SqliteDatabase database;
    std::string error;
    if (!database.open(path.toStdString(), SQLITE_OPEN_READONLY, &error))
        return -1;
    return database.queryInt(sql, -1);
}

} // namespace

class TestTelemetryStoreSessions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readOnlyQueriesWorkAndFileIsUnchanged();
    void readOnlyRefusesOlderSchemaWithMessage();
    void writableOpenMigratesOlderSchema();
    void readOnlyRefusesMissingFile();
    void sessionFileDetection();
    void copyIsConsistentWhileWriting();
    void copyRefusesExistingTarget();
    void copyOfReadOnlySourceLeavesItAlone();
    void followingReaderSeesCommitsStillInTheLog();
    void followingReaderConnectionsRefuseWrites();
    void followingReaderLeavesAClosedSessionUnchanged();
};

void TestTelemetryStoreSessions::readOnlyQueriesWorkAndFileIsUnchanged()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shared.kansoku"));
    writeSession(path, 25);
    const QByteArray before = digest(path);
    const QDateTime modifiedBefore = QFileInfo(path).lastModified();
    QVERIFY(!before.isEmpty());

    StorageOptions options;
    options.databasePath = path;
    options.readOnly = true;
    {
        TelemetryStore store(options);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QVERIFY(store.isReadOnly());
        QCOMPARE(store.status().totals.spans, 25);
        const auto queries = store.queries();
        QVERIFY(queries);
        QCOMPARE(queries->totals().spans, 25);
        QCOMPARE(queries->services().size(), std::size_t(1));
        QCOMPARE(store.offer(spansNumbered(100, 3)), OfferResult::Closed);
        store.close();
        QCOMPARE(queries->totals().spans, 25);
    }
    QCOMPARE(digest(path), before);
    QCOMPARE(QFileInfo(path).lastModified(), modifiedBefore);
    // Nothing beside it either: no -wal or -shm file was made.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
             QStringList({QStringLiteral("shared.kansoku")}));
}

void TestTelemetryStoreSessions::readOnlyRefusesOlderSchemaWithMessage()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.kansoku"));
    {
        // Version 0: what every earlier schema step starts from.
        SqliteDatabase database;
        std::string error;
        QVERIFY(
            database.open(path.toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error));
        QVERIFY(SchemaMigrator::migrate(database, &error, 0));
    }
    const QByteArray before = digest(path);
    StorageOptions options;
    options.databasePath = path;
    options.readOnly = true;
    TelemetryStore store(options);
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(QLatin1String("older")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("read-only")), qPrintable(error));
    QVERIFY2(error.startsWith(path), qPrintable(error));
    QCOMPARE(store.offer(spansNumbered(1, 1)), OfferResult::Closed);
    QCOMPARE(digest(path), before);
}

void TestTelemetryStoreSessions::writableOpenMigratesOlderSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.kansoku"));
    {
        SqliteDatabase database;
        std::string error;
        QVERIFY(
            database.open(path.toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error));
        QVERIFY(SchemaMigrator::migrate(database, &error, 0));
    }
    QCOMPARE(queryInt(path, "PRAGMA user_version"), 0);
    StorageOptions options;
    options.databasePath = path;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.offer(spansNumbered(1, 4)), OfferResult::Accepted);
    store.close();
    QCOMPARE(queryInt(path, "PRAGMA user_version"), TelemetryStore::schemaVersion());
    QCOMPARE(queryInt(path, "SELECT count(*) FROM spans"), 4);
    QVERIFY(TelemetryStore::isSessionFile(path));
}

void TestTelemetryStoreSessions::readOnlyRefusesMissingFile()
{
    QTemporaryDir dir;
    StorageOptions options;
    options.databasePath = dir.filePath(QStringLiteral("missing.kansoku"));
    options.readOnly = true;
    TelemetryStore store(options);
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(QLatin1String("does not exist")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(options.databasePath));
}

void TestTelemetryStoreSessions::sessionFileDetection()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("a.kansoku"));
    writeSession(session, 1);
    QVERIFY(TelemetryStore::isSessionFile(session));

    const QString otherSqlite = dir.filePath(QStringLiteral("other.db"));
    {
        SqliteDatabase database;
        std::string error;
        QVERIFY(database.open(otherSqlite.toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                              &error));
        QVERIFY(database.exec("CREATE TABLE t(x)"));
    }
    QVERIFY(!TelemetryStore::isSessionFile(otherSqlite));
    QVERIFY(!TelemetryStore::isSessionFile(QStringLiteral(KANSOKU_TEST_DATA_DIR)
                                           + QStringLiteral("/files/js_sdk_mixed.jsonl")));
    QVERIFY(!TelemetryStore::isSessionFile(dir.filePath(QStringLiteral("missing"))));
}

void TestTelemetryStoreSessions::copyIsConsistentWhileWriting()
{
    QTemporaryDir dir;
    StorageOptions options;
    options.databasePath = dir.filePath(QStringLiteral("live.kansoku"));
    options.commitMaxLatencyMs = 5;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.offer(spansNumbered(1, 500)), OfferResult::Accepted);
    QTRY_COMPARE(store.status().totals.spans, 500);

    // A producer keeps offering while the copy is taken.
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> offered{0};
    std::thread producer([&] {
        std::uint64_t next = 1000;
        while (!stop.load()) {
            if (store.offer(spansNumbered(next, 50)) == OfferResult::Accepted) {
                next += 50;
                offered += 50;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
    QTRY_VERIFY(store.status().totals.spans > 1000);
    const QString copy = dir.filePath(QStringLiteral("copy.kansoku"));
    const bool copied = TelemetryStore::writeCopy(options.databasePath, copy, &error);
    stop = true;
    producer.join();
    QVERIFY2(copied, qPrintable(error));
    store.close();

    // One committed state: the totals row agrees with the rows, and the file is sound.
    QCOMPARE(queryInt(copy, "SELECT count(*) FROM spans"),
             queryInt(copy, "SELECT spans FROM totals"));
    QVERIFY(queryInt(copy, "SELECT count(*) FROM spans") >= 1000);
    QCOMPARE(queryInt(copy, "SELECT count(*) FROM traces"),
             queryInt(copy, "SELECT traces FROM totals"));
    SqliteDatabase database;
    std::string sqliteError;
    QVERIFY(database.open(copy.toStdString(), SQLITE_OPEN_READONLY, &sqliteError));
    SqliteStatement check(database.handle(), "PRAGMA integrity_check");
    QVERIFY(check.isValid() && check.step() == SQLITE_ROW);
    QCOMPARE(check.columnText(0), std::string("ok"));
    QVERIFY(TelemetryStore::isSessionFile(copy));
    QCOMPARE(queryInt(copy, "PRAGMA user_version"), TelemetryStore::schemaVersion());
}

void TestTelemetryStoreSessions::copyRefusesExistingTarget()
{
    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("a.kansoku"));
    writeSession(source, 2);
    const QString target = dir.filePath(QStringLiteral("b.kansoku"));
    QFile existing(target);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("keep me");
    existing.close();
    QString error;
    QVERIFY(!TelemetryStore::writeCopy(source, target, &error));
    QVERIFY2(error.contains(QLatin1String("exists")), qPrintable(error));
    QFile kept(target);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("keep me"));
}

void TestTelemetryStoreSessions::copyOfReadOnlySourceLeavesItAlone()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("shared")));
    const QString source = dir.filePath(QStringLiteral("shared/a.kansoku"));
    writeSession(source, 6);
    const QByteArray before = digest(source);
    const QString target = dir.filePath(QStringLiteral("b.kansoku"));
    QString error;
    QVERIFY2(TelemetryStore::writeCopy(source, target, &error, true), qPrintable(error));
    QCOMPARE(queryInt(target, "SELECT count(*) FROM spans"), 6);
    QCOMPARE(digest(source), before);
    QCOMPARE(QDir(dir.filePath(QStringLiteral("shared"))).entryList(QDir::Files),
             QStringList({QStringLiteral("a.kansoku")}));
}

void TestTelemetryStoreSessions::followingReaderSeesCommitsStillInTheLog()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("live.kansoku"));
    StorageOptions writerOptions;
    writerOptions.databasePath = path;
    TelemetryStore writer(writerOptions);
    QString error;
    QVERIFY2(writer.open(&error), qPrintable(error));
    QSignalSpy committed(&writer, &TelemetryStore::batchCommitted);
    QCOMPARE(writer.offer(spansNumbered(1, 10)), OfferResult::Accepted);
    QTRY_COMPARE(committed.size(), 1);

    StorageOptions readerOptions;
    readerOptions.databasePath = path;
    readerOptions.readOnly = true;
    readerOptions.followWriter = true;
    TelemetryStore reader(readerOptions);
    QVERIFY2(reader.open(&error), qPrintable(error));
    const auto queries = reader.queries();
    // The commit is in the -wal file (the checkpointer copies it back only at ~40 MiB): an
    // immutable open would see an empty session here.
    QCOMPARE(queries->totals().spans, 10);
    QCOMPARE(writer.offer(spansNumbered(11, 5)), OfferResult::Accepted);
    QTRY_COMPARE(committed.size(), 2);
    QCOMPARE(queries->totals().spans, 15);
    TraceQuery newest;
    newest.limit = 1;
    const std::vector<TraceSummary> traces = queries->traces(newest);
    QCOMPARE(traces.size(), std::size_t(1));
    QCOMPARE(traces.front().traceId, traceId(15));
    QCOMPARE(reader.offer(spansNumbered(100, 1)), OfferResult::Closed);
}

void TestTelemetryStoreSessions::followingReaderConnectionsRefuseWrites()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("live.kansoku"));
    writeSession(path, 3);
    // The connections a following reader's queries run on (see TelemetryStore::openReadOnly).
    const std::string uri
        = QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded).toStdString() + "?mode=ro";
    ReadConnectionPool pool(uri);
    ReadConnectionPool::Lease connection(pool);
    QVERIFY2(connection.get(), connection.error().c_str());
    QCOMPARE(connection.get()->queryInt("PRAGMA query_only", -1), 1);
    std::string error;
    QVERIFY(!connection.get()->exec("INSERT INTO services (name) VALUES ('intruder')", &error));
    QVERIFY2(QString::fromStdString(error).contains(QLatin1String("readonly")), error.c_str());
    QVERIFY(!connection.get()->exec("PRAGMA query_only = 0; DELETE FROM spans", &error));
    QCOMPARE(queryInt(path, "SELECT count(*) FROM spans"), 3);
    QCOMPARE(queryInt(path, "SELECT count(*) FROM services WHERE name = 'intruder'"), 0);
}

void TestTelemetryStoreSessions::followingReaderLeavesAClosedSessionUnchanged()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("closed.kansoku"));
    writeSession(path, 12);
    const QByteArray before = digest(path);
    StorageOptions options;
    options.databasePath = path;
    options.readOnly = true;
    options.followWriter = true;
    {
        TelemetryStore store(options);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(store.queries()->totals().spans, 12);
        QCOMPARE(store.queries()->services(), std::vector<std::string>{"svc"});
    }
    QCOMPARE(digest(path), before);
}

QTEST_GUILESS_MAIN(TestTelemetryStoreSessions)
#include "tst_telemetry_store_sessions.moc"
