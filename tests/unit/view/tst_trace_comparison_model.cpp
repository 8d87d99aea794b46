// The compare view's tree model: structure checked by QAbstractItemModelTester, rows and their
// change marks, numbers as numbers for sorting, and resets.
#include "support/trace_test_builder.h"
#include "view/trace_comparison_model.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QTest>

using namespace kansoku;
using kansoku::test::TraceTestBuilder;

class TestTraceComparisonModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void treeAndChanges();
    void emptyAndReset();
};

namespace {

std::shared_ptr<const TraceComparison> nPlusOneComparison()
{
    TraceTestBuilder before;
    before.span(1, 0, 0, 200, 0, "GET /orders").span(2, 1, 1, 5, 2, "SELECT orders");
    for (std::uint64_t i = 0; i < 5; ++i)
        before.span(10 + i, 1, 10 + std::int64_t(3 * i), 12 + std::int64_t(3 * i), 2,
                    "SELECT items");
    TraceTestBuilder after;
    after.span(1, 0, 0, 40, 0, "GET /orders")
        .span(2, 1, 1, 7, 2, "SELECT orders")
        .span(3, 1, 8, 16, 2, "SELECT items IN");
    return std::make_shared<TraceComparison>(SpanTree(before.build()), SpanTree(after.build()));
}

} // namespace

void TestTraceComparisonModel::treeAndChanges()
{
    TraceComparisonModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setComparison(nPlusOneComparison());

    QCOMPARE(model.rowCount(), 1);
    // A first click on a count, a time or a change sorts largest first; names A to Z.
    for (int column = 0; column < TraceComparisonModel::ColumnCount; ++column)
        QCOMPARE(Qt::SortOrder(
                     model.headerData(column, Qt::Horizontal, Qt::InitialSortOrderRole).toInt()),
                 column == TraceComparisonModel::OperationColumn ? Qt::AscendingOrder
                                                                 : Qt::DescendingOrder);
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(root.data().toString(), QStringLiteral("frontend: GET /orders"));
    QCOMPARE(model.rowCount(root), 3);
    QCOMPARE(model.index(0, TraceComparisonModel::TimeChangeColumn).data().toString(),
             QStringLiteral("−160 ns"));
    QCOMPARE(model.index(0, TraceComparisonModel::TimeChangeColumn)
                 .data(TraceComparisonModel::SortRole)
                 .toLongLong(),
             -160);

    QStringList operations;
    for (int row = 0; row < model.rowCount(root); ++row)
        operations << model.index(row, 0, root).data().toString();
    QCOMPARE(operations,
             (QStringList{QStringLiteral("db: SELECT orders"), QStringLiteral("db: SELECT items"),
                          QStringLiteral("db: SELECT items IN")}));

    const QModelIndex items = model.index(1, 0, root);
    QCOMPARE(items.data(TraceComparisonModel::ChangeRole).toInt(),
             int(TraceComparisonModel::Change::OnlyInA));
    QVERIFY(items.data(Qt::FontRole).value<QFont>().strikeOut());
    QCOMPARE(model.index(1, TraceComparisonModel::CallsAColumn, root).data().toLongLong(), 5);
    QCOMPARE(model.index(1, TraceComparisonModel::CallsBColumn, root).data().toString(),
             QStringLiteral("–"));
    QCOMPARE(model.index(1, TraceComparisonModel::CallsChangeColumn, root).data().toString(),
             QStringLiteral("-5"));

    const QModelIndex batched = model.index(2, 0, root);
    QCOMPARE(batched.data(TraceComparisonModel::ChangeRole).toInt(),
             int(TraceComparisonModel::Change::OnlyInB));
    const QModelIndex orders = model.index(0, TraceComparisonModel::TimeChangeColumn, root);
    QCOMPARE(orders.data(TraceComparisonModel::ChangeRole).toInt(),
             int(TraceComparisonModel::Change::Changed));
    QCOMPARE(orders.data().toString(), QStringLiteral("+2 ns"));
    QCOMPARE(model.parent(orders), root);
    QCOMPARE(model.nodeAt(orders)->name, std::string("SELECT orders"));
}

void TestTraceComparisonModel::emptyAndReset()
{
    TraceComparisonModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.nodeAt(model.index(0, 0)));
    model.setComparison(nPlusOneComparison());
    QCOMPARE(model.rowCount(), 1);
    model.setComparison(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestTraceComparisonModel)
#include "tst_trace_comparison_model.moc"
