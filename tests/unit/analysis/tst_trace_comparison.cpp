// Two traces merged by operation path: the N+1 trace against its fix, only-in-A and only-in-B
// work, count and duration changes, repeated siblings folded, pre-order layout, and a 10k-span
// pair.
#include "analysis/trace_comparison.h"
#include "support/trace_test_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::TraceTestBuilder;

namespace {

const TraceComparisonNode *find(const TraceComparison &comparison, const std::string &name)
{
    for (const TraceComparisonNode &node : comparison.nodes()) {
        if (node.name == name)
            return &node;
    }
    return nullptr;
}

} // namespace

class TestTraceComparison : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nPlusOneAgainstItsFix();
    void preOrderLayout();
    void emptyAgainstTrace();
    void largeTraces();
};

void TestTraceComparison::nPlusOneAgainstItsFix()
{
    // A: GET /orders loads the order, then 50 items one by one (each 1 ns... 2 ns long).
    TraceTestBuilder before;
    before.span(1, 0, 0, 200, 0, "GET /orders").span(2, 1, 1, 5, 2, "SELECT orders");
    for (std::uint64_t i = 0; i < 50; ++i)
        before.span(10 + i, 1, 10 + std::int64_t(3 * i), 12 + std::int64_t(3 * i), 2,
                    "SELECT items");
    // B: one query for all items, and a cache lookup that A did not do.
    TraceTestBuilder after;
    after.span(1, 0, 0, 40, 0, "GET /orders")
        .span(2, 1, 1, 5, 2, "SELECT orders")
        .span(3, 1, 6, 16, 2, "SELECT items IN")
        .span(4, 1, 17, 19, 1, "cache lookup", true);
    const TraceComparison comparison(SpanTree(before.build()), SpanTree(after.build()));

    QCOMPARE(comparison.nodes().size(), std::size_t(5));
    QCOMPARE(comparison.durationNs(0), 200);
    QCOMPARE(comparison.durationNs(1), 40);
    const TraceComparisonNode *root = find(comparison, "GET /orders");
    QVERIFY(root);
    QCOMPARE(root->count[0], 1);
    QCOMPARE(root->count[1], 1);
    QCOMPARE(root->durationChangeNs(), -160);
    QCOMPARE(root->service, std::string("frontend"));

    const TraceComparisonNode *items = find(comparison, "SELECT items");
    QVERIFY(items);
    QVERIFY(items->onlyInA());
    QCOMPARE(items->count[0], 50);
    QCOMPARE(items->totalDurationNs[0], 100);
    QCOMPARE(items->countChange(), -50);
    QCOMPARE(items->depth, 1);

    const TraceComparisonNode *batched = find(comparison, "SELECT items IN");
    QVERIFY(batched && batched->onlyInB());
    const TraceComparisonNode *cache = find(comparison, "cache lookup");
    QVERIFY(cache && cache->onlyInB());
    QCOMPARE(cache->errorCount[1], 1);
    QCOMPARE(cache->service, std::string("backend"));

    const TraceComparisonNode *orders = find(comparison, "SELECT orders");
    QVERIFY(orders && !orders->onlyInA() && !orders->onlyInB());
    QCOMPARE(orders->durationChangeNs(), 0);

    QCOMPARE(comparison.onlyInACount(), 1);
    QCOMPARE(comparison.onlyInBCount(), 2);
}

void TestTraceComparison::preOrderLayout()
{
    TraceTestBuilder a;
    a.span(1, 0, 0, 100, 0, "root").span(2, 1, 50, 60, 1, "late").span(3, 1, 10, 40, 1, "early");
    a.span(4, 3, 20, 30, 2, "inner");
    TraceTestBuilder b;
    b.span(1, 0, 0, 100, 0, "root").span(2, 1, 70, 80, 1, "only b");
    const TraceComparison comparison(SpanTree(a.build()), SpanTree(b.build()));
    QStringList names;
    for (const TraceComparisonNode &node : comparison.nodes())
        names << QString::fromStdString(node.name) + QString::number(node.depth);
    // Children by first start in A (early before late); B-only work after A's.
    QCOMPARE(names, (QStringList{QStringLiteral("root0"), QStringLiteral("early1"),
                                 QStringLiteral("inner2"), QStringLiteral("late1"),
                                 QStringLiteral("only b1")}));
    QCOMPARE(comparison.nodes()[0].subtreeEnd, 5);
    QCOMPARE(comparison.nodes()[1].subtreeEnd, 3);
    QCOMPARE(comparison.nodes()[2].subtreeEnd, 3);
    QCOMPARE(comparison.nodes()[2].parent, 1);
    QCOMPARE(comparison.nodes()[4].parent, 0);
}

void TestTraceComparison::emptyAgainstTrace()
{
    TraceTestBuilder b;
    b.span(1, 0, 0, 100, 0, "root");
    const TraceComparison comparison(SpanTree(std::make_shared<Trace>()), SpanTree(b.build()));
    QCOMPARE(comparison.nodes().size(), std::size_t(1));
    QVERIFY(comparison.nodes()[0].onlyInB());
    QCOMPARE(comparison.durationNs(0), 0);
}

void TestTraceComparison::largeTraces()
{
    // 10,000 spans each: 100 handlers with 99 queries; B drops every other handler's queries.
    TraceTestBuilder a;
    TraceTestBuilder b;
    a.span(1, 0, 0, 1'000'000, 0, "root");
    b.span(1, 0, 0, 1'000'000, 0, "root");
    std::uint64_t id = 2;
    for (int handler = 0; handler < 100; ++handler) {
        const std::uint64_t handlerId = id++;
        const std::string name = "handler " + std::to_string(handler);
        a.span(handlerId, 1, handler * 10'000, handler * 10'000 + 9'000, 1, name.c_str());
        b.span(handlerId, 1, handler * 10'000, handler * 10'000 + 9'000, 1, name.c_str());
        for (int query = 0; query < 99; ++query) {
            const std::uint64_t queryId = id++;
            a.span(queryId, handlerId, handler * 10'000 + query * 90,
                   handler * 10'000 + query * 90 + 80, 2, "query");
            if (handler % 2 == 0)
                b.span(queryId, handlerId, handler * 10'000 + query * 90,
                       handler * 10'000 + query * 90 + 80, 2, "query");
        }
    }
    const TraceComparison comparison(SpanTree(a.build()), SpanTree(b.build()));
    QCOMPARE(comparison.nodes().size(), std::size_t(1 + 100 + 100));
    QCOMPARE(comparison.onlyInACount(), 50);
    QCOMPARE(comparison.onlyInBCount(), 0);
    std::int64_t queriesA = 0;
    std::int64_t queriesB = 0;
    for (const TraceComparisonNode &node : comparison.nodes()) {
        if (node.name == "query") {
            queriesA += node.count[0];
            queriesB += node.count[1];
        }
    }
    QCOMPARE(queriesA, 9900);
    QCOMPARE(queriesB, 4950);
}

QTEST_APPLESS_MAIN(TestTraceComparison)
#include "tst_trace_comparison.moc"
