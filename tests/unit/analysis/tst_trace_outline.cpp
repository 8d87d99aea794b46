// TraceOutline on a hand-built trace whose tree, self times and critical path are known: the
// outline's spans in tree order, the depth and size cuts, the critical path as a chain, the
// findings on the trace, and one span fetched whole.
#include "analysis/trace_outline.h"
#include "support/trace_test_builder.h"

#include <QJsonArray>
#include <QTest>

using namespace kansoku;
using namespace kansoku::test;

namespace {

constexpr std::int64_t ms = 1'000'000;

// root (frontend) 0-100 ms: db (backend) 10-40, render (backend) 50-90 with query (db) 55-70.
std::shared_ptr<const Trace> shopTrace()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100 * ms, 0, "GET /");
    builder.last().kind = SpanKind::Server;
    builder.last().attributes = {{"http.route", AnyValue::fromString("/")},
                                 {"user.note", AnyValue::fromString("not a key attribute")}};
    builder.span(2, 1, 10 * ms, 40 * ms, 1, "db");
    builder.span(3, 1, 50 * ms, 90 * ms, 1, "render", true);
    builder.last().status.message = "template missing";
    builder.span(4, 3, 55 * ms, 70 * ms, 2, "query");
    builder.last().kind = SpanKind::Client;
    builder.last().attributes
        = {{"db.system", AnyValue::fromString("postgresql")}, {"rows", AnyValue::fromInt(3)}};
    builder.event(60 * ms, "retry");
    return builder.build();
}

QStringList names(const QJsonArray &entries)
{
    QStringList result;
    for (const QJsonValue &entry : entries)
        result.append(entry.toObject().value(QLatin1String("name")).toString());
    return result;
}

QString hex(std::uint64_t id)
{
    return QString::fromStdString(toHex(spanId(id)));
}

} // namespace

class TestTraceOutline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void outlinesTheTree();
    void criticalPathIsTheChainThatEndedTheTrace();
    void cutsHugeTraces_data();
    void cutsHugeTraces();
    void findingsWithSpansInTheTrace();
    void fetchesOneSpanWhole();
};

void TestTraceOutline::outlinesTheTree()
{
    const SpanTree tree(shopTrace());
    const QJsonObject outline = TraceOutline::build(tree, {}, {});
    QCOMPARE(outline.value(QLatin1String("trace_id")).toString(),
             QStringLiteral("ab000000000000000000000000000000"));
    QCOMPARE(outline.value(QLatin1String("duration_ms")).toDouble(), 100.0);
    QCOMPARE(outline.value(QLatin1String("span_count")).toInt(), 4);
    QCOMPARE(outline.value(QLatin1String("error_spans")).toInt(), 1);
    QCOMPARE(outline.value(QLatin1String("omitted_spans")).toInt(), 0);
    QCOMPARE(
        outline.value(QLatin1String("services")).toArray(),
        (QJsonArray{QStringLiteral("frontend"), QStringLiteral("backend"), QStringLiteral("db")}));
    const QJsonArray spans = outline.value(QLatin1String("spans")).toArray();
    QCOMPARE(names(spans), (QStringList{QStringLiteral("GET /"), QStringLiteral("db"),
                                        QStringLiteral("render"), QStringLiteral("query")}));
    const QJsonObject root = spans.at(0).toObject();
    QCOMPARE(root.value(QLatin1String("span_id")).toString(), hex(1));
    QVERIFY(!root.contains(QLatin1String("parent_span_id")));
    QCOMPARE(root.value(QLatin1String("kind")).toString(), QStringLiteral("server"));
    QCOMPARE(root.value(QLatin1String("self_ms")).toDouble(), 30.0);
    QCOMPARE(root.value(QLatin1String("attributes")).toObject(),
             (QJsonObject{{QStringLiteral("http.route"), QStringLiteral("/")}}));
    const QJsonObject render = spans.at(2).toObject();
    QCOMPARE(render.value(QLatin1String("parent_span_id")).toString(), hex(1));
    QCOMPARE(render.value(QLatin1String("depth")).toInt(), 1);
    QCOMPARE(render.value(QLatin1String("service")).toString(), QStringLiteral("backend"));
    QCOMPARE(render.value(QLatin1String("start_offset_ms")).toDouble(), 50.0);
    QCOMPARE(render.value(QLatin1String("duration_ms")).toDouble(), 40.0);
    QCOMPARE(render.value(QLatin1String("self_ms")).toDouble(), 25.0);
    QCOMPARE(render.value(QLatin1String("status")).toString(), QStringLiteral("error"));
    QCOMPARE(render.value(QLatin1String("status_message")).toString(),
             QStringLiteral("template missing"));
    const QJsonObject query = spans.at(3).toObject();
    QCOMPARE(query.value(QLatin1String("depth")).toInt(), 2);
    QCOMPARE(query.value(QLatin1String("attributes")).toObject(),
             (QJsonObject{{QStringLiteral("db.system"), QStringLiteral("postgresql")}}));
}

