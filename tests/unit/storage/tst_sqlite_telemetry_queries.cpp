#include "support/storage_test_data.h"
#include "telemetry_store.h"

#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <thread>

using namespace kansoku;
using namespace kansoku::testdata;

Q_DECLARE_METATYPE(kansoku::TraceQuery)
Q_DECLARE_METATYPE(kansoku::LogQuery)
Q_DECLARE_METATYPE(kansoku::MetricStreamQuery)

namespace {

constexpr std::int64_t baseNs = 1700000000000000000;
constexpr std::int64_t msNs = 1000000;
constexpr std::int64_t secondNs = 1000000000;

QList<int> traceNumbers(const std::vector<TraceSummary> &summaries)
{
    QList<int> numbers;
    for (const TraceSummary &summary : summaries)
        numbers.append(summary.traceId.bytes[15]);
    return numbers;
}

// Test logs carry their number (1-based, arrival order) in the "n" attribute.
QList<int> logNumbers(const LogPage &page)
{
    QList<int> numbers;
    for (const StoredLog &log : page.logs)
        numbers.append(static_cast<int>(findAttribute(log.record.attributes, "n")->intValue()));
    return numbers;
}

} // namespace

class TestSqliteTelemetryQueries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void traces_data();
    void traces();
    void traceWithoutRootHasEmptyRoot();
    void logs_data();
    void logs();
    void invalidFullTextGivesEmptyResult_data();
    void invalidFullTextGivesEmptyResult();
    void logPaging();
    void metricStreams_data();
    void metricStreams();
    void metricPointsAtResolution();
    void servicesBoundsTotals();
    void serviceStatistics();
    void concurrentQueriesWhileWriting();

private:
    std::shared_ptr<const TelemetryQueries> queries() const { return m_store->queries(); }

    QTemporaryDir m_dir;
    std::unique_ptr<TelemetryStore> m_store;
    std::int64_t m_cpuStream = 0;
    std::int64_t m_requestStream = 0;
};

void TestSqliteTelemetryQueries::initTestCase()
{
    StorageOptions options;
    options.databasePath = m_dir.filePath(QStringLiteral("queries.db"));
    options.commitMaxLatencyMs = 10;
    m_store = std::make_unique<TelemetryStore>(options);
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));

    const Resource frontend = resource("frontend");
    const Resource backend = resource("backend");
    const SpanId none;
    auto at = [](double seconds) {
        return baseNs + static_cast<std::int64_t>(seconds * secondNs);
    };
    testdata::offerPatiently(
        *m_store,
        spanBatch(frontend,
                  {span(traceId(1), spanId(1), none, "GET /", at(1), at(1) + 100 * msNs,
                        StatusCode::Ok, {{"http.method", AnyValue::fromString("GET")}}),
                   span(traceId(3), spanId(1), none, "POST /cart", at(3), at(3) + 500 * msNs,
                        StatusCode::Unset, {{"http.method", AnyValue::fromString("POST")}})}));
    testdata::offerPatiently(
        *m_store,
        spanBatch(backend,
                  {span(traceId(1), spanId(2), spanId(1), "db", at(1) + msNs, at(1) + 50 * msNs,
                        StatusCode::Unset, {{"db.system", AnyValue::fromString("postgres")}}),
                   span(traceId(2), spanId(1), none, "db query", at(2), at(2) + 10 * msNs,
                        StatusCode::Error),
                   span(traceId(4), spanId(2), spanId(1), "orphan", at(4), at(4) + msNs)}));

    auto numbered = [](int n, int severity, AnyValue body, Attributes attributes = {},
                       const TraceId &trace = {}, const SpanId &span = {}) {
        attributes.push_back({"n", AnyValue::fromInt(n)});
        return log(baseNs + n * msNs, severity, std::move(body), std::move(attributes), trace,
                   span);
    };
    testdata::offerPatiently(
        *m_store, logBatch(frontend, {numbered(1, 9, AnyValue::fromString("user 田中 logged in"),
                                               {{"user.id", AnyValue::fromInt(42)}}, traceId(1),
                                               spanId(1))}));
    testdata::offerPatiently(
        *m_store,
        logBatch(backend, {numbered(2, 17, AnyValue::fromString("connection refused by upstream"),
                                    {{"peer", AnyValue::fromString("db1")}}, traceId(2), spanId(1)),
                           numbered(3, 13, AnyValue::fromString("slow query took 350 ms"), {},
                                    traceId(1), spanId(2))}));
    testdata::offerPatiently(
        *m_store,
        logBatch(frontend, {numbered(4, 21, AnyValue::fromString("payment failed: card declined"),
                                     {{"error.type", AnyValue::fromString("CardDeclined")}}),
                            numbered(5, 9, AnyValue::fromString("connection established"))}));
    testdata::offerPatiently(
        *m_store,
        logBatch(
            backend,
            {numbered(6, 5, AnyValue::fromMap({{"event", AnyValue::fromString("cache miss")}}))}));
    testdata::offerPatiently(
        *m_store,
        logBatch(frontend, {numbered(7, 9, AnyValue::fromString("refused to render template"))}));

    Metric cpu;
    cpu.name = "cpu.usage";
    cpu.type = MetricType::Gauge;
    Metric requests;
    requests.name = "http.requests";
    requests.type = MetricType::Sum;
    requests.temporality = AggregationTemporality::Delta;
    requests.isMonotonic = true;
    Metric memory;
    memory.name = "Memory.Used";
    memory.type = MetricType::Gauge;
    for (int i = 0; i < 100; ++i) {
        NumberDataPoint point;
        point.startTimeNs = at(i) - secondNs;
        point.timeNs = at(i);
        point.value = double(i);
        cpu.numberPoints.push_back(point);
        point.value = std::int64_t(1);
        requests.numberPoints.push_back(point);
        point.timeNs = at(200 + i);
        memory.numberPoints.push_back(point);
    }
    testdata::offerPatiently(*m_store, metricBatch(frontend, {cpu}));
    testdata::offerPatiently(*m_store, metricBatch(backend, {requests, memory}));
    QTRY_COMPARE(m_store->status().queuedItems, std::int64_t(0));
    QCOMPARE(m_store->status().totals.spans, std::int64_t(5));

    for (const MetricStream &info : queries()->metricStreams({})) {
        if (info.name == "cpu.usage")
            m_cpuStream = info.streamId;
        if (info.name == "http.requests")
            m_requestStream = info.streamId;
    }
    QVERIFY(m_cpuStream > 0 && m_requestStream > 0);
}

