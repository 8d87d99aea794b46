#include "schema_migrator.h"
#include "sqlite_database.h"
#include "storage_test_data.h"
#include "telemetry_store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;
using namespace kansoku::testdata;

class TestSchemaMigrator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void freshDatabaseGetsLatestVersion();
    void everyEarlierVersionUpgrades_data();
    void everyEarlierVersionUpgrades();
    void migrationIsIdempotent();
};

void TestSchemaMigrator::freshDatabaseGetsLatestVersion()
{
    QTemporaryDir dir;
    SqliteDatabase database;
    std::string error;
    QVERIFY(database.open(dir.filePath(QStringLiteral("a.db")).toStdString(),
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error));
    QVERIFY2(SchemaMigrator::migrate(database, &error), error.c_str());
    QCOMPARE(database.queryInt("PRAGMA user_version"),
             std::int64_t(SchemaMigrator::latestVersion()));
    QCOMPARE(database.queryInt("PRAGMA application_id"), std::int64_t(0x4b4e534b));
    QCOMPARE(database.queryInt("SELECT count(*) FROM totals"), std::int64_t(1));
    QCOMPARE(TelemetryStore::schemaVersion(), SchemaMigrator::latestVersion());
}

void TestSchemaMigrator::everyEarlierVersionUpgrades_data()
{
    QTest::addColumn<int>("version");
    for (int version = 1; version <= SchemaMigrator::latestVersion(); ++version)
        QTest::addRow("from version %d", version) << version;
}

void TestSchemaMigrator::everyEarlierVersionUpgrades()
{
    QFETCH(int, version);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.db"));
    {
        SqliteDatabase database;
        std::string error;
        QVERIFY(
            database.open(path.toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error));
        QVERIFY2(SchemaMigrator::migrate(database, &error, version), error.c_str());
        QCOMPARE(database.queryInt("PRAGMA user_version"), std::int64_t(version));
        // Rows as that version's writer left them.
        QVERIFY2(
            database.exec("INSERT INTO services(service_id, name) VALUES(1, 'legacy');"
                          "INSERT INTO resources VALUES(1, 1, NULL, 0, '');"
                          "INSERT INTO scopes VALUES(1, 'lib', '1.0', NULL, 0, '');"
                          "INSERT INTO traces VALUES(1, x'ab000000000000000000000000000001', 10, "
                          "20, 1, 0, 1, 'root', 10, '[1]');"
                          "INSERT INTO trace_services VALUES(1, 1);"
                          "INSERT INTO spans(trace_key, span_id, name, service_id, start_ns, "
                          "end_ns, kind, status_code, resource_id, scope_id, flags, "
                          "dropped_attributes_count, dropped_events_count, "
                          "dropped_links_count) VALUES(1, x'5c00000000000001', 'root', 1, "
                          "10, 20, 2, 0, 1, 1, 0, 0, 0, 0);"
                          "UPDATE totals SET spans = 1, traces = 1, min_time_ns = 10, "
                          "max_time_ns = 20;",
                          &error),
            error.c_str());
    }
    StorageOptions options;
    options.databasePath = path;
    options.commitMaxLatencyMs = 10;
    TelemetryStore store(options);
    QString message;
    QVERIFY2(store.open(&message), qPrintable(message));
    // Keeps writing into the upgraded file: the old trace gets a child span.
    QCOMPARE(store.offer(spanBatch(resource("legacy"),
                                   {span(traceId(1), spanId(2), spanId(1), "child", 12, 30)})),
             OfferResult::Accepted);
    store.close();
    const std::optional<Trace> trace = store.queries()->trace(traceId(1));
    QVERIFY(trace);
    QCOMPARE(trace->spans.size(), std::size_t(2));
    QCOMPARE(trace->spans.front().span.name, std::string("root"));
    const std::vector<TraceSummary> summaries = store.queries()->traces({});
    QCOMPARE(summaries.size(), std::size_t(1));
    QCOMPARE(summaries.front().spanCount, std::int64_t(2));
    QCOMPARE(summaries.front().durationNs, std::int64_t(20));
    QCOMPARE(summaries.front().rootService, std::string("legacy"));
    QCOMPARE(store.queries()->totals().spans, std::int64_t(2));
}

void TestSchemaMigrator::migrationIsIdempotent()
{
    QTemporaryDir dir;
    SqliteDatabase database;
    std::string error;
    QVERIFY(database.open(dir.filePath(QStringLiteral("a.db")).toStdString(),
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error));
    QVERIFY(SchemaMigrator::migrate(database, &error));
    const std::int64_t tables = database.queryInt("SELECT count(*) FROM sqlite_schema");
    QVERIFY(SchemaMigrator::migrate(database, &error));
    QCOMPARE(database.queryInt("SELECT count(*) FROM sqlite_schema"), tables);
}

QTEST_GUILESS_MAIN(TestSchemaMigrator)
#include "tst_schema_migrator.moc"
