#include "analysis/call_group_timing.h"
#include "support/analysis_trace_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

namespace {

struct Interval
{
    std::int64_t startNs;
    std::int64_t endNs;
};

// The timing of calls over the intervals, under one root.
CallGroupTiming timingOf(const std::vector<Interval> &intervals)
{
    AnalysisTraceBuilder builder(1);
    const int root = builder.server("svc", "root", 0, 1000);
    for (const Interval &interval : intervals)
        builder.add(root, "call", SpanKind::Client, interval.startNs, interval.endNs);
    const AnalysisTrace trace = builder.build();
    const PreparedTrace prepared(trace);
    return CallGroupTiming::of(prepared, prepared.children(prepared.roots().front()));
}

} // namespace

class TestCallGroupTiming : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void empty();
    void oneAfterAnother();
    void gapsAreNotWallTime();
    void overlapping();
    void nested();
    void zeroLengthAndBackwardsCalls();
};

void TestCallGroupTiming::empty()
{
    AnalysisTraceBuilder builder(1);
    builder.server("svc", "root", 0, 10);
    const AnalysisTrace trace = builder.build();
    const CallGroupTiming timing = CallGroupTiming::of(PreparedTrace(trace), {});
    QCOMPARE(timing.wallNs, std::int64_t(0));
    QCOMPARE(timing.maxConcurrency, 0);
    QCOMPARE(timing.averageConcurrency(), 1.0);
}

void TestCallGroupTiming::oneAfterAnother()
{
    // Each starts as the previous ends: never two at once.
    const CallGroupTiming timing = timingOf({{10, 20}, {20, 30}, {30, 45}});
    QCOMPARE(timing.firstStartNs, AnalysisTraceBuilder::Base + 10);
    QCOMPARE(timing.lastEndNs, AnalysisTraceBuilder::Base + 45);
    QCOMPARE(timing.summedNs, std::int64_t(35));
    QCOMPARE(timing.wallNs, std::int64_t(35));
    QCOMPARE(timing.maxConcurrency, 1);
    QCOMPARE(timing.averageConcurrency(), 1.0);
}

void TestCallGroupTiming::gapsAreNotWallTime()
{
    const CallGroupTiming timing = timingOf({{10, 20}, {25, 30}, {100, 110}});
    QCOMPARE(timing.summedNs, std::int64_t(25));
    QCOMPARE(timing.wallNs, std::int64_t(25));
    QCOMPARE(timing.lastEndNs - timing.firstStartNs, std::int64_t(100));
}

void TestCallGroupTiming::overlapping()
{
    // Three in flight over [20, 25).
    const CallGroupTiming timing = timingOf({{10, 25}, {15, 30}, {20, 40}, {40, 50}});
    QCOMPARE(timing.summedNs, std::int64_t(15 + 15 + 20 + 10));
    QCOMPARE(timing.wallNs, std::int64_t(40));
    QCOMPARE(timing.maxConcurrency, 3);
    QCOMPARE(timing.averageConcurrency(), 60.0 / 40.0);
}

void TestCallGroupTiming::nested()
{
    // A long call with two short ones inside it, and a third after it.
    const CallGroupTiming timing = timingOf({{0, 100}, {10, 20}, {30, 40}, {150, 160}});
    QCOMPARE(timing.wallNs, std::int64_t(110));
    QCOMPARE(timing.maxConcurrency, 2);
}

void TestCallGroupTiming::zeroLengthAndBackwardsCalls()
{
    const CallGroupTiming instants = timingOf({{10, 10}, {10, 10}, {20, 20}});
    QCOMPARE(instants.wallNs, std::int64_t(0));
    QCOMPARE(instants.maxConcurrency, 1);
    QCOMPARE(instants.averageConcurrency(), 1.0);
    // A call ending before it starts counts as an instant at its start.
    const CallGroupTiming backwards = timingOf({{10, 20}, {30, 25}});
    QCOMPARE(backwards.summedNs, std::int64_t(10));
    QCOMPARE(backwards.lastEndNs, AnalysisTraceBuilder::Base + 30);
}

QTEST_GUILESS_MAIN(TestCallGroupTiming)
#include "tst_call_group_timing.moc"
