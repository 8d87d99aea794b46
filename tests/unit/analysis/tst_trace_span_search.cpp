// The waterfall's find bar: free words, key=value terms on span and resource attributes, the
// service and kind filters, and how they combine.
#include "analysis/trace_span_search.h"
#include "support/trace_test_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::TraceTestBuilder;

namespace {

// The names of the matching spans, in trace order.
QStringList matchingNames(const Trace &trace, const QString &text, const std::string &service = {},
                          std::optional<SpanKind> kind = {})
{
    const auto terms = TraceFilterText::parseSearchTerms(text);
    if (!terms)
        return {QStringLiteral("invalid")};
    TraceSpanQuery query;
    query.terms = *terms;
    query.service = service;
    query.kind = kind;
    QStringList names;
    for (int index : TraceSpanSearch::matchingSpans(trace, query))
        names << QString::fromStdString(trace.spans[std::size_t(index)].span.name);
    return names;
}

std::shared_ptr<const Trace> shopTrace()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "GET /orders/{id}");
    builder.last().kind = SpanKind::Server;
    builder.last().attributes = {{"http.route", AnyValue::fromString("/orders/{id}")},
                                 {"http.response.status_code", AnyValue::fromInt(200)}};
    builder.span(2, 1, 10, 20, 2, "SELECT shop.items");
    builder.last().kind = SpanKind::Client;
    builder.last().attributes
        = {{"db.query.text", AnyValue::fromString("SELECT * FROM items WHERE id = $1")},
           {"db.system.name", AnyValue::fromString("postgresql")}};
    builder.span(3, 1, 20, 30, 2, "SELECT shop.prices");
    builder.last().kind = SpanKind::Client;
    builder.last().attributes = {{"db.statement", AnyValue::fromString("select price from prices")},
                                 {"db.system", AnyValue::fromString("postgresql")}};
    builder.span(4, 1, 30, 90, 1, "render").event(40, "cache miss");
    builder.last().status = {StatusCode::Error, "template exploded"};
    return builder.build();
}

} // namespace

class TestTraceSpanSearch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyQueryMatchesEverySpan();
    void freeWordsMatchNameServiceAttributesEventsAndStatus();
    void freeWordsIgnoreAsciiCaseAndAllMustMatch();
    void spanIdMatchesByHex();
    void attributeTermsMatchKeyAndPartOfValue();
    void attributeTermsFallBackToResourceAttributes();
    void serviceAndKindFilter();
    void nonStringValuesMatchAsDisplayed();
};

void TestTraceSpanSearch::emptyQueryMatchesEverySpan()
{
    const auto trace = shopTrace();
    QCOMPARE(TraceSpanSearch::matchingSpans(*trace, {}), (std::vector<int>{0, 1, 2, 3}));
}

void TestTraceSpanSearch::freeWordsMatchNameServiceAttributesEventsAndStatus()
{
    const auto trace = shopTrace();
    QCOMPARE(matchingNames(*trace, QStringLiteral("prices")),
             QStringList{QStringLiteral("SELECT shop.prices")});
    // "db" is the service of both SELECTs (TraceTestBuilder's third resource).
    QCOMPARE(
        matchingNames(*trace, QStringLiteral("db")),
        (QStringList{QStringLiteral("SELECT shop.items"), QStringLiteral("SELECT shop.prices")}));
    // An attribute value (the older db.statement too) and an attribute key.
    QCOMPARE(matchingNames(*trace, QStringLiteral("WHERE")),
             QStringList{QStringLiteral("SELECT shop.items")});
    QCOMPARE(matchingNames(*trace, QStringLiteral("status_code")),
             QStringList{QStringLiteral("GET /orders/{id}")});
    QCOMPARE(matchingNames(*trace, QStringLiteral("\"cache miss\"")),
             QStringList{QStringLiteral("render")});
    QCOMPARE(matchingNames(*trace, QStringLiteral("exploded")),
             QStringList{QStringLiteral("render")});
    QCOMPARE(matchingNames(*trace, QStringLiteral("nowhere")), QStringList{});
}