void TestSqliteTelemetryQueries::cleanupTestCase()
{
    m_store.reset();
}

void TestSqliteTelemetryQueries::traces_data()
{
    QTest::addColumn<TraceQuery>("query");
    QTest::addColumn<QList<int>>("expected");
    auto query = [](auto change) {
        TraceQuery result;
        change(result);
        return result;
    };
    QTest::newRow("all, newest first") << TraceQuery{} << QList<int>{4, 3, 2, 1};
    QTest::newRow("oldest first") << query([](TraceQuery &q) {
        q.sortOrder = TraceSortOrder::StartTimeAscending;
    }) << QList<int>{1, 2, 3, 4};
    QTest::newRow("longest first")
        << query([](TraceQuery &q) { q.sortOrder = TraceSortOrder::DurationDescending; })
        << QList<int>{3, 1, 2, 4};
    QTest::newRow("shortest first")
        << query([](TraceQuery &q) { q.sortOrder = TraceSortOrder::DurationAscending; })
        << QList<int>{4, 2, 1, 3};
    QTest::newRow("shortest first, second page") << query([](TraceQuery &q) {
        q.sortOrder = TraceSortOrder::DurationAscending;
        q.limit = 3;
        q.offset = 1;
    }) << QList<int>{2, 1, 3};
    // Ties go by arrival (trace key): traces 1 and 3 came in the first batch, then 2 and 4.
    QTest::newRow("most spans first")
        << query([](TraceQuery &q) { q.sortOrder = TraceSortOrder::SpanCountDescending; })
        << QList<int>{1, 4, 2, 3};
    QTest::newRow("fewest spans first")
        << query([](TraceQuery &q) { q.sortOrder = TraceSortOrder::SpanCountAscending; })
        << QList<int>{3, 2, 4, 1};
    QTest::newRow("most errors first")
        << query([](TraceQuery &q) { q.sortOrder = TraceSortOrder::ErrorCountDescending; })
        << QList<int>{2, 4, 3, 1};
    QTest::newRow("root service a-z, missing root last")
        << query([](TraceQuery &q) { q.sortOrder = TraceSortOrder::RootServiceAscending; })
        << QList<int>{2, 1, 3, 4};
    QTest::newRow("root service z-a, missing root last")
        << query([](TraceQuery &q) { q.sortOrder = TraceSortOrder::RootServiceDescending; })
        << QList<int>{3, 1, 2, 4};
    QTest::newRow("root operation a-z ignoring case")
        << query([](TraceQuery &q) { q.sortOrder = TraceSortOrder::RootOperationAscending; })
        << QList<int>{2, 1, 3, 4};
    QTest::newRow("root operation z-a, second page") << query([](TraceQuery &q) {
        q.sortOrder = TraceSortOrder::RootOperationDescending;
        q.limit = 2;
        q.offset = 1;
    }) << QList<int>{1, 2};
    QTest::newRow("service frontend")
        << query([](TraceQuery &q) { q.service = "frontend"; }) << QList<int>{3, 1};
    QTest::newRow("service backend")
        << query([](TraceQuery &q) { q.service = "backend"; }) << QList<int>{4, 2, 1};
    QTest::newRow("unknown service")
        << query([](TraceQuery &q) { q.service = "nope"; }) << QList<int>{};
    QTest::newRow("operation") << query([](TraceQuery &q) { q.operation = "GET /"; })
                               << QList<int>{1};
    QTest::newRow("min duration") << query([](TraceQuery &q) { q.minDurationNs = 50 * msNs; })
                                  << QList<int>{3, 1};
    QTest::newRow("max duration") << query([](TraceQuery &q) { q.maxDurationNs = 10 * msNs; })
                                  << QList<int>{4, 2};
    QTest::newRow("errors only") << query([](TraceQuery &q) { q.errorsOnly = true; })
                                 << QList<int>{2};
    QTest::newRow("attribute on root") << query([](TraceQuery &q) {
        q.attributeFilters = {{"http.method", "GET"}};
    }) << QList<int>{1};
    QTest::newRow("attribute on child") << query([](TraceQuery &q) {
        q.attributeFilters = {{"db.system", "postgres"}};
    }) << QList<int>{1};
    QTest::newRow("two attributes, different spans") << query([](TraceQuery &q) {
        q.attributeFilters = {{"http.method", "GET"}, {"db.system", "postgres"}};
    }) << QList<int>{1};
    QTest::newRow("two attributes, no trace") << query([](TraceQuery &q) {
        q.attributeFilters = {{"http.method", "POST"}, {"db.system", "postgres"}};
    }) << QList<int>{};
    QTest::newRow("trace id") << query([](TraceQuery &q) { q.traceId = traceId(3); })
                              << QList<int>{3};
    QTest::newRow("time range") << query([](TraceQuery &q) {
        q.range = {baseNs + 1500 * msNs, baseNs + 3500 * msNs};
    }) << QList<int>{3, 2};
    QTest::newRow("limit") << query([](TraceQuery &q) { q.limit = 2; }) << QList<int>{4, 3};
    QTest::newRow("limit and offset") << query([](TraceQuery &q) {
        q.limit = 2;
        q.offset = 2;
    }) << QList<int>{2, 1};
    QTest::newRow("combined") << query([](TraceQuery &q) {
        q.service = "backend";
        q.minDurationNs = 5 * msNs;
        q.sortOrder = TraceSortOrder::StartTimeAscending;
    }) << QList<int>{1, 2};
}

