#include "analysis/duration_sample.h"

#include <QTest>

using namespace kansoku;

class TestDurationSample : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nearestRankQuantiles();
    void addingASampleAddsEveryValue();
    void addingAnEmptySampleChangesNothing();
};

void TestDurationSample::nearestRankQuantiles()
{
    DurationSample sample;
    QCOMPARE(sample.medianNs(), 0);
    for (std::int64_t value : {50, 10, 40, 20, 30})
        sample.add(value);
    QCOMPARE(sample.count(), 5);
    QCOMPARE(sample.totalNs(), 150);
    QCOMPARE(sample.maxNs(), 50);
    QCOMPARE(sample.medianNs(), 30);
    QCOMPARE(sample.quantileNs(0.95), 50);
    QCOMPARE(sample.quantileNs(0.2), 10);
    QCOMPARE(sample.quantileNs(0.0), 10);
}

void TestDurationSample::addingASampleAddsEveryValue()
{
    DurationSample low;
    for (std::int64_t value : {1, 2, 3})
        low.add(value);
    DurationSample high;
    for (std::int64_t value : {9, 7, 8})
        high.add(value);
    QCOMPARE(high.medianNs(), 8); // sorts high before it is added

    DurationSample merged;
    merged.add(high);
    merged.add(low);
    QCOMPARE(merged.count(), 6);
    QCOMPARE(merged.totalNs(), 30);
    QCOMPARE(merged.maxNs(), 9);
    QCOMPARE(merged.medianNs(), 3);
    QCOMPARE(merged.quantileNs(0.95), 9);
    QCOMPARE(merged.quantileNs(0.5 + 1e-9), 7);

    // In order after in order stays usable without a sort; out of order is sorted on use.
    DurationSample ordered;
    ordered.add(low);
    ordered.add(high);
    QCOMPARE(ordered.medianNs(), 3);
    QCOMPARE(ordered.quantileNs(0.7), 8);
    ordered.add(std::int64_t(0));
    QCOMPARE(ordered.quantileNs(0.0), 0);
    QCOMPARE(ordered.maxNs(), 9);
}

void TestDurationSample::addingAnEmptySampleChangesNothing()
{
    DurationSample sample;
    sample.add(DurationSample());
    QCOMPARE(sample.count(), 0);
    QCOMPARE(sample.maxNs(), 0);
    sample.add(std::int64_t(5));
    sample.add(DurationSample());
    QCOMPARE(sample.count(), 1);
    QCOMPARE(sample.maxNs(), 5);
}

QTEST_GUILESS_MAIN(TestDurationSample)
#include "tst_duration_sample.moc"
