#include "analysis/finding_examples.h"

#include <QTest>

using namespace kansoku;

namespace {

FindingExample exampleOf(std::uint8_t trace, std::int64_t costNs)
{
    FindingExample example;
    example.traceId.bytes[15] = trace;
    example.costNs = costNs;
    return example;
}

} // namespace

class TestFindingExamples : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsTheWorstOnePerTrace();
    void admitsWhatAnOfferWouldKeep();
    void defaultsInAnAggregate();
};

void TestFindingExamples::keepsTheWorstOnePerTrace()
{
    FindingExamples examples(2);
    examples.offer(exampleOf(1, 10));
    examples.offer(exampleOf(2, 30));
    examples.offer(exampleOf(1, 20)); // replaces trace 1's
    examples.offer(exampleOf(3, 15)); // cheaper than both kept
    examples.offer(exampleOf(4, 30)); // replaces the cheapest (trace 1)
    QCOMPARE(examples.worstFirst(),
             (std::vector<FindingExample>{exampleOf(2, 30), exampleOf(4, 30)}));
}

void TestFindingExamples::admitsWhatAnOfferWouldKeep()
{
    FindingExamples examples(2);
    QVERIFY(examples.admits(0)); // room left
    examples.offer(exampleOf(1, 10));
    QVERIFY(examples.admits(1));
    examples.offer(exampleOf(2, 30));
    // Full: only an offer costlier than some kept example can change anything.
    QVERIFY(!examples.admits(5));
    QVERIFY(!examples.admits(10));
    QVERIFY(examples.admits(11));
    // An offer admits() turns away leaves the examples as they were.
    const std::vector<FindingExample> before = examples.worstFirst();
    examples.offer(exampleOf(1, 10));
    examples.offer(exampleOf(3, 10));
    QCOMPARE(examples.worstFirst(), before);

    FindingExamples none(0);
    QVERIFY(!none.admits(100));
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
    QCOMPARE(statistics.examples.worstFirst().back(), exampleOf(3, 3));
}

QTEST_GUILESS_MAIN(TestFindingExamples)
#include "tst_finding_examples.moc"
