#include "schema_migrator.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"
#include "support/storage_test_data.h"
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
    void version1JsonColumnsBecomeProtobuf();
    void invalidVersion1JsonStopsTheUpgrade();
};

namespace {

// A version 1 file holding one span and one log whose attribute-like columns are OTLP/JSON, as
// the version 1 writer stored them.
bool writeVersion1File(const QString &path, const char *spanAttributesJson, std::string *error)
{
    SqliteDatabase database;
    if (!database.open(path.toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error)
        || !SchemaMigrator::migrate(database, error, 1))
        return false;
    SqliteStatement span(
        database.handle(),
        "INSERT INTO spans(trace_key, span_id, name, service_id, start_ns, end_ns, kind, "
        "status_code, resource_id, scope_id, flags, attributes, dropped_attributes_count, events, "
        "dropped_events_count, links, dropped_links_count) VALUES(1, x'5c00000000000001', 'root', "
        "1, 10, 20, 2, 0, 1, 1, 0, ?, 0, ?, 0, ?, 0)");
    span.bindText(1, spanAttributesJson);
    span.bindText(2, R"([{"timeUnixNano":"15","name":"retry","attributes":[{"key":"n",)"
                     R"("value":{"intValue":"2"}}],"droppedAttributesCount":1}])");
    span.bindText(3, R"([{"traceId":"ab000000000000000000000000000002","spanId":)"
                     R"("0000000000000009","traceState":"a=b","flags":1}])");
    SqliteStatement log(database.handle(),
                        "INSERT INTO logs(time_ns, event_time_ns, observed_time_ns, "
                        "severity_number, body_text, attributes, dropped_attributes_count, flags, "
                        "service_id, resource_id, scope_id) VALUES(30, 30, 30, 9, 'hello', ?, 0, "
                        "0, 1, 1, 1)");
    log.bindText(1, R"([{"key":"thread.id","value":{"intValue":"7"}}])");
    const bool ok
        = database.exec("INSERT INTO services(service_id, name) VALUES(1, 'legacy');"
                        "INSERT INTO resources VALUES(1, 1, NULL, 0, '');"
                        "INSERT INTO scopes VALUES(1, 'lib', '1.0', NULL, 0, '');"
                        "INSERT INTO traces VALUES(1, x'ab000000000000000000000000000001', 10, "
                        "20, 1, 0, 1, 'root', 10, '[1]');"
                        "INSERT INTO trace_services VALUES(1, 1);"
                        "UPDATE totals SET spans = 1, traces = 1, log_records = 1, "
                        "min_time_ns = 10, max_time_ns = 30;",
                        error)
          && span.step() == SQLITE_DONE && log.step() == SQLITE_DONE;
    if (!ok && error->empty())
        *error = database.errorMessage();
    return ok;
}

} // namespace

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
    // Version 4's full-text merge settings.
    QCOMPARE(database.queryInt("SELECT v FROM logs_fts_config WHERE k = 'automerge'"),
             std::int64_t(16));
    QCOMPARE(database.queryInt("SELECT v FROM logs_fts_config WHERE k = 'crisismerge'"),
             std::int64_t(32));
    // Version 5's settings table, empty until a store writes the session's limits.
    QCOMPARE(database.queryInt("SELECT count(*) FROM session_settings", -1), std::int64_t(0));
    // Version 6's retired services and the indexes the pruner checks a service's rows with.
    QCOMPARE(database.queryInt("SELECT count(*) FROM retired_services", -1), std::int64_t(0));
    QCOMPARE(database.queryInt("SELECT count(*) FROM sqlite_schema WHERE name IN "
                               "('logs_by_service', 'metric_streams_by_service')"),
             std::int64_t(2));
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
        // A service that earlier Kansoku versions left without telemetry (pruned or cleared):
        // the upgrade to version 6 retires it.
        if (version < SchemaMigrator::retiredServicesVersion()) {
            QVERIFY2(database.exec("INSERT INTO services(service_id, name) VALUES(2, 'emptied');"
                                   "INSERT INTO resources VALUES(2, 2, NULL, 0, '');",
                                   &error),
                     error.c_str());
        }
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
    QCOMPARE(store.queries()->services(), std::vector<std::string>{"legacy"});

    // Version 3's trace-id index replaced the UNIQUE one (rebuilding the traces table).
    SqliteDatabase upgraded;
    std::string error;
    QVERIFY(upgraded.open(path.toStdString(), SQLITE_OPEN_READONLY, &error));
    QCOMPARE(upgraded.queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'traces_by_id'"),
             std::int64_t(1));
    QCOMPARE(upgraded.queryInt("SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'traces' "
                               "AND name LIKE 'sqlite_autoindex%'"),
             std::int64_t(0));
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

