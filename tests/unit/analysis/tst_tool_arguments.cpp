// ToolArguments: typed getters accept what the schema allows and name the argument and the
// expectation otherwise; the first problem wins; unknown and missing arguments are refused.
#include "analysis/page_cursor.h"
#include "analysis/tool_arguments.h"

#include <QJsonArray>
#include <QTest>

using namespace kansoku;

class TestToolArguments : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsWellTypedArguments();
    void absentArgumentsAreNotErrors();
    void wrongArgumentsNameTheProblem_data();
    void wrongArgumentsNameTheProblem();
    void firstProblemWins();
    void unknownAndMissingArguments();
};

void TestToolArguments::readsWellTypedArguments()
{
    const QString cursor = PageCursor::encode(QStringLiteral("traces"), 40);
    ToolArguments arguments(QJsonObject{
        {QStringLiteral("service"), QStringLiteral("checkout")},
        {QStringLiteral("sort"), QStringLiteral("slowest")},
        {QStringLiteral("limit"), 25},
        {QStringLiteral("min_duration_ms"), 12.5},
        {QStringLiteral("error"), true},
        {QStringLiteral("from"), QStringLiteral("2026-12-03T10:00:00.250Z")},
        {QStringLiteral("trace_id"), QStringLiteral("5B8EFCF56A302B4300912E11D78A4E01")},
        {QStringLiteral("span_id"), QStringLiteral("00f067aa0ba902b7")},
        {QStringLiteral("cursor"), cursor},
        {QStringLiteral("attributes"),
         QJsonObject{{QStringLiteral("http.route"), QStringLiteral("/a")}}}});
    QCOMPARE(arguments.string(QStringLiteral("service")), QStringLiteral("checkout"));
    QCOMPARE(arguments.choice(QStringLiteral("sort"),
                              {QStringLiteral("newest"), QStringLiteral("slowest")}),
             QStringLiteral("slowest"));
    QCOMPARE(arguments.integer(QStringLiteral("limit"), 1, 100), std::int64_t(25));
    QCOMPARE(arguments.number(QStringLiteral("min_duration_ms"), 0, 1e9), 12.5);
    QCOMPARE(arguments.boolean(QStringLiteral("error")), true);
    QCOMPARE(arguments.timeNs(QStringLiteral("from")),
             std::int64_t(1'796'292'000'250'000'000)); // 2026-12-03T10:00:00.250Z
    QCOMPARE(toHex(*arguments.traceId(QStringLiteral("trace_id"))),
             std::string("5b8efcf56a302b4300912e11d78a4e01"));
    QCOMPARE(toHex(*arguments.spanId(QStringLiteral("span_id"))), std::string("00f067aa0ba902b7"));
    QCOMPARE(arguments.cursor(QStringLiteral("cursor"), QStringLiteral("traces")),
             std::int64_t(40));
    const auto map = arguments.stringMap(QStringLiteral("attributes"));
    QVERIFY(map);
    QCOMPARE(map->size(), std::size_t(1));
    QCOMPARE(map->front().first, QStringLiteral("http.route"));
    QCOMPARE(map->front().second, QStringLiteral("/a"));
    QVERIFY2(arguments.isValid(), qPrintable(arguments.error()));
}

void TestToolArguments::absentArgumentsAreNotErrors()
{
    ToolArguments arguments{QJsonObject()};
    QCOMPARE(arguments.string(QStringLiteral("service")), std::nullopt);
    QCOMPARE(arguments.integer(QStringLiteral("limit"), 1, 100), std::nullopt);
    QCOMPARE(arguments.timeNs(QStringLiteral("from")), std::nullopt);
    QCOMPARE(arguments.traceId(QStringLiteral("trace_id")), std::nullopt);
    QVERIFY(arguments.isValid());
}

