#include "otlp_proto_columns.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <sqlite3.h>
#include <thread>

using namespace kansoku;
using namespace kansoku::testdata;

namespace {

// `spans` root spans of traces firstId, firstId + 1, ...
TelemetryBatchPtr spansOfNewTraces(int spans, int firstId)
{
    std::vector<Span> list;
    for (int i = 0; i < spans; ++i)
        list.push_back(span(traceId(std::uint64_t(firstId + i)), spanId(1), {}, "s", 1, 2));
    return spanBatch(resource("svc"), list);
}

StorageOptions fastOptions(const QString &path)
{
    StorageOptions options;
    options.databasePath = path;
    options.commitMaxLatencyMs = 20;
    return options;
}

// Another connection that holds the write lock (BEGIN IMMEDIATE), so the store's writer cannot
// commit and its queue fills; null on failure.
sqlite3 *holdWriteLock(const QString &path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK
        || sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return nullptr;
    }
    return db;
}

bool releaseWriteLock(sqlite3 *db)
{
    const bool rolledBack = sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return rolledBack;
}

// Runs one SQL statement on a separate connection and returns the first column of the first row.
QString sqlValue(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    QString result;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr)
        == SQLITE_OK) {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK
            && sqlite3_step(statement) == SQLITE_ROW)
            result = QString::fromUtf8(
                reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return result;
}

Metric oneStreamMetric(MetricType type)
{
    Metric metric;
    metric.name = "test.metric";
    metric.description = "説明 description";
    metric.unit = "ms";
    metric.metadata = {{"meta", AnyValue::fromString("data")}};
    metric.type = type;
    const Attributes attributes{{"route", AnyValue::fromString("/api")}};
    const Exemplar exemplar{
        {{"user", AnyValue::fromString("u1")}}, 1000, 2.5, spanId(1), traceId(1)};
    for (int i = 0; i < 3; ++i) {
        DataPointBase base;
        base.attributes = attributes;
        base.startTimeNs = 500;
        base.timeNs = 1000 + i * 1000;
        base.flags = i == 2 ? 1 : 0;
        if (i == 0)
            base.exemplars = {exemplar, Exemplar{{}, 1001, std::int64_t(-4), {}, {}}};
        switch (type) {
        case MetricType::Gauge:
        case MetricType::Sum: {
            NumberDataPoint point;
            static_cast<DataPointBase &>(point) = base;
            point.value = i == 0 ? std::variant<double, std::int64_t>(std::int64_t(-7))
                                 : std::variant<double, std::int64_t>(i == 1 ? -0.0 : 1e300);
            metric.numberPoints.push_back(point);
            break;
        }
        case MetricType::Histogram: {
            HistogramDataPoint point;
            static_cast<DataPointBase &>(point) = base;
            point.count = i == 2 ? std::numeric_limits<std::uint64_t>::max() : 6;
            if (i != 1) {
                point.sum = 12.5;
                point.min = -1.0;
                point.max = std::numeric_limits<double>::infinity();
            }
            point.bucketCounts = {1, 2, 3};
            point.explicitBounds = {0.5, 10.25};
            metric.histogramPoints.push_back(point);
            break;
        }
        case MetricType::ExponentialHistogram: {
            ExponentialHistogramDataPoint point;
            static_cast<DataPointBase &>(point) = base;
            point.count = 9;
            point.sum = i == 1 ? std::optional<double>() : std::optional<double>(4.5);
            point.scale = -3;
            point.zeroCount = 2;
            point.zeroThreshold = 1e-9;
            point.positive = {-5, {1, 0, 4}};
            point.negative = {7, {2}};
            if (i == 0) {
                point.min = -2.0;
                point.max = 8.0;
            }
            metric.exponentialHistogramPoints.push_back(point);
            break;
        }
        case MetricType::Summary: {
            SummaryDataPoint point;
            static_cast<DataPointBase &>(point) = base;
            point.count = 10;
            point.sum = 99.5;
            point.quantileValues = {{0.5, 1.0}, {0.99, 7.5}};
            metric.summaryPoints.push_back(point);
            break;
        }
        }
    }
    if (type == MetricType::Sum) {
        metric.temporality = AggregationTemporality::Cumulative;
        metric.isMonotonic = true;
    } else if (type == MetricType::Histogram || type == MetricType::ExponentialHistogram) {
        metric.temporality = AggregationTemporality::Delta;
    }
    return metric;
}

} // namespace

class TestTelemetryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void openCreatesVersionedWalDatabase();
    void offerOutsideOpenIsClosed();
    void emptyBatchIsAccepted();
    void spanRoundTrip();
    void encodedSpanFieldsRoundTrip();
    void logRoundTrip_data();
    void logRoundTrip();
    void metricRoundTrip_data();
    void metricRoundTrip();
    void traceSummaryAcrossBatches_data();
    void traceSummaryAcrossBatches();
    void duplicatesAreStoredOnce();
    void backpressure();
    void waitingOfferGetsRoomFromACommit();
    void uncommittedItemsAreBoundedByWriterSpeed();
    void waitingOfferEndsWhenStoreCloses();
    void closeDrainsEverything();
    void commitSignalCarriesCounts();
    void failedTransactionIsRolledBackAndReported();
    void reopenCurrentVersionDatabase();
    void newerSchemaVersionFails();
    void nonSqliteFileFails();
    void foreignSqliteDatabaseFails();
    void unusablePathFails();
    void killedWriterLeavesConsistentFile();
};

void TestTelemetryStore::openCreatesVersionedWalDatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nested/dirs/kansoku.db"));
    TelemetryStore store(fastOptions(path));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QVERIFY(QFile::exists(path));
    QCOMPARE(store.databasePath(), path);
    QCOMPARE(TelemetryStore::schemaVersion(), 6);
    QCOMPARE(sqlValue(path, "PRAGMA user_version"), QStringLiteral("6"));
    QCOMPARE(sqlValue(path, "PRAGMA journal_mode"), QStringLiteral("wal"));
    const StorageStatus status = store.status();
    // Nothing measured yet: the durability bound starts at its floor.
    QCOMPARE(status.queueCapacityItems, std::int64_t(4096));
    QCOMPARE(status.writerItemsPerSecond, 0.0);
    QVERIFY(status.fileSizeBytes > 0);
    QVERIFY(status.lastError.empty());
    QVERIFY(store.queries());
    QCOMPARE(store.queries()->totals(), TelemetryTotals{});
    QVERIFY(!store.queries()->timeBounds());
}

void TestTelemetryStore::offerOutsideOpenIsClosed()
{
    QTemporaryDir dir;
    TelemetryStore store(fastOptions(dir.filePath(QStringLiteral("a.db"))));
    const auto batch = spanBatch(resource("svc"), {span(traceId(1), spanId(1), {}, "x", 1, 2)});
    QCOMPARE(store.offer(batch), OfferResult::Closed);
    QVERIFY(store.open(nullptr));
    QCOMPARE(store.offer(batch), OfferResult::Accepted);
    store.close();
    QCOMPARE(store.offer(batch), OfferResult::Closed);
    QCOMPARE(store.queries()->totals().spans, std::int64_t(1)); // queries outlive close()
}

void TestTelemetryStore::emptyBatchIsAccepted()
{
    QTemporaryDir dir;
    TelemetryStore store(fastOptions(dir.filePath(QStringLiteral("a.db"))));
    QVERIFY(store.open(nullptr));
    QCOMPARE(store.offer(std::make_shared<TelemetryBatch>()), OfferResult::Accepted);
    QCOMPARE(store.status().queuedItems, std::int64_t(0));
}

void TestTelemetryStore::spanRoundTrip()
{
    QTemporaryDir dir;
    TelemetryStore store(fastOptions(dir.filePath(QStringLiteral("a.db"))));
    QVERIFY(store.open(nullptr));
    const TraceId trace = traceId(42);
    const Span root = fullSpan(trace, 1, SpanId{});
    const Span child = fullSpan(trace, 2, root.spanId);
    Span other = bareSpan(fullSpan(trace, 3, root.spanId));
    other.traceState.clear();
    other.status = {};
    const Resource frontend = resource("frontend", {{"host.name", AnyValue::fromString("h1")}});
    const Resource backend = resource("backend");
    QCOMPARE(store.offer(spanBatch(frontend, {child, root})), OfferResult::Accepted);
    QCOMPARE(store.offer(spanBatch(backend, {other}, scope("other.scope"))), OfferResult::Accepted);
    store.close();

    const std::optional<Trace> stored = store.queries()->trace(trace);
    QVERIFY(stored);
    QCOMPARE(stored->traceId, trace);
    QCOMPARE(stored->spans.size(), std::size_t(3));
    const std::vector<Span> expected{root, child, other}; // by start time
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const TraceSpan &traceSpan = stored->spans[i];
        QVERIFY2(traceSpan.span == expected[i], qPrintable(QString::number(i)));
        QCOMPARE(traceSpan.resourceSchemaUrl,
                 std::string("https://opentelemetry.io/schemas/1.21.0"));
        QCOMPARE(traceSpan.scopeSchemaUrl, std::string("https://example.com/scope-schema"));
    }
    QCOMPARE(stored->resources.size(), std::size_t(2));
    QCOMPARE(stored->scopes.size(), std::size_t(2));
    QVERIFY(stored->resources[stored->spans[0].resourceIndex] == frontend);
    QVERIFY(stored->resources[stored->spans[2].resourceIndex] == backend);
    QVERIFY(stored->scopes[stored->spans[0].scopeIndex] == scope("test.scope"));
    QVERIFY(stored->scopes[stored->spans[2].scopeIndex] == scope("other.scope"));
    QVERIFY(!store.queries()->trace(traceId(43)));

    const TelemetryTotals totals = store.queries()->totals();
    QCOMPARE(totals.spans, std::int64_t(3));
    QCOMPARE(totals.traces, std::int64_t(1));
    QCOMPARE(store.status().totals, totals);
    QCOMPARE(store.queries()->services(), (std::vector<std::string>{"backend", "frontend"}));
    const std::optional<TimeRange> bounds = store.queries()->timeBounds();
    QVERIFY(bounds);
    QCOMPARE(bounds->startNs, root.startTimeNs);
    QCOMPARE(bounds->endNs, other.endTimeNs + 1);
}

