#include "analysis/histogram_math.h"

#include <QTest>
#include <cmath>

using namespace kansoku;

Q_DECLARE_METATYPE(std::vector<double>)
Q_DECLARE_METATYPE(std::optional<double>)

namespace {

constexpr double noValue = std::numeric_limits<double>::quiet_NaN();

HistogramDataPoint histogramPoint(std::int64_t startNs, std::int64_t timeNs,
                                  std::vector<std::uint64_t> counts,
                                  std::vector<double> bounds = {10, 20})
{
    HistogramDataPoint point;
    point.startTimeNs = startNs;
    point.timeNs = timeNs;
    point.bucketCounts = std::move(counts);
    point.explicitBounds = std::move(bounds);
    std::uint64_t total = 0;
    for (std::uint64_t count : point.bucketCounts)
        total += count;
    point.count = total;
    point.min = 1;
    point.max = 30;
    return point;
}

ExponentialDistribution exponential(std::int32_t scale, std::int32_t offset,
                                    std::vector<double> positive, double zeroCount = 0,
                                    std::int32_t negativeOffset = 0,
                                    std::vector<double> negative = {})
{
    ExponentialDistribution d;
    d.scale = scale;
    d.positiveOffset = offset;
    d.positive = std::move(positive);
    d.zeroCount = zeroCount;
    d.negativeOffset = negativeOffset;
    d.negative = std::move(negative);
    return d;
}

bool sameValue(double actual, double expected)
{
    if (std::isnan(expected))
        return std::isnan(actual);
    return std::abs(actual - expected) <= 1e-9 * std::max(1.0, std::abs(expected));
}

} // namespace

class TestHistogramMath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void explicitQuantile_data();
    void explicitQuantile();
    void exponentialQuantile_data();
    void exponentialQuantile();
    void explicitIntervals_data();
    void explicitIntervals();
    void explicitIntervalsSkipOddPoints();
    void explicitIntervalsCarryTheSum();
    void exponentialIntervalsAcrossScaleChange();
    void exponentialIntervalsReset();
    void downscaled();
    void mergeExponential();
    void mergeExplicit();
    void exponentialBounds();
};

void TestHistogramMath::explicitQuantile_data()
{
    QTest::addColumn<std::vector<double>>("bounds");
    QTest::addColumn<std::vector<double>>("counts");
    QTest::addColumn<std::optional<double>>("min");
    QTest::addColumn<std::optional<double>>("max");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");

    const std::vector<double> bounds{10, 20, 50};
    const std::vector<double> counts{2, 4, 3, 1};
    const std::optional<double> none;
    // rank 5 of 10: 3 of the 4 observations in (10, 20] → 10 + 10 * 3/4.
    QTest::newRow("p50") << bounds << counts << none << none << 0.5 << 17.5;
    QTest::newRow("p90 at a bucket's top") << bounds << counts << none << none << 0.9 << 50.0;
    QTest::newRow("p99 in overflow, no max") << bounds << counts << none << none << 0.99 << 50.0;
    QTest::newRow("p99 in overflow up to max")
        << bounds << counts << none << std::optional<double>(80) << 0.99 << 77.0;
    QTest::newRow("p10 first bucket from 0") << bounds << counts << none << none << 0.1 << 5.0;
    QTest::newRow("p10 first bucket from min")
        << bounds << counts << std::optional<double>(4) << none << 0.1 << 7.0;
    QTest::newRow("p0 is min") << bounds << counts << std::optional<double>(4) << none << 0.0
                               << 4.0;
    QTest::newRow("p100 without max") << bounds << counts << none << none << 1.0 << 50.0;
    QTest::newRow("empty") << bounds << std::vector<double>{0, 0, 0, 0} << none << none << 0.5
                           << noValue;
    QTest::newRow("q out of range") << bounds << counts << none << none << 1.5 << noValue;
    QTest::newRow("q NaN") << bounds << counts << none << none << noValue << noValue;
    QTest::newRow("counts do not match bounds")
        << bounds << std::vector<double>{1, 2} << none << none << 0.5 << noValue;
    // A first bound at or below 0 means the first bucket reaches to -inf: its top is the answer.
    QTest::newRow("non-positive first bound")
        << std::vector<double>{-5, 5} << std::vector<double>{1, 1, 0} << none << none << 0.25
        << -5.0;
    QTest::newRow("non-positive first bound, second bucket")
        << std::vector<double>{-5, 5} << std::vector<double>{1, 1, 0} << none << none << 0.75
        << 0.0;
    QTest::newRow("single bucket with min and max")
        << std::vector<double>{} << std::vector<double>{4} << std::optional<double>(2)
        << std::optional<double>(6) << 0.5 << 4.0;
    QTest::newRow("single bucket without min")
        << std::vector<double>{} << std::vector<double>{4} << none << std::optional<double>(6)
        << 0.5 << noValue;
    QTest::newRow("clamped to min")
        << std::vector<double>{10, 20} << std::vector<double>{0, 4, 0} << std::optional<double>(12)
        << std::optional<double>(18) << 0.0 << 12.0;
    QTest::newRow("clamped to max")
        << std::vector<double>{10, 20} << std::vector<double>{0, 4, 0} << std::optional<double>(12)
        << std::optional<double>(18) << 1.0 << 18.0;
    QTest::newRow("skips empty buckets")
        << std::vector<double>{10, 20} << std::vector<double>{0, 4, 0} << none << none << 0.5
        << 15.0;
}