void TestToolArguments::wrongArgumentsNameTheProblem_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("string as number")
        << QStringLiteral("limit") << QJsonValue(QStringLiteral("ten"))
        << QStringLiteral("limit: expected a whole number from 1 to "
                          "100, got \"ten\"");
    QTest::newRow("fraction") << QStringLiteral("limit") << QJsonValue(2.5)
                              << QStringLiteral("limit: expected a whole number from 1 to 100, "
                                                "got 2.5");
    QTest::newRow("out of range") << QStringLiteral("limit") << QJsonValue(1000)
                                  << QStringLiteral("limit: expected a whole number from 1 to "
                                                    "100, got 1000");
    QTest::newRow("negative duration")
        << QStringLiteral("min_duration_ms") << QJsonValue(-1)
        << QStringLiteral("min_duration_ms: expected a number from 0 to 1e+06, got -1");
    QTest::newRow("bool as text") << QStringLiteral("error") << QJsonValue(QStringLiteral("yes"))
                                  << QStringLiteral("error: expected true or false, got \"yes\"");
    QTest::newRow("bare date") << QStringLiteral("from") << QJsonValue(QStringLiteral("2026-12-03"))
                               << QStringLiteral("from: expected an ISO 8601 date and time such "
                                                 "as 2026-12-03T10:00:00Z, got \"2026-12-03\"");
    QTest::newRow("short trace id")
        << QStringLiteral("trace_id") << QJsonValue(QStringLiteral("abc"))
        << QStringLiteral("trace_id: expected a trace id of 32 hex digits, not all zero, got "
                          "\"abc\"");
    QTest::newRow("zero trace id")
        << QStringLiteral("trace_id") << QJsonValue(QString(32, QLatin1Char('0')))
        << QStringLiteral(
               "trace_id: expected a trace id of 32 hex digits, not all zero, got \"%1\"")
               .arg(QString(32, QLatin1Char('0')));
    QTest::newRow("span id of a trace")
        << QStringLiteral("span_id")
        << QJsonValue(QStringLiteral("5b8efcf56a302b4300912e11d78a4e01"))
        << QStringLiteral("span_id: expected a span id of 16 hex digits, not all zero, got "
                          "\"5b8efcf56a302b4300912e11d78a4e01\"");
    QTest::newRow("choice") << QStringLiteral("sort") << QJsonValue(QStringLiteral("fastest"))
                            << QStringLiteral("sort: expected one of newest, slowest, got "
                                              "\"fastest\"");
    QTest::newRow("cursor of logs")
        << QStringLiteral("cursor") << QJsonValue(PageCursor::encode(QStringLiteral("logs"), 3))
        << QStringLiteral("cursor: expected a next_cursor returned by an earlier call of this "
                          "tool, got \"%1\"")
               .arg(PageCursor::encode(QStringLiteral("logs"), 3));
    QTest::newRow("map of numbers")
        << QStringLiteral("attributes") << QJsonValue(QJsonObject{{QStringLiteral("n"), 1}})
        << QStringLiteral("attributes: expected an object of string values, such as "
                          "{\"http.route\": \"/\"}, got {\"n\":1}");
}

void TestToolArguments::wrongArgumentsNameTheProblem()
{
    QFETCH(QString, name);
    QFETCH(QJsonValue, value);
    QFETCH(QString, message);
    ToolArguments arguments(QJsonObject{{name, value}});
    if (name == QLatin1String("limit"))
        QCOMPARE(arguments.integer(name, 1, 100), std::nullopt);
    else if (name == QLatin1String("min_duration_ms"))
        QCOMPARE(arguments.number(name, 0, 1e6), std::nullopt);
    else if (name == QLatin1String("error"))
        QCOMPARE(arguments.boolean(name), std::nullopt);
    else if (name == QLatin1String("from"))
        QCOMPARE(arguments.timeNs(name), std::nullopt);
    else if (name == QLatin1String("trace_id"))
        QCOMPARE(arguments.traceId(name), std::nullopt);
    else if (name == QLatin1String("span_id"))
        QCOMPARE(arguments.spanId(name), std::nullopt);
    else if (name == QLatin1String("sort"))
        QCOMPARE(arguments.choice(name, {QStringLiteral("newest"), QStringLiteral("slowest")}),
                 std::nullopt);
    else if (name == QLatin1String("cursor"))
        QCOMPARE(arguments.cursor(name, QStringLiteral("traces")), std::nullopt);
    else
        QCOMPARE(arguments.stringMap(name), std::nullopt);
    QVERIFY(!arguments.isValid());
    QCOMPARE(arguments.error(), message);
}

void TestToolArguments::firstProblemWins()
{
    ToolArguments arguments(QJsonObject{{QStringLiteral("limit"), QStringLiteral("x")},
                                        {QStringLiteral("service"), 3},
                                        {QStringLiteral("name"), QStringLiteral("ok")}});
    QCOMPARE(arguments.integer(QStringLiteral("limit"), 1, 100), std::nullopt);
    QCOMPARE(arguments.string(QStringLiteral("service")), std::nullopt);
    // Once failed, even a good argument reads as absent: the call is refused anyway.
    QCOMPARE(arguments.string(QStringLiteral("name")), std::nullopt);
    arguments.fail(QStringLiteral("later"));
    QVERIFY(arguments.error().startsWith(QLatin1String("limit: ")));
}

void TestToolArguments::unknownAndMissingArguments()
{
    ToolArguments misspelt(QJsonObject{{QStringLiteral("servce"), QStringLiteral("a")}});
    misspelt.allowOnly({QStringLiteral("service"), QStringLiteral("limit")});
    QCOMPARE(misspelt.error(),
             QStringLiteral("unknown argument \"servce\"; this tool takes: service, limit"));

    ToolArguments missing{QJsonObject()};
    missing.allowOnly({QStringLiteral("trace_id")});
    QVERIFY(missing.isValid());
    missing.require(QStringLiteral("trace_id"));
    QCOMPARE(missing.error(), QStringLiteral("trace_id: required"));
}

QTEST_GUILESS_MAIN(TestToolArguments)
#include "tst_tool_arguments.moc"
