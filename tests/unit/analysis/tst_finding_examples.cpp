#include "analysis/finding_examples.h"

#include <QTest>

using namespace kansoku;

class TestFindingExamples : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsTheWorstOnePerTrace();
    void admitsTellsWhatAnOfferWouldChange();
    void noCapacityKeepsNothing();
    void defaultsInAnAggregate();
};

static FindingExample exampleOf(std::uint8_t trace, std::int64_t costNs)
{
    FindingExample example;
    example.traceId.bytes[0] = trace;
    example.costNs = costNs;
    return example;
}

static std::vector<std::int64_t> costs(const FindingExamples &examples)
{
    std::vector<std::int64_t> out;
    for (const FindingExample &example : examples.worstFirst())
        out.push_back(example.costNs);
    return out;
}

void TestFindingExamples::keepsTheWorstOnePerTrace()
{
    FindingExamples examples(3);
    examples.offer(exampleOf(1, 10));
    examples.offer(exampleOf(2, 30));
    examples.offer(exampleOf(1, 20)); // the same trace, costlier: replaces 10
    examples.offer(exampleOf(2, 5));  // the same trace, cheaper: ignored
    QCOMPARE(costs(examples), (std::vector<std::int64_t>{30, 20}));
    examples.offer(exampleOf(3, 15));
    examples.offer(exampleOf(4, 25)); // full: replaces the cheapest, 15
    examples.offer(exampleOf(5, 20)); // no costlier than the cheapest (20): ignored
    QCOMPARE(costs(examples), (std::vector<std::int64_t>{30, 25, 20}));
    const std::vector<FindingExample> kept = examples.worstFirst();
    QCOMPARE(kept[0].traceId.bytes[0], 2);
    QCOMPARE(kept[1].traceId.bytes[0], 4);
    QCOMPARE(kept[2].traceId.bytes[0], 1);
    // Equal costs in trace id order.
    FindingExamples ties(2);
    ties.offer(exampleOf(9, 7));
    ties.offer(exampleOf(8, 7));
    QCOMPARE(ties.worstFirst()[0].traceId.bytes[0], 8);
}

void TestFindingExamples::admitsTellsWhatAnOfferWouldChange()
{
    FindingExamples examples(2);
    QVERIFY(examples.admits(0));
    examples.offer(exampleOf(1, 10));
    QVERIFY(examples.admits(1)); // not full yet
    examples.offer(exampleOf(2, 40));
    QVERIFY(!examples.admits(10));
    QVERIFY(examples.admits(11));
    examples.offer(exampleOf(3, 50)); // replaces 10: the cheapest is now 40
    QVERIFY(!examples.admits(40));
    QVERIFY(examples.admits(41));
    examples.offer(exampleOf(2, 60)); // trace 2 grows: the cheapest is now 50
    QVERIFY(!examples.admits(50));
    QCOMPARE(costs(examples), (std::vector<std::int64_t>{60, 50}));
}

void TestFindingExamples::noCapacityKeepsNothing()
{
    FindingExamples none(0);
    QVERIFY(!none.admits(100));
    none.offer(exampleOf(1, 100));
    QVERIFY(none.worstFirst().empty());
}

void TestFindingExamples::defaultsInAnAggregate()
{
    // Detectors keep examples in aggregates of statistics built with {}: that needs a default
    // constructor that is not explicit (this does not compile otherwise).
    struct Statistics
    {
        std::int64_t count = 0;
        FindingExamples examples;
    };
    Statistics statistics{};
    for (std::uint8_t trace = 1; trace <= 7; ++trace)
        statistics.examples.offer(exampleOf(trace, trace));
    QCOMPARE(statistics.examples.worstFirst().size(), std::size_t(5)); // the default capacity
    QCOMPARE(statistics.examples.worstFirst().back().costNs, 3);
}

QTEST_GUILESS_MAIN(TestFindingExamples)
#include "tst_finding_examples.moc"