void TestTraceOutline::criticalPathIsTheChainThatEndedTheTrace()
{
    const SpanTree tree(shopTrace());
    const QJsonObject outline = TraceOutline::build(tree, {}, {});
    // Back from the root's end: render (then query inside it), then db before it.
    const QJsonArray path = outline.value(QLatin1String("critical_path")).toArray();
    QCOMPARE(names(path),
             (QStringList{QStringLiteral("GET /"), QStringLiteral("db"), QStringLiteral("GET /"),
                          QStringLiteral("render"), QStringLiteral("query"),
                          QStringLiteral("render"), QStringLiteral("GET /")}));
    QList<double> times;
    for (const QJsonValue &entry : path)
        times.append(entry.toObject().value(QLatin1String("ms")).toDouble());
    QCOMPARE(times, (QList<double>{10, 30, 10, 5, 15, 20, 10}));
    const QJsonArray spans = outline.value(QLatin1String("spans")).toArray();
    QCOMPARE(spans.at(0).toObject().value(QLatin1String("critical_path_ms")).toDouble(), 30.0);
    QCOMPARE(spans.at(2).toObject().value(QLatin1String("critical_path_ms")).toDouble(), 25.0);
}

void TestTraceOutline::cutsHugeTraces_data()
{
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<int>("maxSpans");
    QTest::addColumn<QStringList>("shown");
    QTest::addColumn<int>("omitted");
    QTest::newRow("two spans") << 20 << 2
                               << QStringList{QStringLiteral("GET /"), QStringLiteral("db")} << 2;
    QTest::newRow("depth 1") << 1 << 200
                             << QStringList{QStringLiteral("GET /"), QStringLiteral("db"),
                                            QStringLiteral("render")}
                             << 1;
    QTest::newRow("roots only") << 0 << 200 << QStringList{QStringLiteral("GET /")} << 3;
}

void TestTraceOutline::cutsHugeTraces()
{
    QFETCH(int, maxDepth);
    QFETCH(int, maxSpans);
    QFETCH(QStringList, shown);
    QFETCH(int, omitted);
    const SpanTree tree(shopTrace());
    const QJsonObject outline = TraceOutline::build(tree, {}, {maxDepth, maxSpans});
    QCOMPARE(names(outline.value(QLatin1String("spans")).toArray()), shown);
    QCOMPARE(outline.value(QLatin1String("omitted_spans")).toInt(), omitted);
    // The critical path stays whole: it is the summary a cut trace needs most.
    QCOMPARE(outline.value(QLatin1String("critical_path")).toArray().size(), 7);
}

void TestTraceOutline::findingsWithSpansInTheTrace()
{
    const std::shared_ptr<const Trace> trace = shopTrace();
    Finding onPath;
    onPath.kind = FindingKind::SlowQuery;
    onPath.severity = FindingSeverity::High;
    onPath.title = "slow query";
    onPath.examples = {{trace->traceId, {spanId(4)}, 15 * ms}};
    Finding offPath = onPath;
    offPath.kind = FindingKind::NPlusOne;
    offPath.title = "n+1";
    TraceId other;
    other.bytes[0] = 0xcd;
    offPath.examples = {{other, {spanId(4)}, 1}, {trace->traceId, {spanId(99)}, 1}};
    Finding elsewhere = onPath;
    elsewhere.examples = {{other, {spanId(2)}, 1}};
    const SpanTree tree(trace);
    const QJsonArray findings = TraceOutline::build(tree, {onPath, offPath, elsewhere}, {})
                                    .value(QLatin1String("findings"))
                                    .toArray();
    QCOMPARE(findings.size(), 2);
    const QJsonObject first = findings.at(0).toObject();
    QCOMPARE(first.value(QLatin1String("detector")).toString(), QStringLiteral("slow_query"));
    QCOMPARE(first.value(QLatin1String("severity")).toString(), QStringLiteral("high"));
    QCOMPARE(first.value(QLatin1String("span_ids")).toArray(), (QJsonArray{hex(4)}));
    QCOMPARE(first.value(QLatin1String("on_critical_path")).toBool(), true);
    const QJsonObject second = findings.at(1).toObject();
    QCOMPARE(second.value(QLatin1String("title")).toString(), QStringLiteral("n+1"));
    QCOMPARE(second.value(QLatin1String("span_ids")).toArray(), (QJsonArray{hex(99)}));
    QCOMPARE(second.value(QLatin1String("on_critical_path")).toBool(), false);
}

void TestTraceOutline::fetchesOneSpanWhole()
{
    const SpanTree tree(shopTrace());
    const std::optional<QJsonObject> query = TraceOutline::span(tree, spanId(4));
    QVERIFY(query);
    QCOMPARE(query->value(QLatin1String("name")).toString(), QStringLiteral("query"));
    QCOMPARE(query->value(QLatin1String("service")).toString(), QStringLiteral("db"));
    QCOMPARE(query->value(QLatin1String("parent_span_id")).toString(), hex(3));
    QCOMPARE(query->value(QLatin1String("kind")).toString(), QStringLiteral("client"));
    QCOMPARE(query->value(QLatin1String("duration_ms")).toDouble(), 15.0);
    // Every attribute, typed, not only the key ones.
    QCOMPARE(query->value(QLatin1String("attributes")).toObject(),
             (QJsonObject{{QStringLiteral("db.system"), QStringLiteral("postgresql")},
                          {QStringLiteral("rows"), 3}}));
    const QJsonArray events = query->value(QLatin1String("events")).toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("retry"));
    QCOMPARE(query->value(QLatin1String("resource")).toObject(),
             (QJsonObject{{QStringLiteral("service.name"), QStringLiteral("db")}}));
    QCOMPARE(
        query->value(QLatin1String("scope")).toObject().value(QLatin1String("name")).toString(),
        QStringLiteral("scope"));
    QCOMPARE(TraceOutline::span(tree, spanId(77)), std::nullopt);
}

QTEST_GUILESS_MAIN(TestTraceOutline)
#include "tst_trace_outline.moc"