void TestSqliteTelemetryQueries::traces()
{
    QFETCH(TraceQuery, query);
    QFETCH(QList<int>, expected);
    QCOMPARE(traceNumbers(queries()->traces(query)), expected);
}

void TestSqliteTelemetryQueries::traceWithoutRootHasEmptyRoot()
{
    TraceQuery query;
    query.traceId = traceId(4);
    const std::vector<TraceSummary> summaries = queries()->traces(query);
    QCOMPARE(summaries.size(), std::size_t(1));
    QVERIFY(summaries.front().rootService.empty());
    QVERIFY(summaries.front().rootName.empty());
    QCOMPARE(summaries.front().services, std::vector<std::string>{"backend"});
    query.traceId = traceId(1);
    const TraceSummary first = queries()->traces(query).front();
    QCOMPARE(first.rootService, std::string("frontend"));
    QCOMPARE(first.services, (std::vector<std::string>{"backend", "frontend"}));
    QCOMPARE(first.durationNs, 100 * msNs);
    QCOMPARE(first.spanCount, std::int64_t(2));
}

void TestSqliteTelemetryQueries::logs_data()
{
    QTest::addColumn<LogQuery>("query");
    QTest::addColumn<QList<int>>("expected");
    auto query = [](auto change) {
        LogQuery result;
        change(result);
        return result;
    };
    auto text = [&](const char *fullText) {
        return query([fullText](LogQuery &q) { q.fullText = fullText; });
    };
    QTest::newRow("all") << LogQuery{} << QList<int>{7, 6, 5, 4, 3, 2, 1};
    QTest::newRow("word") << text("connection") << QList<int>{5, 2};
    QTest::newRow("word, case folded") << text("CONNECTION") << QList<int>{5, 2};
    QTest::newRow("phrase") << text("\"connection refused\"") << QList<int>{2};
    QTest::newRow("prefix") << text("refus*") << QList<int>{7, 2};
    QTest::newRow("AND") << text("connection AND upstream") << QList<int>{2};
    QTest::newRow("implicit AND") << text("refused template") << QList<int>{7};
    QTest::newRow("OR") << text("payment OR slow") << QList<int>{4, 3};
    QTest::newRow("NOT") << text("connection NOT refused") << QList<int>{5};
    QTest::newRow("japanese") << text("田中") << QList<int>{1};
    QTest::newRow("attribute value") << text("carddeclined") << QList<int>{4};
    QTest::newRow("map body") << text("cache") << QList<int>{6};
    QTest::newRow("numeric attribute values are not indexed") << text("42") << QList<int>{};
    QTest::newRow("column filter") << text("attributes : db1") << QList<int>{2};
    QTest::newRow("trace id as text")
        << text("ab000000000000000000000000000001") << QList<int>{3, 1};
    QTest::newRow("no match") << text("zebra") << QList<int>{};
    QTest::newRow("severity") << query([](LogQuery &q) { q.minSeverityNumber = 17; })
                              << QList<int>{4, 2};
    QTest::newRow("service") << query([](LogQuery &q) { q.service = "backend"; })
                             << QList<int>{6, 3, 2};
    QTest::newRow("trace id") << query([](LogQuery &q) { q.traceId = traceId(1); })
                              << QList<int>{3, 1};
    QTest::newRow("span id") << query([](LogQuery &q) { q.spanId = spanId(1); })
                             << QList<int>{2, 1};
    QTest::newRow("trace and span id") << query([](LogQuery &q) {
        q.traceId = traceId(1);
        q.spanId = spanId(1);
    }) << QList<int>{1};
    QTest::newRow("text and trace id") << query([](LogQuery &q) {
        q.traceId = traceId(1);
        q.fullText = "slow";
    }) << QList<int>{3};
    QTest::newRow("text escaping the trace filter") << query([](LogQuery &q) {
        q.traceId = traceId(1);
        q.fullText = "x) OR (connection";
    }) << QList<int>{};
    QTest::newRow("text and service") << query([](LogQuery &q) {
        q.fullText = "connection";
        q.service = "frontend";
    }) << QList<int>{5};
    QTest::newRow("attribute filter") << query([](LogQuery &q) {
        q.attributeFilters = {{"user.id", "42"}};
    }) << QList<int>{1};
    QTest::newRow("time range") << query([](LogQuery &q) {
        q.range = {baseNs + 2 * msNs, baseNs + 5 * msNs};
    }) << QList<int>{4, 3, 2};
    QTest::newRow("before row id")
        << query([](LogQuery &q) { q.beforeRowId = 4; }) << QList<int>{3, 2, 1};
    QTest::newRow("text before row id") << query([](LogQuery &q) {
        q.fullText = "refused";
        q.beforeRowId = 7;
    }) << QList<int>{2};
    QTest::newRow("after row id") << query([](LogQuery &q) { q.afterRowId = 4; })
                                  << QList<int>{7, 6, 5};
    QTest::newRow("text after row id") << query([](LogQuery &q) {
        q.fullText = "connection";
        q.afterRowId = 2;
    }) << QList<int>{5};
    QTest::newRow("between row ids") << query([](LogQuery &q) {
        q.afterRowId = 2;
        q.beforeRowId = 6;
    }) << QList<int>{5, 4, 3};
}

