#include "analysis/span_tree.h"
#include "analysis/span_tree_folding.h"
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
    void serviceOfNamesTheNodesService();
    void descendantLaneFoldsHiddenSpans();
    void syntheticTraceIsConsistent();
    void groupStartsCollapsedInOneRow();
    void expandingAGroupListsItsMembers();
    void expandAncestorsOpensGroups();
    void collapseToDepthAndExpandAllWithGroups();
    void groupLanesPaintMembersAndErrors();
    void expandSubtreeOpensGroupsUnderIt();
    void foldingSurvivesARebuildWithMoreSpans();
    void groupFormedByARebuildKeepsShownRowsOpen();
    void hundredThousandSpanTreeWithGroups();
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

void TestSpanTree::serviceOfNamesTheNodesService()
{
    const SpanTree tree(smallTrace());
    // Pre-order: root, early child, grandchild, late child; both children are backend's.
    QCOMPARE(tree.serviceOf(0), std::string("frontend"));
    QCOMPARE(tree.serviceOf(1), std::string("backend"));
    QCOMPARE(tree.serviceOf(2), std::string("db"));
    QCOMPARE(tree.serviceOf(3), std::string("backend"));
    QCOMPARE(&tree.serviceOf(3), &tree.serviceOf(1)); // one name per service
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

// GET /items [0,1000) → 50 × SELECT items [10+10i, 15+10i) (the 8th in error), then render.
static std::shared_ptr<const Trace> nPlusOneTrace(int repeats = 50)
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 1, "GET /items");
    for (int i = 0; i < repeats; ++i)
        builder.span(100 + std::uint64_t(i), 1, 10 + 10 * i, 15 + 10 * i, 2, "SELECT items",
                     i == 7);
    builder.span(2, 1, 900, 990, 1, "render");
    return builder.build();
}

void TestSpanTree::groupStartsCollapsedInOneRow()
{
    const SpanTree tree(nPlusOneTrace());
    QCOMPARE(tree.groups().count(), 1);
    QVERIFY(tree.isGroupCollapsed(0));
    QCOMPARE(tree.rowCount(), 3);
    QCOMPARE(rowNames(tree),
             (QStringList{QStringLiteral("GET /items"), QStringLiteral("SELECT items"),
                          QStringLiteral("render")}));
    QCOMPARE(tree.rowGroup(0), -1);
    QCOMPARE(tree.rowGroup(1), 0);
    QCOMPARE(tree.rowGroup(2), -1);
    QCOMPARE(tree.rowOfGroup(0), 1);
    // The group's row holds its first member, but no member is shown by itself.
    QCOMPARE(tree.visibleRows()[1], tree.groups().group(0).firstMember);
    for (int member : tree.groups().members(0))
        QCOMPARE(tree.rowOfNode(member), -1);
    QCOMPARE(tree.rowOfNode(0), 0);
    QCOMPARE(tree.rowOfNode(51), 2);
    QCOMPARE(tree.groupDisplayDepth(0), 1);
}

void TestSpanTree::expandingAGroupListsItsMembers()
{
    SpanTree tree(nPlusOneTrace());
    const int revision = tree.revision();
    tree.setGroupCollapsed(0, false);
    QVERIFY(tree.revision() != revision);
    QCOMPARE(tree.rowCount(), 53);
    QCOMPARE(tree.rowOfGroup(0), 1);
    for (int i = 0; i < 50; ++i) {
        const int member = tree.groups().members(0)[std::size_t(i)];
        QCOMPARE(tree.rowOfNode(member), 2 + i);
        QCOMPARE(tree.rowGroup(2 + i), -1);
        QCOMPARE(tree.displayDepth(member), 2); // one deeper than the group's row
    }
    QCOMPARE(tree.rowOfNode(51), 52);
    QCOMPARE(tree.displayDepth(51), 1);
    tree.setGroupCollapsed(0, true);
    QCOMPARE(tree.rowCount(), 3);
    QCOMPARE(tree.rowOfNode(5), -1);
}

