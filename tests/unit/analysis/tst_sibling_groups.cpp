#include "analysis/sibling_groups.h"
#include "analysis/span_tree.h"
#include "support/trace_test_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::TraceTestBuilder;

class TestSiblingGroups : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void threshold_data();
    void threshold();
    void differentServiceOrKindIsNotGrouped();
    void interleavedRepeatsAreGroupedInOrder();
    void figuresOfAGroup();
    void nestedGroups();
    void repeatedRootsAreGrouped();
};

// Services of TraceTestBuilder: 0 frontend, 1 backend, 2 db.
static TraceTestBuilder &repeat(TraceTestBuilder &builder, std::uint64_t firstId, int count,
                                std::uint64_t parent, int service, const char *name,
                                SpanKind kind = SpanKind::Client, std::int64_t start = 10,
                                std::int64_t step = 10)
{
    for (int i = 0; i < count; ++i) {
        builder.span(firstId + std::uint64_t(i), parent, start + i * step,
                     start + i * step + step / 2, service, name);
        builder.last().kind = kind;
    }
    return builder;
}

static std::vector<int> membersOf(const SpanTree &tree, int group)
{
    const std::span<const int> members = tree.groups().members(group);
    return {members.begin(), members.end()};
}

void TestSiblingGroups::threshold_data()
{
    QTest::addColumn<int>("repeats");
    QTest::addColumn<int>("groups");
    QTest::newRow("one") << 1 << 0;
    QTest::newRow("below the threshold") << SiblingGroups::MinimumMembers - 1 << 0;
    QTest::newRow("at the threshold") << SiblingGroups::MinimumMembers << 1;
    QTest::newRow("an N+1") << 50 << 1;
}

void TestSiblingGroups::threshold()
{
    QFETCH(int, repeats);
    QFETCH(int, groups);
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 1, "GET /items");
    repeat(builder, 100, repeats, 1, 2, "SELECT items");
    const SpanTree tree(builder.build());
    QCOMPARE(tree.groups().count(), groups);
    for (int n = 1; n < tree.nodeCount(); ++n)
        QCOMPARE(tree.groups().groupOfNode(n), groups > 0 ? 0 : -1);
    QCOMPARE(tree.groups().groupOfNode(0), -1);
    if (groups > 0) {
        QCOMPARE(tree.groups().group(0).memberCount, repeats);
        QCOMPARE(tree.groups().group(0).parent, 0);
        QCOMPARE(tree.groups().group(0).firstMember, 1);
    }
}

void TestSiblingGroups::differentServiceOrKindIsNotGrouped()
{
    // Six calls of the same name each time, split so that no (service, name, kind) reaches five.
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 0, "root");
    repeat(builder, 100, 3, 1, 2, "query");                           // db, client
    repeat(builder, 200, 3, 1, 1, "query", SpanKind::Client, 100);    // backend
    repeat(builder, 300, 4, 1, 2, "lookup", SpanKind::Client, 200);   // db, client
    repeat(builder, 400, 2, 1, 2, "lookup", SpanKind::Internal, 300); // db, internal
    const SpanTree tree(builder.build());
    QCOMPARE(tree.groups().count(), 0);

    // The same shape with five of each: two groups, one per service.
    TraceTestBuilder five;
    five.span(1, 0, 0, 1000, 0, "root");
    repeat(five, 100, 5, 1, 2, "query");
    repeat(five, 200, 5, 1, 1, "query", SpanKind::Client, 100);
    const SpanTree grouped(five.build());
    QCOMPARE(grouped.groups().count(), 2);
    QCOMPARE(grouped.groups().group(0).memberCount, 5);
    QCOMPARE(grouped.node(grouped.groups().group(0).firstMember).serviceIndex, 2);
    QCOMPARE(grouped.node(grouped.groups().group(1).firstMember).serviceIndex, 1);
}

void TestSiblingGroups::interleavedRepeatsAreGroupedInOrder()
{
    // A B A B …: six SELECTs each followed by a cache GET; and a lone render at the end.
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 1, "GET /items");
    for (int i = 0; i < 6; ++i) {
        builder.span(100 + std::uint64_t(i), 1, 10 + 100 * i, 40 + 100 * i, 2, "SELECT items");
        builder.span(200 + std::uint64_t(i), 1, 50 + 100 * i, 60 + 100 * i, 1, "GET cache");
    }
    builder.span(300, 1, 900, 950, 1, "render");
    SpanTree tree(builder.build());
    QCOMPARE(tree.groups().count(), 2);
    // Children in start order: SELECT is node 1, 3, 5…, GET cache 2, 4, 6…, render 13.
    QCOMPARE(membersOf(tree, 0), (std::vector<int>{1, 3, 5, 7, 9, 11}));
    QCOMPARE(membersOf(tree, 1), (std::vector<int>{2, 4, 6, 8, 10, 12}));
    QCOMPARE(tree.groups().groupOfNode(13), -1);
    QCOMPARE(tree.groups().nesting(3), 1);
    QCOMPARE(tree.groups().nesting(13), 0);

    // Their rows (SpanTree): each group's row stands where its first call starts.
    QCOMPARE(tree.rowCount(), 4);
    QCOMPARE(tree.rowOfGroup(0), 1);
    QCOMPARE(tree.rowOfGroup(1), 2);
    QCOMPARE(tree.rowOfNode(13), 3);
    // The SELECTs unfold as one block under their row; the cache row follows them.
    tree.setGroupCollapsed(0, false);
    QCOMPARE(tree.rowCount(), 10);
    QCOMPARE(tree.visibleRows()[2], 1);
    QCOMPARE(tree.visibleRows()[7], 11);
    QCOMPARE(tree.rowOfGroup(1), 8);
    QCOMPARE(tree.rowOfNode(13), 9);
    QCOMPARE(tree.rowOfNode(2), -1); // a GET cache, still folded
}

