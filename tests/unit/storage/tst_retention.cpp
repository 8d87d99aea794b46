// Retention in a real store: whole traces pruned by age (never half of one), logs with their
// full-text entries, metric points with their stream counters, the totals row and the writer's
// caches consistent afterwards; a size cap held during sustained writes with the file no longer
// growing; limits stored in the session and read back; Clear session data through the same steps;
// services left without telemetry (by a clear or by pruning) no longer listed until they send more.
#include "schema_migrator.h"
#include "session_settings.h"
#include "sqlite_database.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;
using namespace kansoku::testdata;

namespace {

constexpr std::int64_t secondNs = 1'000'000'000;
// Telemetry of a session recorded in the past: the age limit counts back from its newest item.
constexpr std::int64_t baseNs = 1'700'000'000 * secondNs;
constexpr int traceCount = 100;

StorageOptions optionsFor(const QString &path)
{
    StorageOptions options;
    options.databasePath = path;
    options.commitMaxLatencyMs = 10;
    return options;
}

// One point of the gauge queue.depth.
Metric gauge(std::int64_t timeNs, std::int64_t value = 1)
{
    Metric metric;
    metric.name = "queue.depth";
    NumberDataPoint point;
    point.timeNs = timeNs;
    point.value = value;
    metric.numberPoints.push_back(point);
    return metric;
}

// Trace i starts at base + i s and has three spans (root, child, grandchild) over 2 s; log i at
// base + i s names the token "needle" and a text attribute; point i of one gauge at base + i s.
void writeHistory(TelemetryStore &store)
{
    for (int i = 0; i < traceCount; ++i) {
        const std::int64_t start = baseNs + i * secondNs;
        const TraceId trace = traceId(std::uint64_t(i + 1));
        // The spans of one trace arrive in two batches (and services), as from two services.
        QCOMPARE(store.offerWaiting(
                     spanBatch(resource("front"),
                               {span(trace, spanId(1), {}, "root", start, start + 2 * secondNs)}),
                     std::chrono::seconds(10)),
                 OfferResult::Accepted);
        QCOMPARE(store.offerWaiting(
                     spanBatch(resource("back"),
                               {span(trace, spanId(2), spanId(1), "child", start + 1, start + 10),
                                span(trace, spanId(3), spanId(2), "leaf", start + 2, start + 5)}),
                     std::chrono::seconds(10)),
                 OfferResult::Accepted);
        QCOMPARE(
            store.offerWaiting(
                logBatch(resource("front"),
                         {log(start, 9, AnyValue::fromString("needle number " + std::to_string(i)),
                              {{"user", AnyValue::fromString("alice wonder")},
                               {"n", AnyValue::fromInt(i)}},
                              trace, spanId(1))}),
                std::chrono::seconds(10)),
            OfferResult::Accepted);
        QCOMPARE(store.offerWaiting(metricBatch(resource("front"), {gauge(start, i)}),
                                    std::chrono::seconds(10)),
                 OfferResult::Accepted);
    }
}

using Names = std::vector<std::string>;

Names statisticsNames(const TelemetryQueries &queries)
{
    Names names;
    for (const ServiceStatistics &service : queries.serviceStatistics())
        names.push_back(service.name);
    return names;
}

QStringList qtNames(const Names &names)
{
    QStringList list;
    for (const std::string &name : names)
        list.append(QString::fromStdString(name));
    return list;
}

// A session file as an earlier Kansoku left it: schema version `version`, then sql run on it.
bool writeOldSession(const QString &path, int version, const char *sql, std::string *error)
{
    SqliteDatabase database;
    return database.open(path.toStdString(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error)
           && SchemaMigrator::migrate(database, error, version) && database.exec(sql, error);
}

std::int64_t count(SqliteDatabase &db, const char *sql)
{
    return db.queryInt(sql, -1);
}

// Every derived row agrees with the rows it is derived from.
void checkConsistent(const QString &path)
{
    SqliteDatabase db;
    std::string error;
    QVERIFY2(db.open(path.toStdString(), SQLITE_OPEN_READWRITE, &error), error.c_str());
    // No span without its trace, no trace without its spans, no half trace.
    QCOMPARE(count(db, "SELECT count(*) FROM spans WHERE trace_key NOT IN (SELECT trace_key "
                       "FROM traces)"),
             std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM traces t WHERE span_count != (SELECT count(*) "
                       "FROM spans s WHERE s.trace_key = t.trace_key)"),
             std::int64_t(0));
    QCOMPARE(count(db, "SELECT count(*) FROM trace_services WHERE trace_key NOT IN (SELECT "
                       "trace_key FROM traces)"),
             std::int64_t(0));
    // The totals row counts what is there.
    QCOMPARE(count(db, "SELECT spans FROM totals"), count(db, "SELECT count(*) FROM spans"));
    QCOMPARE(count(db, "SELECT traces FROM totals"), count(db, "SELECT count(*) FROM traces"));
    QCOMPARE(count(db, "SELECT log_records FROM totals"), count(db, "SELECT count(*) FROM logs"));
    QCOMPARE(count(db, "SELECT data_points FROM totals"),
             count(db, "SELECT count(*) FROM metric_points"));
    // Stream counters and first/last times.
    QCOMPARE(count(db, "SELECT count(*) FROM metric_streams s WHERE point_count != (SELECT "
                       "count(*) FROM metric_points p WHERE p.stream_id = s.stream_id) OR "
                       "(point_count > 0 AND (first_time_ns != (SELECT min(time_ns) FROM "
                       "metric_points p WHERE p.stream_id = s.stream_id) OR last_time_ns != "
                       "(SELECT max(time_ns) FROM metric_points p WHERE p.stream_id = "
                       "s.stream_id)))"),
             std::int64_t(0));
    // The contentless full-text index finds exactly the logs that are left, by body, attribute
    // and trace id token.
    // A retired service has nothing left.
    QCOMPARE(count(db, "SELECT count(*) FROM retired_services r WHERE EXISTS(SELECT 1 FROM "
                       "trace_services t WHERE t.service_id = r.service_id) OR EXISTS(SELECT 1 "
                       "FROM logs l WHERE l.service_id = r.service_id) OR EXISTS(SELECT 1 FROM "
                       "metric_streams m WHERE m.service_id = r.service_id AND point_count > 0)"),
             std::int64_t(0));
    for (const char *token : {"needle", "alice", "wonder"}) {
        const std::string sql
            = std::string("SELECT count(*) FROM logs_fts WHERE logs_fts MATCH '") + token + "'";
        QCOMPARE(count(db, sql.c_str()), count(db, "SELECT count(*) FROM logs"));
    }
    QVERIFY2(db.exec("INSERT INTO logs_fts(logs_fts, rank) VALUES('integrity-check', 0)", &error),
             error.c_str());
}

} // namespace

class TestRetention : public QObject
{
    Q_OBJECT
private slots:
    void ageLimitPrunesWholeTracesLogsAndPoints();
    void writerCachesFollowPruning();
    void sizeCapHoldsDuringSustainedWrites();
    void limitsAreStoredInTheSession();
    void readOnlySessionsOfVersion4AndLimitsRefused();
    void clearDeletesEverythingThroughTheSameSteps();
    void clearedServicesAreListedAgainWithNewTelemetry();
    void pruningRetiresOnlyServicesWithNothingLeft();
    void readOnlyOlderSchemasListServices_data();
    void readOnlyOlderSchemasListServices();
};

void TestRetention::ageLimitPrunesWholeTracesLogsAndPoints()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("age.kansoku"));
    TelemetryStore store(optionsFor(path));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    writeHistory(store);
    QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.spans, std::int64_t(3 * traceCount), 30000);
    QCOMPARE(store.status().pruned, PruneTotals{});

    // Newest item: the last root's end, base + 101 s. Keeping 60.5 s of it keeps the traces
    // that start at base + 41 s and later (59 of them); logs and points at base + 41 s and later.
    QSignalSpy removed(&store, &TelemetryStore::dataRemoved);
    QVERIFY(store.setLimits(SessionLimits{0, 60 * secondNs + secondNs / 2}));
    QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.traces, std::int64_t(59), 30000);
    QVERIFY(!removed.isEmpty());
    const StorageStatus status = store.status();
    QCOMPARE(status.totals.spans, std::int64_t(3 * 59));
    QCOMPARE(status.totals.logRecords, std::int64_t(59));
    QCOMPARE(status.totals.dataPoints, std::int64_t(59));
    QCOMPARE(status.pruned.traces, std::int64_t(41));
    QCOMPARE(status.pruned.spans, std::int64_t(3 * 41));
    QCOMPARE(status.pruned.logRecords, std::int64_t(41));
    QCOMPARE(status.pruned.dataPoints, std::int64_t(41));
    QVERIFY(status.pruned.lastPruneUnixMs > 0);
    QCOMPARE(status.limits.retainNs, 60 * secondNs + secondNs / 2);
    // The queries see the same: the oldest trace left starts at base + 41 s, the time bounds
    // moved with it, and the emptied-out past is gone from every signal.
    const std::shared_ptr<const TelemetryQueries> queries = store.queries();
    QVERIFY(!queries->trace(traceId(41)));
    QVERIFY(queries->trace(traceId(42)));
    QCOMPARE(queries->trace(traceId(42))->spans.size(), std::size_t(3));
    QCOMPARE(queries->timeBounds()->startNs, baseNs + 41 * secondNs);
    QCOMPARE(queries->metricStreams({}).front().pointCount, std::int64_t(59));
    store.close();
    checkConsistent(path);
}

