// The critical path on hand-built traces whose answer is known: overlapping children, children
// outliving their parent, async children after the parent ended, nested and sequential work.
#include "analysis/critical_path.h"
#include "support/trace_test_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::TraceTestBuilder;

namespace {

// "name[start,end)" per segment, times relative to TraceTestBuilder::Base.
QStringList describe(const SpanTree &tree, const std::vector<CriticalPathSegment> &path)
{
    QStringList parts;
    for (const CriticalPathSegment &segment : path)
        parts << QStringLiteral("%1[%2,%3)")
                     .arg(QString::fromStdString(tree.span(segment.node).name))
                     .arg(segment.startNs - TraceTestBuilder::Base)
                     .arg(segment.endNs - TraceTestBuilder::Base);
    return parts;
}

QStringList pathOf(TraceTestBuilder &builder)
{
    const SpanTree tree(builder.build());
    return describe(tree, CriticalPath::compute(tree));
}

} // namespace

class TestCriticalPath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyTrace();
    void leafRootIsItsOwnPath();
    void overlappingChildrenTakeTheLastFinishing();
    void sequentialChildren();
    void nestedWork();
    void childOutlivingItsParentIsClipped();
    void asyncChildAfterTheParentIsNotOnThePath();
    void childStartingBeforeItsParentIsClipped();
    void orphansAreNotOnThePath();
    void timePerNodeAndService();
    void servicesByTimeMostFirstWithoutIdleServices();
};

void TestCriticalPath::emptyTrace()
{
    const SpanTree tree(std::make_shared<Trace>());
    QVERIFY(CriticalPath::compute(tree).empty());
}

void TestCriticalPath::leafRootIsItsOwnPath()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "root");
    QCOMPARE(pathOf(builder), QStringList{QStringLiteral("root[0,100)")});
}

void TestCriticalPath::overlappingChildrenTakeTheLastFinishing()
{
    // A [10,40) and B [30,80) overlap; B finishes last, and A ends after B starts, so only B is
    // critical and the root waits alone before it.
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "root").span(2, 1, 10, 40, 1, "A").span(3, 1, 30, 80, 1, "B");
    QCOMPARE(pathOf(builder), (QStringList{QStringLiteral("root[0,30)"), QStringLiteral("B[30,80)"),
                                           QStringLiteral("root[80,100)")}));
}

void TestCriticalPath::sequentialChildren()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "root").span(2, 1, 10, 30, 1, "A").span(3, 1, 40, 90, 1, "B");
    QCOMPARE(pathOf(builder),
             (QStringList{QStringLiteral("root[0,10)"), QStringLiteral("A[10,30)"),
                          QStringLiteral("root[30,40)"), QStringLiteral("B[40,90)"),
                          QStringLiteral("root[90,100)")}));
}

void TestCriticalPath::nestedWork()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "root")
        .span(2, 1, 10, 90, 1, "A")
        .span(3, 2, 20, 50, 2, "A1")
        .span(4, 2, 60, 80, 2, "A2");
    QCOMPARE(pathOf(builder), (QStringList{QStringLiteral("root[0,10)"), QStringLiteral("A[10,20)"),
                                           QStringLiteral("A1[20,50)"), QStringLiteral("A[50,60)"),
                                           QStringLiteral("A2[60,80)"), QStringLiteral("A[80,90)"),
                                           QStringLiteral("root[90,100)")}));
}

void TestCriticalPath::childOutlivingItsParentIsClipped()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "root").span(2, 1, 50, 150, 1, "C");
    QCOMPARE(pathOf(builder),
             (QStringList{QStringLiteral("root[0,50)"), QStringLiteral("C[50,100)")}));
}

void TestCriticalPath::asyncChildAfterTheParentIsNotOnThePath()
{
    // A fire-and-forget child that starts after the root ended cannot have delayed it.
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "root")
        .span(2, 1, 10, 20, 1, "sync")
        .span(3, 1, 120, 200, 1, "async");
    QCOMPARE(pathOf(builder),
             (QStringList{QStringLiteral("root[0,10)"), QStringLiteral("sync[10,20)"),
                          QStringLiteral("root[20,100)")}));
}

void TestCriticalPath::childStartingBeforeItsParentIsClipped()
{
    // Clock skew: the child seems to start before its parent.
    TraceTestBuilder builder;
    builder.span(1, 0, 10, 100, 0, "root").span(2, 1, 0, 60, 1, "skewed");
    QCOMPARE(pathOf(builder),
             (QStringList{QStringLiteral("skewed[10,60)"), QStringLiteral("root[60,100)")}));
}

void TestCriticalPath::orphansAreNotOnThePath()
{
    // The orphan ends later than the root but is not part of the request's work.
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "root").span(5, 99, 50, 300, 1, "orphan");
    QCOMPARE(pathOf(builder), QStringList{QStringLiteral("root[0,100)")});
}

void TestCriticalPath::timePerNodeAndService()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "root")
        .span(2, 1, 10, 90, 1, "A")
        .span(3, 2, 20, 50, 2, "A1")
        .span(4, 2, 60, 80, 2, "A2");
    const SpanTree tree(builder.build());
    const std::vector<CriticalPathSegment> path = CriticalPath::compute(tree);
    const std::vector<std::int64_t> perNode = CriticalPath::timePerNode(tree, path);
    QCOMPARE(perNode[std::size_t(tree.nodeForSpan(test::spanId(1)))], 20);
    QCOMPARE(perNode[std::size_t(tree.nodeForSpan(test::spanId(2)))], 30);
    QCOMPARE(perNode[std::size_t(tree.nodeForSpan(test::spanId(3)))], 30);
    QCOMPARE(perNode[std::size_t(tree.nodeForSpan(test::spanId(4)))], 20);
    const std::vector<std::int64_t> perService = CriticalPath::timePerService(tree, path);
    // services() lists frontend, backend, db in order of first appearance.
    QCOMPARE(perService, (std::vector<std::int64_t>{20, 30, 50}));
}

void TestCriticalPath::servicesByTimeMostFirstWithoutIdleServices()
{
    const auto describeShares = [](const SpanTree &tree) {
        QStringList parts;
        for (const CriticalPathShare &share :
             CriticalPath::servicesByTime(tree, CriticalPath::compute(tree)))
            parts << QStringLiteral("%1:%2")
                         .arg(QString::fromStdString(
                             tree.services()[std::size_t(share.serviceIndex)]))
                         .arg(share.timeNs);
        return parts;
    };
    // db works 50 of 100 ns on the path, backend 30, frontend 20.
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "root")
        .span(2, 1, 10, 90, 1, "A")
        .span(3, 2, 20, 50, 2, "A1")
        .span(4, 2, 60, 80, 2, "A2");
    QCOMPARE(describeShares(SpanTree(builder.build())),
             (QStringList{QStringLiteral("db:50"), QStringLiteral("backend:30"),
                          QStringLiteral("frontend:20")}));

    // Ties keep the order of first appearance; db's early call ends after the backend call
    // starts, so it is off the path and db is left out.
    TraceTestBuilder tie;
    tie.span(1, 0, 0, 40, 0, "root").span(2, 1, 0, 12, 2, "early").span(3, 1, 10, 30, 1, "B");
    const SpanTree tieTree(tie.build());
    QCOMPARE(describeShares(tieTree),
             (QStringList{QStringLiteral("frontend:20"), QStringLiteral("backend:20")}));
    QVERIFY(CriticalPath::servicesByTime(tieTree, {}).empty());
}

QTEST_APPLESS_MAIN(TestCriticalPath)
#include "tst_critical_path.moc"
