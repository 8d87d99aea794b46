#include "analysis/overview_geometry.h"
#include "analysis/waterfall_geometry.h"
#include "support/synthetic_trace.h"
#include "support/trace_test_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::TraceTestBuilder;
using Kind = WaterfallItem::Kind;

class TestWaterfallGeometry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void barsForVisibleRowsOnly();
    void shortBarKeepsMinimumWidth();
    void offscreenBarIsSkipped();
    void eventsFoldWhenClose_data();
    void eventsFoldWhenClose();
    void errorMark();
    void collapsedRowShowsFoldedDescendants();
    void hitTesting();
    void groupRowShowsItsMembers();
    void laneFolding_data();
    void laneFolding();
    void laneFoldingVisitsOnlyTheView();
    void overviewFoldsManySpans();
};

static constexpr double RowHeight = 20;

// 0..1000 ns over 1000 px; root with 4 children.
static std::shared_ptr<const Trace> fanOut()
{
    return TraceTestBuilder()
        .span(1, 0, 0, 1000, 0, "root")
        .span(2, 1, 100, 300, 1, "a")
        .span(3, 1, 400, 401, 1, "b")
        .span(4, 1, 500, 900, 2, "c", true)
        .event(600, "e1")
        .event(601, "e2")
        .event(800, "e3")
        .span(5, 1, 950, 999, 1, "d")
        .build();
}

static std::vector<WaterfallItem> ofKind(const std::vector<WaterfallItem> &items, Kind kind)
{
    std::vector<WaterfallItem> result;
    for (const WaterfallItem &item : items) {
        if (item.kind == kind)
            result.push_back(item);
    }
    return result;
}

void TestWaterfallGeometry::barsForVisibleRowsOnly()
{
    const SpanTree tree(fanOut());
    const TimeScale scale(tree.startTimeNs(), tree.endTimeNs(), 1000);
    const auto bars = ofKind(WaterfallGeometry::build(tree, 1, 3, scale, RowHeight), Kind::Bar);
    QCOMPARE(int(bars.size()), 2);
    QCOMPARE(bars[0].row, 1);
    QCOMPARE(bars[0].node, 1);
    QCOMPARE(bars[0].rect.left(), 100.0);
    QCOMPARE(bars[0].rect.width(), 200.0);
    QVERIFY(bars[0].rect.top() > RowHeight && bars[0].rect.bottom() < 2 * RowHeight);
    QCOMPARE(bars[1].row, 2);
    // Row ranges are clamped to the rows that exist.
    QCOMPARE(ofKind(WaterfallGeometry::build(tree, -5, 100, scale, RowHeight), Kind::Bar).size(),
             std::size_t(5));
}

void TestWaterfallGeometry::shortBarKeepsMinimumWidth()
{
    const SpanTree tree(fanOut());
    const TimeScale scale(tree.startTimeNs(), tree.endTimeNs(), 1000);
    const auto bars = ofKind(WaterfallGeometry::build(tree, 2, 3, scale, RowHeight), Kind::Bar);
    QCOMPARE(int(bars.size()), 1);
    QCOMPARE(bars[0].rect.left(), 400.0);
    QCOMPARE(bars[0].rect.width(), WaterfallGeometry::MinimumBarWidthPx);
}

void TestWaterfallGeometry::offscreenBarIsSkipped()
{
    const SpanTree tree(fanOut());
    TimeScale scale(tree.startTimeNs(), tree.endTimeNs(), 1000);
    scale.setView(tree.startTimeNs() + 450, 100); // 10 px per ns: only root and "c" are in view
    const auto bars = ofKind(WaterfallGeometry::build(tree, 0, 5, scale, RowHeight), Kind::Bar);
    QCOMPARE(int(bars.size()), 2);
    QCOMPARE(bars[0].node, 0);
    QCOMPARE(bars[0].rect.left(), -2.0); // clamped, not -4500
    QCOMPARE(bars[0].rect.right(), 1002.0);
    QCOMPARE(bars[1].node, 3);
    QCOMPARE(bars[1].rect.left(), 500.0);
}

void TestWaterfallGeometry::eventsFoldWhenClose_data()
{
    QTest::addColumn<double>("widthPx");
    QTest::addColumn<QList<int>>("counts");
    // e1 and e2 are 1 ns apart, e3 199 ns later.
    QTest::newRow("1 px/ns: e1+e2 fold") << 1000.0 << QList<int>{2, 1};
    QTest::newRow("10 px/ns: all apart") << 10000.0 << QList<int>{1, 1, 1};
    QTest::newRow("0.01 px/ns: all fold") << 10.0 << QList<int>{3};
}

void TestWaterfallGeometry::eventsFoldWhenClose()
{
    QFETCH(double, widthPx);
    QFETCH(QList<int>, counts);
    const SpanTree tree(fanOut());
    const TimeScale scale(tree.startTimeNs(), tree.endTimeNs(), widthPx);
    QList<int> actual;
    for (const WaterfallItem &item : WaterfallGeometry::build(tree, 3, 4, scale, RowHeight)) {
        if (item.kind == Kind::Event || item.kind == Kind::FoldedEvents) {
            QCOMPARE(item.kind, item.count == 1 ? Kind::Event : Kind::FoldedEvents);
            QCOMPARE(item.node, 3);
            actual << item.count;
        }
    }
    QCOMPARE(actual, counts);
}

