#include "view/workbench_state.h"

#include <QSignalSpy>
#include <QTest>
#include <limits>

using namespace kansoku;

namespace {
constexpr std::int64_t minute = 60'000'000'000LL;
constexpr std::int64_t openEnd = std::numeric_limits<std::int64_t>::max();
} // namespace

class TestWorkbenchState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startsWithAllTime();
    void presetEndsAtNewestData_data();
    void presetEndsAtNewestData();
    void followingMovesWithData();
    void frozenPresetStaysPut();
    void customRangeStopsFollowing();
    void followingAgainLeavesCustom();
    void displayRangeClampsToData();
    void emptyCustomRangeIgnored();
    void serviceChangeSignalsOnce();
    void selectionAndLogRequests();
    void highlightGoesWithTheSelection();
    void metricRequests();
};

void TestWorkbenchState::startsWithAllTime()
{
    WorkbenchState state;
    QCOMPARE(state.timeRange(), TimeRange{});
    QVERIFY(state.isFollowingLive());
    QCOMPARE(state.rangePreset(), WorkbenchState::RangePreset::All);
}

void TestWorkbenchState::presetEndsAtNewestData_data()
{
    QTest::addColumn<WorkbenchState::RangePreset>("preset");
    QTest::addColumn<std::int64_t>("durationNs");
    QTest::newRow("5 m") << WorkbenchState::RangePreset::Last5Minutes << 5 * minute;
    QTest::newRow("15 m") << WorkbenchState::RangePreset::Last15Minutes << 15 * minute;
    QTest::newRow("1 h") << WorkbenchState::RangePreset::LastHour << 60 * minute;
    QTest::newRow("6 h") << WorkbenchState::RangePreset::Last6Hours << 360 * minute;
}

void TestWorkbenchState::presetEndsAtNewestData()
{
    QFETCH(WorkbenchState::RangePreset, preset);
    QFETCH(std::int64_t, durationNs);
    WorkbenchState state;
    state.setDataBounds(TimeRange{1000 * minute, 2000 * minute});
    QSignalSpy changed(&state, &WorkbenchState::timeRangeChanged);
    state.setRangePreset(preset);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(state.timeRange().startNs, 2000 * minute - durationNs);
    QCOMPARE(state.timeRange().endNs, openEnd);
}

void TestWorkbenchState::followingMovesWithData()
{
    WorkbenchState state;
    state.setDataBounds(TimeRange{0, 100 * minute});
    state.setRangePreset(WorkbenchState::RangePreset::Last5Minutes);
    QSignalSpy changed(&state, &WorkbenchState::timeRangeChanged);
    state.setDataBounds(TimeRange{0, 101 * minute});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(state.timeRange().startNs, 96 * minute);
}

void TestWorkbenchState::frozenPresetStaysPut()
{
    WorkbenchState state;
    state.setFollowLive(false);
    state.setDataBounds(TimeRange{0, 100 * minute});
    state.setRangePreset(WorkbenchState::RangePreset::Last5Minutes);
    QCOMPARE(state.timeRange(), (TimeRange{95 * minute, 100 * minute + 1}));
    QSignalSpy changed(&state, &WorkbenchState::timeRangeChanged);
    state.setDataBounds(TimeRange{0, 200 * minute});
    QCOMPARE(changed.count(), 0);
    QCOMPARE(state.timeRange(), (TimeRange{95 * minute, 100 * minute + 1}));
}

void TestWorkbenchState::customRangeStopsFollowing()
{
    WorkbenchState state;
    state.setDataBounds(TimeRange{0, 100 * minute});
    state.setCustomRange(TimeRange{10 * minute, 20 * minute});
    QVERIFY(!state.isFollowingLive());
    QCOMPARE(state.rangePreset(), WorkbenchState::RangePreset::Custom);
    QSignalSpy follow(&state, &WorkbenchState::followLiveChanged);
    state.setCustomRange(TimeRange{11 * minute, 20 * minute});
    QCOMPARE(follow.count(), 0); // already not following
    state.setDataBounds(TimeRange{0, 300 * minute});
    QCOMPARE(state.timeRange(), (TimeRange{11 * minute, 20 * minute}));
}

void TestWorkbenchState::followingAgainLeavesCustom()
{
    WorkbenchState state;
    state.setDataBounds(TimeRange{0, 100 * minute});
    state.setCustomRange(TimeRange{10 * minute, 20 * minute});
    QSignalSpy follow(&state, &WorkbenchState::followLiveChanged);
    state.setFollowLive(true);
    QCOMPARE(follow.count(), 1);
    QCOMPARE(follow.at(0).at(0).toBool(), true);
    QCOMPARE(state.rangePreset(), WorkbenchState::RangePreset::LastHour);
    QCOMPARE(state.timeRange(), (TimeRange{40 * minute, openEnd}));
}

void TestWorkbenchState::displayRangeClampsToData()
{
    WorkbenchState state;
    QCOMPARE(state.displayRange(), TimeRange{});
    state.setDataBounds(TimeRange{7 * minute, 100 * minute});
    QCOMPARE(state.displayRange(), (TimeRange{7 * minute, 100 * minute}));
    state.setRangePreset(WorkbenchState::RangePreset::Last5Minutes);
    QCOMPARE(state.displayRange(), (TimeRange{95 * minute, 100 * minute}));
}