// A scope whose spans' attributes, events and links arrive encoded (as the receivers' decoder
// leaves them) next to a decoded scope in the same batch: both read back as the full spans.
void TestTelemetryStore::encodedSpanFieldsRoundTrip()
{
    QTemporaryDir dir;
    TelemetryStore store(fastOptions(dir.filePath(QStringLiteral("a.db"))));
    QVERIFY(store.open(nullptr));
    const TraceId trace = traceId(7);
    const Span root = fullSpan(trace, 1, SpanId{});
    const Span child = fullSpan(trace, 2, root.spanId);
    const Span bare = bareSpan(fullSpan(trace, 3, root.spanId));
    // Its columns take fewer bytes than a short string holds inline, which the batch's move
    // into the queue must not invalidate.
    Span tiny = bareSpan(fullSpan(trace, 4, root.spanId));
    tiny.attributes = {{"a", AnyValue::fromString("b")}};

    auto batch = std::make_shared<TelemetryBatch>(*spanBatch(resource("svc"), {child, tiny}));
    ScopeSpans encoded;
    encoded.scope = scope("encoded.scope");
    for (const Span &full : {root, bare}) {
        encoded.spans.push_back(bareSpan(full));
        OtlpProtoColumns::appendAttributes(encoded.encodedSpanFields.openValue(),
                                           OtlpProtoColumns::spanAttributesField, full.attributes);
        encoded.encodedSpanFields.close();
        OtlpProtoColumns::appendEvents(encoded.encodedSpanFields.openValue(), full.events);
        encoded.encodedSpanFields.close();
        OtlpProtoColumns::appendLinks(encoded.encodedSpanFields.openValue(), full.links);
        encoded.encodedSpanFields.close();
    }
    // Encoded first, so the decoded scope's columns follow encoded ones in the batch.
    batch->resourceSpans[0].scopeSpans.insert(batch->resourceSpans[0].scopeSpans.begin(), encoded);
    QCOMPARE(store.offer(batch), OfferResult::Accepted);
    store.close();

    const std::optional<Trace> stored = store.queries()->trace(trace);
    QVERIFY(stored);
    const std::vector<Span> expected{root, child, bare, tiny}; // by start time
    QCOMPARE(stored->spans.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        QVERIFY2(stored->spans[i].span == expected[i], qPrintable(QString::number(i)));
    QVERIFY(stored->scopes[stored->spans[0].scopeIndex] == scope("encoded.scope"));
    QVERIFY(stored->scopes[stored->spans[1].scopeIndex] == scope("test.scope"));
}

void TestTelemetryStore::logRoundTrip_data()
{
    QTest::addColumn<bool>("withIds");
    QTest::addColumn<int>("bodyKind");
    QTest::newRow("string body with ids") << true << 0;
    QTest::newRow("empty body") << false << 1;
    QTest::newRow("int body") << false << 2;
    QTest::newRow("map body") << true << 3;
    QTest::newRow("bytes body") << false << 4;
    QTest::newRow("nan body") << false << 5;
    QTest::newRow("empty string body") << false << 6;
}

void TestTelemetryStore::logRoundTrip()
{
    QFETCH(bool, withIds);
    QFETCH(int, bodyKind);
    const AnyValue bodies[]
        = {AnyValue::fromString("ログ message 🚀 " + std::string(100 * 1024, 'y')),
           AnyValue(),
           AnyValue::fromInt(std::numeric_limits<std::int64_t>::min()),
           AnyValue::fromMap(
               {{"event", AnyValue::fromString("login")},
                {"ids", AnyValue::fromArray({AnyValue::fromInt(1), AnyValue::fromDouble(2.5)})}}),
           AnyValue::fromBytes(std::string("\0\xff", 2)),
           AnyValue::fromDouble(std::nan("")),
           AnyValue::fromString("")};
    QTemporaryDir dir;
    TelemetryStore store(fastOptions(dir.filePath(QStringLiteral("a.db"))));
    QVERIFY(store.open(nullptr));
    LogRecord record
        = log(1700000000123456789, 17, bodies[bodyKind],
              {{"user.id", AnyValue::fromInt(7)}, {"bin", AnyValue::fromBytes("\x01")}},
              withIds ? traceId(5) : TraceId{}, withIds ? spanId(6) : SpanId{});
    record.droppedAttributesCount = 3;
    record.flags = 1;
    record.eventName = "user.login";
    record.severityText = "ERROR2";
    const Resource service = resource("auth", {{"k8s.pod", AnyValue::fromString("p")}});
    QCOMPARE(store.offer(logBatch(service, {record})), OfferResult::Accepted);
    store.close();

    const LogPage page = store.queries()->logs(LogQuery{});
    QCOMPARE(page.logs.size(), std::size_t(1));
    const StoredLog &stored = page.logs.front();
    QVERIFY(stored.record == record);
    QCOMPARE(stored.record.body.type(), record.body.type());
    QVERIFY(stored.resource == service);
    QVERIFY(stored.scope == scope("log.scope"));
    QCOMPARE(stored.resourceSchemaUrl, std::string("https://opentelemetry.io/schemas/1.21.0"));
    QCOMPARE(stored.scopeSchemaUrl, std::string());
    QVERIFY(stored.rowId > 0);
    QVERIFY(!page.nextBeforeRowId);
    QCOMPARE(store.queries()->totals().logRecords, std::int64_t(1));
}

void TestTelemetryStore::metricRoundTrip_data()
{
    QTest::addColumn<int>("type");
    QTest::newRow("gauge") << int(MetricType::Gauge);
    QTest::newRow("sum") << int(MetricType::Sum);
    QTest::newRow("histogram") << int(MetricType::Histogram);
    QTest::newRow("exponential histogram") << int(MetricType::ExponentialHistogram);
    QTest::newRow("summary") << int(MetricType::Summary);
}

void TestTelemetryStore::metricRoundTrip()
{
    QFETCH(int, type);
    const Metric metric = oneStreamMetric(static_cast<MetricType>(type));
    QTemporaryDir dir;
    TelemetryStore store(fastOptions(dir.filePath(QStringLiteral("a.db"))));
    QVERIFY(store.open(nullptr));
    const Resource service = resource("metrics-svc");
    QCOMPARE(store.offer(metricBatch(service, {metric})), OfferResult::Accepted);
    store.close();

    const std::vector<MetricStream> streams = store.queries()->metricStreams({});
    QCOMPARE(streams.size(), std::size_t(1));
    const MetricStream &info = streams.front();
    QCOMPARE(info.name, metric.name);
    QCOMPARE(info.description, metric.description);
    QCOMPARE(info.unit, metric.unit);
    QCOMPARE(info.type, metric.type);
    QCOMPARE(info.temporality, metric.temporality);
    QCOMPARE(info.isMonotonic, metric.isMonotonic);
    QVERIFY(info.resource == service);
    QVERIFY(info.scope == scope("metric.scope"));
    QVERIFY(info.attributes == (Attributes{{"route", AnyValue::fromString("/api")}}));
    QCOMPARE(info.pointCount, std::int64_t(3));
    QCOMPARE(info.firstTimeNs, std::int64_t(1000));
    QCOMPARE(info.lastTimeNs, std::int64_t(3000));

    MetricPointQuery query;
    query.streamId = info.streamId;
    const std::optional<Metric> stored = store.queries()->metricPoints(query);
    QVERIFY(stored);
    QVERIFY(*stored == metric);
    if (metric.type == MetricType::Gauge) {
        QVERIFY(std::holds_alternative<std::int64_t>(stored->numberPoints[0].value));
        QVERIFY(std::signbit(std::get<double>(stored->numberPoints[1].value)));
    }
    if (metric.type == MetricType::Histogram)
        QCOMPARE(stored->histogramPoints[2].count, std::numeric_limits<std::uint64_t>::max());
    QCOMPARE(store.queries()->totals().dataPoints, std::int64_t(3));
    QCOMPARE(store.queries()->totals().metricStreams, std::int64_t(1));
    QVERIFY(!store.queries()->metricPoints({info.streamId + 100, {}, 0}));
}

void TestTelemetryStore::traceSummaryAcrossBatches_data()
{
    QTest::addColumn<bool>("rootFirst");
    QTest::addColumn<bool>("reopenBetween");
    QTest::newRow("root first") << true << false;
    QTest::newRow("root last") << false << false;
    QTest::newRow("root last, store reopened") << false << true;
    QTest::newRow("root first, store reopened") << true << true;
}

void TestTelemetryStore::traceSummaryAcrossBatches()
{
    QFETCH(bool, rootFirst);
    QFETCH(bool, reopenBetween);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.db"));
    const TraceId trace = traceId(7);
    const Span root = span(trace, spanId(1), {}, "GET /checkout", 1000, 9000);
    const Span early = span(trace, spanId(2), root.spanId, "auth", 500, 1500, StatusCode::Error);
    const Span late = span(trace, spanId(3), root.spanId, "db", 2000, 12000, StatusCode::Error);
    const Span middle = span(trace, spanId(4), root.spanId, "cache", 3000, 4000, StatusCode::Ok);
    std::vector<std::pair<Resource, Span>> order{{resource("checkout"), root},
                                                 {resource("auth"), early},
                                                 {resource("db"), late},
                                                 {resource("cache"), middle}};
    if (!rootFirst)
        std::rotate(order.begin(), order.begin() + 1, order.end());

    auto store = std::make_unique<TelemetryStore>(fastOptions(path));
    QVERIFY(store->open(nullptr));
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (reopenBetween && i == 2) {
            store->close();
            store = std::make_unique<TelemetryStore>(fastOptions(path));
            QVERIFY(store->open(nullptr));
        }
        QCOMPARE(store->offer(spanBatch(order[i].first, {order[i].second})), OfferResult::Accepted);
        // Each span in its own transaction, so the summary is merged with the stored row.
        QTRY_COMPARE(store->status().totals.spans, std::int64_t(i + 1));
        const std::vector<TraceSummary> partial = store->queries()->traces({});
        QCOMPARE(partial.size(), std::size_t(1));
        QCOMPARE(partial.front().spanCount, std::int64_t(i + 1));
        QCOMPARE(partial.front().rootName.empty(), !rootFirst && i + 1 < order.size());
    }
    store->close();

    const std::vector<TraceSummary> summaries = store->queries()->traces({});
    QCOMPARE(summaries.size(), std::size_t(1));
    const TraceSummary &summary = summaries.front();
    QCOMPARE(summary.traceId, trace);
    QCOMPARE(summary.startTimeNs, std::int64_t(500));
    QCOMPARE(summary.durationNs, std::int64_t(11500));
    QCOMPARE(summary.rootService, std::string("checkout"));
    QCOMPARE(summary.rootName, std::string("GET /checkout"));
    QCOMPARE(summary.spanCount, std::int64_t(4));
    QCOMPARE(summary.errorCount, std::int64_t(2));
    QCOMPARE(summary.services, (std::vector<std::string>{"auth", "cache", "checkout", "db"}));
    QCOMPARE(store->queries()->totals().traces, std::int64_t(1));
    TraceQuery byService;
    byService.service = "cache";
    QCOMPARE(store->queries()->traces(byService).size(), std::size_t(1));
}

