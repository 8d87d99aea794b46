#include "analysis/trace_filter_text.h"

#include <QTest>

using namespace kansoku;

using Bound = TraceFilterText::DurationBound;
using Comparison = TraceFilterText::Comparison;
Q_DECLARE_METATYPE(std::optional<TraceFilterText::DurationBound>)

namespace {
constexpr std::int64_t usNs = 1000;
constexpr std::int64_t msNs = 1000000;
constexpr std::int64_t sNs = 1000000000;

QString describe(const std::optional<std::vector<AttributeFilter>> &filters)
{
    if (!filters)
        return QStringLiteral("invalid");
    QStringList parts;
    for (const AttributeFilter &filter : *filters)
        parts.append(QString::fromStdString(filter.key) + QLatin1Char('|')
                     + QString::fromStdString(filter.value));
    return parts.join(QLatin1Char(';'));
}

// "key|value" for attribute terms, "value" for free words.
QString describe(const std::optional<std::vector<TraceFilterText::SearchTerm>> &terms)
{
    if (!terms)
        return QStringLiteral("invalid");
    QStringList parts;
    for (const TraceFilterText::SearchTerm &term : *terms)
        parts.append(term.isAttribute() ? QString::fromStdString(term.key) + QLatin1Char('|')
                                              + QString::fromStdString(term.value)
                                        : QString::fromStdString(term.value));
    return parts.join(QLatin1Char(';'));
}
} // namespace

class TestTraceFilterText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseDuration_data();
    void parseDuration();
    void parseAttributeFilters_data();
    void parseAttributeFilters();
    void parseSearchTerms_data();
    void parseSearchTerms();
    void parseTraceId_data();
    void parseTraceId();
};

void TestTraceFilterText::parseDuration_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<Bound>>("expected");
    auto bound = [](std::int64_t ns, Comparison comparison = Comparison::Unspecified) {
        return std::optional<Bound>(Bound{comparison, ns});
    };
    QTest::newRow("ms") << QStringLiteral("250ms") << bound(250 * msNs);
    QTest::newRow("fractional seconds") << QStringLiteral("1.5s") << bound(1500 * msNs);
    QTest::newRow("us") << QStringLiteral("800us") << bound(800 * usNs);
    QTest::newRow("µs") << QStringLiteral("800µs") << bound(800 * usNs);
    QTest::newRow("ns") << QStringLiteral("12ns") << bound(12);
    QTest::newRow("minutes") << QStringLiteral("2m") << bound(120 * sNs);
    QTest::newRow("hours") << QStringLiteral("1h") << bound(3600 * sNs);
    QTest::newRow("bare number is ms") << QStringLiteral("40") << bound(40 * msNs);
    QTest::newRow("upper case unit, spaces") << QStringLiteral("  3 MS ") << bound(3 * msNs);
    QTest::newRow("leading dot") << QStringLiteral(".5s") << bound(500 * msNs);
    QTest::newRow("zero") << QStringLiteral("0") << bound(0);
    QTest::newRow("greater") << QStringLiteral(">250ms") << bound(250 * msNs, Comparison::AtLeast);
    QTest::newRow("greater or equal") << QStringLiteral(">= 1s") << bound(sNs, Comparison::AtLeast);
    QTest::newRow("less") << QStringLiteral("<2s") << bound(2 * sNs, Comparison::AtMost);
    QTest::newRow("less or equal")
        << QStringLiteral("<=5us") << bound(5 * usNs, Comparison::AtMost);
    QTest::newRow("empty") << QString() << std::optional<Bound>();
    QTest::newRow("unknown unit") << QStringLiteral("5 parsecs") << std::optional<Bound>();
    QTest::newRow("negative") << QStringLiteral("-5ms") << std::optional<Bound>();
    QTest::newRow("two numbers") << QStringLiteral("5 5ms") << std::optional<Bound>();
    QTest::newRow("only operator") << QStringLiteral(">") << std::optional<Bound>();
    QTest::newRow("beyond int64") << QStringLiteral("9999999999h") << std::optional<Bound>();
    QTest::newRow("huge digits") << QString(400, QLatin1Char('9')) << std::optional<Bound>();
}