void TestWorkbenchState::emptyCustomRangeIgnored()
{
    WorkbenchState state;
    QSignalSpy changed(&state, &WorkbenchState::timeRangeChanged);
    state.setCustomRange(TimeRange{5, 5});
    QCOMPARE(changed.count(), 0);
    QVERIFY(state.isFollowingLive());
}

void TestWorkbenchState::serviceChangeSignalsOnce()
{
    WorkbenchState state;
    QSignalSpy changed(&state, &WorkbenchState::serviceChanged);
    state.setService(QStringLiteral("checkout"));
    state.setService(QStringLiteral("checkout"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(state.service(), QStringLiteral("checkout"));
}

void TestWorkbenchState::selectionAndLogRequests()
{
    WorkbenchState state;
    const TraceId traceId = *idFromHex<16>("0102030405060708090a0b0c0d0e0f10");
    const SpanId spanId = *idFromHex<8>("1112131415161718");
    QSignalSpy selected(&state, &WorkbenchState::spanSelected);
    QSignalSpy logs(&state, &WorkbenchState::logsRequested);
    state.selectSpan(traceId, spanId);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(state.selectedTraceId(), traceId);
    QCOMPARE(state.selectedSpanId(), spanId);
    state.requestLogsOf(traceId);
    QCOMPARE(logs.count(), 1);
    QVERIFY(logs.at(0).at(1).value<SpanId>().isZero());
}

void TestWorkbenchState::metricRequests()
{
    WorkbenchState state;
    QSignalSpy metrics(&state, &WorkbenchState::metricRequested);
    state.requestMetric(QStringLiteral("shop|http.server.request.duration|3"),
                        QStringLiteral("http.route"));
    state.requestMetric(QStringLiteral("shop|jvm.memory.used|1"));
    QCOMPARE(metrics.count(), 2);
    QCOMPARE(metrics.at(0).at(0).toString(), QStringLiteral("shop|http.server.request.duration|3"));
    QCOMPARE(metrics.at(0).at(1).toString(), QStringLiteral("http.route"));
    QVERIFY(metrics.at(1).at(1).toString().isEmpty());
}

void TestWorkbenchState::highlightGoesWithTheSelection()
{
    WorkbenchState state;
    const TraceId traceId = *idFromHex<16>("0102030405060708090a0b0c0d0e0f10");
    const TraceId otherTrace = *idFromHex<16>("f102030405060708090a0b0c0d0e0f10");
    const SpanId first = *idFromHex<8>("1112131415161718");
    const SpanId second = *idFromHex<8>("2112131415161718");
    const SpanId outside = *idFromHex<8>("3112131415161718");
    QSignalSpy selected(&state, &WorkbenchState::spanSelected);
    QSignalSpy highlight(&state, &WorkbenchState::highlightChanged);
    // The highlight is in place when spanSelected arrives.
    std::vector<SpanId> seenWithSelection;
    connect(&state, &WorkbenchState::spanSelected, this,
            [&] { seenWithSelection = state.highlightedSpans(); });

    state.selectSpans(traceId, {first, second});
    QCOMPARE(highlight.count(), 1);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(1).value<SpanId>(), first);
    QCOMPARE(state.selectedSpanId(), first);
    QCOMPARE(state.highlightedTraceId(), traceId);
    QCOMPARE(state.highlightedSpans(), (std::vector<SpanId>{first, second}));
    QCOMPARE(seenWithSelection, (std::vector<SpanId>{first, second}));

    // Stepping through the highlighted spans keeps them highlighted.
    state.selectSpan(traceId, second);
    QCOMPARE(highlight.count(), 1);
    QCOMPARE(state.highlightedSpans().size(), std::size_t(2));
    // Another span of the trace, the trace itself, or another trace clears it.
    state.selectSpan(traceId, outside);
    QCOMPARE(highlight.count(), 2);
    QVERIFY(state.highlightedSpans().empty());
    QVERIFY(!state.highlightedTraceId());

    state.selectSpans(traceId, {first});
    state.selectSpan(traceId);
    QVERIFY(state.highlightedSpans().empty());
    state.selectSpans(traceId, {first});
    state.selectSpan(otherTrace, first);
    QVERIFY(state.highlightedSpans().empty());
    QCOMPARE(highlight.count(), 6);

    // No spans: just the trace, nothing highlighted.
    state.selectSpans(otherTrace, {});
    QCOMPARE(state.selectedTraceId(), otherTrace);
    QVERIFY(state.selectedSpanId().isZero());
    QCOMPARE(highlight.count(), 6);

    // A new session drops it with the selection.
    state.selectSpans(traceId, {first});
    state.resetForNewSession();
    QVERIFY(state.highlightedSpans().empty());
    QVERIFY(!state.selectedTraceId());
}

QTEST_GUILESS_MAIN(TestWorkbenchState)
#include "tst_workbench_state.moc"
