// TelemetryQueries::forEachAnalysisTrace over a real store (SqliteAnalysisQueries): the fields of
// each AnalysisSpan, the attribute filter, services and versions, exception types, range
// filtering, grouping and order, early stop, and damaged columns.
#include "sqlite_analysis_queries.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <limits>
#include <sqlite3.h>

using namespace kansoku;
using namespace kansoku::testdata;

Q_DECLARE_METATYPE(kansoku::TimeRange)

namespace {

constexpr std::int64_t baseNs = 1700000000000000000;
constexpr std::int64_t msNs = 1000000;
constexpr std::int64_t secondNs = 1000000000;

std::int64_t at(double seconds)
{
    return baseNs + static_cast<std::int64_t>(seconds * secondNs);
}

AnyValue text(const char *value)
{
    return AnyValue::fromString(value);
}

Span clientSpan(const TraceId &trace, std::uint64_t number, std::uint64_t parent, std::string name,
                std::int64_t startNs, std::int64_t endNs, Attributes attributes)
{
    Span result = span(trace, spanId(number), spanId(parent), std::move(name), startNs, endNs,
                       StatusCode::Unset, std::move(attributes));
    result.kind = SpanKind::Client;
    return result;
}

SpanEvent spanEvent(const char *name, Attributes attributes)
{
    return {0, name, std::move(attributes), 0};
}

std::vector<AnalysisTrace> collect(const TelemetryQueries &queries, const TimeRange &range = {})
{
    std::vector<AnalysisTrace> traces;
    queries.forEachAnalysisTrace(range, [&](const AnalysisTrace &trace) {
        traces.push_back(trace);
        return true;
    });
    return traces;
}

QList<int> traceNumbers(const std::vector<AnalysisTrace> &traces)
{
    QList<int> numbers;
    for (const AnalysisTrace &trace : traces)
        numbers.append(trace.traceId.bytes[15]);
    return numbers;
}

const AnalysisTrace *findTrace(const std::vector<AnalysisTrace> &traces, int number)
{
    for (const AnalysisTrace &trace : traces) {
        if (trace.traceId == traceId(std::uint64_t(number)))
            return &trace;
    }
    return nullptr;
}

// Runs SQL on a separate read-write connection; true when it succeeded.
bool execute(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    bool ok = sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr)
                  == SQLITE_OK
              && sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    ok = ok && sqlite3_changes(db) > 0;
    sqlite3_close(db);
    return ok;
}

} // namespace

class TestSqliteAnalysisQueries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void spanFields();
    void attributeFilter();
    void servicesAndVersions();
    void exceptionTypes();
    void groupsByTraceInStoredOrder();
    void rangeOnTraceStart_data();
    void rangeOnTraceStart();
    void stopsWhenVisitReturnsFalse();
    void emptyStore();
    void damagedColumnsAreSkipped();
    void readsInChunksOnFreshSnapshots();

private:
    std::shared_ptr<const TelemetryQueries> queries() const { return m_store->queries(); }

    QTemporaryDir m_dir;
    std::unique_ptr<TelemetryStore> m_store;
};