void TestTraceFilterText::parseDuration()
{
    QFETCH(QString, text);
    QFETCH(std::optional<Bound>, expected);
    const std::optional<Bound> actual = TraceFilterText::parseDuration(text);
    QCOMPARE(actual.has_value(), expected.has_value());
    if (expected) {
        QCOMPARE(actual->durationNs, expected->durationNs);
        QCOMPARE(actual->comparison, expected->comparison);
    }
}

void TestTraceFilterText::parseAttributeFilters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("blank") << QStringLiteral("   ") << QString();
    QTest::newRow("one") << QStringLiteral("http.method=GET") << QStringLiteral("http.method|GET");
    QTest::newRow("two") << QStringLiteral(" a=1   b=two ") << QStringLiteral("a|1;b|two");
    QTest::newRow("empty value") << QStringLiteral("a=") << QStringLiteral("a|");
    QTest::newRow("value with =") << QStringLiteral("q=x=y") << QStringLiteral("q|x=y");
    QTest::newRow("quoted") << QStringLiteral("route=\"/a b\" n=1")
                            << QStringLiteral("route|/a b;n|1");
    QTest::newRow("escaped quote")
        << QStringLiteral("m=\"say \\\"hi\\\"\"") << QStringLiteral("m|say \"hi\"");
    QTest::newRow("unicode") << QStringLiteral("user=田中") << QStringLiteral("user|田中");
    QTest::newRow("no equals") << QStringLiteral("http.method") << QStringLiteral("invalid");
    QTest::newRow("empty key") << QStringLiteral("=GET") << QStringLiteral("invalid");
    QTest::newRow("key with space before =") << QStringLiteral("a =1") << QStringLiteral("invalid");
    QTest::newRow("unclosed quote") << QStringLiteral("a=\"open") << QStringLiteral("invalid");
    QTest::newRow("text after quote") << QStringLiteral("a=\"x\"y") << QStringLiteral("invalid");
}

void TestTraceFilterText::parseAttributeFilters()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(describe(TraceFilterText::parseAttributeFilters(text)), expected);
}

void TestTraceFilterText::parseSearchTerms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("words") << QStringLiteral(" SELECT  items ") << QStringLiteral("SELECT;items");
    QTest::newRow("mixed") << QStringLiteral("GET http.route=/orders/:id")
                           << QStringLiteral("GET;http.route|/orders/:id");
    QTest::newRow("quoted word") << QStringLiteral("\"FROM items\" db")
                                 << QStringLiteral("FROM items;db");
    QTest::newRow("quoted value") << QStringLiteral("db.query.text=\"SELECT 1\"")
                                  << QStringLiteral("db.query.text|SELECT 1");
    QTest::newRow("key only") << QStringLiteral("error.type=") << QStringLiteral("error.type|");
    QTest::newRow("no key") << QStringLiteral("a =1") << QStringLiteral("invalid");
    QTest::newRow("unclosed quote") << QStringLiteral("\"open") << QStringLiteral("invalid");
    QTest::newRow("text after quote") << QStringLiteral("\"a\"b") << QStringLiteral("invalid");
}

void TestTraceFilterText::parseSearchTerms()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(describe(TraceFilterText::parseSearchTerms(text)), expected);
}

void TestTraceFilterText::parseTraceId_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expectedHex"); // empty = invalid
    QTest::newRow("lower") << QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736")
                           << QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736");
    QTest::newRow("upper, spaces") << QStringLiteral(" 4BF92F3577B34DA6A3CE929D0E0E4736 ")
                                   << QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736");
    QTest::newRow("short") << QStringLiteral("4bf92f3577b34da6") << QString();
    QTest::newRow("not hex") << QStringLiteral("zbf92f3577b34da6a3ce929d0e0e4736") << QString();
    QTest::newRow("zero") << QString(32, QLatin1Char('0')) << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestTraceFilterText::parseTraceId()
{
    QFETCH(QString, text);
    QFETCH(QString, expectedHex);
    const std::optional<TraceId> id = TraceFilterText::parseTraceId(text);
    QCOMPARE(id ? QString::fromStdString(toHex(*id)) : QString(), expectedHex);
}

QTEST_GUILESS_MAIN(TestTraceFilterText)
#include "tst_trace_filter_text.moc"