void TestTelemetryStore::duplicatesAreStoredOnce()
{
    QTemporaryDir dir;
    TelemetryStore store(fastOptions(dir.filePath(QStringLiteral("a.db"))));
    QVERIFY(store.open(nullptr));
    const auto spans = spanBatch(resource("svc"),
                                 {span(traceId(1), spanId(1), {}, "x", 1, 2, StatusCode::Error)});
    Metric gauge = oneStreamMetric(MetricType::Gauge);
    QCOMPARE(store.offer(spans), OfferResult::Accepted);
    QCOMPARE(store.offer(metricBatch(resource("svc"), {gauge})), OfferResult::Accepted);
    QCOMPARE(store.offer(spans), OfferResult::Accepted);
    QCOMPARE(store.offer(metricBatch(resource("svc"), {gauge})), OfferResult::Accepted);
    store.close();
    const TelemetryTotals totals = store.queries()->totals();
    QCOMPARE(totals.spans, std::int64_t(1));
    QCOMPARE(totals.dataPoints, std::int64_t(3));
    QCOMPARE(totals.metricStreams, std::int64_t(1));
    const std::vector<TraceSummary> summaries = store.queries()->traces({});
    QCOMPARE(summaries.size(), std::size_t(1));
    QCOMPARE(summaries.front().spanCount, std::int64_t(1));
    QCOMPARE(summaries.front().errorCount, std::int64_t(1));
}