void TestSqliteTelemetryQueries::logs()
{
    QFETCH(LogQuery, query);
    QFETCH(QList<int>, expected);
    QCOMPARE(logNumbers(queries()->logs(query)), expected);
    QCOMPARE(queries()->countLogs(query), std::int64_t(expected.size()));
}

void TestSqliteTelemetryQueries::invalidFullTextGivesEmptyResult_data()
{
    QTest::addColumn<QString>("fullText");
    QTest::newRow("dangling AND") << QStringLiteral("connection AND");
    QTest::newRow("open paren") << QStringLiteral("(connection");
    QTest::newRow("unterminated quote") << QStringLiteral("\"connection");
    QTest::newRow("unknown column") << QStringLiteral("nosuchcolumn : x");
    QTest::newRow("lone star") << QStringLiteral("*");
}

void TestSqliteTelemetryQueries::invalidFullTextGivesEmptyResult()
{
    QFETCH(QString, fullText);
    LogQuery query;
    query.fullText = fullText.toStdString();
    const LogPage page = queries()->logs(query);
    QVERIFY(page.logs.empty());
    QVERIFY(!page.nextBeforeRowId);
    QCOMPARE(queries()->countLogs(query), std::int64_t(0));
    // The connection is still usable afterwards.
    QCOMPARE(queries()->countLogs(LogQuery{}), std::int64_t(7));
}