void TestRetention::writerCachesFollowPruning()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("caches.kansoku"));
    TelemetryStore store(optionsFor(path));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    writeHistory(store);
    QVERIFY(store.setLimits(SessionLimits{0, 51 * secondNs}));
    QTRY_VERIFY_WITH_TIMEOUT(store.status().pruned.traces > 0, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(store.status().pruned.traces, std::int64_t(50), 30000);
    // Turn the limit off, then send more of a pruned trace (its summary was cached) and more
    // points of the stream whose counters the pruner changed: both must start from the rows
    // as they are now, not from what the writer remembered.
    QVERIFY(store.setLimits(SessionLimits{}));
    QTRY_COMPARE_WITH_TIMEOUT(store.status().limits, SessionLimits{}, 30000);
    const std::int64_t late = baseNs + 150 * secondNs;
    QCOMPARE(store.offerWaiting(spanBatch(resource("back"), {span(traceId(1), spanId(9), spanId(1),
                                                                  "late", late, late + 1)}),
                                std::chrono::seconds(10)),
             OfferResult::Accepted);
    QCOMPARE(store.offerWaiting(metricBatch(resource("front"), {gauge(late, 7)}),
                                std::chrono::seconds(10)),
             OfferResult::Accepted);
    store.close();
    checkConsistent(path);
    const std::optional<Trace> trace = store.queries()->trace(traceId(1));
    QVERIFY(trace);
    QCOMPARE(trace->spans.size(), std::size_t(1));
    QCOMPARE(store.queries()->traces({}).size(), std::size_t(51));
}

