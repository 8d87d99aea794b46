// WorkbenchLayoutPlan and TraceRoomPlan: the first run's window on common screens, the default
// pane arrangement by width, and how the Traces pane shares its height with an open trace.
#include "view/trace_room_plan.h"
#include "view/workbench_layout_plan.h"

#include <QTest>

using namespace kansoku;

class TestWorkbenchLayoutPlan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstRunWindowTakesMostOfTheScreen_data();
    void firstRunWindowTakesMostOfTheScreen();
    void arrangementFollowsWidth_data();
    void arrangementFollowsWidth();
    void traceRoomSplit_data();
    void traceRoomSplit();
};

void TestWorkbenchLayoutPlan::firstRunWindowTakesMostOfTheScreen_data()
{
    QTest::addColumn<QRect>("available");
    QTest::addColumn<QRect>("window");
    QTest::newRow("1920x1080") << QRect(0, 0, 1920, 1080) << QRect(48, 27, 1824, 1026);
    // A desktop panel on top; the window stays inside what is left, centred in it.
    QTest::newRow("1920x1080 with a panel") << QRect(0, 32, 1920, 1048) << QRect(48, 58, 1824, 995);
    QTest::newRow("1366x768") << QRect(0, 0, 1366, 768) << QRect(34, 19, 1297, 729);
    // A second screen to the right.
    QTest::newRow("second screen") << QRect(1920, 0, 2560, 1440) << QRect(1984, 36, 2432, 1368);
    QTest::newRow("no screen") << QRect() << QRect();
}

void TestWorkbenchLayoutPlan::firstRunWindowTakesMostOfTheScreen()
{
    QFETCH(QRect, available);
    QFETCH(QRect, window);
    const QRect geometry = WorkbenchLayoutPlan::firstRunWindowGeometry(available);
    QCOMPARE(geometry, window);
    if (!available.isEmpty())
        QVERIFY(available.contains(geometry));
}

void TestWorkbenchLayoutPlan::arrangementFollowsWidth_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<bool>("columns");
    QTest::addColumn<int>("tracesPercent");
    // 1366 and 1440 px screens: tabs, each pane at full width.
    QTest::newRow("1297 (1366 screen)") << 1297 << false << 0;
    QTest::newRow("1368 (1440 screen)") << 1368 << false << 0;
    // Three columns; Traces keeps 40% until it can have 1010 px with 390 px for each other pane.
    QTest::newRow("1400") << 1400 << true << 40;
    QTest::newRow("1600") << 1600 << true << 40;
    QTest::newRow("1789") << 1789 << true << 40;
    QTest::newRow("1790") << 1790 << true << 57; // 1010 / 1790 = 56.4%, rounded up
    QTest::newRow("1824 (1920 screen)") << 1824 << true << 56;
    QTest::newRow("2432 (2560 screen)") << 2432 << true << 42;
    QTest::newRow("3648 (3840 screen)") << 3648 << true << 40;
}

void TestWorkbenchLayoutPlan::arrangementFollowsWidth()
{
    QFETCH(int, width);
    QFETCH(bool, columns);
    QFETCH(int, tracesPercent);
    const PaneArrangement arrangement = WorkbenchLayoutPlan::arrangementForWidth(width);
    QCOMPARE(arrangement.kind == PaneArrangement::Kind::Columns, columns);
    if (!columns)
        return;
    QCOMPARE(arrangement.tracesPercent, tracesPercent);
    QCOMPARE(arrangement.tracesPercent + arrangement.metricsPercent + arrangement.logsPercent, 100);
    QVERIFY(std::abs(arrangement.metricsPercent - arrangement.logsPercent) <= 1);
    // Whenever Traces is raised, it gets the whole room and the others keep their minimum.
    if (tracesPercent > 40) {
        QVERIFY(width * arrangement.tracesPercent / 100 >= WorkbenchLayoutPlan::tracesRoomWidthPx);
        QVERIFY(width * arrangement.metricsPercent / 100
                >= WorkbenchLayoutPlan::columnMinWidthPx - width / 100);
    }
}

void TestWorkbenchLayoutPlan::traceRoomSplit_data()
{
    QTest::addColumn<int>("pane");
    QTest::addColumn<int>("traceWanted");
    QTest::addColumn<bool>("browserShown");
    QTest::addColumn<bool>("scatterShown");
    QTest::addColumn<int>("browserHeight");
    // The browser's list needs 200 px, the scatter 150 more.
    // A 2-span trace: the browser keeps its share (at most 40%), scatter and all.
    QTest::newRow("small trace") << 900 << 200 << true << true << 360;
    // A mid-sized trace leaves room for the list only.
    QTest::newRow("list only") << 900 << 600 << true << false << 300;
    // A 60-span trace wants more than the pane: the browser folds away.
    QTest::newRow("large trace") << 900 << 1600 << false << false << 0;
    QTest::newRow("just not enough") << 900 << 701 << false << false << 0;
    QTest::newRow("just enough") << 900 << 700 << true << false << 200;
    QTest::newRow("no height") << 0 << 100 << false << false << 0;
}

void TestWorkbenchLayoutPlan::traceRoomSplit()
{
    QFETCH(int, pane);
    QFETCH(int, traceWanted);
    QFETCH(bool, browserShown);
    QFETCH(bool, scatterShown);
    QFETCH(int, browserHeight);
    const TraceRoomSplit split = TraceRoomPlan::split(pane, traceWanted, 200, 150);
    QCOMPARE(split.browserShown, browserShown);
    QCOMPARE(split.scatterShown, scatterShown);
    QCOMPARE(split.browserHeightPx, browserHeight);
    QCOMPARE(split.browserHeightPx + split.traceHeightPx, pane);
}

QTEST_GUILESS_MAIN(TestWorkbenchLayoutPlan)
#include "tst_workbench_layout_plan.moc"