void TestSpanTree::expandAncestorsOpensGroups()
{
    SpanTree tree(nPlusOneTrace());
    const int member = tree.groups().members(0)[20];
    QCOMPARE(tree.rowOfNode(member), -1);
    tree.setCollapsed(0, true);
    tree.expandAncestors(member);
    QVERIFY(!tree.isCollapsed(0));
    QVERIFY(!tree.isGroupCollapsed(0));
    QCOMPARE(tree.rowOfNode(member), 2 + 20);
}

void TestSpanTree::collapseToDepthAndExpandAllWithGroups()
{
    SpanTree tree(nPlusOneTrace());
    tree.expandAll();
    QVERIFY(!tree.isGroupCollapsed(0));
    QCOMPARE(tree.rowCount(), 53);
    // A summary level folds repeats back into their row.
    tree.collapseToDepth(2);
    QVERIFY(tree.isGroupCollapsed(0));
    QCOMPARE(tree.rowCount(), 3);
    tree.collapseToDepth(0);
    QCOMPARE(tree.rowCount(), 1);
    QCOMPARE(tree.rowOfGroup(0), -1);
}

void TestSpanTree::groupLanesPaintMembersAndErrors()
{
    const SpanTree tree(nPlusOneTrace());
    QCOMPARE(tree.groupLane(0).size(), 50);
    QCOMPARE(tree.groupErrorLane(0).size(), 1);
    // 1000 px for 1000 ns: each 5 ns call is its own box; the one error too.
    const TimeScale scale(tree.startTimeNs(), tree.endTimeNs(), 1000);
    std::vector<LaneBox> boxes;
    tree.groupErrorLane(0).appendBoxes(scale, 3, boxes);
    QCOMPARE(int(boxes.size()), 1);
    QCOMPARE(boxes[0].firstNode, tree.groups().members(0)[7]);
    boxes.clear();
    tree.groupLane(0).appendBoxes(scale, 3, boxes);
    QCOMPARE(int(boxes.size()), 50);
}

// Four parents with calls below the grouping threshold; `more` adds enough to group each:
// load's SELECTs (rows before), render's (under render, collapsed), notify's sends (collapsed,
// one of them selected) and audit's writes (all new).
static std::shared_ptr<const Trace> growingCallsTrace(bool more)
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 0, "GET /order")
        .span(2, 1, 10, 390, 1, "load")
        .span(3, 1, 400, 790, 1, "render")
        .span(4, 1, 800, 890, 1, "notify")
        .span(5, 1, 900, 990, 1, "audit");
    for (std::uint64_t i = 0; i < 3; ++i) {
        const auto offset = std::int64_t(i) * 20;
        builder.span(10 + i, 2, 20 + offset, 30 + offset, 2, "SELECT")
            .span(20 + i, 3, 410 + offset, 420 + offset, 2, "SELECT");
    }
    builder.span(30, 4, 810, 820, 2, "send").span(31, 4, 830, 840, 2, "send");
    if (more) {
        for (std::uint64_t i = 0; i < 3; ++i) {
            const auto offset = std::int64_t(i) * 20;
            builder.span(13 + i, 2, 200 + offset, 210 + offset, 2, "SELECT")
                .span(23 + i, 3, 600 + offset, 610 + offset, 2, "SELECT")
                .span(32 + i, 4, 845 + offset / 2, 850 + offset / 2, 2, "send");
        }
        for (std::uint64_t i = 0; i < 5; ++i)
            builder.span(40 + i, 5, 910 + std::int64_t(i) * 10, 915 + std::int64_t(i) * 10, 2,
                         "write");
    }
    return builder.build();
}

