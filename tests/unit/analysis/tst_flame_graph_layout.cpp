#include "analysis/flame_graph_layout.h"
#include "support/trace_test_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::TraceTestBuilder;

class TestFlameGraphLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void widthsProportionalToDuration();
    void overlappingChildrenScaleToFit();
    void focusFillsWidthAndBreadcrumb();
    void tinyBoxesFold_data();
    void tinyBoxesFold();
    void rowRangeLimitsOutput();
    void orphanRootsSideBySide();
    void hitTesting();
};

static constexpr double RowHeight = 18;

// root [0,1000): a [0,500) with a1 [100,200); b [600,850).
static std::shared_ptr<const SpanTree> treeOf(std::shared_ptr<const Trace> trace)
{
    return std::make_shared<const SpanTree>(std::move(trace));
}

static std::shared_ptr<const SpanTree> simpleTree()
{
    return treeOf(TraceTestBuilder()
                      .span(1, 0, 0, 1000, 0, "root")
                      .span(2, 1, 0, 500, 1, "a")
                      .span(3, 2, 100, 200, 2, "a1")
                      .span(4, 1, 600, 850, 1, "b")
                      .build());
}

static const FlameBox *boxOf(const std::vector<FlameBox> &boxes, int node)
{
    for (const FlameBox &box : boxes) {
        if (box.node == node && !box.folded)
            return &box;
    }
    return nullptr;
}

void TestFlameGraphLayout::widthsProportionalToDuration()
{
    const FlameGraphLayout layout(simpleTree());
    QCOMPARE(layout.rowCount(), 3);
    const std::vector<FlameBox> boxes = layout.build(1000, RowHeight);
    QCOMPARE(int(boxes.size()), 4);
    QCOMPARE(boxOf(boxes, 0)->rect, QRectF(0, 0, 1000, RowHeight));
    QCOMPARE(boxOf(boxes, 1)->rect, QRectF(0, RowHeight, 500, RowHeight));
    QCOMPARE(boxOf(boxes, 2)->rect, QRectF(0, 2 * RowHeight, 100, RowHeight));
    // Siblings sit side by side in start order; the rest of the row is the root's self time.
    QCOMPARE(boxOf(boxes, 3)->rect, QRectF(500, RowHeight, 250, RowHeight));
}

void TestFlameGraphLayout::overlappingChildrenScaleToFit()
{
    // Two concurrent 600 ns children under a 1000 ns parent: 1200 ns of work in 1000 px.
    FlameGraphLayout layout(treeOf(
        TraceTestBuilder().span(1, 0, 0, 1000).span(2, 1, 100, 700).span(3, 1, 200, 800).build()));
    const std::vector<FlameBox> boxes = layout.build(1200, RowHeight);
    QCOMPARE(boxOf(boxes, 1)->rect.width(), 600.0);
    QCOMPARE(boxOf(boxes, 2)->rect.left(), 600.0);
    QCOMPARE(boxOf(boxes, 2)->rect.right(), 1200.0);
}

void TestFlameGraphLayout::focusFillsWidthAndBreadcrumb()
{
    FlameGraphLayout layout(simpleTree());
    QVERIFY(layout.breadcrumb().empty());
    layout.setFocus(1);
    QCOMPARE(layout.focus(), 1);
    QCOMPARE(layout.breadcrumb(), (std::vector<int>{0, 1}));
    QCOMPARE(layout.rowCount(), 2);
    const std::vector<FlameBox> boxes = layout.build(1000, RowHeight);
    QCOMPARE(int(boxes.size()), 2);
    QCOMPARE(boxOf(boxes, 1)->rect, QRectF(0, 0, 1000, RowHeight));
    QCOMPARE(boxOf(boxes, 2)->rect, QRectF(0, RowHeight, 200, RowHeight));
    QCOMPARE(boxOf(boxes, 0), nullptr);
    layout.setFocus(-1);
    QCOMPARE(layout.rowCount(), 3);
    layout.setFocus(99); // out of range → whole trace
    QCOMPARE(layout.focus(), -1);
}

void TestFlameGraphLayout::tinyBoxesFold_data()
{
    QTest::addColumn<double>("width");
    QTest::addColumn<int>("expectedFolded");
    QTest::addColumn<int>("expectedSingles");
    // 100 children of 10 ns under a 1000 ns root (plus one grandchild under child 0).
    QTest::newRow("1 px/ns: all wide") << 1000.0 << 0 << 101;
    QTest::newRow("0.2 px/ns: all fold") << 200.0 << 1 << 0;
}

void TestFlameGraphLayout::tinyBoxesFold()
{
    QFETCH(double, width);
    QFETCH(int, expectedFolded);
    QFETCH(int, expectedSingles);
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000);
    for (int i = 0; i < 100; ++i)
        builder.span(std::uint64_t(100 + i), 1, i * 10, i * 10 + 10);
    builder.span(99, 100, 0, 5);
    const FlameGraphLayout layout(treeOf(builder.build()));
    const std::vector<FlameBox> boxes = layout.build(width, RowHeight);
    int folded = 0;
    int singles = 0;
    int represented = 0;
    for (const FlameBox &box : boxes) {
        if (box.node == 0)
            continue;
        box.folded ? ++folded : ++singles;
        represented += box.count;
    }
    QCOMPARE(folded, expectedFolded);
    QCOMPARE(singles, expectedSingles);
    QCOMPARE(represented, 101);
}

void TestFlameGraphLayout::rowRangeLimitsOutput()
{
    const FlameGraphLayout layout(simpleTree());
    const std::vector<FlameBox> boxes = layout.build(1000, RowHeight, 1, 2);
    QCOMPARE(int(boxes.size()), 2);
    for (const FlameBox &box : boxes)
        QCOMPARE(box.rect.top(), RowHeight);
}

void TestFlameGraphLayout::orphanRootsSideBySide()
{
    const FlameGraphLayout layout(treeOf(TraceTestBuilder()
                                             .span(1, 0, 0, 300)
                                             .span(2, 42, 400, 500) // orphan
                                             .build()));
    const std::vector<FlameBox> boxes = layout.build(800, RowHeight);
    QCOMPARE(int(boxes.size()), 2);
    QCOMPARE(boxOf(boxes, 0)->rect, QRectF(0, 0, 600, RowHeight));
    QCOMPARE(boxOf(boxes, 1)->rect, QRectF(600, 0, 200, RowHeight));
}

void TestFlameGraphLayout::hitTesting()
{
    const FlameGraphLayout layout(simpleTree());
    const std::vector<FlameBox> boxes = layout.build(1000, RowHeight);
    QCOMPARE(FlameGraphLayout::boxAt(boxes, QPointF(600, RowHeight * 1.5))->node, 3);
    QCOMPARE(FlameGraphLayout::boxAt(boxes, QPointF(50, RowHeight * 2.5))->node, 2);
    QCOMPARE(FlameGraphLayout::boxAt(boxes, QPointF(900, RowHeight * 1.5)), nullptr); // self time
    QCOMPARE(FlameGraphLayout::boxAt(boxes, QPointF(10, RowHeight * 0.5))->node, 0);
}

QTEST_GUILESS_MAIN(TestFlameGraphLayout)
#include "tst_flame_graph_layout.moc"