void TestTelemetryStore::backpressure()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.db"));
    StorageOptions options = fastOptions(path);
    options.queueCapacityItems = 10;
    TelemetryStore store(options);
    QVERIFY(store.open(nullptr));

    // Another connection holds the write lock, so the writer cannot commit and the queue fills.
    sqlite3 *blocker = holdWriteLock(path);
    QVERIFY(blocker);

    QCOMPARE(store.offer(spansOfNewTraces(6, 0)), OfferResult::Accepted);
    QCOMPARE(store.offer(spansOfNewTraces(4, 100)), OfferResult::Accepted);
    QCOMPARE(store.status().queuedItems, std::int64_t(10));
    QCOMPARE(store.offer(spansOfNewTraces(1, 200)), OfferResult::QueueFull);
    QCOMPARE(store.offer(spansOfNewTraces(30, 300)), OfferResult::QueueFull);

    QVERIFY(releaseWriteLock(blocker));
    QTRY_COMPARE(store.status().queuedItems, std::int64_t(0));
    // Larger than the whole capacity, but the queue is empty: accepted so it is not refused
    // forever.
    QCOMPARE(store.offer(spansOfNewTraces(30, 300)), OfferResult::Accepted);
    QCOMPARE(store.offer(spansOfNewTraces(1, 200)), OfferResult::QueueFull);
    store.close();
    QCOMPARE(store.queries()->totals().spans, std::int64_t(40));
}

