#include "support/trace_test_builder.h"
#include "view/log_details_model.h"
#include "view/span_details_model.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace kansoku;
using kansoku::test::TraceTestBuilder;

class TestLogDetailsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passesModelTester();
    void sectionsAndFields();
    void containersShowTheirSize();
    void longValuesAreCut();
    void resourceAndScope();
    void attributesLikeSpanDetails();
};

namespace {

// An array of three, a map of two holding an array of one, and a scalar.
Attributes nestedAttributes()
{
    return {
        {"tags", AnyValue::fromArray(
                     {AnyValue::fromString("a"), AnyValue::fromBool(true), AnyValue::fromInt(7)})},
        {"ctx",
         AnyValue::fromMap({{"user", AnyValue::fromString("u1")},
                            {"roles", AnyValue::fromArray({AnyValue::fromString("admin")})}})},
        {"retries", AnyValue::fromInt(2)},
    };
}

StoredLog detailedLog()
{
    StoredLog log;
    log.rowId = 42;
    log.record.timeNs = 1'700'000'000'000'000'000;
    log.record.severityNumber = 17;
    log.record.severityText = "ERROR";
    log.record.body = AnyValue::fromString("payment failed");
    log.record.attributes = nestedAttributes();
    log.record.flags = 1;
    log.resource.attributes = {{"service.name", AnyValue::fromString("checkout")}};
    log.scope = {"io.opentelemetry.payments", "2.1", {{"lib", AnyValue::fromString("otel")}}, 0};
    return log;
}

QString cell(const QAbstractItemModel &model, const QModelIndex &parent, int row, int column)
{
    return model.index(row, column, parent).data().toString();
}

// Every row below parent, depth first, as "indent key | value | type".
QStringList rowsBelow(const QAbstractItemModel &model, const QModelIndex &parent,
                      const QString &indent = {})
{
    QStringList rows;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        rows << indent + cell(model, parent, row, 0) + QStringLiteral(" | ")
                    + cell(model, parent, row, 1) + QStringLiteral(" | ")
                    + cell(model, parent, row, 2);
        rows << rowsBelow(model, model.index(row, 0, parent), indent + QStringLiteral("  "));
    }
    return rows;
}

} // namespace

void TestLogDetailsModel::passesModelTester()
{
    LogDetailsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLog(detailedLog());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.setLog(detailedLog());
    QCOMPARE(model.rowCount(), 4);
}

void TestLogDetailsModel::sectionsAndFields()
{
    LogDetailsModel model;
    model.setLog(detailedLog());
    QStringList sections;
    for (int row = 0; row < model.rowCount(); ++row)
        sections << cell(model, {}, row, 0);
    QCOMPARE(sections, (QStringList{QStringLiteral("Log"), QStringLiteral("Attributes"),
                                    QStringLiteral("Resource"), QStringLiteral("Scope")}));
    const QModelIndex fields = model.index(0, 0);
    QCOMPARE(cell(model, fields, 0, 0), QStringLiteral("severity"));
    QCOMPARE(cell(model, fields, 0, 1), QStringLiteral("ERROR (17)"));
    QCOMPARE(cell(model, fields, 1, 1), QStringLiteral("ERROR"));
    QCOMPARE(cell(model, fields, 6, 0), QStringLiteral("flags"));
    QCOMPARE(cell(model, fields, 6, 1), QStringLiteral("0x01 (sampled)"));
    QCOMPARE(cell(model, fields, 7, 0), QStringLiteral("storage row"));
    QCOMPARE(cell(model, fields, 7, 1), QStringLiteral("42"));
    QCOMPARE(cell(model, {}, 1, 1), QStringLiteral("3")); // the attribute count
}

void TestLogDetailsModel::containersShowTheirSize()
{
    LogDetailsModel model;
    model.setLog(detailedLog());
    const QModelIndex attributes = model.index(1, 0);
    QCOMPARE(rowsBelow(model, attributes),
             (QStringList{
                 QStringLiteral("tags | [a, true, 7] | array[3]"),
                 QStringLiteral("  [0] | a | string"),
                 QStringLiteral("  [1] | true | bool"),
                 QStringLiteral("  [2] | 7 | int"),
                 QStringLiteral("ctx | {user: u1, roles: [admin]} | map[2]"),
                 QStringLiteral("  user | u1 | string"),
                 QStringLiteral("  roles | [admin] | array[1]"),
                 QStringLiteral("    [0] | admin | string"),
                 QStringLiteral("retries | 2 | int"),
             }));
}

void TestLogDetailsModel::longValuesAreCut()
{
    StoredLog log = detailedLog();
    log.record.attributes = {{"sql", AnyValue::fromString(std::string(400, 'x'))}};
    LogDetailsModel model;
    model.setLog(log);
    const QString value = cell(model, model.index(1, 0), 0, 1);
    QCOMPARE(value.size(), 301);
    QVERIFY(value.startsWith(QString(300, QLatin1Char('x'))));
    QCOMPARE(value.back(), QChar(0x2026));
}

void TestLogDetailsModel::resourceAndScope()
{
    LogDetailsModel model;
    model.setLog(detailedLog());
    QCOMPARE(cell(model, {}, 2, 1), QStringLiteral("checkout"));
    QCOMPARE(rowsBelow(model, model.index(2, 0)),
             QStringList{QStringLiteral("service.name | checkout | string")});
    QCOMPARE(cell(model, {}, 3, 1), QStringLiteral("io.opentelemetry.payments"));
    QCOMPARE(rowsBelow(model, model.index(3, 0)),
             (QStringList{QStringLiteral("name | io.opentelemetry.payments | string"),
                          QStringLiteral("version | 2.1 | string"),
                          QStringLiteral("lib | otel | string")}));
}

// Both details trees list attributes through one AttributeTreeBuilder: the same rows, keys,
// values and sized container types for the same attributes.
void TestLogDetailsModel::attributesLikeSpanDetails()
{
    LogDetailsModel logModel;
    QAbstractItemModelTester logTester(&logModel,
                                       QAbstractItemModelTester::FailureReportingMode::QtTest);
    logModel.setLog(detailedLog());

    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000);
    builder.last().attributes = nestedAttributes();
    const std::shared_ptr<const Trace> trace = builder.build();
    SpanDetailsModel spanModel;
    QAbstractItemModelTester spanTester(&spanModel,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    spanModel.setSpan(*trace, 0);

    const QStringList logRows = rowsBelow(logModel, logModel.index(1, 0));
    QCOMPARE(logRows.size(), 9);
    QCOMPARE(rowsBelow(spanModel, spanModel.sectionIndex(QStringLiteral("Attributes"))), logRows);
}

QTEST_GUILESS_MAIN(TestLogDetailsModel)
#include "tst_log_details_model.moc"
