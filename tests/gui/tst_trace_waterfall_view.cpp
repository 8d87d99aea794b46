#include "service_palette.h"
#include "support/trace_test_builder.h"
#include "trace_waterfall_view.h"

#include <QApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace kansoku;
using kansoku::test::TraceTestBuilder;

class TestTraceWaterfallView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void clickBarSelectsSpan();
    void clickExpanderCollapsesAndExpands();
    void ctrlWheelZoomsAboutCursor();
    void plainWheelScrollsRows();
    void dragPansWithoutSelecting();
    void minimapClickMovesWindow();
    void minimapDragMovesWindow();
    void minimapIsPaintedOnTop();
    void keyboardNavigation();
    void setSelectedNodeExpandsAncestors();
    void highlightedRowsAreMarkedAndShown();
    void repaintsReuseGeometry();
    void criticalPathIsMarkedOnItsBars();

private:
    std::unique_ptr<TraceWaterfallView> m_view;
    std::shared_ptr<SpanTree> m_tree;
};

// root [0,1000): a [100,300) with a1 [150,250); b [400,900) (error); c [920,990).
void TestTraceWaterfallView::init()
{
    m_tree = std::make_shared<SpanTree>(TraceTestBuilder()
                                            .span(1, 0, 0, 1000, 0, "root")
                                            .span(2, 1, 100, 300, 1, "a")
                                            .span(3, 2, 150, 250, 2, "a1")
                                            .span(4, 1, 400, 900, 1, "b", true)
                                            .event(600, "retry")
                                            .span(5, 1, 920, 990, 2, "c")
                                            .build());
    m_view = std::make_unique<TraceWaterfallView>();
    m_view->resize(1000, 400);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->setTree(m_tree);
}

void TestTraceWaterfallView::cleanup()
{
    m_view.reset();
    m_tree.reset();
}

static void sendWheel(QWidget *target, QPoint pos, int delta, Qt::KeyboardModifiers modifiers)
{
    QWheelEvent wheel(QPointF(pos), QPointF(target->mapToGlobal(pos)), QPoint(), QPoint(0, delta),
                      Qt::NoButton, modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(target, &wheel);
}

void TestTraceWaterfallView::clickBarSelectsSpan()
{
    QSignalSpy selected(m_view.get(), &TraceWaterfallView::nodeSelected);
    const QRectF bar = m_view->barRect(3); // "b"
    QVERIFY(!bar.isEmpty());
    // Bars sit in the right-hand time area, on their row, proportional to time.
    QCOMPARE(bar.top() > TraceWaterfallView::HeaderHeight + 3 * TraceWaterfallView::RowHeight,
             true);
    QCOMPARE(qRound(bar.width()), qRound(m_view->barAreaRect().width() * 0.5));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, bar.center().toPoint());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).toInt(), 3);
    QCOMPARE(m_view->selectedNode(), 3);

    // Clicking the row's label in the tree column selects too.
    const QPoint label(200, int(m_view->barRect(1).center().y()));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, label);
    QCOMPARE(selected.count(), 2);
    QCOMPARE(selected.at(1).at(0).toInt(), 1);
}

void TestTraceWaterfallView::clickExpanderCollapsesAndExpands()
{
    QCOMPARE(m_tree->rowCount(), 5);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->expanderRect(1).center());
    QVERIFY(m_tree->isCollapsed(1));
    QCOMPARE(m_tree->rowCount(), 4);
    QVERIFY(m_view->barRect(2).isEmpty()); // a1 is hidden
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->expanderRect(1).center());
    QCOMPARE(m_tree->rowCount(), 5);
    QVERIFY(m_view->expanderRect(4).isEmpty()); // a leaf has no triangle
}

void TestTraceWaterfallView::ctrlWheelZoomsAboutCursor()
{
    QSignalSpy windowChanged(m_view.get(), &TraceWaterfallView::timeWindowChanged);
    const QRect bars = m_view->barAreaRect();
    const QPoint cursor(bars.left() + bars.width() / 4, 200);
    const std::int64_t before = m_view->timeScale().timeForX(cursor.x() - bars.left());
    QCOMPARE(m_view->timeScale().viewDurationNs(), std::int64_t(1000));
    sendWheel(m_view->viewport(), cursor, 240, Qt::ControlModifier);
    QCOMPARE(m_view->timeScale().viewDurationNs(), std::int64_t(640)); // 1000 / 1.25²
    QVERIFY(std::llabs(m_view->timeScale().timeForX(cursor.x() - bars.left()) - before) <= 1);
    QCOMPARE(windowChanged.count(), 1);
    // Zooming out again cannot go past the whole trace.
    sendWheel(m_view->viewport(), cursor, -1200, Qt::ControlModifier);
    QVERIFY(m_view->timeScale().showsAll());
}