void TestHistogramMath::explicitQuantile()
{
    QFETCH(std::vector<double>, bounds);
    QFETCH(std::vector<double>, counts);
    QFETCH(std::optional<double>, min);
    QFETCH(std::optional<double>, max);
    QFETCH(double, q);
    QFETCH(double, expected);
    ExplicitDistribution d;
    d.bounds = bounds;
    d.counts = counts;
    d.min = min;
    d.max = max;
    const double actual = HistogramMath::quantile(d, q);
    QVERIFY2(sameValue(actual, expected),
             qPrintable(QStringLiteral("%1 != %2").arg(actual).arg(expected)));
}

void TestHistogramMath::exponentialQuantile_data()
{
    QTest::addColumn<int>("scale");
    QTest::addColumn<int>("offset");
    QTest::addColumn<std::vector<double>>("positive");
    QTest::addColumn<double>("zeroCount");
    QTest::addColumn<int>("negativeOffset");
    QTest::addColumn<std::vector<double>>("negative");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");

    const std::vector<double> none;
    // Scale 0: base 2, bucket i = (2^i, 2^(i+1)]. Buckets (1,2]:1, (2,4]:2, (4,8]:1.
    QTest::newRow("p50") << 0 << 0 << std::vector<double>{1, 2, 1} << 0.0 << 0 << none << 0.5
                         << 3.0;
    QTest::newRow("p90") << 0 << 0 << std::vector<double>{1, 2, 1} << 0.0 << 0 << none << 0.9
                         << 6.4;
    QTest::newRow("p25 top of first")
        << 0 << 0 << std::vector<double>{1, 2, 1} << 0.0 << 0 << none << 0.25 << 2.0;
    // Scale 1: base √2; bucket 2 = (2, 2√2].
    QTest::newRow("scale 1") << 1 << 2 << std::vector<double>{4} << 0.0 << 0 << none << 0.5
                             << 1 + std::sqrt(2.0);
    // Scale -1: base 4; bucket 1 = (4, 16].
    QTest::newRow("negative scale")
        << -1 << 1 << std::vector<double>{2} << 0.0 << 0 << none << 0.25 << 7.0;
    QTest::newRow("negative offset")
        << 0 << -2 << std::vector<double>{2} << 0.0 << 0 << none << 0.5 << 0.375;
    // [-2,-1):2, zero:2, (2,4]:4.
    QTest::newRow("negative bucket")
        << 0 << 1 << std::vector<double>{4} << 2.0 << 0 << std::vector<double>{2} << 0.1 << -1.6;
    QTest::newRow("zero bucket") << 0 << 1 << std::vector<double>{4} << 2.0 << 0
                                 << std::vector<double>{2} << 0.4 << 0.0;
    QTest::newRow("after zero") << 0 << 1 << std::vector<double>{4} << 2.0 << 0
                                << std::vector<double>{2} << 0.75 << 3.0;
    QTest::newRow("empty") << 0 << 0 << none << 0.0 << 0 << none << 0.5 << noValue;
    QTest::newRow("only zeros") << 0 << 0 << none << 3.0 << 0 << none << 0.99 << 0.0;
}

