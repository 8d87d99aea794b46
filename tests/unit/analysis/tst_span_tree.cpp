#include "analysis/span_tree.h"
#include "support/synthetic_trace.h"
#include "support/trace_test_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::spanId;
using kansoku::test::TraceTestBuilder;

class TestSpanTree : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyTrace();
    void preOrderByStartTime();
    void orphansBecomeFlaggedRoots();
    void parentCycleIsBroken();
    void selfTime_data();
    void selfTime();
    void collapseHidesSubtree();
    void expandAncestorsShowsNode();
    void servicesAndErrors();
    void descendantLaneFoldsHiddenSpans();
    void syntheticTraceIsConsistent();
};

// root(1) [0,100) with children 3 [50,90) and 2 [10,40) (out of order); 2 has child 4 [20,30).
static std::shared_ptr<const Trace> smallTrace()
{
    return TraceTestBuilder()
        .span(1, 0, 0, 100, 0, "root")
        .span(3, 1, 50, 90, 1, "late child")
        .span(2, 1, 10, 40, 1, "early child")
        .span(4, 2, 20, 30, 2, "grandchild", true)
        .build();
}

static QStringList rowNames(const SpanTree &tree)
{
    QStringList names;
    for (int node : tree.visibleRows())
        names << QString::fromStdString(tree.span(node).name);
    return names;
}

void TestSpanTree::emptyTrace()
{
    const SpanTree tree(std::make_shared<Trace>());
    QCOMPARE(tree.nodeCount(), 0);
    QCOMPARE(tree.rowCount(), 0);
    const SpanTree none(nullptr);
    QCOMPARE(none.nodeCount(), 0);
}

void TestSpanTree::preOrderByStartTime()
{
    const SpanTree tree(smallTrace());
    QCOMPARE(rowNames(tree),
             (QStringList{QStringLiteral("root"), QStringLiteral("early child"),
                          QStringLiteral("grandchild"), QStringLiteral("late child")}));
    QCOMPARE(tree.node(0).depth, 0);
    QCOMPARE(tree.node(1).depth, 1);
    QCOMPARE(tree.node(2).depth, 2);
    QCOMPARE(tree.node(3).depth, 1);
    QCOMPARE(tree.node(0).subtreeEnd, 4);
    QCOMPARE(tree.node(1).subtreeEnd, 3);
    QCOMPARE(tree.node(0).childCount, 2);
    QCOMPARE(tree.firstChild(0), 1);
    QCOMPARE(tree.nextSibling(1), 3);
    QCOMPARE(tree.nextSibling(3), -1);
    QCOMPARE(tree.node(2).parent, 1);
    QCOMPARE(tree.ancestors(2), (std::vector<int>{0, 1}));
    QCOMPARE(tree.nodeForSpan(spanId(4)), 2);
    QCOMPARE(tree.nodeForSpan(spanId(99)), -1);
    QCOMPARE(tree.maxDepth(), 2);
    QCOMPARE(tree.startTimeNs(), TraceTestBuilder::Base);
    QCOMPARE(tree.endTimeNs(), TraceTestBuilder::Base + 100);
}

void TestSpanTree::orphansBecomeFlaggedRoots()
{
    const SpanTree tree(TraceTestBuilder()
                            .span(1, 0, 0, 100, 0, "root")
                            .span(2, 77, 30, 60, 1, "orphan")
                            .span(3, 2, 35, 40, 1, "orphan child")
                            .span(4, 1, 40, 50, 0, "child")
                            .build());
    QCOMPARE(rowNames(tree),
             (QStringList{QStringLiteral("root"), QStringLiteral("child"), QStringLiteral("orphan"),
                          QStringLiteral("orphan child")}));
    QCOMPARE(tree.rootCount(), 2);
    QCOMPARE(tree.orphanCount(), 1);
    QVERIFY(!tree.node(0).isOrphan);
    QVERIFY(tree.node(2).isOrphan);
    QCOMPARE(tree.node(2).depth, 0);
    QVERIFY(!tree.node(3).isOrphan); // its parent is present
    QCOMPARE(tree.node(3).depth, 1);
}

void TestSpanTree::parentCycleIsBroken()
{
    // 2 → 3 → 2 never reaches a root; both still appear, once each.
    const SpanTree tree(
        TraceTestBuilder().span(1, 0, 0, 100).span(2, 3, 10, 20).span(3, 2, 12, 18).build());
    QCOMPARE(tree.nodeCount(), 3);
    QCOMPARE(tree.rowCount(), 3);
    QCOMPARE(tree.orphanCount(), 1);
    QCOMPARE(tree.span(1).spanId, spanId(2));
    QCOMPARE(tree.span(2).spanId, spanId(3));
    QCOMPARE(tree.node(2).depth, 1);
}