// Stored in this order, so trace keys go 7, 1, 2, 3, 4: trace 7 starts last but is stored first,
// and trace 1's child spans arrive after trace 2.
void TestSqliteAnalysisQueries::initTestCase()
{
    StorageOptions options;
    options.databasePath = m_dir.filePath(QStringLiteral("analysis.db"));
    options.commitMaxLatencyMs = 10;
    m_store = std::make_unique<TelemetryStore>(options);
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));

    const Resource shop
        = resource("shop", {{"service.version", text("1.4.2")}, {"host.name", text("node-1")}});
    const Resource oldShop = resource("shop", {{"service.version", text("1.3.0")}});
    const Resource inventory = resource("inventory");
    const SpanId none;

    Span cron = span(traceId(7), spanId(1), none, "cleanup", at(5), at(5) + msNs);
    cron.kind = SpanKind::Internal;
    testdata::offerPatiently(*m_store, spanBatch(inventory, {cron}));

    Span orders = span(traceId(1), spanId(1), none, "GET /orders/{id}", at(1), at(1) + 100 * msNs,
                       StatusCode::Ok,
                       {{"http.request.method", text("GET")},
                        {"user_agent.original", text("curl/8.0")},
                        {"http.route", text("/orders/{id}")},
                        {"url.path", text("/orders/17")},
                        {"n", AnyValue::fromInt(1)}});
    Span cart = span(traceId(2), spanId(1), none, "GET /orders/{id}", at(2), at(2) + 80 * msNs);
    cart.events = {spanEvent("exception", {{"exception.type", text("HandledError")}})};
    testdata::offerPatiently(*m_store, spanBatch(shop, {orders}));
    testdata::offerPatiently(*m_store, spanBatch(oldShop, {cart}));

    // Trace 1's children, neither arriving nor numbered in start order (the index hands them over
    // by span id); old and new semantic-convention names.
    Span oldDb = clientSpan(traceId(1), 3, 1, "SELECT items", at(1) + 30 * msNs, at(1) + 40 * msNs,
                            {{"db.system", text("postgresql")},
                             {"thread.name", text("main")},
                             {"db.statement", text("SELECT * FROM items WHERE id = 18")},
                             {"net.peer.name", text("db1")},
                             {"net.peer.port", AnyValue::fromInt(5432)},
                             {"net.peer.ip", text("10.0.0.5")},
                             {"net.transport", text("ip_tcp")}});
    Span payment = clientSpan(traceId(1), 2, 1, "GET", at(1) + 50 * msNs, at(1) + 60 * msNs,
                              {{"http.request.method", text("GET")},
                               {"url.full", text("http://payments/x/17")},
                               {"network.protocol.version", text("1.1")},
                               {"network.transport", text("tcp")},
                               {"network.peer.address", text("10.0.0.7")},
                               {"network.peer.port", AnyValue::fromInt(80)},
                               {"url.template", text("/x/{id}")},
                               {"http.response.status_code", AnyValue::fromInt(503)}});
    payment.status = {StatusCode::Error, "upstream 503"};
    payment.events
        = {spanEvent("retry", {{"exception.type", text("NotThis")}}),
           spanEvent("exception",
                     {{"exception.message", text("timed out")},
                      {"exception.type", text("java.net.SocketTimeoutException")},
                      {"exception.stacktrace", text("at Payments.call(Payments.java:1)")}}),
           spanEvent("exception", {{"exception.type", text("Second")}})};
    Span newDb = clientSpan(traceId(1), 5, 1, "SELECT items", at(1) + 10 * msNs, at(1) + 20 * msNs,
                            {{"db.system.name", text("postgresql")},
                             {"code.function", text("loadItems")},
                             {"db.query.text", text("SELECT * FROM items WHERE id = $1")},
                             {"db.query.parameter.0", text("17")},
                             {"db.namespace", text("shop")},
                             {"db.operation.name", text("SELECT")},
                             {"db.collection.name", text("items")},
                             {"server.address", text("db1")},
                             {"server.port", AnyValue::fromInt(5432)}});
    Span cartChild = clientSpan(traceId(2), 2, 1, "GET", at(2) + msNs, at(2) + 2 * msNs, {});
    cartChild.events = {spanEvent("exception", {{"exception.message", text("no type")}})};
    testdata::offerPatiently(*m_store, spanBatch(inventory, {oldDb, payment, newDb, cartChild}));

    Span checkout = span(traceId(3), spanId(1), none, "POST /cart", at(3), at(3) + 40 * msNs);
    Span publish = clientSpan(traceId(3), 3, 1, "orders publish", at(3) + msNs, at(3) + 2 * msNs,
                              {{"messaging.system", text("kafka")},
                               {"messaging.destination.name", text("orders")},
                               {"messaging.operation", text("publish")}});
    publish.kind = SpanKind::Producer;
    Span rpc = clientSpan(traceId(3), 2, 1, "Stock/Reserve", at(3) + msNs, at(3) + 4 * msNs,
                          {{"rpc.service", text("Stock")}, {"rpc.method", text("Reserve")}});
    testdata::offerPatiently(*m_store, spanBatch(shop, {checkout, publish, rpc}));
    testdata::offerPatiently(*m_store, spanBatch(inventory, {span(traceId(4), spanId(1), none,
                                                                  "sync", at(4), at(4) + msNs)}));
    QTRY_COMPARE(m_store->status().queuedItems, std::int64_t(0));
    QTRY_COMPARE(m_store->status().totals.spans, std::int64_t(11));
}