void TestHistogramMath::exponentialQuantile()
{
    QFETCH(int, scale);
    QFETCH(int, offset);
    QFETCH(std::vector<double>, positive);
    QFETCH(double, zeroCount);
    QFETCH(int, negativeOffset);
    QFETCH(std::vector<double>, negative);
    QFETCH(double, q);
    QFETCH(double, expected);
    const ExponentialDistribution d
        = exponential(scale, offset, positive, zeroCount, negativeOffset, negative);
    const double actual = HistogramMath::quantile(d, q);
    QVERIFY2(sameValue(actual, expected),
             qPrintable(QStringLiteral("%1 != %2").arg(actual).arg(expected)));

    ExponentialDistribution clamped = d;
    clamped.min = 1.5;
    clamped.max = 5;
    if (!std::isnan(expected))
        QVERIFY(sameValue(HistogramMath::quantile(clamped, q), std::clamp(expected, 1.5, 5.0)));
}

void TestHistogramMath::explicitIntervals_data()
{
    QTest::addColumn<int>("temporality");
    QTest::addColumn<qint64>("windowStartNs");
    QTest::addColumn<QList<qint64>>("starts");
    QTest::addColumn<QList<qint64>>("times");
    QTest::addColumn<QList<QList<double>>>("counts");
    QTest::addColumn<QList<bool>>("hasMinMax");

    const int cumulative = static_cast<int>(AggregationTemporality::Cumulative);
    const int delta = static_cast<int>(AggregationTemporality::Delta);
    // Points: (100, 200, [1,1,0]) (100, 300, [3,2,1]) (350, 400, [1,0,0]) (350, 500, [0,1,0]).
    QTest::newRow("cumulative, series starts in window")
        << cumulative << qint64(0) << QList<qint64>{100, 200, 350, 350}
        << QList<qint64>{200, 300, 400, 500}
        << QList<QList<double>>{{1, 1, 0}, {2, 1, 1}, {1, 0, 0}, {0, 1, 0}}
        << QList<bool>{true, false, true, true};
    QTest::newRow("cumulative, series started before window")
        << cumulative << qint64(150) << QList<qint64>{200, 350, 350} << QList<qint64>{300, 400, 500}
        << QList<QList<double>>{{2, 1, 1}, {1, 0, 0}, {0, 1, 0}} << QList<bool>{false, true, true};
    QTest::newRow("delta as is") << delta << qint64(1000) << QList<qint64>{100, 100, 350, 350}
                                 << QList<qint64>{200, 300, 400, 500}
                                 << QList<QList<double>>{{1, 1, 0}, {3, 2, 1}, {1, 0, 0}, {0, 1, 0}}
                                 << QList<bool>{true, true, true, true};
}

void TestHistogramMath::explicitIntervals()
{
    QFETCH(int, temporality);
    QFETCH(qint64, windowStartNs);
    QFETCH(QList<qint64>, starts);
    QFETCH(QList<qint64>, times);
    QFETCH(QList<QList<double>>, counts);
    QFETCH(QList<bool>, hasMinMax);
    const std::vector<HistogramDataPoint> points{
        histogramPoint(100, 200, {1, 1, 0}), histogramPoint(100, 300, {3, 2, 1}),
        histogramPoint(350, 400, {1, 0, 0}), histogramPoint(350, 500, {0, 1, 0})};
    const std::vector<ExplicitDistribution> intervals = HistogramMath::explicitIntervals(
        points, static_cast<AggregationTemporality>(temporality), windowStartNs);
    QCOMPARE(static_cast<qsizetype>(intervals.size()), times.size());
    for (std::size_t i = 0; i < intervals.size(); ++i) {
        const auto at = static_cast<qsizetype>(i);
        QCOMPARE(intervals[i].startNs, starts[at]);
        QCOMPARE(intervals[i].timeNs, times[at]);
        QCOMPARE(QList<double>(intervals[i].counts.begin(), intervals[i].counts.end()), counts[at]);
        QCOMPARE(intervals[i].min.has_value(), hasMinMax[at]);
        QCOMPARE(intervals[i].max.has_value(), hasMinMax[at]);
        QCOMPARE(intervals[i].bounds, (std::vector<double>{10, 20}));
    }
}