void TestRetention::sizeCapHoldsDuringSustainedWrites()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("size.kansoku"));
    constexpr std::int64_t capBytes = std::int64_t(6) << 20;
    StorageOptions options = optionsFor(path);
    options.maxBytes = capBytes;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    // About 1 KiB of attributes per span, 200 spans per batch: ~5 times the cap in all.
    const std::string filler(900, 'x');
    auto writeBatches = [&](int firstBatch, int batches) {
        for (int b = firstBatch; b < firstBatch + batches; ++b) {
            std::vector<Span> spans;
            for (int i = 0; i < 200; ++i) {
                const std::int64_t start = baseNs + (std::int64_t(b) * 200 + i) * 1000000;
                spans.push_back(
                    span(traceId(std::uint64_t(b) * 200 + i + 1), spanId(1), {}, "op", start,
                         start + 500, StatusCode::Unset,
                         {{"payload", AnyValue::fromString(filler + std::to_string(i))}}));
            }
            QCOMPARE(
                store.offerWaiting(spanBatch(resource("svc"), spans), std::chrono::seconds(30)),
                OfferResult::Accepted);
        }
    };
    auto fileBytes = [&] {
        // What the file holds once checkpointed: its pages as a reader sees them.
        SqliteDatabase reader;
        std::string openError;
        if (!reader.open(path.toStdString(), SQLITE_OPEN_READONLY, &openError))
            return std::int64_t(-1);
        return reader.queryInt("PRAGMA page_count") * reader.queryInt("PRAGMA page_size");
    };
    writeBatches(0, 75);
    QTRY_VERIFY_WITH_TIMEOUT(store.status().pruned.spans > 0, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(store.status().queuedItems, std::int64_t(0), 30000);
    const std::int64_t sizeAfterFirstHalf = fileBytes();
    writeBatches(75, 75);
    QTRY_COMPARE_WITH_TIMEOUT(store.status().queuedItems, std::int64_t(0), 30000);
    // Pruning catches up to the low-water mark once writes stop.
    QTRY_VERIFY_WITH_TIMEOUT(store.status().liveDataBytes <= capBytes, 30000);
    const std::int64_t sizeAtEnd = fileBytes();
    const StorageStatus status = store.status();
    store.close();
    qInfo("cap %lld B; file %lld B after half, %lld B at the end; kept %lld spans, pruned %lld",
          qlonglong(capBytes), qlonglong(sizeAfterFirstHalf), qlonglong(sizeAtEnd),
          qlonglong(status.totals.spans), qlonglong(status.pruned.spans));
    QCOMPARE(status.totals.spans + status.pruned.spans, std::int64_t(150 * 200));
    // Within tolerance of the cap (pruning runs between commits, so a commit's worth and the
    // freed pages above the low-water mark come on top), and no longer growing: the second half
    // reused the pages the pruner freed.
    QVERIFY2(sizeAtEnd <= capBytes * 3 / 2, qPrintable(QString::number(sizeAtEnd)));
    QVERIFY2(sizeAtEnd <= sizeAfterFirstHalf * 11 / 10, qPrintable(QString::number(sizeAtEnd)));
    // The newest telemetry is what stays.
    QVERIFY(store.queries()->trace(traceId(150 * 200)));
    QVERIFY(!store.queries()->trace(traceId(1)));
    checkConsistent(path);
}

