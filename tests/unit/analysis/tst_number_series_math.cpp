#include "analysis/number_series_math.h"

#include <QTest>
#include <cmath>

using namespace kansoku;

namespace {

constexpr std::int64_t second = 1'000'000'000LL;
constexpr std::int64_t base = 1'760'000'000LL * second;
constexpr double gap = std::numeric_limits<double>::quiet_NaN();

// A point given in seconds after base (start -1 = no start time).
struct P
{
    double startS;
    double timeS;
    double value;
    bool noValue = false;
};

std::int64_t at(double seconds)
{
    return base + static_cast<std::int64_t>(std::llround(seconds * 1e9));
}

std::vector<NumberDataPoint> points(const QList<P> &list)
{
    std::vector<NumberDataPoint> result;
    for (const P &p : list) {
        NumberDataPoint point;
        point.startTimeNs = p.startS < 0 ? 0 : at(p.startS);
        point.timeNs = at(p.timeS);
        point.value = p.value;
        point.flags = p.noValue ? 1 : 0;
        result.push_back(point);
    }
    return result;
}

// Expected (time in seconds after base, value) pairs.
using Expected = QList<QPair<double, double>>;

void compareSeries(const std::vector<TimedValue> &actual, const Expected &expected)
{
    QCOMPARE(static_cast<qsizetype>(actual.size()), expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
        const auto &[timeS, value] = expected[static_cast<qsizetype>(i)];
        QCOMPARE(actual[i].timeNs, at(timeS));
        if (std::isnan(value))
            QVERIFY2(std::isnan(actual[i].value), qPrintable(QString::number(actual[i].value)));
        else
            QCOMPARE(actual[i].value, value);
    }
}

std::vector<TimedValue> timed(const Expected &list)
{
    std::vector<TimedValue> result;
    for (const auto &[timeS, value] : list)
        result.push_back({at(timeS), value});
    return result;
}

} // namespace

Q_DECLARE_METATYPE(QList<P>)

class TestNumberSeriesMath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cumulativeRate_data();
    void cumulativeRate();
    void deltaRate_data();
    void deltaRate();
    void rawMarksGaps();
    void combine_data();
    void combine();
};

void TestNumberSeriesMath::cumulativeRate_data()
{
    QTest::addColumn<QList<P>>("input");
    QTest::addColumn<double>("windowStartS");
    QTest::addColumn<Expected>("expected");

    const QList<P> steady{{0, 10, 100}, {0, 20, 150}, {0, 30, 250}};
    QTest::newRow("started in window: first point over its start")
        << steady << -1.0 << Expected{{10, 10}, {20, 5}, {30, 10}};
    QTest::newRow("started before window: first point skipped")
        << steady << 5.0 << Expected{{20, 5}, {30, 10}};
    QTest::newRow("drop is a reset, counted from the previous point")
        << QList<P>{{0, 10, 100}, {0, 20, 150}, {0, 30, 20}} << -1.0
        << Expected{{10, 10}, {20, 5}, {30, 2}};
    QTest::newRow("new start time after the previous point: counted from it")
        << QList<P>{{0, 10, 100}, {0, 20, 150}, {25, 30, 20}} << -1.0
        << Expected{{10, 10}, {20, 5}, {30, 4}};
    QTest::newRow("new start time with a higher value is still a reset")
        << QList<P>{{0, 10, 100}, {15, 20, 130}} << -1.0 << Expected{{10, 10}, {20, 26}};
    QTest::newRow("no recorded value is a gap, the next compares to the last value")
        << QList<P>{{0, 10, 100}, {0, 20, 0, true}, {0, 30, 300}} << -1.0
        << Expected{{10, 10}, {20, gap}, {30, 10}};
    QTest::newRow("duplicate time skipped") << QList<P>{{0, 10, 100}, {0, 10, 120}, {0, 20, 200}}
                                            << -1.0 << Expected{{10, 10}, {20, 10}};
    QTest::newRow("negative counter value never gives a negative rate")
        << QList<P>{{0, 10, -5}} << -1.0 << Expected{{10, 0}};
    QTest::newRow("missing start time: first point has no rate")
        << QList<P>{{-1, 10, 100}, {-1, 20, 160}} << -1.0 << Expected{{20, 6}};
    QTest::newRow("fractional seconds")
        << QList<P>{{0, 0.5, 1}, {0, 0.75, 2}} << -1.0 << Expected{{0.5, 2}, {0.75, 4}};
    QTest::newRow("empty") << QList<P>{} << -1.0 << Expected{};
}