void TestSpanTree::groupFormedByARebuildKeepsShownRowsOpen()
{
    SpanTree before(growingCallsTrace(false));
    QCOMPARE(before.groups().count(), 0);
    before.setCollapsed(before.nodeForSpan(spanId(3)), true); // render
    before.setCollapsed(before.nodeForSpan(spanId(4)), true); // notify, over the selected send
    const SpanTreeFolding folding = SpanTreeFolding::capture(before, spanId(30));
    QCOMPARE(folding.expandedGroupCount(), 0);

    SpanTree after(growingCallsTrace(true));
    folding.applyTo(after);
    QCOMPARE(after.groups().count(), 4);
    const auto groupOf = [&after](std::uint64_t span) {
        return after.groups().groupOfNode(after.nodeForSpan(spanId(span)));
    };
    // The SELECTs the user saw stay rows, in a group that starts open, with the new ones.
    QVERIFY(!after.isGroupCollapsed(groupOf(10)));
    QCOMPARE(after.groups().group(groupOf(10)).memberCount, 6);
    for (std::uint64_t span : {10, 11, 12, 13, 14, 15})
        QVERIFY(after.rowOfNode(after.nodeForSpan(spanId(span))) >= 0);
    // Under a collapsed span they had no row: folded, as at first open.
    QVERIFY(after.isGroupCollapsed(groupOf(20)));
    // The selected send had no row either, but the group holding it opens.
    QVERIFY(!after.isGroupCollapsed(groupOf(30)));
    // Only new spans: folded.
    QVERIFY(after.isGroupCollapsed(groupOf(40)));

    // Opened for the first time, every group folds.
    SpanTree fresh(growingCallsTrace(true));
    SpanTreeFolding().applyTo(fresh);
    for (int g = 0; g < fresh.groups().count(); ++g)
        QVERIFY(fresh.isGroupCollapsed(g));
    // A group that was there and folded stays folded when the rows around it were shown.
    const SpanTreeFolding again = SpanTreeFolding::capture(fresh, spanId(10));
    SpanTree reloaded(growingCallsTrace(true));
    again.applyTo(reloaded);
    for (int g = 0; g < reloaded.groups().count(); ++g)
        QVERIFY(reloaded.isGroupCollapsed(g));
}

void TestSpanTree::hundredThousandSpanTreeWithGroups()
{
    // 1,000 requests of an N+1 (each a GET with 99 SELECTs): 100,002 spans, 1,001 groups. The
    // tree and its groups are built in one pass per parent; bench/trace_view_bench times it.
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 10000000, 0, "batch");
    std::uint64_t id = 10;
    for (int r = 0; r < 1000; ++r) {
        const std::uint64_t request = id++;
        builder.span(request, 1, 10000 * r, 10000 * r + 9000, 1, "GET /item");
        for (int q = 0; q < 99; ++q)
            builder.span(id++, request, 10000 * r + 90 * q, 10000 * r + 90 * q + 80, 2, "SELECT");
    }
    builder.span(id, 1, 9999000, 9999999, 1, "GET /summary");
    SpanTree tree(builder.build());
    QCOMPARE(tree.nodeCount(), 1 + 1000 * 100 + 1);
    QCOMPARE(tree.groups().count(), 1 + 1000);
    QCOMPARE(tree.rowCount(), 3);
    tree.expandAll();
    QCOMPARE(tree.rowCount(), tree.nodeCount() + tree.groups().count());
    tree.collapseToDepth(2);
    QCOMPARE(tree.rowCount(), 3);
}

// GET /orders → 6 × (load order → SELECT line), then render; a second root "cron" with its own
// 5 pings. extraSpans adds a load order that starts first (a new first member) with its SELECT,
// a child under render, and a sixth ping.
static std::shared_ptr<const Trace> ordersTrace(bool extraSpans)
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 0, "GET /orders");
    for (int i = 0; i < 6; ++i) {
        builder.span(10 + std::uint64_t(i), 1, 100 + 100 * i, 150 + 100 * i, 1, "load order");
        builder.span(20 + std::uint64_t(i), 10 + std::uint64_t(i), 110 + 100 * i, 120 + 100 * i, 2,
                     "SELECT line");
    }
    builder.span(2, 1, 800, 900, 0, "render");
    builder.span(3, 2, 810, 820, 0, "template");
    builder.span(40, 0, 2000, 2100, 0, "cron");
    for (int i = 0; i < 5; ++i)
        builder.span(50 + std::uint64_t(i), 40, 2000 + 10 * i, 2005 + 10 * i, 1, "ping");
    if (extraSpans) {
        builder.span(16, 1, 50, 60, 1, "load order").span(26, 16, 52, 55, 2, "SELECT line");
        builder.span(4, 2, 830, 840, 0, "layout");
        builder.span(55, 40, 2060, 2065, 1, "ping");
    }
    return builder.build();
}