void TestRetention::limitsAreStoredInTheSession()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("limits.kansoku"));
    const SessionLimits forNewFiles{std::int64_t(64) << 20, 3600 * secondNs};
    {
        StorageOptions options = optionsFor(path);
        options.newSessionLimits = forNewFiles;
        TelemetryStore store(options);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(store.limits(), forNewFiles);
    }
    const SessionLimits changed{std::int64_t(10) << 20, 0};
    {
        // An existing file keeps what it has: newSessionLimits are for new files only.
        StorageOptions options = optionsFor(path);
        options.newSessionLimits = SessionLimits::defaults();
        TelemetryStore store(options);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(store.limits(), forNewFiles);
        QVERIFY(store.setLimits(changed));
        QTRY_COMPARE_WITH_TIMEOUT(store.limits(), changed, 30000);
    }
    {
        StorageOptions options = optionsFor(path);
        options.readOnly = true;
        TelemetryStore store(options);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(store.limits(), changed);
    }
    {
        // The command line's limits replace the stored ones, each on its own, and are stored.
        StorageOptions options = optionsFor(path);
        options.retainNs = 7 * 86400 * secondNs;
        TelemetryStore store(options);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
    }
    SqliteDatabase db;
    std::string error;
    QVERIFY(db.open(path.toStdString(), SQLITE_OPEN_READONLY, &error));
    SessionLimits stored;
    QVERIFY(SessionSettings::readLimits(db, &stored, &error));
    QCOMPARE(stored, (SessionLimits{changed.maxBytes, 7 * 86400 * secondNs}));
}

void TestRetention::readOnlySessionsOfVersion4AndLimitsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v4.kansoku"));
    {
        // What the previous Kansoku wrote: schema version 4, no session_settings table.
        std::string error;
        QVERIFY2(writeOldSession(path, 4, "", &error), error.c_str());
    }
    StorageOptions options = optionsFor(path);
    options.readOnly = true;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.limits(), SessionLimits{});
    QVERIFY(!store.setLimits(SessionLimits::defaults()));
    QVERIFY(!store.clearData());
    store.close();
    SqliteDatabase check;
    std::string openError;
    QVERIFY(check.open(path.toStdString(), SQLITE_OPEN_READONLY, &openError));
    QCOMPARE(check.queryInt("PRAGMA user_version"), std::int64_t(4));
}

