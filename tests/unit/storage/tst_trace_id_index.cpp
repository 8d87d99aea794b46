// Tests TraceIdIndex against a real version 3 file: lookups find traces in every generation, and
// SQLite answers them from traces_by_id, one probe per generation, never by scanning traces.
#include "schema_migrator.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"
#include "trace_id_index.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;

class TestTraceIdIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void findsTracesInEveryGeneration();
    void lookupsUseTheGenerationIndex_data();
    void lookupsUseTheGenerationIndex();

private:
    std::string traceId(int number) const { return std::string(15, '\x5a') + char(number); }
    std::int64_t lookUp(const std::string &id);

    QTemporaryDir m_dir;
    SqliteDatabase m_database;
};

void TestTraceIdIndex::init()
{
    m_database.close();
    std::string error;
    QVERIFY(m_database.open(m_dir.filePath(QStringLiteral("a.db")).toStdString(),
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error));
    QVERIFY2(SchemaMigrator::migrate(m_database, &error), error.c_str());
    QVERIFY(m_database.exec("DELETE FROM traces"));
}

std::int64_t TestTraceIdIndex::lookUp(const std::string &id)
{
    SqliteStatement select(m_database.handle(),
                           "SELECT trace_key FROM traces WHERE " + TraceIdIndex::condition(""));
    select.bindBlob(1, id);
    return select.step() == SQLITE_ROW ? select.columnInt(0) : -1;
}

void TestTraceIdIndex::findsTracesInEveryGeneration()
{
    QCOMPARE(lookUp(traceId(1)), std::int64_t(-1)); // empty table
    // Keys in generations 0, 1, 3 and 30: none in between, and the newest is not the first.
    const std::vector<std::int64_t> keys{1, 32767, 32768, 3 * 32768 + 5, 30 * 32768 + 1};
    SqliteStatement insert(m_database.handle(),
                           "INSERT INTO traces(trace_key, trace_id, start_ns, end_ns, span_count, "
                           "error_count, services) VALUES(?, ?, 0, 0, 1, 0, '[]')");
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::string id = traceId(int(i)); // bound without a copy
        insert.bindInt(1, keys[i]);
        insert.bindBlob(2, id);
        QVERIFY(insert.execute());
        insert.reset();
    }
    for (std::size_t i = 0; i < keys.size(); ++i)
        QCOMPARE(lookUp(traceId(int(i))), keys[i]);
    QCOMPARE(lookUp(traceId(99)), std::int64_t(-1));
    QCOMPARE(lookUp(std::string(16, '\0')), std::int64_t(-1));
}

void TestTraceIdIndex::lookupsUseTheGenerationIndex_data()
{
    QTest::addColumn<std::string>("sql");
    QTest::newRow("summary by id")
        << ("SELECT trace_key, start_ns FROM traces WHERE " + TraceIdIndex::condition(""));
    // As the trace list asks it: newest first, other conditions alongside.
    QTest::newRow("trace list") << ("SELECT t.trace_id FROM traces t WHERE 1 AND "
                                    + TraceIdIndex::condition("t.")
                                    + " AND t.start_ns >= 0 ORDER BY t.start_ns DESC LIMIT 100");
    QTest::newRow("spans of a trace")
        << ("SELECT span_id FROM spans WHERE trace_key = (SELECT trace_key FROM traces WHERE "
            + TraceIdIndex::condition("") + ")");
}

void TestTraceIdIndex::lookupsUseTheGenerationIndex()
{
    QFETCH(std::string, sql);
    SqliteStatement plan(m_database.handle(), "EXPLAIN QUERY PLAN " + sql);
    QVERIFY(plan.isValid());
    std::string details;
    while (plan.step() == SQLITE_ROW)
        details += std::string(plan.columnTextView(3)) + '\n';
    QVERIFY2(details.find("traces_by_id") != std::string::npos, details.c_str());
    QVERIFY2(details.find("SCAN traces") == std::string::npos
                 && details.find("SCAN t ") == std::string::npos,
             details.c_str());
}

QTEST_GUILESS_MAIN(TestTraceIdIndex)
#include "tst_trace_id_index.moc"