void TestTraceWaterfallView::plainWheelScrollsRows()
{
    m_view->resize(1000, TraceWaterfallView::HeaderHeight + 2 * TraceWaterfallView::RowHeight);
    QVERIFY(m_view->verticalScrollBar()->maximum() > 0);
    sendWheel(m_view->viewport(), QPoint(500, 80), -120, Qt::NoModifier);
    QVERIFY(m_view->verticalScrollBar()->value() > 0);
    QCOMPARE(m_view->timeScale().viewDurationNs(), std::int64_t(1000)); // no zoom
}

void TestTraceWaterfallView::dragPansWithoutSelecting()
{
    QSignalSpy selected(m_view.get(), &TraceWaterfallView::nodeSelected);
    const QRect bars = m_view->barAreaRect();
    sendWheel(m_view->viewport(), QPoint(bars.center().x(), 200), 120 * 5, Qt::ControlModifier);
    const std::int64_t startBefore = m_view->timeScale().viewStartNs();
    const QPoint from(bars.center().x(), 150);
    QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(m_view->viewport(), from + QPoint(60, 0));
    QTest::mouseMove(m_view->viewport(), from + QPoint(120, 0));
    QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, from + QPoint(120, 0));
    // Dragging right shows earlier times by exactly the dragged pixels.
    const std::int64_t expected = startBefore - m_view->timeScale().durationForPixels(120);
    QVERIFY(std::llabs(m_view->timeScale().viewStartNs() - expected) <= 2);
    QCOMPARE(selected.count(), 0);
}

void TestTraceWaterfallView::minimapClickMovesWindow()
{
    const QRect bars = m_view->barAreaRect();
    sendWheel(m_view->viewport(), QPoint(bars.left(), 200), 120 * 6, Qt::ControlModifier);
    QCOMPARE(m_view->timeScale().viewStartNs(), m_tree->startTimeNs());
    const QRect map = m_view->minimapRect();
    const int clickX = map.width() * 3 / 4;
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      QPoint(map.left() + clickX, map.center().y()));
    // The window is centred on the time under the click in the whole-trace minimap.
    const TimeScale whole(m_tree->startTimeNs(), m_tree->endTimeNs(), map.width());
    const std::int64_t center
        = m_view->timeScale().viewStartNs() + m_view->timeScale().viewDurationNs() / 2;
    QVERIFY(std::llabs(center - whole.timeForX(clickX)) <= 1);
    QVERIFY(std::llabs(center - (m_tree->startTimeNs() + 750)) <= 5);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      QPoint(map.right(), map.center().y()));
    QCOMPARE(m_view->timeScale().viewEndNs(), m_tree->endTimeNs());
}

void TestTraceWaterfallView::minimapDragMovesWindow()
{
    QSignalSpy windowChanged(m_view.get(), &TraceWaterfallView::timeWindowChanged);
    QSignalSpy selected(m_view.get(), &TraceWaterfallView::nodeSelected);
    const QRect bars = m_view->barAreaRect();
    sendWheel(m_view->viewport(), QPoint(bars.left(), 200), 120 * 6, Qt::ControlModifier);
    const std::int64_t duration = m_view->timeScale().viewDurationNs();
    const QRect map = m_view->minimapRect();
    QCOMPARE(map, m_view->minimap().mapRect());
    const TimeScale whole(m_tree->startTimeNs(), m_tree->endTimeNs(), map.width());
    const auto center = [this] {
        return m_view->timeScale().viewStartNs() + m_view->timeScale().viewDurationNs() / 2;
    };
    // The drag starts in the strip's margin above the map and follows the cursor below it.
    const QPoint from(map.left() + map.width() / 4, 1);
    QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, from);
    QVERIFY(std::llabs(center() - whole.timeForX(map.width() / 4)) <= 1);
    const QPoint to(map.left() + map.width() * 3 / 5, TraceWaterfallView::HeaderHeight + 30);
    QTest::mouseMove(m_view->viewport(), QPoint(map.left() + map.width() / 2, map.center().y()));
    QTest::mouseMove(m_view->viewport(), to);
    QVERIFY(std::llabs(center() - whole.timeForX(to.x() - map.left())) <= 1);
    QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, to);
    QCOMPARE(m_view->timeScale().viewDurationNs(), duration); // moved, not zoomed
    QCOMPARE(windowChanged.count(), 4);                       // the zoom, the press and two moves
    QCOMPARE(selected.count(), 0); // releasing over a row does not select it
}