void TestRetention::clearDeletesEverythingThroughTheSameSteps()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("clear.kansoku"));
    TelemetryStore store(optionsFor(path));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    writeHistory(store);
    QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.traces, std::int64_t(traceCount), 30000);
    QSignalSpy cleared(&store, &TelemetryStore::dataCleared);
    QVERIFY(store.clearData());
    // Counted, not waited for: the writer may have cleared before a wait() would begin.
    QTRY_COMPARE_WITH_TIMEOUT(cleared.count(), 1, 20000);
    const StorageStatus status = store.status();
    QCOMPARE(status.totals.spans, std::int64_t(0));
    QCOMPARE(status.totals.traces, std::int64_t(0));
    QCOMPARE(status.totals.logRecords, std::int64_t(0));
    QCOMPARE(status.totals.dataPoints, std::int64_t(0));
    QCOMPARE(status.pruned.traces, std::int64_t(traceCount));
    QVERIFY(!store.queries()->timeBounds());
    QVERIFY(store.queries()->metricStreams({}).empty());
    // The session goes on: new telemetry is stored as before.
    QCOMPARE(store.offerWaiting(spanBatch(resource("front"), {span(traceId(1), spanId(1), {},
                                                                   "again", baseNs, baseNs + 1)}),
                                std::chrono::seconds(10)),
             OfferResult::Accepted);
    store.close();
    QCOMPARE(store.queries()->totals().spans, std::int64_t(1));
    checkConsistent(path);
}

void TestRetention::clearedServicesAreListedAgainWithNewTelemetry()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("retired.kansoku"));
    {
        TelemetryStore store(optionsFor(path));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        writeHistory(store);
        QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.traces, std::int64_t(traceCount), 30000);
        const std::shared_ptr<const TelemetryQueries> queries = store.queries();
        QCOMPARE(queries->services(), (Names{"back", "front"}));
        QSignalSpy cleared(&store, &TelemetryStore::dataCleared);
        QVERIFY(store.clearData());
        // Counted, not waited for: the writer may have cleared before a wait() would begin.
        QTRY_COMPARE_WITH_TIMEOUT(cleared.count(), 1, 20000);
        QCOMPARE(queries->services(), Names{});
        QCOMPARE(statisticsNames(*queries), Names{});

        // "back" under a resource not seen before (the interner finds the service by name), then
        // "front" under the very resource it had (found by the resource): each is listed again
        // once its telemetry is committed, and only then.
        QCOMPARE(store.offerWaiting(
                     logBatch(resource("back", {{"host.name", AnyValue::fromString("new-host")}}),
                              {log(baseNs, 9, AnyValue::fromString("back again"))}),
                     std::chrono::seconds(10)),
                 OfferResult::Accepted);
        QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.logRecords, std::int64_t(1), 30000);
        QCOMPARE(queries->services(), Names{"back"});
        QCOMPARE(statisticsNames(*queries), Names{"back"});
        QCOMPARE(store.offerWaiting(
                     spanBatch(resource("front"),
                               {span(traceId(1), spanId(1), {}, "again", baseNs, baseNs + 1)}),
                     std::chrono::seconds(10)),
                 OfferResult::Accepted);
        QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.spans, std::int64_t(1), 30000);
        QCOMPARE(queries->services(), (Names{"back", "front"}));

        // Cleared again and closed: the next writer reads the retired services from the file.
        QVERIFY(store.clearData());
        QTRY_COMPARE_WITH_TIMEOUT(cleared.count(), 2, 20000);
        QCOMPARE(queries->services(), Names{});
    }
    TelemetryStore store(optionsFor(path));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.queries()->services(), Names{});
    QCOMPARE(store.offerWaiting(metricBatch(resource("front"), {gauge(baseNs)}),
                                std::chrono::seconds(10)),
             OfferResult::Accepted);
    QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.dataPoints, std::int64_t(1), 30000);
    QCOMPARE(store.queries()->services(), Names{"front"});
    store.close();
    checkConsistent(path);
}

