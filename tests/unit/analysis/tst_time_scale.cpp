#include "analysis/time_scale.h"

#include <QTest>

using namespace kansoku;

class TestTimeScale : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void precisionAtEpochNanoseconds();
    void zoomKeepsTimeUnderCursor_data();
    void zoomKeepsTimeUnderCursor();
    void zoomClampsToBoundsAndMinimum();
    void panClamps();
    void ticks_data();
    void ticks();
};

void TestTimeScale::roundTrip_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<double>("width");
    QTest::addColumn<qint64>("time");
    QTest::addColumn<double>("expectedX");
    QTest::newRow("origin") << qint64(0) << qint64(1000) << 100.0 << qint64(0) << 0.0;
    QTest::newRow("middle") << qint64(0) << qint64(1000) << 100.0 << qint64(500) << 50.0;
    QTest::newRow("end") << qint64(0) << qint64(1000) << 100.0 << qint64(1000) << 100.0;
    QTest::newRow("before view") << qint64(1000) << qint64(2000) << 200.0 << qint64(900) << -20.0;
    QTest::newRow("wide") << qint64(0) << qint64(1000000000) << 1920.0 << qint64(250000000)
                          << 480.0;
}

void TestTimeScale::roundTrip()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(double, width);
    QFETCH(qint64, time);
    QFETCH(double, expectedX);
    const TimeScale scale(start, end, width);
    QCOMPARE(scale.xForTime(time), expectedX);
    QCOMPARE(scale.timeForX(expectedX), time);
}

void TestTimeScale::precisionAtEpochNanoseconds()
{
    // 2024 in epoch ns needs 61 bits: a double of the absolute time would lose ~256 ns.
    const std::int64_t start = 1714564800000000000;
    TimeScale scale(start, start + 1000000000, 1000);
    scale.setView(start + 500000000, 1000); // 1 µs window, 1 ns per pixel
    QCOMPARE(scale.viewStartNs(), start + 500000000);
    QCOMPARE(scale.xForTime(start + 500000001), 1.0);
    QCOMPARE(scale.xForTime(start + 500000999), 999.0);
    QCOMPARE(scale.timeForX(7), start + 500000007);
}

void TestTimeScale::zoomKeepsTimeUnderCursor_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("factor");
    QTest::newRow("left") << 100.0 << 2.0;
    QTest::newRow("center") << 500.0 << 4.0;
    QTest::newRow("right") << 900.0 << 10.0;
}

void TestTimeScale::zoomKeepsTimeUnderCursor()
{
    QFETCH(double, x);
    QFETCH(double, factor);
    TimeScale scale(0, 1000000, 1000);
    const std::int64_t before = scale.timeForX(x);
    scale.zoomAbout(x, factor);
    QCOMPARE(scale.viewDurationNs(), std::int64_t(1000000 / factor));
    QCOMPARE(scale.timeForX(x), before);
    QVERIFY(!scale.showsAll());
}

void TestTimeScale::zoomClampsToBoundsAndMinimum()
{
    TimeScale scale(0, 1000000, 1000);
    scale.zoomAbout(0, 0.5); // zooming out past the bounds shows everything
    QVERIFY(scale.showsAll());
    scale.zoomAbout(1000, 1e9);
    QCOMPARE(scale.viewDurationNs(), TimeScale::MinimumViewDurationNs);
    QCOMPARE(scale.viewEndNs(), std::int64_t(1000000)); // stays inside the bounds
    scale.zoomAbout(500, 1.0 / 1e6);
    QVERIFY(scale.showsAll());
}

void TestTimeScale::panClamps()
{
    TimeScale scale(0, 1000, 100);
    scale.setView(400, 100); // 1 ns per pixel
    scale.panByPixels(-50);
    QCOMPARE(scale.viewStartNs(), std::int64_t(450));
    scale.panByPixels(1000);
    QCOMPARE(scale.viewStartNs(), std::int64_t(0));
    scale.panByPixels(-5000);
    QCOMPARE(scale.viewStartNs(), std::int64_t(900));
    scale.centerOn(300);
    QCOMPARE(scale.viewStartNs(), std::int64_t(250));
}

void TestTimeScale::ticks_data()
{
    QTest::addColumn<qint64>("duration");
    QTest::addColumn<qint64>("expectedStep");
    QTest::addColumn<int>("expectedCount");
    // 1000 px wide, ticks at least 100 px apart.
    QTest::newRow("1 ms") << qint64(1000000) << qint64(100000) << 11;
    QTest::newRow("3 ms") << qint64(3000000) << qint64(500000) << 7;
    QTest::newRow("1.5 s") << qint64(1500000000) << qint64(200000000) << 8;
}

void TestTimeScale::ticks()
{
    QFETCH(qint64, duration);
    QFETCH(qint64, expectedStep);
    QFETCH(int, expectedCount);
    const TimeScale scale(5000, 5000 + duration, 1000);
    QCOMPARE(scale.tickStepNs(100), expectedStep);
    const std::vector<std::int64_t> ticks = scale.ticks(100, 5000);
    QCOMPARE(int(ticks.size()), expectedCount);
    QCOMPARE(ticks.front(), qint64(5000));
    QCOMPARE(ticks[1] - ticks[0], expectedStep);
}

QTEST_GUILESS_MAIN(TestTimeScale)
#include "tst_time_scale.moc"