void TestWaterfallGeometry::errorMark()
{
    const SpanTree tree(fanOut());
    const TimeScale scale(tree.startTimeNs(), tree.endTimeNs(), 1000);
    const auto marks
        = ofKind(WaterfallGeometry::build(tree, 0, 5, scale, RowHeight), Kind::ErrorMark);
    QCOMPARE(int(marks.size()), 1);
    QCOMPARE(marks[0].node, 3);
    QCOMPARE(marks[0].rect.left(), 903.0);
}

void TestWaterfallGeometry::collapsedRowShowsFoldedDescendants()
{
    SpanTree tree(fanOut());
    tree.setCollapsed(0, true);
    const TimeScale scale(tree.startTimeNs(), tree.endTimeNs(), 100); // 10 ns per px
    const auto items = WaterfallGeometry::build(tree, 0, 1, scale, RowHeight);
    const auto summaries = ofKind(items, Kind::CollapsedSummary);
    // a [10,30) and c [50,90) px are wide; b (0.1 px) and d (4.9 px → wide) stand alone.
    QCOMPARE(int(summaries.size()), 4);
    int total = 0;
    for (const WaterfallItem &item : summaries) {
        total += item.count;
        QCOMPARE(item.row, 0);
        QVERIFY(item.rect.width() >= WaterfallGeometry::MinimumBoxWidthPx);
    }
    QCOMPARE(total, 4);
    QCOMPARE(summaries[1].rect.left(), 40.0);
    QCOMPARE(summaries[1].rect.width(), 3.0);

    // Narrower: b, c's start, d fold in fewer boxes but every span is still counted.
    const TimeScale narrow(tree.startTimeNs(), tree.endTimeNs(), 20);
    int narrowTotal = 0;
    const auto folded
        = ofKind(WaterfallGeometry::build(tree, 0, 1, narrow, RowHeight), Kind::CollapsedSummary);
    for (const WaterfallItem &item : folded)
        narrowTotal += item.count;
    QCOMPARE(narrowTotal, 4);
    QVERIFY(folded.size() < summaries.size());
}

void TestWaterfallGeometry::hitTesting()
{
    const SpanTree tree(fanOut());
    const TimeScale scale(tree.startTimeNs(), tree.endTimeNs(), 1000);
    const auto items = WaterfallGeometry::build(tree, 0, 5, scale, RowHeight);
    QCOMPARE(WaterfallGeometry::rowAt(tree, 1.5 * RowHeight, RowHeight), 1);
    QCOMPARE(WaterfallGeometry::rowAt(tree, 5.5 * RowHeight, RowHeight), -1);
    QCOMPARE(WaterfallGeometry::rowAt(tree, -1, RowHeight), -1);
    const WaterfallItem *bar = WaterfallGeometry::itemAt(items, QPointF(200, 1.5 * RowHeight));
    QVERIFY(bar);
    QCOMPARE(bar->kind, Kind::Bar);
    QCOMPARE(bar->node, 1);
    const WaterfallItem *event = WaterfallGeometry::itemAt(items, QPointF(800, 3.5 * RowHeight));
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Event);
    QCOMPARE(WaterfallGeometry::itemAt(items, QPointF(50, 1.5 * RowHeight)), nullptr);
}

void TestWaterfallGeometry::laneFolding_data()
{
    QTest::addColumn<QList<qint64>>("intervals"); // start, end pairs; 1 px per ns
    QTest::addColumn<QList<int>>("counts");
    QTest::addColumn<QList<double>>("lefts");
    QTest::newRow("wide apart") << QList<qint64>{0, 10, 20, 30} << QList<int>{1, 1}
                                << QList<double>{0, 20};
    QTest::newRow("tiny run folds")
        << QList<qint64>{0, 1, 1, 2, 2, 3, 50, 51} << QList<int>{3, 1} << QList<double>{0, 50};
    QTest::newRow("tiny then wide")
        << QList<qint64>{0, 1, 5, 40} << QList<int>{1, 1} << QList<double>{0, 5};
    QTest::newRow("out of view") << QList<qint64>{-50, -40, 200, 300} << QList<int>{}
                                 << QList<double>{};
}

void TestWaterfallGeometry::laneFolding()
{
    QFETCH(QList<qint64>, intervals);
    QFETCH(QList<int>, counts);
    QFETCH(QList<double>, lefts);
    IntervalLane lane;
    for (qsizetype i = 0; i < intervals.size(); i += 2)
        lane.add(intervals[i], intervals[i + 1], int(i / 2));
    lane.finish();
    TimeScale scale(-100, 1000, 100);
    scale.setView(0, 100);
    std::vector<LaneBox> boxes;
    lane.appendBoxes(scale, 3, boxes);
    QList<int> actualCounts;
    QList<double> actualLefts;
    for (const LaneBox &box : boxes) {
        actualCounts << box.count;
        actualLefts << box.x0;
        QVERIFY(box.x1 - box.x0 >= 3 - 1e-9);
    }
    QCOMPARE(actualCounts, counts);
    QCOMPARE(actualLefts, lefts);
}

