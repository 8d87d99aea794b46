// TimeAxisLayout: open ranges become something to draw (never 1970), and tick steps keep the
// labels apart however narrow the axis.
#include "analysis/time_axis_layout.h"

#include <QTest>

using namespace kansoku;

namespace {
constexpr qint64 secondNs = 1'000'000'000;
constexpr qint64 nowNs = 1'764'770'000 * secondNs; // 2025-12-03
constexpr qint64 minuteNs = 60 * secondNs;
} // namespace

class TestTimeAxisLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shownRange_data();
    void shownRange();
    void tickStep_data();
    void tickStep();
    void ticksNeverOverlap();
};

void TestTimeAxisLayout::shownRange_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<qint64>("shownStart");
    QTest::addColumn<qint64>("shownEnd");
    const qint64 open = std::numeric_limits<qint64>::min();
    const qint64 openEnd = std::numeric_limits<qint64>::max();
    QTest::newRow("bounded") << nowNs - 60 * minuteNs << nowNs - 30 * minuteNs
                             << nowNs - 60 * minuteNs << nowNs - 30 * minuteNs;
    // "All" of an empty session: the last 15 minutes up to now.
    QTest::newRow("all time") << open << openEnd << nowNs - 15 * minuteNs << nowNs;
    QTest::newRow("open end") << nowNs - 60 * minuteNs << openEnd << nowNs - 60 * minuteNs << nowNs;
    // A start after now (clock skew) still shows 15 minutes from it.
    QTest::newRow("start in the future")
        << nowNs + minuteNs << openEnd << nowNs + minuteNs << nowNs + 16 * minuteNs;
    QTest::newRow("open start") << open << nowNs - 10 * minuteNs << nowNs - 25 * minuteNs
                                << nowNs - 10 * minuteNs;
    QTest::newRow("empty") << nowNs << nowNs << nowNs - minuteNs / 2 << nowNs + minuteNs / 2;
}

void TestTimeAxisLayout::shownRange()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(qint64, shownStart);
    QFETCH(qint64, shownEnd);
    const TimeRange shown = TimeAxisLayout::shownRange(TimeRange{start, end}, nowNs);
    QCOMPARE(shown.startNs, shownStart);
    QCOMPARE(shown.endNs, shownEnd);
    QVERIFY(shown.isBounded());
}

void TestTimeAxisLayout::tickStep_data()
{
    QTest::addColumn<double>("spanSeconds");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("labelWidth");
    QTest::addColumn<double>("step");
    // 30 minutes on 900 px with 60 px labels: 72 px apart at least, 2.4 s/px → 172.8 s → 5 min.
    QTest::newRow("30 min wide") << 1800.0 << 900 << 60 << 300.0;
    // The same on 300 px: 7.2 min at least → 10 min.
    QTest::newRow("30 min narrow") << 1800.0 << 300 << 60 << 600.0;
    QTest::newRow("30 min very narrow") << 1800.0 << 80 << 60 << 1800.0;
    QTest::newRow("5 s in ms") << 5.0 << 400 << 90 << 2.0;
    QTest::newRow("a week") << 7 * 86400.0 << 600 << 70 << 86400.0;
    // 82 px of 100 for ten years: 8.2 years at least → 9 years.
    QTest::newRow("ten years") << 3650 * 86400.0 << 100 << 70 << 9 * 365 * 86400.0;
    QTest::newRow("nothing") << 0.0 << 400 << 60 << 0.0;
    QTest::newRow("no width") << 60.0 << 0 << 60 << 0.0;
}

void TestTimeAxisLayout::tickStep()
{
    QFETCH(double, spanSeconds);
    QFETCH(int, width);
    QFETCH(int, labelWidth);
    QFETCH(double, step);
    QCOMPARE(TimeAxisLayout::tickStepSeconds(spanSeconds, width, labelWidth), step);
}

void TestTimeAxisLayout::ticksNeverOverlap()
{
    // Every width from 40 to 2000 px, for spans from a second to a month: labels keep their gap.
    for (const double span : {1.0, 59.0, 1800.0, 6 * 3600.0, 30 * 86400.0}) {
        for (int width = 40; width <= 2000; width += 7) {
            const double step = TimeAxisLayout::tickStepSeconds(span, width, 64);
            const double apartPx = step * width / span;
            QVERIFY2(apartPx >= 64 + TimeAxisLayout::labelGapPx - 1e-9,
                     qPrintable(
                         QStringLiteral("%1 s on %2 px: %3 px").arg(span).arg(width).arg(apartPx)));
        }
    }
}

QTEST_GUILESS_MAIN(TestTimeAxisLayout)
#include "tst_time_axis_layout.moc"