void TestTelemetryStore::waitingOfferGetsRoomFromACommit()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.db"));
    StorageOptions options = fastOptions(path);
    options.queueCapacityItems = 10;
    TelemetryStore store(options);
    QVERIFY(store.open(nullptr));
    sqlite3 *blocker = holdWriteLock(path);
    QVERIFY(blocker);
    QCOMPARE(store.offer(spansOfNewTraces(10, 0)), OfferResult::Accepted);
    // No room and nothing frees any within the patience: refused like offer().
    QCOMPARE(store.offerWaiting(spansOfNewTraces(1, 100), std::chrono::milliseconds(50)),
             OfferResult::QueueFull);

    // The waiting offer is accepted once the blocked writer commits, with no retry by the caller.
    std::atomic<int> outcome{-1};
    std::thread sender([&] {
        outcome
            = int(store.offerWaiting(spansOfNewTraces(5, 200), std::chrono::milliseconds(30000)));
    });
    QTest::qWait(100);
    QCOMPARE(outcome.load(), -1); // still waiting: the queue is full
    QVERIFY(releaseWriteLock(blocker));
    sender.join();
    QCOMPARE(outcome.load(), int(OfferResult::Accepted));
    store.close();
    QCOMPARE(store.queries()->totals().spans, std::int64_t(15));
}

void TestTelemetryStore::uncommittedItemsAreBoundedByWriterSpeed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.db"));
    StorageOptions options = fastOptions(path);
    options.minUncommittedItems = 10; // the queue itself could take 262,144
    TelemetryStore store(options);
    QVERIFY(store.open(nullptr));

    // Before any commit the bound is its floor, far below the queue's capacity.
    sqlite3 *blocker = holdWriteLock(path);
    QVERIFY(blocker);
    QCOMPARE(store.offer(spansOfNewTraces(10, 0)), OfferResult::Accepted);
    QCOMPARE(store.offer(spansOfNewTraces(1, 100)), OfferResult::QueueFull);
    QVERIFY(releaseWriteLock(blocker));
    QTRY_COMPARE(store.status().queuedItems, std::int64_t(0));

    // Once the writer has committed real batches, the bound is 200 ms of its measured speed.
    int nextTrace = 1000;
    for (int i = 0; i < 40; ++i) {
        QCOMPARE(store.offerWaiting(spansOfNewTraces(200, nextTrace), std::chrono::seconds(30)),
                 OfferResult::Accepted);
        nextTrace += 200;
    }
    QTRY_COMPARE(store.status().queuedItems, std::int64_t(0));
    const StorageStatus status = store.status();
    QVERIFY(status.writerItemsPerSecond > 0);
    const auto expected = std::clamp(std::int64_t(std::llround(status.writerItemsPerSecond * 0.2)),
                                     std::int64_t(10), std::int64_t(262144));
    QCOMPARE(status.queueCapacityItems, expected);
    // Even a slow machine writes far more than 50 of these spans per second.
    QVERIFY2(status.queueCapacityItems > 10,
             qPrintable(QString::number(status.writerItemsPerSecond)));
    store.close();
    QCOMPARE(store.queries()->totals().spans, std::int64_t(10 + 40 * 200));
}

void TestTelemetryStore::waitingOfferEndsWhenStoreCloses()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.db"));
    StorageOptions options = fastOptions(path);
    options.queueCapacityItems = 1;
    options.commitMaxLatencyMs = 60000;
    options.commitMaxItems = 1000000;
    TelemetryStore store(options);
    QVERIFY(store.open(nullptr));
    QCOMPARE(store.offer(spanBatch(resource("svc"), {span(traceId(1), spanId(1), {}, "s", 1, 2)})),
             OfferResult::Accepted);
    // The writer keeps its transaction open for a minute, so only close() can end the wait.
    std::atomic<int> outcome{-1};
    std::thread sender([&] {
        outcome = int(store.offerWaiting(
            spanBatch(resource("svc"), {span(traceId(2), spanId(1), {}, "s", 1, 2)}),
            std::chrono::milliseconds(60000)));
    });
    QTest::qWait(100);
    QCOMPARE(outcome.load(), -1);
    store.close();
    sender.join();
    QCOMPARE(outcome.load(), int(OfferResult::Closed));
    QCOMPARE(store.queries()->totals().spans, std::int64_t(1));
}