void TestSqliteTelemetryQueries::logPaging()
{
    LogQuery query;
    query.limit = 3;
    QList<int> seen;
    QList<int> pageSizes;
    for (int guard = 0; guard < 10; ++guard) {
        const LogPage page = queries()->logs(query);
        seen += logNumbers(page);
        pageSizes.append(static_cast<int>(page.logs.size()));
        if (!page.nextBeforeRowId)
            break;
        QCOMPARE(*page.nextBeforeRowId, page.logs.back().rowId);
        query.beforeRowId = page.nextBeforeRowId;
    }
    QCOMPARE(seen, (QList<int>{7, 6, 5, 4, 3, 2, 1}));
    QCOMPARE(pageSizes, (QList<int>{3, 3, 1}));
}

void TestSqliteTelemetryQueries::metricStreams_data()
{
    QTest::addColumn<MetricStreamQuery>("query");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("all, by name") << MetricStreamQuery{}
                                  << QStringList{QStringLiteral("Memory.Used"),
                                                 QStringLiteral("cpu.usage"),
                                                 QStringLiteral("http.requests")};
    QTest::newRow("service") << MetricStreamQuery{"frontend", {}, {}}
                             << QStringList{QStringLiteral("cpu.usage")};
    QTest::newRow("name, any case")
        << MetricStreamQuery{{}, "MEMORY", {}} << QStringList{QStringLiteral("Memory.Used")};
    QTest::newRow("name part") << MetricStreamQuery{{}, "re", {}}
                               << QStringList{QStringLiteral("http.requests")};
    QTest::newRow("range") << MetricStreamQuery{{},
                                                {},
                                                {baseNs + 150 * secondNs, baseNs + 300 * secondNs}}
                           << QStringList{QStringLiteral("Memory.Used")};
    QTest::newRow("range edge")
        << MetricStreamQuery{{}, {}, {baseNs + 99 * secondNs, baseNs + 100 * secondNs}}
        << QStringList{QStringLiteral("cpu.usage"), QStringLiteral("http.requests")};
    QTest::newRow("empty range")
        << MetricStreamQuery{{}, {}, {baseNs + 100 * secondNs, baseNs + 200 * secondNs}}
        << QStringList{};
}

void TestSqliteTelemetryQueries::metricStreams()
{
    QFETCH(MetricStreamQuery, query);
    QFETCH(QStringList, expected);
    QStringList names;
    for (const MetricStream &info : queries()->metricStreams(query))
        names.append(QString::fromStdString(info.name));
    QCOMPARE(names, expected);
}

void TestSqliteTelemetryQueries::metricPointsAtResolution()
{
    MetricPointQuery query;
    query.streamId = m_cpuStream;
    query.resolutionNs = 10 * secondNs;
    std::optional<Metric> cpu = queries()->metricPoints(query);
    QVERIFY(cpu);
    QCOMPARE(cpu->numberPoints.size(), std::size_t(10));
    for (int bucket = 0; bucket < 10; ++bucket) {
        // The last point of each bucket.
        QCOMPARE(cpu->numberPoints[bucket].asDouble(), double(bucket * 10 + 9));
        QCOMPARE(cpu->numberPoints[bucket].timeNs, baseNs + (bucket * 10 + 9) * secondNs);
    }

    query.range = {baseNs + 5 * secondNs, baseNs + 25 * secondNs};
    cpu = queries()->metricPoints(query);
    QCOMPARE(cpu->numberPoints.size(), std::size_t(2));
    QCOMPARE(cpu->numberPoints[0].asDouble(), 14.0);
    QCOMPARE(cpu->numberPoints[1].asDouble(), 24.0);

    query.resolutionNs = 0;
    cpu = queries()->metricPoints(query);
    QCOMPARE(cpu->numberPoints.size(), std::size_t(20));
    QCOMPARE(cpu->numberPoints.front().asDouble(), 5.0);

    // Delta sums add up over each bucket.
    query = {};
    query.streamId = m_requestStream;
    query.resolutionNs = 10 * secondNs;
    const std::optional<Metric> requests = queries()->metricPoints(query);
    QVERIFY(requests);
    QCOMPARE(requests->numberPoints.size(), std::size_t(10));
    for (int bucket = 0; bucket < 10; ++bucket) {
        const NumberDataPoint &point = requests->numberPoints[bucket];
        QVERIFY(std::holds_alternative<std::int64_t>(point.value));
        QCOMPARE(std::get<std::int64_t>(point.value), std::int64_t(10));
        QCOMPARE(point.startTimeNs, baseNs + (bucket * 10 - 1) * secondNs);
        QCOMPARE(point.timeNs, baseNs + (bucket * 10 + 9) * secondNs);
    }
}