void TestRetention::pruningRetiresOnlyServicesWithNothingLeft()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pruned.kansoku"));
    TelemetryStore store(optionsFor(path));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    // Early telemetry at base, late at base + 100 s; keeping 50 s prunes all the early items.
    // The gone* services had only early items, one signal each (so each way a pruned item names
    // its service is needed); each kept* service keeps exactly one signal, so each check of
    // what a service has left is needed.
    const std::int64_t late = baseNs + 100 * secondNs;
    std::uint64_t traceNumber = 0;
    auto spanOf = [&](const char *service, std::int64_t startNs) {
        ++traceNumber;
        QCOMPARE(
            store.offerWaiting(spanBatch(resource(service), {span(traceId(traceNumber), spanId(1),
                                                                  {}, "op", startNs, startNs + 1)}),
                               std::chrono::seconds(10)),
            OfferResult::Accepted);
    };
    auto logOf = [&](const char *service, std::int64_t timeNs) {
        QCOMPARE(
            store.offerWaiting(logBatch(resource(service),
                                        {log(timeNs, 9, AnyValue::fromString("needle"),
                                             {{"user", AnyValue::fromString("alice wonder")}})}),
                               std::chrono::seconds(10)),
            OfferResult::Accepted);
    };
    auto pointOf = [&](const char *service, std::int64_t timeNs) {
        QCOMPARE(store.offerWaiting(metricBatch(resource(service), {gauge(timeNs)}),
                                    std::chrono::seconds(10)),
                 OfferResult::Accepted);
    };
    // Logs are pruned from the head of the table: the early ones arrive first.
    spanOf("goneSpans", baseNs);
    logOf("goneLogs", baseNs);
    pointOf("gonePoints", baseNs);
    logOf("keptBySpans", baseNs);
    spanOf("keptByLogs", baseNs);
    spanOf("keptByPoints", baseNs);
    spanOf("keptBySpans", late);
    logOf("keptByLogs", late);
    pointOf("keptByPoints", late);
    QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.spans, std::int64_t(4), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.logRecords, std::int64_t(3), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.dataPoints, std::int64_t(2), 30000);
    const std::shared_ptr<const TelemetryQueries> queries = store.queries();
    QCOMPARE(queries->services().size(), std::size_t(6));

    QVERIFY(store.setLimits(SessionLimits{0, 50 * secondNs}));
    QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.spans, std::int64_t(1), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.logRecords, std::int64_t(1), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(store.status().totals.dataPoints, std::int64_t(1), 30000);
    // Retired by the steps that deleted their last items.
    const Names kept{"keptByLogs", "keptByPoints", "keptBySpans"};
    QCOMPARE(queries->services(), kept);
    QCOMPARE(statisticsNames(*queries), kept);
    store.close();
    checkConsistent(path);
}

void TestRetention::readOnlyOlderSchemasListServices_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<QStringList>("listed");
    // Before version 6 there is no retired_services table: every service is listed.
    const QStringList both{QStringLiteral("legacy"), QStringLiteral("quiet")};
    QTest::newRow("version 4") << 4 << both;
    QTest::newRow("version 5") << 5 << both;
    QTest::newRow("version 6, quiet retired") << 6 << QStringList{QStringLiteral("legacy")};
}

void TestRetention::readOnlyOlderSchemasListServices()
{
    QFETCH(int, version);
    QFETCH(QStringList, listed);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.kansoku"));
    {
        std::string sql
            = "INSERT INTO services(service_id, name) VALUES(1, 'legacy'), (2, 'quiet');";
        if (version >= SchemaMigrator::retiredServicesVersion())
            sql += "INSERT INTO retired_services(service_id) VALUES(2);";
        std::string error;
        QVERIFY2(writeOldSession(path, version, sql.c_str(), &error), error.c_str());
    }
    StorageOptions options = optionsFor(path);
    options.readOnly = true;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(qtNames(store.queries()->services()), listed);
    QCOMPARE(qtNames(statisticsNames(*store.queries())), listed);
    store.close();
    SqliteDatabase check;
    std::string openError;
    QVERIFY(check.open(path.toStdString(), SQLITE_OPEN_READONLY, &openError));
    QCOMPARE(check.queryInt("PRAGMA user_version"), std::int64_t(version));
}

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
