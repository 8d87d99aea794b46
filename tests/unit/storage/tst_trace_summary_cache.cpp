#include "schema_migrator.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"
#include "trace_summary_cache.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;

// TraceSummaryCache's stored-id filter (a Bloom filter of the trace ids in the traces table),
// sized small here so that a few hundred traces fill it.
class TestTraceSummaryCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void filterStaysSizedToTheStoredTracesUnderRetention();
    void filterGrowsWithTheStoredTracesAndFindsThem();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteDatabase> m_database;
};

namespace {

constexpr std::int64_t smallFilter = 64;

TraceId traceIdOf(int n)
{
    TraceId id;
    id.bytes[0] = 0x7a;
    id.bytes[14] = static_cast<std::uint8_t>(n >> 8);
    id.bytes[15] = static_cast<std::uint8_t>(n);
    return id;
}

Span spanOf(int trace, std::uint8_t spanNumber)
{
    Span span;
    span.traceId = traceIdOf(trace);
    span.spanId.bytes[7] = spanNumber;
    span.name = "GET /orders";
    span.startTimeNs = std::int64_t(trace) * 1000;
    span.endTimeNs = span.startTimeNs + 500;
    return span;
}

// One write transaction as StorageWriter runs it: every span through the cache, the summaries
// flushed, COMMIT, committed().
void store(SqliteDatabase &database, TraceSummaryCache &cache, const std::vector<Span> &spans)
{
    QVERIFY(database.exec("BEGIN IMMEDIATE"));
    for (const Span &span : spans) {
        QVERIFY(cache.traceKey(span.traceId, span) > 0);
        QVERIFY(cache.addSpan(span, 1));
    }
    std::int64_t newTraces = 0;
    QVERIFY2(cache.flush(&newTraces), database.errorMessage().c_str());
    QVERIFY(database.exec("COMMIT"));
    cache.committed();
}

std::vector<Span> newTraces(int first, int count)
{
    std::vector<Span> spans;
    for (int trace = first; trace < first + count; ++trace)
        spans.push_back(spanOf(trace, 1));
    return spans;
}

// Retention's part: deletes every trace but the newest keep, between transactions.
void keepNewest(SqliteDatabase &database, TraceSummaryCache &cache, std::int64_t keep)
{
    const std::int64_t last = database.queryInt("SELECT max(trace_key) FROM traces");
    SqliteStatement doomed(database.handle(), "SELECT trace_id FROM traces WHERE trace_key <= ?");
    doomed.bindInt(1, last - keep);
    while (doomed.step() == SQLITE_ROW)
        cache.forget(*TraceId::fromRaw(doomed.columnBlobView(0)));
    SqliteStatement remove(database.handle(), "DELETE FROM traces WHERE trace_key <= ?");
    remove.bindInt(1, last - keep);
    QVERIFY(remove.execute());
}

} // namespace

void TestTraceSummaryCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = std::make_unique<SqliteDatabase>();
    std::string error;
    QVERIFY2(m_database->open(m_dir->filePath(QStringLiteral("s.kansoku")).toStdString(),
                              SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error),
             error.c_str());
    QVERIFY2(SchemaMigrator::migrate(*m_database, &error), error.c_str());
    QVERIFY(m_database->exec("INSERT INTO services(service_id, name) VALUES(1, 'shop')"));
}

void TestTraceSummaryCache::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

void TestTraceSummaryCache::filterStaysSizedToTheStoredTracesUnderRetention()
{
    // 1,000 traces arrive in 100 transactions while retention keeps the newest 20: the filter
    // fills again and again (every new id is added) and must be rebuilt at its minimum size,
    // not doubled each time (1,024 by the end, and switched off within hours of a real run).
    TraceSummaryCache cache(*m_database, smallFilter);
    cache.load();
    QCOMPARE(cache.storedIdFilterCapacity(), smallFilter);
    for (int round = 0; round < 100; ++round) {
        store(*m_database, cache, newTraces(round * 10, 10));
        keepNewest(*m_database, cache, 20);
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(m_database->queryInt("SELECT count(*) FROM traces"), 20);
    QCOMPARE(cache.storedIdFilterCapacity(), smallFilter);
}

void TestTraceSummaryCache::filterGrowsWithTheStoredTracesAndFindsThem()
{
    TraceSummaryCache cache(*m_database, smallFilter);
    cache.load();
    for (int round = 0; round < 30; ++round) {
        store(*m_database, cache, newTraces(round * 10, 10));
        if (QTest::currentTestFailed())
            return;
    }
    // Room for every stored id: 300 traces, resized from 64 on the way.
    QVERIFY2(cache.storedIdFilterCapacity() >= 300,
             qPrintable(QString::number(cache.storedIdFilterCapacity())));

    // A fresh cache (as after reopening the file) reads the ids back into its filter; a late span
    // of an early trace then joins that trace's row instead of a second one.
    TraceSummaryCache reopened(*m_database, smallFilter);
    reopened.load();
    QCOMPARE(reopened.storedIdFilterCapacity(), 600);
    store(*m_database, reopened, {spanOf(5, 2)});
    QCOMPARE(m_database->queryInt("SELECT count(*) FROM traces"), 300);
    SqliteStatement row(m_database->handle(), "SELECT span_count FROM traces WHERE trace_id = ?");
    row.bindBlob(1, traceIdOf(5).raw());
    QCOMPARE(row.step(), SQLITE_ROW);
    QCOMPARE(row.columnInt(0), 2);
}

QTEST_GUILESS_MAIN(TestTraceSummaryCache)
#include "tst_trace_summary_cache.moc"
