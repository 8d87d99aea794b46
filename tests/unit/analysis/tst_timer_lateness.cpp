#include "analysis/timer_lateness.h"

#include <QTest>

using namespace kansoku;

class TestTimerLateness : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstTickOnlyStartsTheClock();
    void latenessIsTheDelayBeyondTheInterval();
    void earlyTicksCountAsOnTime();
    void takeStartsANewIntervalFromTheLastTick();
};

void TestTimerLateness::firstTickOnlyStartsTheClock()
{
    TimerLateness lateness(100);
    lateness.noteTick(5000);
    QCOMPARE(lateness.take().count(), 0);
}

void TestTimerLateness::latenessIsTheDelayBeyondTheInterval()
{
    TimerLateness lateness(100);
    // On time, 3 late, on time, then a 400-unit stall: the timer fires once, 300 late.
    for (std::int64_t tick : {0, 100, 203, 303, 703})
        lateness.noteTick(tick);
    const DurationSample sample = lateness.take();
    QCOMPARE(sample.count(), 4);
    QCOMPARE(sample.maxNs(), 300);
    QCOMPARE(sample.totalNs(), 303);
    QCOMPARE(sample.medianNs(), 0);
    QCOMPARE(sample.quantileNs(0.99), 300);
}

void TestTimerLateness::earlyTicksCountAsOnTime()
{
    TimerLateness lateness(100);
    lateness.noteTick(0);
    lateness.noteTick(98); // timers may fire a little early; that is not negative lateness
    const DurationSample sample = lateness.take();
    QCOMPARE(sample.count(), 1);
    QCOMPARE(sample.maxNs(), 0);
}

void TestTimerLateness::takeStartsANewIntervalFromTheLastTick()
{
    TimerLateness lateness(100);
    lateness.noteTick(0);
    lateness.noteTick(150);
    QCOMPARE(lateness.take().maxNs(), 50);
    QCOMPARE(lateness.take().count(), 0); // nothing since
    lateness.noteTick(260);               // measured from 150, the tick before the take
    const DurationSample next = lateness.take();
    QCOMPARE(next.count(), 1);
    QCOMPARE(next.maxNs(), 10);
}

QTEST_GUILESS_MAIN(TestTimerLateness)
#include "tst_timer_lateness.moc"
