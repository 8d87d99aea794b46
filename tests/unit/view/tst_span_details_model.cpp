#include "support/english_plurals.h"
#include "support/trace_test_builder.h"
#include "view/span_details_model.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace kansoku;
using kansoku::test::spanId;
using kansoku::test::TraceTestBuilder;

class TestSpanDetailsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void passesModelTester();
    void sectionsAndFields();
    void droppedCountsOfOneAreSingular();
    void typedAttributesWithNesting();
    void eventsWithOffsets();
    void linksCarryIds();
    void resourceAndScope();
    void outOfRangeClears();
};

static std::shared_ptr<const Trace> detailedTrace()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 5000000, 1, "GET /orders", true);
    Span &span = builder.last();
    span.kind = SpanKind::Server;
    span.status.message = "boom";
    span.attributes = {
        {"http.status_code", AnyValue::fromInt(500)},
        {"sql", AnyValue::fromString("SELECT *\nFROM orders")},
        {"tags", AnyValue::fromArray({AnyValue::fromString("a"), AnyValue::fromBool(true)})},
        {"ctx", AnyValue::fromMap({{"user", AnyValue::fromString("u1")}})},
    };
    span.events.push_back({TraceTestBuilder::Base + 1500000,
                           "exception",
                           {{"exception.type", AnyValue::fromString("Boom")}},
                           0});
    SpanLink link;
    link.traceId.bytes[0] = 0xcd;
    link.spanId = spanId(0x42);
    link.attributes = {{"kind", AnyValue::fromString("follows")}};
    span.links.push_back(link);
    return builder.build();
}

static QString cell(const QAbstractItemModel &model, const QModelIndex &parent, int row, int column)
{
    return model.index(row, column, parent).data().toString();
}

// The English plural forms ("1 event", "2 events"), as the app installs them.
void TestSpanDetailsModel::initTestCase()
{
    QVERIFY(kansoku::test::installEnglishPlurals(QStringLiteral(KANSOKU_ENGLISH_PLURALS_QM)));
}

void TestSpanDetailsModel::passesModelTester()
{
    SpanDetailsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSpan(*detailedTrace(), 0);
    model.clear();
    model.setSpan(*detailedTrace(), 0);
    QVERIFY(model.rowCount() > 0);
}

void TestSpanDetailsModel::sectionsAndFields()
{
    SpanDetailsModel model;
    model.setSpan(*detailedTrace(), 0);
    QStringList sections;
    for (int row = 0; row < model.rowCount(); ++row)
        sections << cell(model, {}, row, 0);
    QCOMPARE(sections, (QStringList{QStringLiteral("Span"), QStringLiteral("Attributes (4)"),
                                    QStringLiteral("Events (1)"), QStringLiteral("Links (1)"),
                                    QStringLiteral("Resource (1)"), QStringLiteral("Scope")}));
    const QModelIndex fields = model.sectionIndex(QStringLiteral("Span"));
    QCOMPARE(cell(model, fields, 0, 1), QStringLiteral("GET /orders"));
    QCOMPARE(cell(model, fields, 1, 1), QStringLiteral("Server"));
    QCOMPARE(cell(model, fields, 2, 1), QStringLiteral("Error"));
    QCOMPARE(cell(model, fields, 3, 0), QStringLiteral("Status message"));
    QCOMPARE(cell(model, fields, 3, 1), QStringLiteral("boom"));
    QCOMPARE(cell(model, fields, 5, 1), QStringLiteral("5 ms"));
    QCOMPARE(cell(model, fields, 7, 1), QStringLiteral("(root)"));
}

// The "Dropped" field counts each kind on its own: "1 attribute", not "1 attributes".
void TestSpanDetailsModel::droppedCountsOfOneAreSingular()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 5000000, 1, "GET /orders");
    const auto dropped
        = [&builder](std::uint32_t attributes, std::uint32_t events, std::uint32_t links) {
              builder.last().droppedAttributesCount = attributes;
              builder.last().droppedEventsCount = events;
              builder.last().droppedLinksCount = links;
              SpanDetailsModel model;
              model.setSpan(*builder.build(), 0);
              const QModelIndex fields = model.sectionIndex(QStringLiteral("Span"));
              for (int row = 0; row < model.rowCount(fields); ++row) {
                  if (cell(model, fields, row, 0) == QStringLiteral("Dropped"))
                      return cell(model, fields, row, 1);
              }
              return QString();
          };
    QCOMPARE(dropped(1, 1, 1), QStringLiteral("1 attribute, 1 event, 1 link"));
    QCOMPARE(dropped(2, 0, 3), QStringLiteral("2 attributes, 0 events, 3 links"));
    QCOMPARE(dropped(0, 0, 0), QString()); // nothing dropped: no field
}