void TestTraceWaterfallView::minimapIsPaintedOnTop()
{
    QImage image(m_view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    m_view->viewport()->render(&image);
    // The root span fills the top lane of three across the whole map, in its service's colour.
    const QRect map = m_view->minimapRect();
    const int rootY = map.top() + map.height() / 6;
    for (int x = map.left() + 4; x < map.right() - 4; x += 20)
        QCOMPARE(QColor(image.pixel(x, rootY)), ServicePalette::color("frontend"));
}

void TestTraceWaterfallView::keyboardNavigation()
{
    QSignalSpy selected(m_view.get(), &TraceWaterfallView::nodeSelected);
    m_view->setFocus();
    QTest::keyClick(m_view.get(), Qt::Key_Down); // nothing selected → first row
    QCOMPARE(m_view->selectedNode(), 0);
    QTest::keyClick(m_view.get(), Qt::Key_Down);
    QCOMPARE(m_view->selectedNode(), 1);
    QTest::keyClick(m_view.get(), Qt::Key_Left); // collapse "a"
    QVERIFY(m_tree->isCollapsed(1));
    QTest::keyClick(m_view.get(), Qt::Key_Down); // a1 is hidden: next row is "b"
    QCOMPARE(m_view->selectedNode(), 3);
    QTest::keyClick(m_view.get(), Qt::Key_Left); // leaf: go to the parent
    QCOMPARE(m_view->selectedNode(), 0);
    QTest::keyClick(m_view.get(), Qt::Key_Right); // expanded: go to the first child
    QCOMPARE(m_view->selectedNode(), 1);
    QTest::keyClick(m_view.get(), Qt::Key_Right); // collapsed: expand
    QVERIFY(!m_tree->isCollapsed(1));
    QTest::keyClick(m_view.get(), Qt::Key_End);
    QCOMPARE(m_view->selectedNode(), 4);
    QCOMPARE(selected.count(), 6);
    QTest::keyClick(m_view.get(), Qt::Key_Return); // zoom to "c" [920, 990): 76 ns → minimum
    QCOMPARE(m_view->timeScale().viewDurationNs(), TimeScale::MinimumViewDurationNs);
    QCOMPARE(m_view->timeScale().viewEndNs(), m_tree->endTimeNs());
    QTest::keyClick(m_view.get(), Qt::Key_0);
    QVERIFY(m_view->timeScale().showsAll());
}

void TestTraceWaterfallView::setSelectedNodeExpandsAncestors()
{
    QSignalSpy selected(m_view.get(), &TraceWaterfallView::nodeSelected);
    m_view->setCollapsed(0, true);
    QCOMPARE(m_tree->rowCount(), 1);
    m_view->setSelectedNode(2);
    QCOMPARE(m_tree->rowOfNode(2), 2);
    QVERIFY(!m_tree->isCollapsed(0));
    QVERIFY(!m_view->barRect(2).isEmpty());
    QCOMPARE(selected.count(), 0); // programmatic selection is silent
}

void TestTraceWaterfallView::highlightedRowsAreMarkedAndShown()
{
    m_view->setCollapsed(1, true); // "a" hides a1
    QCOMPARE(m_tree->rowOfNode(2), -1);
    // Unordered, repeated and unknown nodes: kept once, in order, unknown ones dropped.
    m_view->setHighlightedNodes({4, 2, 2, 99, -1});
    QCOMPARE(m_view->highlightedNodes(), (std::vector<int>{2, 4}));
    QVERIFY(m_view->isHighlighted(2));
    QVERIFY(m_view->isHighlighted(4));
    QVERIFY(!m_view->isHighlighted(3));
    // The collapsed ancestor opened so the highlighted span shows.
    QVERIFY(!m_tree->isCollapsed(1));
    QCOMPARE(m_tree->rowOfNode(2), 2);
    QCOMPARE(m_view->selectedNode(), -1); // highlighting selects nothing

    const QColor accent = ServicePalette::highlightColor();
    const auto rowMiddle = [](int row) {
        return TraceWaterfallView::HeaderHeight + row * TraceWaterfallView::RowHeight
               + TraceWaterfallView::RowHeight / 2;
    };
    QImage image(m_view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    m_view->viewport()->render(&image);
    // An accent bar at the left edge of the highlighted rows (a1 is row 2, c row 4) only.
    QCOMPARE(image.pixelColor(1, rowMiddle(2)), accent);
    QCOMPARE(image.pixelColor(1, rowMiddle(4)), accent);
    QVERIFY(image.pixelColor(1, rowMiddle(3)) != accent);
    QVERIFY(image.pixelColor(1, rowMiddle(0)) != accent);
    // Their rows are tinted towards the accent: redder and less blue than an unmarked row.
    const QColor tinted = image.pixelColor(m_view->treeColumnWidth() - 20, rowMiddle(2));
    const QColor plain = image.pixelColor(m_view->treeColumnWidth() - 20, rowMiddle(1));
    QVERIFY2(tinted.blue() < plain.blue() - 20, qPrintable(tinted.name() + plain.name()));

    // Collapsed again by the user: the row hiding a highlighted span is marked instead.
    m_view->setCollapsed(1, true);
    QVERIFY(m_view->hidesHighlighted(1));
    QVERIFY(m_view->hidesHighlighted(0));
    QVERIFY(!m_view->hidesHighlighted(3));
    m_view->viewport()->render(&image);
    QCOMPARE(image.pixelColor(0, rowMiddle(1)), accent);
    QCOMPARE(m_tree->rowOfNode(3), 2); // b moved up
    QVERIFY(image.pixelColor(1, rowMiddle(2)) != accent);
    QCOMPARE(image.pixelColor(1, rowMiddle(3)), accent); // c

    m_view->setHighlightedNodes({});
    QVERIFY(m_view->highlightedNodes().empty());
    m_view->setHighlightedNodes({3});
    m_view->setTree(m_tree); // another trace (here the same one again) starts unmarked
    QVERIFY(m_view->highlightedNodes().empty());
}

void TestTraceWaterfallView::repaintsReuseGeometry()
{
    QImage image(m_view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    m_view->viewport()->render(&image);
    const int builds = m_view->geometryBuildCount();
    QVERIFY(builds >= 1);
    m_view->viewport()->render(&image);
    m_view->viewport()->render(&image);
    QCOMPARE(m_view->geometryBuildCount(), builds);
    sendWheel(m_view->viewport(), QPoint(600, 200), 120, Qt::ControlModifier);
    m_view->viewport()->render(&image);
    QCOMPARE(m_view->geometryBuildCount(), builds + 1);
}

void TestTraceWaterfallView::criticalPathIsMarkedOnItsBars()
{
    QVERIFY(m_view->criticalPathByNode().empty());
    m_view->setCriticalPathShown(true);
    // Back from the root's end: c, the gap before it, b, the gap before it, a's tail, a1, a's
    // head, the root's start. By node (pre-order: root, a, a1, b, c), then time.
    const auto at = [](std::int64_t ns) {
        return TraceTestBuilder::Base + ns;
    };
    QCOMPARE(m_view->criticalPathByNode(),
             (std::vector<CriticalPathSegment>{{0, at(0), at(100)},
                                               {0, at(300), at(400)},
                                               {0, at(900), at(920)},
                                               {0, at(990), at(1000)},
                                               {1, at(100), at(150)},
                                               {1, at(250), at(300)},
                                               {2, at(150), at(250)},
                                               {3, at(400), at(900)},
                                               {4, at(920), at(990)}}));

    QImage image(m_view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    m_view->viewport()->render(&image);
    const QRectF b = m_view->barRect(3);
    QVERIFY(!b.isEmpty());
    const int x = int(b.center().x());
    // A dark strip along the top of b's bar; the bar's own colour below it.
    QCOMPARE(image.pixelColor(x, int(b.top()) + 1), m_view->palette().color(QPalette::Text));
    QCOMPARE(image.pixelColor(x, int(b.center().y()) + 2), ServicePalette::color("backend"));
    // a's middle is a1's time: not on a's own path, so no strip there.
    const QRectF a = m_view->barRect(1);
    QVERIFY(image.pixelColor(int(a.center().x()), int(a.top()) + 1)
            != m_view->palette().color(QPalette::Text));

    // A new trace keeps the choice; hiding clears the path.
    m_view->setTree(m_tree);
    QVERIFY(m_view->isCriticalPathShown());
    QCOMPARE(m_view->criticalPathByNode().size(), std::size_t(9));
    m_view->setCriticalPathShown(false);
    QVERIFY(m_view->criticalPathByNode().empty());
}

QTEST_MAIN(TestTraceWaterfallView)
#include "tst_trace_waterfall_view.moc"
