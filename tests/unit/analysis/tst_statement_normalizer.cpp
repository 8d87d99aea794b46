#include "analysis/statement_normalizer.h"

#include <QTest>

using namespace kansoku;

class TestStatementNormalizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sql_data();
    void sql();
    void sqlStatementsThatDifferOnlyInValuesAgree();
    void hasPlaceholders_data();
    void hasPlaceholders();
    void redis_data();
    void redis();
    void json_data();
    void json();
    void urlPath_data();
    void urlPath();
    void spanName_data();
    void spanName();
};

void TestStatementNormalizer::sql_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const char *statement, const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(statement) << QString::fromUtf8(expected);
    };
    row("number", "SELECT * FROM items WHERE id = 17", "SELECT * FROM items WHERE id = ?");
    row("no spaces", "SELECT * FROM items WHERE id=17", "SELECT * FROM items WHERE id=?");
    row("string", "SELECT * FROM users WHERE name = 'O''Brien' AND x = 1",
        "SELECT * FROM users WHERE name = ? AND x = ?");
    row("decimal and exponent", "SELECT 1.5, .25, 3e10, 2E-3", "SELECT ?, ?, ?, ?");
    row("hex", "SELECT 0xFF", "SELECT ?");
    row("negative", "SELECT * FROM t WHERE a = -5 LIMIT -1", "SELECT * FROM t WHERE a = ? LIMIT ?");
    row("subtraction stays", "SELECT a-1 FROM t", "SELECT a-? FROM t");
    row("identifier with digits", "SELECT col1 FROM t2", "SELECT col1 FROM t2");
    row("postgres placeholders", "SELECT * FROM items WHERE order_id = $1 AND sku = $2",
        "SELECT * FROM items WHERE order_id = ? AND sku = ?");
    row("jdbc placeholder", "SELECT * FROM items WHERE id = ?", "SELECT * FROM items WHERE id = ?");
    row("named placeholders", "UPDATE t SET a = :value WHERE id = @p1",
        "UPDATE t SET a = ? WHERE id = ?");
    row("cast keeps its type", "SELECT '5'::int", "SELECT ?::int");
    row("in list", "SELECT * FROM t WHERE id IN (1, 2, 3)", "SELECT * FROM t WHERE id IN (?)");
    row("in list of strings", "SELECT * FROM t WHERE s IN ('a','b')",
        "SELECT * FROM t WHERE s IN (?)");
    row("in list of placeholders", "SELECT * FROM t WHERE id IN ($1, $2, $3, $4)",
        "SELECT * FROM t WHERE id IN (?)");
    row("values rows", "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')",
        "INSERT INTO t (a, b) VALUES (?, ?)");
    row("values row then more", "INSERT INTO t (a) VALUES (1) RETURNING id",
        "INSERT INTO t (a) VALUES (?) RETURNING id");
    row("function call kept", "SELECT count(*) FROM t WHERE f(a, b) = 2",
        "SELECT count(*) FROM t WHERE f(a, b) = ?");
    row("array", "SELECT * FROM t WHERE id = ANY(ARRAY[1,2,3])",
        "SELECT * FROM t WHERE id = ANY(ARRAY[?])");
    row("comments and white space", "SELECT a -- the a\n  FROM /* table */ t\n\tWHERE b = 2",
        "SELECT a FROM t WHERE b = ?");
    row("quoted identifiers stay", "SELECT \"Order\".`id` FROM \"Order\" WHERE \"x\" = 1",
        "SELECT \"Order\".`id` FROM \"Order\" WHERE \"x\" = ?");
    row("booleans", "UPDATE t SET done = TRUE WHERE flag = false",
        "UPDATE t SET done = ? WHERE flag = ?");
    row("null stays", "SELECT * FROM t WHERE a IS NULL", "SELECT * FROM t WHERE a IS NULL");
    row("escape string", "SELECT E'it\\'s', N'x', X'0A'", "SELECT ?, ?, ?");
    row("dollar quoted", "SELECT $$a 'b' c$$, $tag$x$tag$", "SELECT ?, ?");
    row("unterminated string", "SELECT 'abc", "SELECT ?");
    row("mysql backticks and limit", "SELECT `a` FROM `t` LIMIT 10, 20",
        "SELECT `a` FROM `t` LIMIT ?, ?");
    row("for update", "SELECT * FROM inventory WHERE sku = 'A1' FOR UPDATE",
        "SELECT * FROM inventory WHERE sku = ? FOR UPDATE");
    row("empty", "", "");
}

void TestStatementNormalizer::sql()
{
    QFETCH(QString, statement);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(StatementNormalizer::sql(statement.toStdString())), expected);
}

void TestStatementNormalizer::sqlStatementsThatDifferOnlyInValuesAgree()
{
    QCOMPARE(StatementNormalizer::sql("SELECT * FROM items WHERE id = 17"),
             StatementNormalizer::sql("SELECT * FROM items WHERE id = 18"));
    QCOMPARE(StatementNormalizer::sql("SELECT * FROM items WHERE id IN (1, 2)"),
             StatementNormalizer::sql("SELECT * FROM items WHERE id IN (1, 2, 3, 4, 5)"));
    QVERIFY(StatementNormalizer::sql("SELECT * FROM items WHERE id = 17")
            != StatementNormalizer::sql("SELECT * FROM orders WHERE id = 17"));
}

