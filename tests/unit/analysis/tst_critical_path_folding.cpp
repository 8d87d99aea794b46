// Collapse to the critical path on hand-built traces whose path is known: overlapping children
// (the one that finished too late to be on the path folds), a path span inside a group of
// repeated calls (the group opens, its other members fold their subtrees), orphans and a group
// off the path (folded), an empty trace.
#include "analysis/critical_path_folding.h"
#include "support/span_tree_rows.h"
#include "support/trace_test_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::spanId;
using kansoku::test::TraceTestBuilder;

namespace {

// The rows once the folding is applied.
QStringList rowsAfter(SpanTree &tree, const CriticalPathFolding &folding)
{
    tree.setFoldState(folding.collapsedNodes, folding.collapsedGroups);
    return kansoku::test::spanTreeRows(tree);
}

bool onPath(const SpanTree &tree, const std::vector<CriticalPathSegment> &path, std::uint64_t id)
{
    const int node = tree.nodeForSpan(spanId(id));
    return std::any_of(path.begin(), path.end(),
                       [node](const CriticalPathSegment &segment) { return segment.node == node; });
}

} // namespace

class TestCriticalPathFolding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyTrace();
    void overlappingChildOffThePathFolds();
    void pathSpanInsideAGroupOpensTheGroup();
    void emptyPathFoldsEverything();
};

void TestCriticalPathFolding::emptyTrace()
{
    const SpanTree tree(std::make_shared<Trace>());
    const CriticalPathFolding folding = CriticalPathFolding::compute(tree, {});
    QVERIFY(folding.collapsedNodes.empty());
    QVERIFY(folding.collapsedGroups.empty());
    QCOMPARE(folding.pathRoot, -1);
}

// root [0,100): A [10,60) → A1 [20,50); B [40,95) → B1 [45,90) → B1a [50,80) → async [82,88);
// C [5,30) → C1 [10,20); an orphan with a child. Back from the root's end: B, B1, B1a; back up at
// B's start (40) A still runs (it ends at 60), so the next child is C, then C1. A overlaps the path
// but is not on it.
void TestCriticalPathFolding::overlappingChildOffThePathFolds()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "root")
        .span(6, 1, 5, 30, 1, "C")
        .span(8, 6, 10, 20, 2, "C1")
        .span(2, 1, 10, 60, 1, "A")
        .span(4, 2, 20, 50, 2, "A1")
        .span(3, 1, 40, 95, 1, "B")
        .span(5, 3, 45, 90, 2, "B1")
        .span(7, 5, 50, 80, 2, "B1a")
        .span(9, 7, 82, 88, 2, "async")
        .span(50, 99, 0, 40, 1, "orphan")
        .span(51, 50, 5, 30, 2, "under the orphan");
    SpanTree tree(builder.build());
    const std::vector<CriticalPathSegment> path = CriticalPath::compute(tree);
    for (std::uint64_t id : {1, 6, 8, 3, 5, 7})
        QVERIFY(onPath(tree, path, id));
    QVERIFY(!onPath(tree, path, 2));
    QVERIFY(!onPath(tree, path, 4));

    const CriticalPathFolding folding = CriticalPathFolding::compute(tree, path);
    QCOMPARE(folding.pathRoot, tree.nodeForSpan(spanId(1)));
    const auto collapsed = [&](std::uint64_t id) {
        return bool(folding.collapsedNodes[std::size_t(tree.nodeForSpan(spanId(id)))]);
    };
    QVERIFY(!collapsed(1));
    QVERIFY(!collapsed(6));
    QVERIFY(!collapsed(3));
    QVERIFY(!collapsed(5));
    QVERIFY(collapsed(2));  // A: nothing of the path under it
    QVERIFY(collapsed(50)); // the orphan's subtree
    QVERIFY(!collapsed(8)); // leaves have nothing to fold
    // On the path, but its only child runs after it ended: off the path, folded away.
    QVERIFY(!onPath(tree, path, 9));
    QVERIFY(collapsed(7));
    // Folded first: the folding opens what the path needs.
    tree.collapseToDepth(0);
    QCOMPARE(rowsAfter(tree, folding),
             (QStringList{QStringLiteral("root"), QStringLiteral("C"), QStringLiteral("C1"),
                          QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("B1"),
                          QStringLiteral("B1a"), QStringLiteral("orphan")}));
}