void TestSpanTree::expandSubtreeOpensGroupsUnderIt()
{
    SpanTree tree(ordersTrace(false));
    QCOMPARE(tree.groups().count(), 2);
    const int root = tree.nodeForSpan(spanId(1));
    const int loads = tree.groups().groupOfNode(tree.nodeForSpan(spanId(10)));
    const int pings = tree.groups().groupOfNode(tree.nodeForSpan(spanId(50)));
    tree.collapseToDepth(0);
    QCOMPARE(tree.rowCount(), 2); // the two roots
    tree.expandSubtree(root);
    // root, 6 loads with their SELECTs, render, template, cron (still collapsed: not under root)
    QCOMPARE(tree.rowCount(), 1 + 1 + 12 + 2 + 1);
    QVERIFY(!tree.isGroupCollapsed(loads));
    QVERIFY(tree.isGroupCollapsed(pings));
    QVERIFY(tree.isCollapsed(tree.nodeForSpan(spanId(40))));

    // A group with its members' subtrees: the SELECTs under each load show.
    tree.collapseToDepth(1);
    QCOMPARE(tree.rowCount(), 5); // root, the loads' row, render, cron, the pings' row
    tree.expandGroupSubtrees(loads);
    QVERIFY(tree.rowOfNode(tree.nodeForSpan(spanId(23))) >= 0);
    QVERIFY(tree.isCollapsed(tree.nodeForSpan(spanId(2)))); // render: not a member
}

void TestSpanTree::foldingSurvivesARebuildWithMoreSpans()
{
    SpanTree before(ordersTrace(false));
    const int loads = before.groups().groupOfNode(before.nodeForSpan(spanId(10)));
    before.setGroupCollapsed(loads, false);
    before.setCollapsed(before.nodeForSpan(spanId(2)), true);  // render
    before.setCollapsed(before.nodeForSpan(spanId(12)), true); // the third load, in the group
    const SpanTreeFolding folding = SpanTreeFolding::capture(before);
    QCOMPARE(folding.collapsedSpans().size(), std::size_t(2));
    QCOMPARE(folding.expandedGroupCount(), 1);

    SpanTree after(ordersTrace(true));
    folding.applyTo(after);
    // The loads' group has a new first member (span 16) and is still the one expanded.
    const int newLoads = after.groups().groupOfNode(after.nodeForSpan(spanId(16)));
    QCOMPARE(after.groups().group(newLoads).firstMember, after.nodeForSpan(spanId(16)));
    QVERIFY(!after.isGroupCollapsed(newLoads));
    QVERIFY(after.rowOfNode(after.nodeForSpan(spanId(16))) >= 0);
    QVERIFY(after.isCollapsed(after.nodeForSpan(spanId(2))));
    QCOMPARE(after.rowOfNode(after.nodeForSpan(spanId(4))), -1); // new, under collapsed render
    QVERIFY(after.isCollapsed(after.nodeForSpan(spanId(12))));
    QCOMPARE(after.rowOfNode(after.nodeForSpan(spanId(22))), -1);
    QVERIFY(after.rowOfNode(after.nodeForSpan(spanId(23))) >= 0);
    // Untouched: the pings stay folded, new spans expanded.
    QVERIFY(after.isGroupCollapsed(after.groups().groupOfNode(after.nodeForSpan(spanId(55)))));
    QVERIFY(!after.isCollapsed(after.nodeForSpan(spanId(16))));

    // Nothing kept: a fresh tree's defaults.
    SpanTree fresh(ordersTrace(true));
    SpanTreeFolding().applyTo(fresh);
    QCOMPARE(fresh.rowCount(), SpanTree(ordersTrace(true)).rowCount());
}

QTEST_GUILESS_MAIN(TestSpanTree)
#include "tst_span_tree.moc"