void TestTraceSpanSearch::freeWordsIgnoreAsciiCaseAndAllMustMatch()
{
    const auto trace = shopTrace();
    QCOMPARE(matchingNames(*trace, QStringLiteral("select PRICE")),
             QStringList{QStringLiteral("SELECT shop.prices")});
    QCOMPARE(matchingNames(*trace, QStringLiteral("select render")), QStringList{});
    QCOMPARE(matchingNames(*trace, QStringLiteral("\"unclosed")),
             QStringList{QStringLiteral("invalid")});
}

void TestTraceSpanSearch::spanIdMatchesByHex()
{
    const auto trace = shopTrace();
    // TraceTestBuilder's span 3 has the id 0000000000000003.
    QCOMPARE(matchingNames(*trace, QStringLiteral("0000000000000003")),
             QStringList{QStringLiteral("SELECT shop.prices")});
}

void TestTraceSpanSearch::attributeTermsMatchKeyAndPartOfValue()
{
    const auto trace = shopTrace();
    QCOMPARE(matchingNames(*trace, QStringLiteral("db.system.name=postgres")),
             QStringList{QStringLiteral("SELECT shop.items")});
    QCOMPARE(matchingNames(*trace, QStringLiteral("db.system=POSTGRESQL")),
             QStringList{QStringLiteral("SELECT shop.prices")});
    // An empty value: the key is present.
    QCOMPARE(matchingNames(*trace, QStringLiteral("http.route=")),
             QStringList{QStringLiteral("GET /orders/{id}")});
    // The key must match exactly, not in part.
    QCOMPARE(matchingNames(*trace, QStringLiteral("db.system.na=postgresql")), QStringList{});
    QCOMPARE(matchingNames(*trace, QStringLiteral("db.query.text=\"id = $1\"")),
             QStringList{QStringLiteral("SELECT shop.items")});
}

void TestTraceSpanSearch::attributeTermsFallBackToResourceAttributes()
{
    const auto trace = shopTrace();
    QCOMPARE(matchingNames(*trace, QStringLiteral("service.name=backend")),
             QStringList{QStringLiteral("render")});
}

void TestTraceSpanSearch::serviceAndKindFilter()
{
    const auto trace = shopTrace();
    QCOMPARE(matchingNames(*trace, {}, "db"), (QStringList{QStringLiteral("SELECT shop.items"),
                                                           QStringLiteral("SELECT shop.prices")}));
    QCOMPARE(matchingNames(*trace, {}, {}, SpanKind::Server),
             QStringList{QStringLiteral("GET /orders/{id}")});
    QCOMPARE(matchingNames(*trace, QStringLiteral("items"), "db", SpanKind::Client),
             QStringList{QStringLiteral("SELECT shop.items")});
    QCOMPARE(matchingNames(*trace, QStringLiteral("items"), "frontend"), QStringList{});
    QCOMPARE(matchingNames(*trace, {}, "no such service"), QStringList{});
    TraceSpanQuery query;
    query.kind = SpanKind::Internal;
    QVERIFY(!query.isEmpty());
    QVERIFY(!TraceSpanSearch::matches(*trace, trace->spans[3], query));
    query.kind.reset();
    query.service = "backend";
    QVERIFY(TraceSpanSearch::matches(*trace, trace->spans[3], query));
}

void TestTraceSpanSearch::nonStringValuesMatchAsDisplayed()
{
    const auto trace = shopTrace();
    QCOMPARE(matchingNames(*trace, QStringLiteral("http.response.status_code=200")),
             QStringList{QStringLiteral("GET /orders/{id}")});
    QCOMPARE(matchingNames(*trace, QStringLiteral("http.response.status_code=404")), QStringList{});
}

QTEST_APPLESS_MAIN(TestTraceSpanSearch)
#include "tst_trace_span_search.moc"
