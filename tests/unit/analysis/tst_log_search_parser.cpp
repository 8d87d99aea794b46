#include "analysis/log_search_parser.h"

#include <QTest>

using namespace kansoku;

class TestLogSearchParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fullText_data();
    void fullText();
    void filters();
    void severity_data();
    void severity();
    void invalid_data();
    void invalid();
    void highlightPhrases();
    void applyTo();
};

void TestLogSearchParser::fullText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fts");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("blank") << QStringLiteral("   ") << QString();
    QTest::newRow("word") << QStringLiteral("timeout") << QStringLiteral("\"timeout\"");
    QTest::newRow("two words") << QStringLiteral("connection  refused")
                               << QStringLiteral("\"connection\" AND \"refused\"");
    QTest::newRow("phrase") << QStringLiteral("\"connection refused\"")
                            << QStringLiteral("\"connection refused\"");
    QTest::newRow("prefix") << QStringLiteral("refus*") << QStringLiteral("\"refus\"*");
    QTest::newRow("phrase prefix")
        << QStringLiteral("\"connection ref\"*") << QStringLiteral("\"connection ref\"*");
    QTest::newRow("operators") << QStringLiteral("a AND b OR c NOT d")
                               << QStringLiteral("\"a\" AND \"b\" OR \"c\" NOT \"d\"");
    QTest::newRow("lowercase operators are words")
        << QStringLiteral("rock and roll") << QStringLiteral("\"rock\" AND \"and\" AND \"roll\"");
    QTest::newRow("parentheses") << QStringLiteral("(a OR b) c")
                                 << QStringLiteral("( \"a\" OR \"b\" ) AND \"c\"");
    QTest::newRow("nested parentheses")
        << QStringLiteral("((a))") << QStringLiteral("( ( \"a\" ) )");
    QTest::newRow("punctuation inside a word is quoted")
        << QStringLiteral("user-id 10.0.0.1") << QStringLiteral("\"user-id\" AND \"10.0.0.1\"");
    QTest::newRow("quote inside a phrase")
        << QStringLiteral("\"say \"\"hi\"\"\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("japanese") << QStringLiteral("田中 ログイン")
                              << QStringLiteral("\"田中\" AND \"ログイン\"");
    QTest::newRow("body column") << QStringLiteral("body:timeout")
                                 << QStringLiteral("body : \"timeout\"");
    QTest::newRow("attributes column prefix")
        << QStringLiteral("attributes:card*") << QStringLiteral("attributes : \"card\"*");
    QTest::newRow("url is text") << QStringLiteral("https://example.com/a")
                                 << QStringLiteral("\"https://example.com/a\"");
    QTest::newRow("time is text") << QStringLiteral("10:30:15") << QStringLiteral("\"10:30:15\"");
    QTest::newRow("filters removed") << QStringLiteral("timeout service:checkout retry")
                                     << QStringLiteral("\"timeout\" AND \"retry\"");
}

void TestLogSearchParser::fullText()
{
    QFETCH(QString, text);
    QFETCH(QString, fts);
    const LogSearch search = LogSearchParser::parse(text);
    QVERIFY2(search.isValid(), qPrintable(search.errorMessage));
    QCOMPARE(QString::fromStdString(search.fullText), fts);
}

void TestLogSearchParser::filters()
{
    const LogSearch search = LogSearchParser::parse(QStringLiteral(
        "service:checkout trace:4BF92F3577B34DA6A3CE929D0E0E4736 span:00f067aa0ba902b7 "
        "http.method=GET user:42 region:\"eu west\" error"));
    QVERIFY2(search.isValid(), qPrintable(search.errorMessage));
    QCOMPARE(search.service, std::optional<std::string>("checkout"));
    QVERIFY(search.traceId);
    QCOMPARE(toHex(*search.traceId), std::string("4bf92f3577b34da6a3ce929d0e0e4736"));
    QVERIFY(search.spanId);
    QCOMPARE(toHex(*search.spanId), std::string("00f067aa0ba902b7"));
    QCOMPARE(search.attributeFilters.size(), std::size_t(3));
    QCOMPARE(search.attributeFilters[0].key, std::string("http.method"));
    QCOMPARE(search.attributeFilters[0].value, std::string("GET"));
    QCOMPARE(search.attributeFilters[1].key, std::string("user"));
    QCOMPARE(search.attributeFilters[1].value, std::string("42"));
    QCOMPARE(search.attributeFilters[2].key, std::string("region"));
    QCOMPARE(search.attributeFilters[2].value, std::string("eu west"));
    QCOMPARE(search.fullText, std::string("\"error\""));
    QVERIFY(search.hasFilters());
    QVERIFY(!LogSearchParser::parse(QString()).hasFilters());
}

void TestLogSearchParser::severity_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("minimum");
    QTest::newRow(">= warn") << QStringLiteral("severity>=warn") << 13;
    QTest::newRow(">= WARNING") << QStringLiteral("severity>=WARNING") << 13;
    QTest::newRow("level: error") << QStringLiteral("level:error") << 17;
    QTest::newRow("= debug") << QStringLiteral("severity=debug") << 5;
    QTest::newRow("> info") << QStringLiteral("severity>info") << 13;
    QTest::newRow(">= number") << QStringLiteral("severity>=10") << 10;
    QTest::newRow("> number") << QStringLiteral("severity>10") << 11;
    QTest::newRow("fatal") << QStringLiteral("severity>=fatal") << 21;
    QTest::newRow("stricter of two") << QStringLiteral("severity>=info severity>=error") << 17;
}