void TestSqliteAnalysisQueries::cleanupTestCase()
{
    m_store.reset();
}

void TestSqliteAnalysisQueries::spanFields()
{
    const std::vector<AnalysisTrace> traces = collect(*queries());
    const AnalysisTrace *trace = findTrace(traces, 1);
    QVERIFY(trace);
    QCOMPARE(trace->spans.size(), std::size_t(4));
    // By start time, whatever the arrival order.
    const AnalysisSpan &root = trace->spans[0];
    QCOMPARE(root.spanId, spanId(1));
    QVERIFY(root.isRoot());
    QCOMPARE(root.name, std::string("GET /orders/{id}"));
    QCOMPARE(root.kind, SpanKind::Server);
    QCOMPARE(root.startTimeNs, at(1));
    QCOMPARE(root.endTimeNs, at(1) + 100 * msNs);
    QCOMPARE(root.durationNs(), 100 * msNs);
    QCOMPARE(root.statusCode, StatusCode::Ok);
    QVERIFY(root.statusMessage.empty());
    QVERIFY(root.exceptionType.empty());

    const AnalysisSpan &db = trace->spans[1];
    QCOMPARE(db.spanId, spanId(5));
    QCOMPARE(db.parentSpanId, spanId(1));
    QVERIFY(!db.isRoot());
    QCOMPARE(db.name, std::string("SELECT items"));
    QCOMPARE(db.kind, SpanKind::Client);
    QCOMPARE(db.startTimeNs, at(1) + 10 * msNs);
    QCOMPARE(db.endTimeNs, at(1) + 20 * msNs);
    QCOMPARE(db.statusCode, StatusCode::Unset);
    QCOMPARE(trace->spans[2].spanId, spanId(3));

    const AnalysisSpan &payment = trace->spans[3];
    QCOMPARE(payment.spanId, spanId(2));
    QCOMPARE(payment.statusCode, StatusCode::Error);
    QCOMPARE(payment.statusMessage, std::string("upstream 503"));

    // Equal start times: in span id order, not in arrival order.
    const AnalysisTrace *checkout = findTrace(traces, 3);
    QVERIFY(checkout);
    QCOMPARE(checkout->spans.size(), std::size_t(3));
    QCOMPARE(checkout->spans[1].spanId, spanId(2));
    QCOMPARE(checkout->spans[1].startTimeNs, checkout->spans[2].startTimeNs);
    QCOMPARE(checkout->spans[2].spanId, spanId(3));
    QCOMPARE(checkout->spans[2].kind, SpanKind::Producer);
}