void TestTelemetryStore::closeDrainsEverything()
{
    QTemporaryDir dir;
    StorageOptions options = fastOptions(dir.filePath(QStringLiteral("a.db")));
    options.commitMaxLatencyMs = 60000; // only close() can end the transaction in time
    options.commitMaxItems = 1000000;
    options.minUncommittedItems = 400; // all 400 items wait, uncommitted, for close()
    TelemetryStore store(options);
    QVERIFY(store.open(nullptr));
    QSignalSpy committed(&store, &TelemetryStore::batchCommitted);
    for (int i = 0; i < 200; ++i) {
        QCOMPARE(store.offer(
                     spanBatch(resource("svc"), {span(traceId(i), spanId(1), {}, "s", i, i + 1)})),
                 OfferResult::Accepted);
        QCOMPARE(store.offer(logBatch(resource("svc"), {log(i, 9, AnyValue::fromString("l"))})),
                 OfferResult::Accepted);
    }
    store.close();
    QCOMPARE(committed.count(), 1);
    const TelemetryTotals totals = store.queries()->totals();
    QCOMPARE(totals.spans, std::int64_t(200));
    QCOMPARE(totals.traces, std::int64_t(200));
    QCOMPARE(totals.logRecords, std::int64_t(200));
    QCOMPARE(store.status().queuedItems, std::int64_t(0));
}

void TestTelemetryStore::commitSignalCarriesCounts()
{
    QTemporaryDir dir;
    TelemetryStore store(fastOptions(dir.filePath(QStringLiteral("a.db"))));
    QVERIFY(store.open(nullptr));
    QSignalSpy committed(&store, &TelemetryStore::batchCommitted);
    QSignalSpy failed(&store, &TelemetryStore::writeFailed);
    auto batch = std::make_shared<TelemetryBatch>(
        *spanBatch(resource("a"), {span(traceId(1), spanId(1), {}, "x", 1, 2)}));
    batch->resourceLogs
        = logBatch(resource("a"), {log(5, 9, AnyValue::fromString("x")), log(6, 9, AnyValue())})
              ->resourceLogs;
    batch->resourceMetrics
        = metricBatch(resource("a"), {oneStreamMetric(MetricType::Summary)})->resourceMetrics;
    QCOMPARE(store.offer(batch), OfferResult::Accepted);
    store.close();
    QCOMPARE(committed.count(), 1);
    const auto summary = committed.first().first().value<CommitSummary>();
    QCOMPARE(summary.spans, std::int64_t(1));
    QCOMPARE(summary.logRecords, std::int64_t(2));
    QCOMPARE(summary.dataPoints, std::int64_t(3));
    QVERIFY(summary.commitDurationUs >= 0);
    QCOMPARE(summary.totals, store.queries()->totals());
    QCOMPARE(failed.count(), 0);
}

void TestTelemetryStore::failedTransactionIsRolledBackAndReported()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.db"));
    TelemetryStore store(fastOptions(path));
    QVERIFY(store.open(nullptr));
    QSignalSpy failed(&store, &TelemetryStore::writeFailed);
    QCOMPARE(store.offer(spanBatch(resource("svc"), {span(traceId(1), spanId(1), {}, "a", 1, 2)})),
             OfferResult::Accepted);
    QTRY_COMPARE(store.status().totals.spans, std::int64_t(1));

    // Someone removes the log index behind the store's back: the next log write fails.
    sqlValue(path, "DROP TABLE logs_fts");
    auto broken = std::make_shared<TelemetryBatch>(
        *spanBatch(resource("new-service"), {span(traceId(2), spanId(1), {}, "b", 3, 4)}));
    broken->resourceLogs
        = logBatch(resource("svc"), {log(5, 9, AnyValue::fromString("x"))})->resourceLogs;
    QCOMPARE(store.offer(broken), OfferResult::Accepted);
    QTRY_VERIFY(!store.status().lastError.empty());
    QVERIFY2(store.status().lastError.find("logs_fts") != std::string::npos,
             store.status().lastError.c_str());
    QCOMPARE(store.status().queuedItems, std::int64_t(0));

    // The whole transaction was rolled back, and the writer keeps going with consistent state.
    QCOMPARE(store.offer(
                 spanBatch(resource("new-service"), {span(traceId(2), spanId(2), {}, "c", 5, 6)})),
             OfferResult::Accepted);
    QCOMPARE(store.offer(
                 spanBatch(resource("svc"), {span(traceId(1), spanId(2), spanId(1), "d", 1, 9)})),
             OfferResult::Accepted);
    store.close();
    QCOMPARE(failed.count(), 1);
    const TelemetryTotals totals = store.queries()->totals();
    QCOMPARE(totals.spans, std::int64_t(3));
    QCOMPARE(totals.traces, std::int64_t(2));
    QCOMPARE(totals.logRecords, std::int64_t(0));
    QCOMPARE(store.queries()->trace(traceId(2))->spans.size(), std::size_t(1));
    QCOMPARE(store.queries()->trace(traceId(2))->spans.front().span.name, std::string("c"));
    QCOMPARE(store.queries()->traces({}).size(), std::size_t(2));
    QCOMPARE(store.queries()->services(), (std::vector<std::string>{"new-service", "svc"}));
    QCOMPARE(sqlValue(path, "PRAGMA integrity_check"), QStringLiteral("ok"));
}