void TestSiblingGroups::figuresOfAGroup()
{
    // Five calls: [0,100) [50,150) overlap, [200,260), [300,310) in error, [400,500) in error.
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 1, "root");
    builder.span(10, 1, 0, 100, 2, "SELECT");
    builder.span(11, 1, 50, 150, 2, "SELECT");
    builder.span(12, 1, 200, 260, 2, "SELECT");
    builder.span(13, 1, 300, 310, 2, "SELECT", true);
    builder.span(14, 1, 400, 501, 2, "SELECT", true);
    const SpanTree tree(builder.build());
    QCOMPARE(tree.groups().count(), 1);
    const SiblingGroup &group = tree.groups().group(0);
    QCOMPARE(group.startTimeNs, TraceTestBuilder::Base);
    QCOMPARE(group.endTimeNs, TraceTestBuilder::Base + 501);
    QCOMPARE(group.coveredNs, std::int64_t(150 + 60 + 10 + 101)); // the overlap counts once
    QCOMPARE(group.totalNs, std::int64_t(100 + 100 + 60 + 10 + 101));
    QCOMPARE(group.slowestNs, std::int64_t(101));
    QCOMPARE(group.slowestMember, 5);
    QCOMPARE(group.errorCount, 2);
}

void TestSiblingGroups::nestedGroups()
{
    // Six item requests, each running five SELECTs and a render: a group of requests, each
    // holding a group.
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 10000, 0, "GET /page");
    for (int r = 0; r < 6; ++r) {
        const std::uint64_t request = 100 + std::uint64_t(r);
        builder.span(request, 1, 1000 * r, 1000 * r + 900, 1, "GET /item");
        repeat(builder, 1000 + 10 * request, 5, request, 2, "SELECT", SpanKind::Client,
               1000 * r + 10, 100);
        builder.span(5000 + request, request, 1000 * r + 800, 1000 * r + 850, 1, "render");
    }
    SpanTree tree(builder.build());
    QCOMPARE(tree.groups().count(), 7);
    QCOMPARE(tree.groups().group(0).parent, 0);
    QCOMPARE(tree.groups().group(0).memberCount, 6);
    for (int g = 1; g < 7; ++g) {
        const SiblingGroup &inner = tree.groups().group(g);
        QCOMPARE(inner.memberCount, 5);
        QCOMPARE(tree.groups().groupOfNode(inner.parent), 0);
        QCOMPARE(tree.groups().nesting(inner.firstMember), 2);
    }
    QCOMPARE(tree.groups().nesting(1), 1);

    // Their rows (SpanTree).
    QCOMPARE(tree.rowCount(), 2); // the page and the group of requests
    tree.setGroupCollapsed(0, false);
    QCOMPARE(tree.rowCount(), 2 + 6 * 3); // each request: itself, its SELECT group, its render
    const int firstRequest = tree.groups().group(0).firstMember;
    const int innerGroup = tree.groups().groupOfNode(firstRequest + 1);
    QVERIFY(innerGroup > 0);
    QCOMPARE(tree.rowOfNode(firstRequest), 2);
    QCOMPARE(tree.rowOfGroup(innerGroup), 3);
    QCOMPARE(tree.groupDisplayDepth(innerGroup), 3);
    QCOMPARE(tree.displayDepth(firstRequest + 6), 3); // the render
    tree.setGroupCollapsed(innerGroup, false);
    QCOMPARE(tree.rowCount(), 20 + 5);
    QCOMPARE(tree.rowOfNode(firstRequest + 1), 4);
    QCOMPARE(tree.displayDepth(firstRequest + 1), 4);
    // Folding the outer group hides the inner one's rows too, and keeps its state.
    tree.setGroupCollapsed(0, true);
    QCOMPARE(tree.rowCount(), 2);
    QCOMPARE(tree.rowOfGroup(innerGroup), -1);
    QVERIFY(!tree.isGroupCollapsed(innerGroup));
}

void TestSiblingGroups::repeatedRootsAreGrouped()
{
    // Five orphaned spans of the same call (their parent never arrived) and one real root.
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 0, "root");
    repeat(builder, 100, 5, 99, 2, "SELECT");
    const SpanTree tree(builder.build());
    QCOMPARE(tree.groups().count(), 1);
    QCOMPARE(tree.groups().group(0).parent, -1);
    QCOMPARE(tree.groups().group(0).memberCount, 5);
}

QTEST_GUILESS_MAIN(TestSiblingGroups)
#include "tst_sibling_groups.moc"