void TestSchemaMigrator::version1JsonColumnsBecomeProtobuf()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.db"));
    std::string error;
    QVERIFY2(writeVersion1File(path,
                               R"([{"key":"http.method","value":{"stringValue":"GET"}},)"
                               R"({"key":"tags","value":{"arrayValue":{"values":[{"boolValue":)"
                               R"(true},{"doubleValue":1.5}]}}}])",
                               &error),
             error.c_str());
    StorageOptions options;
    options.databasePath = path;
    TelemetryStore store(options);
    QString message;
    QVERIFY2(store.open(&message), qPrintable(message));
    store.close();
    {
        SqliteDatabase database;
        QVERIFY(database.open(path.toStdString(), SQLITE_OPEN_READONLY, &error));
        QCOMPARE(database.queryInt("PRAGMA user_version"),
                 std::int64_t(SchemaMigrator::latestVersion()));
        QCOMPARE(database.queryInt("SELECT count(*) FROM spans WHERE typeof(attributes) = 'blob' "
                                   "AND typeof(events) = 'blob' AND typeof(links) = 'blob'"),
                 std::int64_t(1));
    }
    const std::optional<Trace> trace
        = store.queries()->trace(*idFromHex<16>("ab000000000000000000000000000001"));
    QVERIFY(trace);
    const Span &span = trace->spans.at(0).span;
    QCOMPARE(span.attributes.size(), std::size_t(2));
    QCOMPARE(span.attributes[0].value.stringValue(), std::string("GET"));
    QCOMPARE(span.attributes[1].value.arrayValue().at(1).doubleValue(), 1.5);
    QCOMPARE(span.events.size(), std::size_t(1));
    QCOMPARE(span.events[0].timeNs, std::int64_t(15));
    QCOMPARE(span.events[0].attributes.at(0).value.intValue(), std::int64_t(2));
    QCOMPARE(span.events[0].droppedAttributesCount, 1u);
    QCOMPARE(span.links.size(), std::size_t(1));
    QCOMPARE(toHex(span.links[0].spanId), std::string("0000000000000009"));
    QCOMPARE(span.links[0].traceState, std::string("a=b"));
    QCOMPARE(span.links[0].flags, 1u);
    const LogPage logs = store.queries()->logs({});
    QCOMPARE(logs.logs.size(), std::size_t(1));
    QCOMPARE(logs.logs[0].record.attributes.at(0).key, std::string("thread.id"));
    QCOMPARE(logs.logs[0].record.attributes.at(0).value.intValue(), std::int64_t(7));
    // Attribute filters read the converted columns.
    TraceQuery query;
    query.attributeFilters.push_back({"http.method", "GET"});
    QCOMPARE(store.queries()->traces(query).size(), std::size_t(1));
    query.attributeFilters[0].value = "POST";
    QCOMPARE(store.queries()->traces(query).size(), std::size_t(0));
}

void TestSchemaMigrator::invalidVersion1JsonStopsTheUpgrade()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.db"));
    std::string error;
    QVERIFY2(writeVersion1File(path, "[{not json", &error), error.c_str());
    StorageOptions options;
    options.databasePath = path;
    TelemetryStore store(options);
    QString message;
    QVERIFY(!store.open(&message));
    QVERIFY2(message.contains(QStringLiteral("schema version 2"))
                 && message.contains(QStringLiteral("not valid OTLP/JSON")),
             qPrintable(message));
    // Rolled back: still a complete version 1 file.
    SqliteDatabase database;
    QVERIFY(database.open(path.toStdString(), SQLITE_OPEN_READONLY, &error));
    QCOMPARE(database.queryInt("PRAGMA user_version"), std::int64_t(1));
    QCOMPARE(database.queryInt("SELECT count(*) FROM spans WHERE typeof(attributes) = 'text'"),
             std::int64_t(1));
}

QTEST_GUILESS_MAIN(TestSchemaMigrator)
#include "tst_schema_migrator.moc"