void TestSqliteAnalysisQueries::attributeFilter()
{
    const std::vector<AnalysisTrace> traces = collect(*queries());
    const AnalysisTrace *trace = findTrace(traces, 1);
    QVERIFY(trace);
    // Kept in the order sent; user_agent.original, n, code.function, thread.name and
    // network.protocol.version are dropped; the peer and transport (old and new names) are kept.
    QVERIFY(trace->spans[0].attributes
            == (Attributes{{"http.request.method", text("GET")},
                           {"http.route", text("/orders/{id}")},
                           {"url.path", text("/orders/17")}}));
    QVERIFY(trace->spans[1].attributes
            == (Attributes{{"db.system.name", text("postgresql")},
                           {"db.query.text", text("SELECT * FROM items WHERE id = $1")},
                           {"db.query.parameter.0", text("17")},
                           {"db.namespace", text("shop")},
                           {"db.operation.name", text("SELECT")},
                           {"db.collection.name", text("items")},
                           {"server.address", text("db1")},
                           {"server.port", AnyValue::fromInt(5432)}}));
    QVERIFY(trace->spans[2].attributes
            == (Attributes{{"db.system", text("postgresql")},
                           {"db.statement", text("SELECT * FROM items WHERE id = 18")},
                           {"net.peer.name", text("db1")},
                           {"net.peer.port", AnyValue::fromInt(5432)},
                           {"net.peer.ip", text("10.0.0.5")},
                           {"net.transport", text("ip_tcp")}}));
    QVERIFY(trace->spans[3].attributes
            == (Attributes{{"http.request.method", text("GET")},
                           {"url.full", text("http://payments/x/17")},
                           {"network.transport", text("tcp")},
                           {"network.peer.address", text("10.0.0.7")},
                           {"network.peer.port", AnyValue::fromInt(80)},
                           {"url.template", text("/x/{id}")},
                           {"http.response.status_code", AnyValue::fromInt(503)}}));
    const AnalysisTrace *checkout = findTrace(traces, 3);
    QVERIFY(checkout);
    QVERIFY(checkout->spans[2].attributes
            == (Attributes{{"messaging.system", text("kafka")},
                           {"messaging.destination.name", text("orders")},
                           {"messaging.operation", text("publish")}}));
    QVERIFY(checkout->spans[1].attributes
            == (Attributes{{"rpc.service", text("Stock")}, {"rpc.method", text("Reserve")}}));
    QVERIFY(checkout->spans[0].attributes.empty());
}

void TestSqliteAnalysisQueries::servicesAndVersions()
{
    const std::vector<AnalysisTrace> traces = collect(*queries());
    const AnalysisTrace *orders = findTrace(traces, 1);
    const AnalysisTrace *cart = findTrace(traces, 2);
    QVERIFY(orders && cart);
    QCOMPARE(orders->spans[0].service, std::string("shop"));
    QCOMPARE(orders->spans[0].serviceVersion, std::string("1.4.2"));
    for (std::size_t i = 1; i < orders->spans.size(); ++i) {
        QCOMPARE(orders->spans[i].service, std::string("inventory"));
        QVERIFY(orders->spans[i].serviceVersion.empty());
    }
    // The same service in another version is another resource.
    QCOMPARE(cart->spans[0].service, std::string("shop"));
    QCOMPARE(cart->spans[0].serviceVersion, std::string("1.3.0"));
}

void TestSqliteAnalysisQueries::exceptionTypes()
{
    const std::vector<AnalysisTrace> traces = collect(*queries());
    const AnalysisTrace *orders = findTrace(traces, 1);
    const AnalysisTrace *cart = findTrace(traces, 2);
    QVERIFY(orders && cart);
    // The first "exception" event's type: not the "retry" event's, not the second exception's.
    QCOMPARE(orders->spans[3].exceptionType, std::string("java.net.SocketTimeoutException"));
    QVERIFY(orders->spans[1].exceptionType.empty());
    // Recorded on a span whose status is not an error.
    QCOMPARE(cart->spans[0].statusCode, StatusCode::Unset);
    QCOMPARE(cart->spans[0].exceptionType, std::string("HandledError"));
    // An exception event without a type.
    QVERIFY(cart->spans[1].exceptionType.empty());
}

void TestSqliteAnalysisQueries::groupsByTraceInStoredOrder()
{
    int visits = 0;
    QList<int> numbers;
    queries()->forEachAnalysisTrace({}, [&](const AnalysisTrace &trace) {
        ++visits;
        numbers.append(trace.traceId.bytes[15]);
        // Every span of the trace, at once, in start order; other queries work meanwhile.
        const std::optional<Trace> stored = queries()->trace(trace.traceId);
        if (!stored || stored->spans.size() != trace.spans.size())
            return false;
        for (std::size_t i = 0; i < trace.spans.size(); ++i) {
            if (trace.spans[i].spanId != stored->spans[i].span.spanId)
                return false;
        }
        return true;
    });
    QCOMPARE(numbers, (QList<int>{7, 1, 2, 3, 4}));
    QCOMPARE(visits, 5);
}