void TestNumberSeriesMath::cumulativeRate()
{
    QFETCH(QList<P>, input);
    QFETCH(double, windowStartS);
    QFETCH(Expected, expected);
    compareSeries(NumberSeriesMath::cumulativeRate(points(input), at(windowStartS)), expected);
}

void TestNumberSeriesMath::deltaRate_data()
{
    QTest::addColumn<QList<P>>("input");
    QTest::addColumn<Expected>("expected");
    QTest::newRow("over own interval")
        << QList<P>{{0, 10, 50}, {10, 20, 30}} << Expected{{10, 5}, {20, 3}};
    QTest::newRow("bucket totals over the merged interval")
        << QList<P>{{0, 40, 200}} << Expected{{40, 5}};
    QTest::newRow("missing start: since previous point")
        << QList<P>{{0, 10, 50}, {-1, 20, 30}} << Expected{{10, 5}, {20, 3}};
    QTest::newRow("missing start, no previous point")
        << QList<P>{{-1, 10, 50}} << Expected{{10, gap}};
    QTest::newRow("negative deltas keep their sign")
        << QList<P>{{0, 10, -20}} << Expected{{10, -2}};
    QTest::newRow("no value") << QList<P>{{0, 10, 5, true}} << Expected{{10, gap}};
}

void TestNumberSeriesMath::deltaRate()
{
    QFETCH(QList<P>, input);
    QFETCH(Expected, expected);
    compareSeries(NumberSeriesMath::deltaRate(points(input)), expected);
}

void TestNumberSeriesMath::rawMarksGaps()
{
    std::vector<NumberDataPoint> input = points({{0, 10, 1.5}, {0, 20, 7, true}});
    NumberDataPoint integer;
    integer.timeNs = at(30);
    integer.value = std::int64_t(42);
    input.push_back(integer);
    NumberDataPoint notFinite;
    notFinite.timeNs = at(40);
    notFinite.value = std::numeric_limits<double>::infinity();
    input.push_back(notFinite);
    compareSeries(NumberSeriesMath::raw(input),
                  Expected{{10, 1.5}, {20, gap}, {30, 42}, {40, gap}});
}

void TestNumberSeriesMath::combine_data()
{
    QTest::addColumn<Expected>("a");
    QTest::addColumn<Expected>("b");
    QTest::addColumn<bool>("mean");
    QTest::addColumn<double>("resolutionS");
    QTest::addColumn<Expected>("expected");

    const Expected a{{10, 1}, {20, 2}, {30, 3}};
    const Expected b{{15, 10}, {25, 20}};
    // b starts at 15 and ends at 25: it contributes nothing at 10 and 30.
    QTest::newRow("sum") << a << b << false << 0.0
                         << Expected{{10, 1}, {15, 11}, {20, 12}, {25, 22}, {30, 3}};
    QTest::newRow("mean") << a << b << true << 0.0
                          << Expected{{10, 1}, {15, 5.5}, {20, 6}, {25, 11}, {30, 3}};
    QTest::newRow("bucketed: last time of each 10 s bucket")
        << a << b << false << 10.0 << Expected{{15, 11}, {25, 22}, {30, 3}};
    QTest::newRow("gap contributes nothing")
        << Expected{{10, 1}, {20, gap}, {30, 3}} << b << false << 0.0
        << Expected{{10, 1}, {15, 11}, {20, 10}, {25, 20}, {30, 3}};
    QTest::newRow("all gaps") << Expected{{10, gap}} << Expected{} << false << 0.0
                              << Expected{{10, gap}};
    QTest::newRow("empty") << Expected{} << Expected{} << true << 10.0 << Expected{};
    // Bucketed: b's last point (25) shares the bucket [20, 30) with a's 29: b still counts.
    QTest::newRow("ended series counts in its last bucket")
        << Expected{{10, 1}, {29, 2}} << b << false << 10.0 << Expected{{15, 11}, {29, 22}};
}

void TestNumberSeriesMath::combine()
{
    QFETCH(Expected, a);
    QFETCH(Expected, b);
    QFETCH(bool, mean);
    QFETCH(double, resolutionS);
    QFETCH(Expected, expected);
    const auto resolutionNs = static_cast<std::int64_t>(resolutionS * 1e9);
    compareSeries(NumberSeriesMath::combine({timed(a), timed(b)},
                                            mean ? NumberSeriesMath::Combine::Mean
                                                 : NumberSeriesMath::Combine::Sum,
                                            base, resolutionNs),
                  expected);
}

QTEST_GUILESS_MAIN(TestNumberSeriesMath)
#include "tst_number_series_math.moc"