void TestTelemetryStore::reopenCurrentVersionDatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.db"));
    {
        TelemetryStore store(fastOptions(path));
        QVERIFY(store.open(nullptr));
        QCOMPARE(
            store.offer(spanBatch(resource("svc"), {span(traceId(1), spanId(1), {}, "x", 1, 2)})),
            OfferResult::Accepted);
    }
    QCOMPARE(sqlValue(path, "PRAGMA user_version"), QStringLiteral("6"));
    TelemetryStore store(fastOptions(path));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.status().totals.spans, std::int64_t(1));
    QCOMPARE(store.offer(spanBatch(resource("svc"), {span(traceId(2), spanId(1), {}, "y", 3, 4)})),
             OfferResult::Accepted);
    store.close();
    QCOMPARE(store.queries()->totals().traces, std::int64_t(2));
    QCOMPARE(store.queries()->services(), std::vector<std::string>{"svc"});
}

void TestTelemetryStore::newerSchemaVersionFails()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.db"));
    {
        TelemetryStore store(fastOptions(path));
        QVERIFY(store.open(nullptr));
    }
    sqlValue(path, "PRAGMA user_version = 99");
    TelemetryStore store(fastOptions(path));
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("99")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
    QCOMPARE(store.offer(spanBatch(resource("s"), {span(traceId(1), spanId(1), {}, "x", 1, 2)})),
             OfferResult::Closed);
    QVERIFY(!store.status().lastError.empty());
}

void TestTelemetryStore::nonSqliteFileFails()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'z'));
    file.close();
    TelemetryStore store(fastOptions(path));
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("not a database")), qPrintable(error));
    QFile unchanged(path);
    QVERIFY(unchanged.open(QIODevice::ReadOnly));
    QCOMPARE(unchanged.readAll(), QByteArray(8192, 'z'));
}

void TestTelemetryStore::foreignSqliteDatabaseFails()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.db"));
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "CREATE TABLE notes(x)", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    TelemetryStore store(fastOptions(path));
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("not a Kansoku database")),
             qPrintable(error));
}

void TestTelemetryStore::unusablePathFails()
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("file"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    TelemetryStore store(fastOptions(blocker + QStringLiteral("/sub/a.db")));
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(blocker), qPrintable(error));
}

void TestTelemetryStore::killedWriterLeavesConsistentFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("crash.db"));
    QProcess writer;
    writer.setProgram(QStringLiteral(KANSOKU_STORAGE_CRASH_WRITER));
    writer.setArguments({path});
    writer.start();
    QVERIFY(writer.waitForStarted());
    // The helper prints the committed span total after every commit; wait for a few commits.
    std::int64_t reportedSpans = 0;
    int commits = 0;
    QByteArray pending;
    while (commits < 8) {
        QVERIFY2(writer.waitForReadyRead(30000), "crash writer produced no commits");
        pending += writer.readAllStandardOutput();
        while (pending.contains('\n')) {
            const qsizetype end = pending.indexOf('\n');
            reportedSpans = pending.left(end).toLongLong();
            pending.remove(0, end + 1);
            ++commits;
        }
    }
    writer.kill(); // SIGKILL: no chance to close the store
    QVERIFY(writer.waitForFinished());
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

    QCOMPARE(sqlValue(path, "PRAGMA integrity_check"), QStringLiteral("ok"));
    TelemetryStore store(fastOptions(path));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const TelemetryTotals totals = store.queries()->totals();
    QVERIFY2(totals.spans >= reportedSpans, qPrintable(QString::number(totals.spans)));
    QCOMPARE(sqlValue(path, "SELECT count(*) FROM spans").toLongLong(), totals.spans);
    QCOMPARE(sqlValue(path, "SELECT sum(span_count) FROM traces").toLongLong(), totals.spans);
    QVERIFY(totals.logRecords > 0);
    const std::optional<Trace> first = store.queries()->trace(traceId(0));
    QVERIFY(first);
    QCOMPARE(first->spans.size(), std::size_t(4));
    LogQuery search;
    search.fullText = "crash";
    QVERIFY(store.queries()->countLogs(search) > 0);
}

QTEST_GUILESS_MAIN(TestTelemetryStore)
#include "tst_telemetry_store.moc"