// root [0,200): six overlapping SELECTs [10+5i, 50+5i), the last one with fetch [40,70) under it,
// the first with parse [12,20); render [80,190). Back from render's start (80) the SELECT that
// ends last (75) is on the path, the others are not. An orphan holds five log calls.
void TestCriticalPathFolding::pathSpanInsideAGroupOpensTheGroup()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 200, 0, "root");
    for (int i = 0; i < 6; ++i)
        builder.span(std::uint64_t(10 + i), 1, 10 + 5 * i, 50 + 5 * i, 2, "SELECT");
    builder.span(20, 15, 40, 70, 2, "fetch")
        .span(21, 10, 12, 20, 2, "parse")
        .span(2, 1, 80, 190, 1, "render")
        .span(50, 99, 0, 100, 1, "orphan");
    for (int i = 0; i < 5; ++i)
        builder.span(std::uint64_t(60 + i), 50, 10 * i, 10 * i + 5, 2, "log");
    SpanTree tree(builder.build());
    QCOMPARE(tree.groups().count(), 2);
    const std::vector<CriticalPathSegment> path = CriticalPath::compute(tree);
    for (std::uint64_t id : {1, 2, 15, 20})
        QVERIFY(onPath(tree, path, id));
    for (std::uint64_t id : {10, 11, 12, 13, 14, 21})
        QVERIFY(!onPath(tree, path, id));

    const CriticalPathFolding folding = CriticalPathFolding::compute(tree, path);
    const int selects = tree.groups().groupOfNode(tree.nodeForSpan(spanId(15)));
    const int logs = tree.groups().groupOfNode(tree.nodeForSpan(spanId(60)));
    QVERIFY(!folding.collapsedGroups[std::size_t(selects)]);
    QVERIFY(folding.collapsedGroups[std::size_t(logs)]);
    QVERIFY(!folding.collapsedNodes[std::size_t(tree.nodeForSpan(spanId(15)))]);
    QVERIFY(folding.collapsedNodes[std::size_t(tree.nodeForSpan(spanId(10)))]); // parse folds
    QVERIFY(folding.collapsedNodes[std::size_t(tree.nodeForSpan(spanId(50)))]);
    // From everything open: the group's row, its members (the first folded over parse), the
    // path SELECT's fetch, render; the orphan folded over its logs' group.
    tree.expandAll();
    const QString select = QStringLiteral("SELECT");
    QCOMPARE(rowsAfter(tree, folding),
             (QStringList{QStringLiteral("root"), QStringLiteral("SELECT ×"), select, select,
                          select, select, select, select, QStringLiteral("fetch"),
                          QStringLiteral("render"), QStringLiteral("orphan")}));
}

void TestCriticalPathFolding::emptyPathFoldsEverything()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "root").span(2, 1, 10, 20, 1, "child");
    for (int i = 0; i < 5; ++i)
        builder.span(std::uint64_t(10 + i), 1, 30 + i, 31 + i, 2, "SELECT");
    const SpanTree tree(builder.build());
    const CriticalPathFolding folding = CriticalPathFolding::compute(tree, {});
    QCOMPARE(folding.pathRoot, -1);
    QCOMPARE(folding.collapsedNodes.size(), std::size_t(tree.nodeCount()));
    QVERIFY(folding.collapsedNodes[0]);
    QVERIFY(!folding.collapsedNodes[std::size_t(tree.nodeForSpan(spanId(2)))]);
    QCOMPARE(folding.collapsedGroups, std::vector<bool>{true});
}

QTEST_GUILESS_MAIN(TestCriticalPathFolding)
#include "tst_critical_path_folding.moc"