void TestStatementNormalizer::hasPlaceholders_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<bool>("expected");
    QTest::newRow("dollar") << "SELECT * FROM t WHERE id = $1" << true;
    QTest::newRow("question mark") << "SELECT * FROM t WHERE id = ?" << true;
    QTest::newRow("named") << "SELECT * FROM t WHERE id = :id" << true;
    QTest::newRow("at") << "SELECT * FROM t WHERE id = @id" << true;
    QTest::newRow("literal only") << "SELECT * FROM t WHERE id = 5" << false;
    QTest::newRow("question mark in a string") << "SELECT * FROM t WHERE s = 'why?'" << false;
    QTest::newRow("cast is not a placeholder") << "SELECT a::text FROM t" << false;
    QTest::newRow("system variable") << "SELECT @@version" << false;
}

void TestStatementNormalizer::hasPlaceholders()
{
    QFETCH(QString, statement);
    QFETCH(bool, expected);
    QCOMPARE(StatementNormalizer::hasPlaceholders(statement.toStdString()), expected);
}

void TestStatementNormalizer::redis_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("expected");
    QTest::newRow("get") << "GET user:17"
                         << "GET ?";
    QTest::newRow("lower case") << "hgetall session:abc"
                                << "HGETALL ?";
    QTest::newRow("set with value") << "SET cart:9 \"a b c\" EX 60"
                                    << "SET ? ? ? ?";
    QTest::newRow("already masked") << "SET cart:9 ?"
                                    << "SET ? ?";
    QTest::newRow("no arguments") << "PING"
                                  << "PING";
}

void TestStatementNormalizer::redis()
{
    QFETCH(QString, command);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(StatementNormalizer::redis(command.toStdString())), expected);
}

void TestStatementNormalizer::json_data()
{
    QTest::addColumn<QString>("document");
    QTest::addColumn<QString>("expected");
    QTest::newRow("mongodb find")
        << R"({"find": "orders", "filter": {"_id": 17, "status": "open"}})"
        << R"({"find":?,"filter":{"_id":?,"status":?}})";
    QTest::newRow("operators and arrays")
        << R"({"filter": {"sku": {"$in": ["a", "b", "c"]}, "qty": {"$gt": -2.5}}})"
        << R"({"filter":{"sku":{"$in":[?]},"qty":{"$gt":?}}})";
    QTest::newRow("literals") << R"({"a": true, "b": null, "c": false})"
                              << R"({"a":?,"b":?,"c":?})";
    QTest::newRow("array of documents kept")
        << R"({"insert": "t", "documents": [{"a": 1}, {"a": 2}]})"
        << R"({"insert":?,"documents":[{"a":?},{"a":?}]})";
}

void TestStatementNormalizer::json()
{
    QFETCH(QString, document);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(StatementNormalizer::json(document.toStdString())), expected);
}

void TestStatementNormalizer::urlPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("number") << "/orders/17"
                            << "/orders/{id}";
    QTest::newRow("query and fragment") << "/orders/17/items?page=2#top"
                                        << "/orders/{id}/items";
    QTest::newRow("uuid") << "/carts/123e4567-e89b-12d3-a456-426614174000"
                          << "/carts/{id}";
    QTest::newRow("long hex") << "/blobs/5f2b9c0de1"
                              << "/blobs/{id}";
    QTest::newRow("slug with a number") << "/invoices/INV-2024-0017"
                                        << "/invoices/{id}";
    QTest::newRow("version stays") << "/api/v1/users"
                                   << "/api/v1/users";
    QTest::newRow("word stays") << "/api/health"
                                << "/api/health";
    QTest::newRow("root") << "/"
                          << "/";
    QTest::newRow("trailing slash") << "/orders/5/"
                                    << "/orders/{id}/";
}

void TestStatementNormalizer::urlPath()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(StatementNormalizer::urlPath(path.toStdString())), expected);
}

void TestStatementNormalizer::spanName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("job pod, hex-like suffix") << "pod batch-report-7f9c2 run"
                                              << "pod batch-report-{id} run";
    QTest::newRow("job pod, suffix of consonants") << "pod batch-report-xkzlp run"
                                                   << "pod batch-report-{id} run";
    QTest::newRow("cron job run and pod") << "run batch-report-28373940-x7k2p"
                                          << "run batch-report-{id}-{id}";
    QTest::newRow("deployment pod") << "web-5d8f7b9c46-qx2z8"
                                    << "web-{id}-{id}";
    QTest::newRow("uuid") << "task 123e4567-e89b-12d3-a456-426614174000 start"
                          << "task {id} start";
    QTest::newRow("number and path") << "GET /orders/17"
                                     << "GET /orders/{id}";
    QTest::newRow("words stay") << "pod batch-report run"
                                << "pod batch-report run";
    // A first part is never taken for a Kubernetes suffix: "crwth" is a (Welsh) word.
    QTest::newRow("first part of a word stays") << "crwth-tuner"
                                                << "crwth-tuner";
    QTest::newRow("short versions stay") << "s3 upload v1"
                                         << "s3 upload v1";
    QTest::newRow("other lengths stay") << "job sync-bcdf"
                                        << "job sync-bcdf";
    QTest::newRow("upper case is no Kubernetes suffix") << "job sync-XKZLP"
                                                        << "job sync-XKZLP";
    QTest::newRow("empty") << ""
                           << "";
}

void TestStatementNormalizer::spanName()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(StatementNormalizer::spanName(name.toStdString())), expected);
}

QTEST_APPLESS_MAIN(TestStatementNormalizer)
#include "tst_statement_normalizer.moc"