void TestSqliteAnalysisQueries::rangeOnTraceStart_data()
{
    QTest::addColumn<TimeRange>("range");
    QTest::addColumn<QList<int>>("expected");
    constexpr std::int64_t open = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t openStart = std::numeric_limits<std::int64_t>::min();
    QTest::newRow("all") << TimeRange{} << QList<int>{7, 1, 2, 3, 4};
    QTest::newRow("half-open: start in, end out") << TimeRange{at(2), at(4)} << QList<int>{2, 3};
    QTest::newRow("on the trace start, not its spans")
        << TimeRange{at(1) + 1, at(5)} << QList<int>{2, 3, 4};
    QTest::newRow("stored order, not start order")
        << TimeRange{at(4), at(5) + 1} << QList<int>{7, 4};
    QTest::newRow("start bound only") << TimeRange{at(3), open} << QList<int>{7, 3, 4};
    QTest::newRow("end bound only") << TimeRange{openStart, at(2)} << QList<int>{1};
    QTest::newRow("empty") << TimeRange{at(3), at(3)} << QList<int>{};
    QTest::newRow("before everything") << TimeRange{at(0), at(1)} << QList<int>{};
}

void TestSqliteAnalysisQueries::rangeOnTraceStart()
{
    QFETCH(TimeRange, range);
    QFETCH(QList<int>, expected);
    const std::vector<AnalysisTrace> traces = collect(*queries(), range);
    QCOMPARE(traceNumbers(traces), expected);
    for (const AnalysisTrace &trace : traces)
        QVERIFY(!trace.spans.empty());
}

void TestSqliteAnalysisQueries::stopsWhenVisitReturnsFalse()
{
    for (int stopAfter = 1; stopAfter <= 5; ++stopAfter) {
        QList<int> numbers;
        queries()->forEachAnalysisTrace({}, [&](const AnalysisTrace &trace) {
            numbers.append(trace.traceId.bytes[15]);
            return numbers.size() < stopAfter;
        });
        QCOMPARE(numbers, QList<int>({7, 1, 2, 3, 4}).first(stopAfter));
    }
    // The connection it used is fine afterwards.
    QCOMPARE(collect(*queries()).size(), std::size_t(5));
}

void TestSqliteAnalysisQueries::emptyStore()
{
    QTemporaryDir dir;
    StorageOptions options;
    options.databasePath = dir.filePath(QStringLiteral("empty.db"));
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    int visits = 0;
    store.queries()->forEachAnalysisTrace({}, [&](const AnalysisTrace &) {
        ++visits;
        return true;
    });
    QCOMPARE(visits, 0);
}

void TestSqliteAnalysisQueries::readsInChunksOnFreshSnapshots()
{
    // Three traces of 10,000 spans: the first chunk ends after trace 2 (20,000 spans read), the
    // second carries on with trace 3 on a new snapshot, so trace 4, committed while trace 1 was
    // being visited, is seen too. One statement (one snapshot) for the walk would not see it.
    static_assert(SqliteAnalysisQueries::readChunkSpans > 10000
                  && SqliteAnalysisQueries::readChunkSpans <= 20000);
    QTemporaryDir dir;
    StorageOptions options;
    options.databasePath = dir.filePath(QStringLiteral("chunks.db"));
    options.commitMaxLatencyMs = 10;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const Resource shop = resource("shop");
    const auto bigTrace = [](int number) {
        std::vector<Span> spans;
        for (int i = 1; i <= 10000; ++i) {
            spans.push_back(span(traceId(std::uint64_t(number)), spanId(std::uint64_t(i)),
                                 i == 1 ? SpanId{} : spanId(1), "work", at(number) + i * msNs,
                                 at(number) + (i + 1) * msNs));
        }
        return spans;
    };
    for (int number = 1; number <= 3; ++number)
        testdata::offerPatiently(store, spanBatch(shop, bigTrace(number)));
    QTRY_COMPARE(store.status().totals.spans, std::int64_t(30000));

    QList<int> numbers;
    QList<std::size_t> sizes;
    bool committedMeanwhile = false;
    store.queries()->forEachAnalysisTrace({}, [&](const AnalysisTrace &trace) {
        numbers.append(trace.traceId.bytes[15]);
        sizes.append(trace.spans.size());
        if (numbers.size() == 1) {
            testdata::offerPatiently(store, spanBatch(shop, bigTrace(4)));
            QElapsedTimer waited;
            waited.start();
            while (store.status().totals.spans < 40000 && waited.elapsed() < 30000)
                QThread::msleep(10);
            committedMeanwhile = store.status().totals.spans == 40000;
        }
        return true;
    });
    QVERIFY(committedMeanwhile);
    QCOMPARE(numbers, (QList<int>{1, 2, 3, 4}));
    QCOMPARE(sizes, (QList<std::size_t>{10000, 10000, 10000, 10000}));
    // A bounded range goes in chunks the same way.
    QCOMPARE(traceNumbers(collect(*store.queries(), TimeRange{at(2), at(5)})),
             (QList<int>{2, 3, 4}));
}