void TestSqliteTelemetryQueries::servicesBoundsTotals()
{
    QCOMPARE(queries()->services(), (std::vector<std::string>{"backend", "frontend"}));
    const std::optional<TimeRange> bounds = queries()->timeBounds();
    QVERIFY(bounds);
    QCOMPARE(bounds->startNs, baseNs);                    // the first cpu point
    QCOMPARE(bounds->endNs, baseNs + 299 * secondNs + 1); // the last memory point
    const TelemetryTotals totals = queries()->totals();
    QCOMPARE(totals.spans, std::int64_t(5));
    QCOMPARE(totals.traces, std::int64_t(4));
    QCOMPARE(totals.logRecords, std::int64_t(7));
    QCOMPARE(totals.dataPoints, std::int64_t(300));
    QCOMPARE(totals.metricStreams, std::int64_t(3));
}

void TestSqliteTelemetryQueries::serviceStatistics()
{
    ServiceStatistics backend;
    backend.name = "backend";
    backend.spans = 3; // traces 1, 2 and 4
    backend.traces = 3;
    backend.logRecords = 3;
    backend.metricStreams = 2;
    backend.dataPoints = 200;
    backend.range = TimeRange{baseNs, baseNs + 299 * secondNs + 1}; // to the last memory point
    ServiceStatistics frontend;
    frontend.name = "frontend";
    frontend.spans = 2;
    frontend.traces = 2;
    frontend.logRecords = 4;
    frontend.metricStreams = 1;
    frontend.dataPoints = 100;
    frontend.range = TimeRange{baseNs, baseNs + 99 * secondNs + 1}; // the cpu points
    QCOMPARE(queries()->serviceStatistics(), (std::vector<ServiceStatistics>{backend, frontend}));
}

void TestSqliteTelemetryQueries::concurrentQueriesWhileWriting()
{
    std::atomic<int> failures{0};
    std::atomic<bool> writing{true};
    std::thread writer([&] {
        for (int i = 0; i < 200; ++i) {
            const auto batch
                = spanBatch(resource("load"),
                            {span(traceId(1000 + i), spanId(1), {}, "load",
                                  baseNs + 500 * secondNs + i, baseNs + 500 * secondNs + i + 5)});
            while (testdata::offerPatiently(*m_store, batch) != OfferResult::Accepted)
                std::this_thread::yield();
        }
        writing = false;
    });
    std::vector<std::thread> readers;
    for (int r = 0; r < 4; ++r) {
        readers.emplace_back([&, queries = queries()] {
            for (int i = 0; i < 40 || writing; ++i) {
                const std::optional<Trace> trace = queries->trace(traceId(1));
                if (!trace || trace->spans.size() != 2)
                    ++failures;
                LogQuery search;
                search.fullText = "connection";
                if (queries->logs(search).logs.size() != 2)
                    ++failures;
                TraceQuery frontend;
                frontend.service = "frontend";
                if (queries->traces(frontend).size() != 2)
                    ++failures;
            }
        });
    }
    writer.join();
    for (std::thread &reader : readers)
        reader.join();
    QCOMPARE(failures.load(), 0);
    QTRY_COMPARE(m_store->status().totals.spans, std::int64_t(205));
    TraceQuery load;
    load.service = "load";
    load.limit = 1000;
    QCOMPARE(queries()->traces(load).size(), std::size_t(200));
}

QTEST_GUILESS_MAIN(TestSqliteTelemetryQueries)
#include "tst_sqlite_telemetry_queries.moc"