void TestSpanTree::selfTime_data()
{
    QTest::addColumn<QList<qint64>>("children"); // start, end pairs under a [0,100) root
    QTest::addColumn<qint64>("expectedSelf");
    QTest::newRow("leaf") << QList<qint64>{} << qint64(100);
    QTest::newRow("disjoint") << QList<qint64>{10, 20, 30, 50} << qint64(70);
    QTest::newRow("overlapping") << QList<qint64>{10, 40, 20, 60} << qint64(50);
    QTest::newRow("nested in time") << QList<qint64>{10, 90, 20, 30} << qint64(20);
    QTest::newRow("outliving parent") << QList<qint64>{80, 150} << qint64(80);
    QTest::newRow("full cover") << QList<qint64>{0, 100} << qint64(0);
}

void TestSpanTree::selfTime()
{
    QFETCH(QList<qint64>, children);
    QFETCH(qint64, expectedSelf);
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100);
    for (qsizetype i = 0; i < children.size(); i += 2)
        builder.span(std::uint64_t(10 + i), 1, children[i], children[i + 1]);
    const SpanTree tree(builder.build());
    QCOMPARE(tree.node(0).selfTimeNs, expectedSelf);
}

void TestSpanTree::collapseHidesSubtree()
{
    SpanTree tree(smallTrace());
    const int revision = tree.revision();
    tree.setCollapsed(1, true);
    QVERIFY(tree.revision() != revision);
    QCOMPARE(rowNames(tree), (QStringList{QStringLiteral("root"), QStringLiteral("early child"),
                                          QStringLiteral("late child")}));
    QCOMPARE(tree.rowOfNode(2), -1);
    QCOMPARE(tree.rowOfNode(3), 2);
    tree.setCollapsed(0, true);
    QCOMPARE(tree.rowCount(), 1);
    tree.expandAll();
    QCOMPARE(tree.rowCount(), 4);
    tree.collapseToDepth(1);
    QCOMPARE(tree.rowCount(), 3);
    QVERIFY(tree.isCollapsed(1));
    QVERIFY(!tree.isCollapsed(3)); // a leaf has nothing to collapse
}

void TestSpanTree::expandAncestorsShowsNode()
{
    SpanTree tree(smallTrace());
    tree.setCollapsed(0, true);
    tree.setCollapsed(1, true);
    QCOMPARE(tree.rowOfNode(2), -1);
    tree.expandAncestors(2);
    QCOMPARE(tree.rowOfNode(2), 2);
    QVERIFY(!tree.isCollapsed(0));
    QVERIFY(!tree.isCollapsed(1));
}

void TestSpanTree::servicesAndErrors()
{
    const SpanTree tree(smallTrace());
    QCOMPARE(tree.services(), (std::vector<std::string>{"frontend", "backend", "db"}));
    QCOMPARE(tree.node(0).serviceIndex, 0);
    QCOMPARE(tree.node(1).serviceIndex, 1);
    QCOMPARE(tree.node(2).serviceIndex, 2);
    QCOMPARE(tree.errorCount(), 1);
    QVERIFY(tree.node(2).isError);
    QCOMPARE(tree.node(0).subtreeStartNs, TraceTestBuilder::Base);
    QCOMPARE(tree.node(1).subtreeEndNs, TraceTestBuilder::Base + 40);
}

void TestSpanTree::descendantLaneFoldsHiddenSpans()
{
    const SpanTree tree(smallTrace());
    QCOMPARE(tree.descendantLane(0).size(), 3);
    QCOMPARE(tree.descendantLane(1).size(), 1);
    // 100 px for 100 ns: the three descendants are wide enough to stay separate.
    const TimeScale scale(tree.startTimeNs(), tree.endTimeNs(), 100);
    std::vector<LaneBox> boxes;
    tree.descendantLane(0).appendBoxes(scale, 3, boxes);
    QCOMPARE(int(boxes.size()), 3);
    QCOMPARE(boxes[0], (LaneBox{10, 40, 1, 1}));
}

void TestSpanTree::syntheticTraceIsConsistent()
{
    const SpanTree tree(makeSyntheticTrace({5000, 7}));
    QCOMPARE(tree.nodeCount(), 5000);
    QCOMPARE(tree.orphanCount(), 1);
    QCOMPARE(tree.rootCount(), 2);
    for (int n = 0; n < tree.nodeCount(); ++n) {
        const SpanTreeNode &node = tree.node(n);
        QVERIFY(node.subtreeEnd > n && node.subtreeEnd <= tree.nodeCount());
        QVERIFY(node.selfTimeNs >= 0 && node.selfTimeNs <= node.durationNs());
        if (node.parent >= 0) {
            QVERIFY(node.parent < n);
            QCOMPARE(node.depth, tree.node(node.parent).depth + 1);
            QVERIFY(tree.node(node.parent).subtreeEnd >= node.subtreeEnd);
        }
    }
}

QTEST_GUILESS_MAIN(TestSpanTree)
#include "tst_span_tree.moc"