void TestSqliteAnalysisQueries::damagedColumnsAreSkipped()
{
    QTemporaryDir dir;
    StorageOptions options;
    options.databasePath = dir.filePath(QStringLiteral("damaged.db"));
    options.commitMaxLatencyMs = 10;
    const Attributes attributes{{"db.system.name", text("postgresql")},
                                {"db.query.text", text("SELECT 1")},
                                {"db.namespace", text("shop")}};
    const std::vector<SpanEvent> events{spanEvent("exception", {{"exception.type", text("E")}})};
    {
        TelemetryStore store(options);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        std::vector<Span> spans;
        for (const char *name : {"intact", "cut short", "not protobuf"}) {
            Span item = clientSpan(traceId(9), spans.size() + 1, 0, name,
                                   at(1) + std::int64_t(spans.size()) * msNs, at(2), attributes);
            item.events = events;
            spans.push_back(std::move(item));
        }
        testdata::offerPatiently(store, spanBatch(resource("db"), spans));
        QTRY_COMPARE(store.status().totals.spans, std::int64_t(3));
        store.close();
    }
    // Cut into the last attribute and into the event; replace the other span's columns by text.
    const QString path = options.databasePath;
    QVERIFY(execute(path, "UPDATE spans SET attributes = substr(attributes, 1, "
                          "length(attributes) - 3), events = substr(events, 1, 20) "
                          "WHERE name = 'cut short'"));
    QVERIFY(execute(path, "UPDATE spans SET attributes = CAST('not protobuf' AS BLOB), "
                          "events = X'5a7f0a' WHERE name = 'not protobuf'"));

    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const std::vector<AnalysisTrace> traces = collect(*store.queries());
    QCOMPARE(traces.size(), std::size_t(1));
    const std::vector<AnalysisSpan> &spans = traces.front().spans;
    QCOMPARE(spans.size(), std::size_t(3));
    QCOMPARE(spans[0].name, std::string("intact"));
    QVERIFY(spans[0].attributes == attributes);
    QCOMPARE(spans[0].exceptionType, std::string("E"));
    // The whole entries before the damage stay; the span itself is still there.
    QCOMPARE(spans[1].name, std::string("cut short"));
    QVERIFY(spans[1].attributes == (Attributes{attributes[0], attributes[1]}));
    QVERIFY(spans[1].exceptionType.empty());
    QCOMPARE(spans[1].service, std::string("db"));
    QCOMPARE(spans[2].name, std::string("not protobuf"));
    QVERIFY(spans[2].attributes.empty());
    QVERIFY(spans[2].exceptionType.empty());
    QCOMPARE(spans[2].endTimeNs, at(2));
}

QTEST_GUILESS_MAIN(TestSqliteAnalysisQueries)
#include "tst_sqlite_analysis_queries.moc"