void TestHistogramMath::explicitIntervalsCarryTheSum()
{
    // Cumulative: the difference of the sums; after a reset the point's own; unknown when either
    // point lacks one. Delta: the point's own. Merging adds them, unknown on one side: unknown.
    std::vector<HistogramDataPoint> points{
        histogramPoint(100, 200, {1, 1, 0}), histogramPoint(100, 300, {3, 2, 1}),
        histogramPoint(350, 400, {1, 0, 0}), histogramPoint(350, 500, {0, 1, 0})};
    points[0].sum = 20;
    points[1].sum = 95;
    points[2].sum = 4;
    const std::vector<ExplicitDistribution> cumulative
        = HistogramMath::explicitIntervals(points, AggregationTemporality::Cumulative, 0);
    QCOMPARE(cumulative.size(), std::size_t(4));
    QCOMPARE(cumulative[0].sum, std::optional<double>(20));
    QCOMPARE(cumulative[1].sum, std::optional<double>(75));
    QCOMPARE(cumulative[2].sum, std::optional<double>(4));
    QCOMPARE(cumulative[3].sum, std::optional<double>());
    const std::vector<ExplicitDistribution> delta
        = HistogramMath::explicitIntervals(points, AggregationTemporality::Delta, 0);
    QCOMPARE(delta[1].sum, std::optional<double>(95));

    ExplicitDistribution merged = cumulative[0];
    QVERIFY(HistogramMath::merge(merged, cumulative[1]));
    QCOMPARE(merged.sum, std::optional<double>(95));
    QVERIFY(HistogramMath::merge(merged, cumulative[3]));
    QCOMPARE(merged.sum, std::optional<double>());
}

void TestHistogramMath::explicitIntervalsSkipOddPoints()
{
    HistogramDataPoint noValue = histogramPoint(100, 250, {9, 9, 9});
    noValue.flags = 1;
    HistogramDataPoint mismatched = histogramPoint(100, 260, {9, 9});
    HistogramDataPoint noBuckets = histogramPoint(100, 270, {}, {});
    const std::vector<HistogramDataPoint> points{histogramPoint(100, 200, {1, 1, 0}), noValue,
                                                 mismatched, noBuckets,
                                                 histogramPoint(100, 300, {3, 2, 1})};
    const std::vector<ExplicitDistribution> intervals
        = HistogramMath::explicitIntervals(points, AggregationTemporality::Cumulative, 0);
    QCOMPARE(intervals.size(), std::size_t(2));
    QCOMPARE(intervals[1].startNs, std::int64_t(200));
    QCOMPARE(intervals[1].counts, (std::vector<double>{2, 1, 1}));
}

void TestHistogramMath::exponentialIntervalsAcrossScaleChange()
{
    ExponentialHistogramDataPoint first;
    first.startTimeNs = 10;
    first.timeNs = 20;
    first.scale = 1;
    first.positive.offset = 0;
    first.positive.bucketCounts = {1, 1}; // both in bucket 0 at scale 0
    first.sum = 2.5;
    ExponentialHistogramDataPoint second = first;
    second.timeNs = 30;
    second.scale = 0;
    second.zeroCount = 1;
    second.positive.bucketCounts = {3, 1};
    second.sum = 6.0;
    const std::vector<ExponentialDistribution> intervals = HistogramMath::exponentialIntervals(
        {first, second}, AggregationTemporality::Cumulative, 0);
    QCOMPARE(intervals.size(), std::size_t(2));
    QCOMPARE(intervals[0].scale, 1);
    QCOMPARE(intervals[1].startNs, std::int64_t(20));
    QCOMPARE(intervals[1].timeNs, std::int64_t(30));
    QCOMPARE(intervals[1].scale, 0);
    QCOMPARE(intervals[1].positiveOffset, 0);
    QCOMPARE(intervals[1].positive, (std::vector<double>{1, 1}));
    QCOMPARE(intervals[1].zeroCount, 1.0);
    QVERIFY(!intervals[1].min);
    QCOMPARE(intervals[0].sum, std::optional<double>(2.5));
    QCOMPARE(intervals[1].sum, std::optional<double>(3.5));
}