void TestWaterfallGeometry::laneFoldingVisitsOnlyTheView()
{
    // 100k touching 10-ns intervals over 1 ms, 1000 px: every pixel holds 10 of them.
    IntervalLane lane;
    for (int i = 0; i < 100000; ++i)
        lane.add(std::int64_t(i) * 10, std::int64_t(i) * 10 + 10, i);
    lane.finish();
    const TimeScale scale(0, 1000000, 1000);
    std::vector<LaneBox> boxes;
    lane.appendBoxes(scale, 3, boxes);
    int total = 0;
    for (const LaneBox &box : boxes)
        total += box.count;
    QCOMPARE(total, 100000);
    QVERIFY(boxes.size() <= 1000 / 3 + 1);
    QCOMPARE(boxes.front().x0, 0.0);
    QCOMPARE(boxes.back().x1, 1000.0);
}

void TestWaterfallGeometry::overviewFoldsManySpans()
{
    const SpanTree tree(makeSyntheticTrace({200000, 3}));
    const OverviewGeometry overview(tree, 8);
    QCOMPARE(overview.laneCount(), 8);
    const TimeScale scale(tree.startTimeNs(), tree.endTimeNs(), 1920);
    const std::vector<OverviewBox> boxes = overview.build(scale, 40);
    int total = 0;
    for (const OverviewBox &box : boxes) {
        total += box.count;
        QVERIFY(box.rect.left() >= 0 && box.rect.right() <= 1920);
        QVERIFY(box.rect.top() >= 0 && box.rect.bottom() <= 40 + 1e-9);
    }
    QCOMPARE(total, 200000);
    QVERIFY(boxes.size() < 8 * 1920 / 2);
}

void TestWaterfallGeometry::groupRowShowsItsMembers()
{
    // root [0,1000) → six calls of 50 ns every 100 ns from 100 (the fourth in error), then d.
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 0, "root");
    for (int i = 0; i < 6; ++i)
        builder.span(10 + std::uint64_t(i), 1, 100 + 100 * i, 150 + 100 * i, 2, "SELECT", i == 3);
    builder.span(2, 1, 950, 999, 1, "d");
    const SpanTree tree(builder.build());
    QCOMPARE(tree.rowCount(), 3);
    const TimeScale scale(tree.startTimeNs(), tree.endTimeNs(), 1000);
    const std::vector<WaterfallItem> items = WaterfallGeometry::build(tree, 1, 2, scale, RowHeight);
    // No bar of its own: the extent, one box per call, the call in error, a mark at the end.
    QVERIFY(ofKind(items, Kind::Bar).empty());
    const std::vector<WaterfallItem> extent = ofKind(items, Kind::GroupExtent);
    QCOMPARE(int(extent.size()), 1);
    QCOMPARE(extent[0].rect.left(), 100.0);
    QCOMPARE(extent[0].rect.right(), 650.0);
    QCOMPARE(extent[0].count, 6);
    QCOMPARE(extent[0].node, 1);
    const std::vector<WaterfallItem> members = ofKind(items, Kind::GroupMembers);
    QCOMPARE(int(members.size()), 6);
    QCOMPARE(members[2].rect.left(), 300.0);
    QCOMPARE(members[2].rect.width(), 50.0);
    QCOMPARE(members[2].node, 3);
    const std::vector<WaterfallItem> errors = ofKind(items, Kind::GroupErrors);
    QCOMPARE(int(errors.size()), 1);
    QCOMPARE(errors[0].node, 4);
    QCOMPARE(errors[0].rect.left(), 400.0);
    QCOMPARE(int(ofKind(items, Kind::ErrorMark).size()), 1);
    QCOMPARE(items.front().kind, Kind::GroupExtent); // painted first, under the calls
    // A call's box wins over the extent under it; the gap between two calls is the group's.
    const double y = RowHeight + RowHeight / 2;
    QCOMPARE(WaterfallGeometry::itemAt(items, QPointF(320, y))->node, 3);
    QCOMPARE(WaterfallGeometry::itemAt(items, QPointF(375, y))->kind, Kind::GroupExtent);

    // At 15 px for the whole trace the calls (1.5 px apart) fold into boxes with their count.
    const TimeScale narrow(tree.startTimeNs(), tree.endTimeNs(), 15);
    const std::vector<WaterfallItem> folded
        = ofKind(WaterfallGeometry::build(tree, 1, 2, narrow, RowHeight), Kind::GroupMembers);
    int calls = 0;
    for (const WaterfallItem &box : folded)
        calls += box.count;
    QCOMPARE(calls, 6);
    QVERIFY(folded.size() < 6);
}

QTEST_GUILESS_MAIN(TestWaterfallGeometry)
#include "tst_waterfall_geometry.moc"