void TestSpanDetailsModel::typedAttributesWithNesting()
{
    SpanDetailsModel model;
    model.setSpan(*detailedTrace(), 0);
    const QModelIndex attributes = model.sectionIndex(QStringLiteral("Attributes"));
    QCOMPARE(model.rowCount(attributes), 4);
    QCOMPARE(cell(model, attributes, 0, 1), QStringLiteral("500"));
    QCOMPARE(cell(model, attributes, 0, 2), QStringLiteral("int"));
    // Multi-line values show on one line; the tooltip and copy text keep the original.
    QCOMPARE(cell(model, attributes, 1, 1), QStringLiteral("SELECT *\u21b5FROM orders"));
    QCOMPARE(model.index(1, 1, attributes).data(SpanDetailsModel::CopyTextRole).toString(),
             QStringLiteral("SELECT *\nFROM orders"));
    QVERIFY(model.index(1, 1, attributes)
                .data(Qt::ToolTipRole)
                .toString()
                .endsWith(QStringLiteral("SELECT *\nFROM orders")));
    const QModelIndex tags = model.index(2, 0, attributes);
    // Containers show their size (the same form as the log details, AttributeTreeBuilder).
    QCOMPARE(cell(model, attributes, 2, 2), QStringLiteral("array[2]"));
    QCOMPARE(model.rowCount(tags), 2);
    QCOMPARE(cell(model, tags, 1, 0), QStringLiteral("[1]"));
    QCOMPARE(cell(model, tags, 1, 2), QStringLiteral("bool"));
    const QModelIndex ctx = model.index(3, 0, attributes);
    QCOMPARE(cell(model, attributes, 3, 2), QStringLiteral("map[1]"));
    QCOMPARE(cell(model, ctx, 0, 0), QStringLiteral("user"));
    QCOMPARE(cell(model, ctx, 0, 1), QStringLiteral("u1"));
}

void TestSpanDetailsModel::eventsWithOffsets()
{
    SpanDetailsModel model;
    model.setSpan(*detailedTrace(), 0);
    const QModelIndex events = model.sectionIndex(QStringLiteral("Events"));
    QCOMPARE(cell(model, events, 0, 0), QStringLiteral("exception"));
    QCOMPARE(cell(model, events, 0, 1), QStringLiteral("+1.5 ms"));
    const QModelIndex event = model.index(0, 0, events);
    QCOMPARE(cell(model, event, 0, 0), QStringLiteral("exception.type"));
    QCOMPARE(event.data(SpanDetailsModel::KindRole).toInt(),
             int(SpanDetailsModel::ItemKind::Event));
}

void TestSpanDetailsModel::linksCarryIds()
{
    SpanDetailsModel model;
    model.setSpan(*detailedTrace(), 0);
    const QModelIndex links = model.sectionIndex(QStringLiteral("Links"));
    const QModelIndex link = model.index(0, 1, links);
    QCOMPARE(link.data(SpanDetailsModel::KindRole).toInt(), int(SpanDetailsModel::ItemKind::Link));
    QCOMPARE(link.data(SpanDetailsModel::LinkTraceIdRole).toString(),
             QStringLiteral("cd000000000000000000000000000000"));
    QCOMPARE(link.data(SpanDetailsModel::LinkSpanIdRole).toString(),
             QStringLiteral("0000000000000042"));
    QCOMPARE(model.rowCount(model.index(0, 0, links)), 1);
    QVERIFY(!model.index(0, 1, model.sectionIndex(QStringLiteral("Span")))
                 .data(SpanDetailsModel::LinkSpanIdRole)
                 .isValid());
}

void TestSpanDetailsModel::resourceAndScope()
{
    SpanDetailsModel model;
    model.setSpan(*detailedTrace(), 0);
    const QModelIndex resource = model.sectionIndex(QStringLiteral("Resource"));
    QCOMPARE(resource.siblingAtColumn(1).data().toString(), QStringLiteral("backend"));
    QCOMPARE(cell(model, resource, 0, 0), QStringLiteral("service.name"));
    const QModelIndex scope = model.sectionIndex(QStringLiteral("Scope"));
    QCOMPARE(cell(model, scope, 0, 1), QStringLiteral("scope"));
    QCOMPARE(cell(model, scope, 1, 1), QStringLiteral("1.0"));
}

void TestSpanDetailsModel::outOfRangeClears()
{
    SpanDetailsModel model;
    model.setSpan(*detailedTrace(), 0);
    model.setSpan(*detailedTrace(), 5);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.sectionIndex(QStringLiteral("Span")).isValid());
}

QTEST_GUILESS_MAIN(TestSpanDetailsModel)
#include "tst_span_details_model.moc"