void TestHistogramMath::exponentialIntervalsReset()
{
    ExponentialHistogramDataPoint first;
    first.startTimeNs = 10;
    first.timeNs = 20;
    first.positive.offset = 3;
    first.positive.bucketCounts = {5};
    ExponentialHistogramDataPoint lower = first;
    lower.timeNs = 30;
    lower.positive.offset = 4; // bucket 3 vanished: a reset, taken as is
    lower.positive.bucketCounts = {2};
    const std::vector<ExponentialDistribution> intervals = HistogramMath::exponentialIntervals(
        {first, lower}, AggregationTemporality::Cumulative, 15);
    QCOMPARE(intervals.size(), std::size_t(1)); // the first started before the window
    QCOMPARE(intervals[0].startNs, std::int64_t(10));
    QCOMPARE(intervals[0].positiveOffset, 4);
    QCOMPARE(intervals[0].positive, (std::vector<double>{2}));
}

void TestHistogramMath::downscaled()
{
    // Indexes -3..0 at scale 2 → floor(i / 4) at scale 0: -1, -1, -1, 0.
    const ExponentialDistribution d
        = HistogramMath::downscaled(exponential(2, -3, {1, 2, 3, 4}, 0, 5, {1, 1, 1}), 0);
    QCOMPARE(d.scale, 0);
    QCOMPARE(d.positiveOffset, -1);
    QCOMPARE(d.positive, (std::vector<double>{6, 4}));
    QCOMPARE(d.negativeOffset, 1); // 5, 6, 7 → 1
    QCOMPARE(d.negative, (std::vector<double>{3}));
    // Not finer than it is.
    QCOMPARE(HistogramMath::downscaled(d, 3).scale, 0);
}

void TestHistogramMath::mergeExponential()
{
    ExponentialDistribution a = exponential(1, 1, {1}, 1);
    a.min = 2;
    a.timeNs = 5;
    a.sum = 3;
    ExponentialDistribution b = exponential(0, 2, {2}, 0, 0, {4});
    b.timeNs = 7;
    b.sum = 4;
    HistogramMath::merge(a, b);
    QCOMPARE(a.sum, std::optional<double>(7));
    b.sum.reset();
    ExponentialDistribution withoutSum = a;
    HistogramMath::merge(withoutSum, b);
    QVERIFY(!withoutSum.sum);
    QCOMPARE(a.scale, 0);
    QCOMPARE(a.positiveOffset, 0);
    QCOMPARE(a.positive, (std::vector<double>{1, 0, 2}));
    QCOMPARE(a.negative, (std::vector<double>{4}));
    QCOMPARE(a.zeroCount, 1.0);
    QCOMPARE(a.timeNs, std::int64_t(7));
    QVERIFY(!a.min); // unknown on one side: unknown
    QCOMPARE(a.total(), 8.0);
}

void TestHistogramMath::mergeExplicit()
{
    ExplicitDistribution a;
    a.bounds = {1, 2};
    a.counts = {1, 2, 3};
    a.min = 0.5;
    a.max = 4;
    ExplicitDistribution b = a;
    b.counts = {1, 1, 1};
    b.min = 0.2;
    b.max = 3;
    QVERIFY(HistogramMath::merge(a, b));
    QCOMPARE(a.counts, (std::vector<double>{2, 3, 4}));
    QCOMPARE(*a.min, 0.2);
    QCOMPARE(*a.max, 4.0);
    b.bounds = {1, 3};
    QVERIFY(!HistogramMath::merge(a, b));
    QCOMPARE(a.counts, (std::vector<double>{2, 3, 4}));
}

void TestHistogramMath::exponentialBounds()
{
    QCOMPARE(HistogramMath::exponentialBase(0), 2.0);
    QCOMPARE(HistogramMath::exponentialBase(-1), 4.0);
    QVERIFY(sameValue(HistogramMath::exponentialBase(1), std::sqrt(2.0)));
    QVERIFY(sameValue(HistogramMath::exponentialBase(3), std::pow(2.0, 0.125)));
    QCOMPARE(HistogramMath::exponentialLowerBound(0, 10), 1024.0);
    QCOMPARE(HistogramMath::exponentialLowerBound(2, -8), 0.25);
    QCOMPARE(HistogramMath::exponentialLowerBound(20, 1 << 20), 2.0);
}

QTEST_GUILESS_MAIN(TestHistogramMath)
#include "tst_histogram_math.moc"
