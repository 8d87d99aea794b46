// WriterThroughput: the writer's measured speed and the durability bound derived from it.
#include "writer_throughput.h"

#include <QTest>

using namespace kansoku;
using namespace std::chrono_literals;

class TestWriterThroughput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void beforeAnyTransactionTheFloorHolds();
    void boundIsTheWindowAtTheMeasuredSpeed();
    void boundStaysWithinFloorAndCeiling();
    void emptyTransactionsAreIgnored();
    void speedCoversTheRecentTransactions();
    void oldTransactionsAgeOut();
};

void TestWriterThroughput::beforeAnyTransactionTheFloorHolds()
{
    const WriterThroughput throughput(200ms, 4096, 262144);
    QCOMPARE(throughput.itemsPerSecond(), 0.0);
    QCOMPARE(throughput.admissionLimitItems(), std::int64_t(4096));
}

void TestWriterThroughput::boundIsTheWindowAtTheMeasuredSpeed()
{
    WriterThroughput throughput(200ms, 1000, 262144);
    throughput.noteTransaction(10000, 100ms); // 100,000 items/s
    QCOMPARE(throughput.itemsPerSecond(), 100000.0);
    QCOMPARE(throughput.admissionLimitItems(), std::int64_t(20000));

    WriterThroughput shorter(50ms, 1000, 262144);
    shorter.noteTransaction(10000, 100ms);
    QCOMPARE(shorter.admissionLimitItems(), std::int64_t(5000));
}

void TestWriterThroughput::boundStaysWithinFloorAndCeiling()
{
    WriterThroughput slow(200ms, 4096, 262144);
    slow.noteTransaction(10, 10ms); // 1,000 items/s: 200 items in the window
    QCOMPARE(slow.admissionLimitItems(), std::int64_t(4096));

    WriterThroughput fast(200ms, 4096, 50000);
    fast.noteTransaction(1000000, 1s); // 200,000 items in the window
    QCOMPARE(fast.admissionLimitItems(), std::int64_t(50000));

    // A queue smaller than the floor: the queue's capacity wins, before and after measuring.
    WriterThroughput tiny(200ms, 4096, 10);
    QCOMPARE(tiny.admissionLimitItems(), std::int64_t(10));
    tiny.noteTransaction(1000000, 1s);
    QCOMPARE(tiny.admissionLimitItems(), std::int64_t(10));
}

void TestWriterThroughput::emptyTransactionsAreIgnored()
{
    WriterThroughput throughput(200ms, 100, 262144);
    throughput.noteTransaction(10000, 100ms);
    throughput.noteTransaction(0, 50ms);
    throughput.noteTransaction(500, 0ns);
    throughput.noteTransaction(-3, 10ms);
    QCOMPARE(throughput.itemsPerSecond(), 100000.0);
}

void TestWriterThroughput::speedCoversTheRecentTransactions()
{
    WriterThroughput throughput(200ms, 100, 262144);
    for (int i = 0; i < 5; ++i)
        throughput.noteTransaction(1000, 100ms);
    throughput.noteTransaction(4000, 100ms);
    // 9,000 items in 600 ms: the transactions are weighed by their time, not averaged as rates.
    QCOMPARE(throughput.itemsPerSecond(), 15000.0);
    QCOMPARE(throughput.admissionLimitItems(), std::int64_t(3000));
}

void TestWriterThroughput::oldTransactionsAgeOut()
{
    WriterThroughput throughput(200ms, 100, 262144);
    throughput.noteTransaction(100000, 1s); // a fast second of writing...
    throughput.noteTransaction(10000, 1s);  // ...then a slow one: it alone covers the measure
    QCOMPARE(throughput.itemsPerSecond(), 10000.0);

    // Many short transactions: the newest 64 at most, even when they add up to less than 1 s.
    WriterThroughput many(200ms, 100, 262144);
    many.noteTransaction(1000000, 500ms);
    for (int i = 0; i < 64; ++i)
        many.noteTransaction(10, 1ms);
    QCOMPARE(many.itemsPerSecond(), 10000.0);
}

QTEST_GUILESS_MAIN(TestWriterThroughput)
#include "tst_writer_throughput.moc"