void TestLogSearchParser::severity()
{
    QFETCH(QString, text);
    QFETCH(int, minimum);
    const LogSearch search = LogSearchParser::parse(text);
    QVERIFY2(search.isValid(), qPrintable(search.errorMessage));
    QCOMPARE(search.minSeverityNumber, minimum);
    QVERIFY(search.fullText.empty());
}

void TestLogSearchParser::invalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("unbalanced quote")
        << QStringLiteral("\"connection refused") << QStringLiteral("Missing closing quote");
    QTest::newRow("lone dash") << QStringLiteral("timeout -") << QStringLiteral("write NOT");
    QTest::newRow("dash word") << QStringLiteral("timeout -retry") << QStringLiteral("NOT");
    QTest::newRow("key without value") << QStringLiteral("foo:") << QStringLiteral("needs a value");
    QTest::newRow("equals without value")
        << QStringLiteral("a foo=") << QStringLiteral("needs a value");
    QTest::newRow("lone star") << QStringLiteral("*") << QStringLiteral("prefix");
    QTest::newRow("star inside") << QStringLiteral("a*b") << QStringLiteral("prefix");
    QTest::newRow("trailing AND") << QStringLiteral("connection AND")
                                  << QStringLiteral("AND needs a search term after it");
    QTest::newRow("leading OR") << QStringLiteral("OR connection")
                                << QStringLiteral("OR needs a search term before it");
    QTest::newRow("leading NOT") << QStringLiteral("NOT connection")
                                 << QStringLiteral("NOT needs a search term before it");
    QTest::newRow("two operators")
        << QStringLiteral("a AND OR b") << QStringLiteral("cannot follow each other");
    QTest::newRow("open paren") << QStringLiteral("(connection") << QStringLiteral("Missing “)”");
    QTest::newRow("close paren") << QStringLiteral("connection)")
                                 << QStringLiteral("no matching “(”");
    QTest::newRow("empty parens") << QStringLiteral("a ()") << QStringLiteral("Empty parentheses");
    QTest::newRow("punctuation only")
        << QStringLiteral("!!!") << QStringLiteral("no letters or digits");
    QTest::newRow("empty quotes") << QStringLiteral("\"\"") << QStringLiteral("Empty quotes");
    QTest::newRow("bad severity") << QStringLiteral("severity>=loud")
                                  << QStringLiteral("the severity is");
    QTest::newRow("above fatal") << QStringLiteral("severity>fatal")
                                 << QStringLiteral("nothing is above FATAL");
    QTest::newRow("bad trace id") << QStringLiteral("trace:xyz") << QStringLiteral("32 hex digits");
    QTest::newRow("short span id")
        << QStringLiteral("span:abcd") << QStringLiteral("16 hex digits");
    QTest::newRow("attribute with >=")
        << QStringLiteral("status>=500") << QStringLiteral("only severity compares");
    QTest::newRow("filter in parentheses")
        << QStringLiteral("(a service:x)") << QStringLiteral("applies to the whole search");
    QTest::newRow("filter beside OR")
        << QStringLiteral("a OR service:x") << QStringLiteral("applies to the whole search");
    QTest::newRow("two services") << QStringLiteral("service:a service:b")
                                  << QStringLiteral("Only one service");
}

void TestLogSearchParser::invalid()
{
    QFETCH(QString, text);
    QFETCH(QString, messagePart);
    const LogSearch search = LogSearchParser::parse(text);
    QVERIFY(!search.isValid());
    QVERIFY2(search.errorMessage.contains(messagePart), qPrintable(search.errorMessage));
    QVERIFY(search.fullText.empty());
    QVERIFY(!search.service && !search.traceId && search.minSeverityNumber == 0);
}

void TestLogSearchParser::highlightPhrases()
{
    const LogSearch search = LogSearchParser::parse(
        QStringLiteral("\"Connection Refused\" OR (Café* NOT retry) attributes:db1 body:Ünïcode"));
    QVERIFY2(search.isValid(), qPrintable(search.errorMessage));
    const std::vector<SearchPhrase> expected{
        {{QStringLiteral("connection"), QStringLiteral("refused")}, false},
        {{QStringLiteral("cafe")}, true},
        {{QStringLiteral("unicode")}, false},
    };
    QCOMPARE(search.highlightPhrases, expected);
}

void TestLogSearchParser::applyTo()
{
    LogQuery query;
    query.minSeverityNumber = 17;
    query.service = "frontend";
    query.attributeFilters = {{"a", "1"}};
    LogSearchParser::parse(QStringLiteral("severity>=warn service:backend b=2 word"))
        .applyTo(&query);
    QCOMPARE(query.minSeverityNumber, 17);
    QCOMPARE(query.service, std::string("backend"));
    QCOMPARE(query.attributeFilters.size(), std::size_t(2));
    QCOMPARE(query.fullText, std::string("\"word\""));
}

QTEST_GUILESS_MAIN(TestLogSearchParser)
#include "tst_log_search_parser.moc"
