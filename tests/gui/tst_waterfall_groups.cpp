// Repeated siblings in the waterfall, driven through TraceWaterfallView and TraceInspector:
// one row per group, its expander, keyboard, selection and highlights reaching hidden members.
#include "service_palette.h"
#include "support/trace_test_builder.h"
#include "trace_inspector.h"
#include "trace_waterfall_view.h"

#include <QAction>
#include <QHelpEvent>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using namespace kansoku;
using kansoku::test::spanId;
using kansoku::test::TraceTestBuilder;

class TestWaterfallGroups : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void repeatedCallsShowAsOneRow();
    void groupRowPaintsItsMembers();
    void clickingTheExpanderListsTheMembers();
    void clickingTheRowSelectsTheGroup();
    void keyboardMovesOverGroupRows();
    void selectingAMemberExpandsItsGroup();
    void tooltipSaysTheGroupFigures();
    void criticalPathShowsOnTheGroupRow();
    void inspectorSelectSpanExpandsTheGroup();
    void highlightedMembersMarkTheFoldedGroup();
    void expandAllAndCollapseAllIncludeGroups();
    void starExpandsTheCurrentRowsSubtree();

private:
    std::unique_ptr<TraceWaterfallView> m_view;
    std::shared_ptr<SpanTree> m_tree;
};

constexpr std::int64_t Ms = 1000000;

// GET /items [0, 130 ms) → 50 × SELECT items of 1.04 ms every 2 ms from 2 ms (52 ms covered),
// then render [105, 125 ms). Services: backend, db, backend.
static std::shared_ptr<const Trace> nPlusOneTrace()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 130 * Ms, 1, "GET /items");
    for (int i = 0; i < 50; ++i) {
        const std::int64_t start = 2 * Ms + i * 2 * Ms;
        builder.span(100 + std::uint64_t(i), 1, start, start + 1040000, 2, "SELECT items");
        builder.last().kind = SpanKind::Client;
    }
    builder.span(2, 1, 105 * Ms, 125 * Ms, 1, "render");
    return builder.build();
}

static int memberNode(int i)
{
    return 1 + i; // the SELECTs follow the root in start order
}

void TestWaterfallGroups::init()
{
    m_tree = std::make_shared<SpanTree>(nPlusOneTrace());
    m_view = std::make_unique<TraceWaterfallView>();
    m_view->resize(1000, 400);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->setTree(m_tree);
}

void TestWaterfallGroups::cleanup()
{
    m_view.reset();
    m_tree.reset();
}

// The centre of a row's bar in viewport coordinates, at a time relative to the trace's start.
static QPoint barPoint(const TraceWaterfallView &view, int row, std::int64_t timeNs)
{
    const double x
        = view.barAreaRect().left() + view.timeScale().xForTime(TraceTestBuilder::Base + timeNs);
    const int y = TraceWaterfallView::HeaderHeight + row * TraceWaterfallView::RowHeight
                  + TraceWaterfallView::RowHeight / 2;
    return {int(x), y};
}

static QPoint labelPoint(const TraceWaterfallView &view, int row)
{
    return {view.treeColumnWidth() - 30, barPoint(view, row, 0).y()};
}

void TestWaterfallGroups::repeatedCallsShowAsOneRow()
{
    QCOMPARE(m_tree->groups().count(), 1);
    QCOMPARE(m_tree->rowCount(), 3);
    QCOMPARE(m_tree->rowGroup(1), 0);
    QVERIFY(m_tree->isGroupCollapsed(0));
    QCOMPARE(m_view->groupLabel(0), QStringLiteral("SELECT items ×50 · 52 ms"));
    QVERIFY(!m_view->groupExpanderRect(0).isEmpty());
    QVERIFY(m_view->barRect(memberNode(3)).isEmpty()); // folded into the group's row
    QVERIFY(!m_view->barRect(51).isEmpty());           // render, the row after it
}

void TestWaterfallGroups::groupRowPaintsItsMembers()
{
    const QImage image = m_view->viewport()->grab().toImage();
    const QColor db = ServicePalette::color("db");
    // Inside a call: the service's colour; between two calls: only the faint band.
    const std::int64_t inCall = 2 * Ms + 10 * 2 * Ms + 520000;
    const std::int64_t between = 2 * Ms + 10 * 2 * Ms + 1500000;
    const QPoint member = barPoint(*m_view, 1, inCall) + QPoint(0, 3);
    const QPoint gap = barPoint(*m_view, 1, between) + QPoint(0, 3);
    const QColor background = image.pixelColor(barPoint(*m_view, 1, Ms) + QPoint(0, 3));
    QCOMPARE(image.pixelColor(member), db);
    QVERIFY(image.pixelColor(gap) != db);
    QVERIFY(image.pixelColor(gap) != background); // the band under the whole stretch
    QVERIFY(background != db);                    // nothing before the first call
}

void TestWaterfallGroups::clickingTheExpanderListsTheMembers()
{
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      m_view->groupExpanderRect(0).center());
    QVERIFY(!m_tree->isGroupCollapsed(0));
    QCOMPARE(m_tree->rowCount(), 53);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(m_tree->rowOfNode(memberNode(i)), 2 + i);
    QVERIFY(!m_view->barRect(memberNode(3)).isEmpty());
    // Members are indented one level below the group's row.
    QVERIFY(m_view->expanderRect(0).left() < m_view->groupExpanderRect(0).left());
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      m_view->groupExpanderRect(0).center());
    QCOMPARE(m_tree->rowCount(), 3);
    QVERIFY(m_view->barRect(memberNode(3)).isEmpty());
}

void TestWaterfallGroups::clickingTheRowSelectsTheGroup()
{
    QSignalSpy selected(m_view.get(), &TraceWaterfallView::nodeSelected);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, labelPoint(*m_view, 1));
    QCOMPARE(m_view->selectedGroup(), 0);
    QCOMPARE(m_view->selectedNode(), memberNode(0)); // the details show the first call
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).toInt(), memberNode(0));
    QVERIFY(m_tree->isGroupCollapsed(0)); // selecting the row does not unfold it
    // Clicking one call's box in the folded row picks that call and unfolds the group.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      barPoint(*m_view, 1, 2 * Ms + 20 * 2 * Ms + 520000));
    QCOMPARE(m_view->selectedNode(), memberNode(20));
    QCOMPARE(m_view->selectedGroup(), -1);
    QVERIFY(!m_tree->isGroupCollapsed(0));
    QCOMPARE(selected.count(), 2);
    // Double-clicking the group's label folds it; the selection moves to its row.
    m_view->verticalScrollBar()->setValue(0); // selecting the call scrolled down to it
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, labelPoint(*m_view, 1));
    QVERIFY(m_tree->isGroupCollapsed(0));
    QCOMPARE(m_view->selectedGroup(), 0);
}

void TestWaterfallGroups::keyboardMovesOverGroupRows()
{
    m_view->setSelectedNode(0);
    m_view->setFocus();
    QSignalSpy selected(m_view.get(), &TraceWaterfallView::nodeSelected);
    QTest::keyClick(m_view.get(), Qt::Key_Down);
    QCOMPARE(m_view->selectedGroup(), 0);
    QCOMPARE(selected.count(), 1);
    QTest::keyClick(m_view.get(), Qt::Key_Down);
    QCOMPARE(m_view->selectedNode(), 51); // render
    QCOMPARE(m_view->selectedGroup(), -1);
    QTest::keyClick(m_view.get(), Qt::Key_Up);
    QCOMPARE(m_view->selectedGroup(), 0);
    QTest::keyClick(m_view.get(), Qt::Key_Right); // unfolds
    QVERIFY(!m_tree->isGroupCollapsed(0));
    QCOMPARE(m_view->selectedGroup(), 0);
    QTest::keyClick(m_view.get(), Qt::Key_Right); // to the first call
    QCOMPARE(m_view->selectedGroup(), -1);
    QCOMPARE(m_view->selectedNode(), memberNode(0));
    QTest::keyClick(m_view.get(), Qt::Key_Down);
    QCOMPARE(m_view->selectedNode(), memberNode(1));
    QTest::keyClick(m_view.get(), Qt::Key_Left); // a call goes back to its group's row
    QCOMPARE(m_view->selectedGroup(), 0);
    QTest::keyClick(m_view.get(), Qt::Key_Left); // folds
    QVERIFY(m_tree->isGroupCollapsed(0));
    QTest::keyClick(m_view.get(), Qt::Key_Left); // to the parent
    QCOMPARE(m_view->selectedNode(), 0);
    QCOMPARE(m_view->selectedGroup(), -1);
}

void TestWaterfallGroups::selectingAMemberExpandsItsGroup()
{
    m_view->setSelectedNode(memberNode(30));
    QVERIFY(!m_tree->isGroupCollapsed(0));
    QCOMPARE(m_tree->rowOfNode(memberNode(30)), 2 + 30);
    QVERIFY(!m_view->barRect(memberNode(30)).isEmpty()); // scrolled to it
    // Folding the group again moves the selection to its row.
    m_view->setGroupCollapsed(0, true);
    QCOMPARE(m_view->selectedGroup(), 0);
}

void TestWaterfallGroups::tooltipSaysTheGroupFigures()
{
    const QPoint pos = labelPoint(*m_view, 1);
    QHelpEvent help(QEvent::ToolTip, pos, m_view->viewport()->mapToGlobal(pos));
    QCoreApplication::sendEvent(m_view->viewport(), &help);
    const QString text = QToolTip::text();
    QVERIFY2(text.contains(QStringLiteral("×50")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("50 calls cover 52 ms")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Sum of their durations: 52 ms")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Slowest: 1.04 ms")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Errors: 0")), qPrintable(text));
    QToolTip::hideText();
}

void TestWaterfallGroups::criticalPathShowsOnTheGroupRow()
{
    // The calls run one after another before render: each is on the critical path.
    const QPoint strip = barPoint(*m_view, 1, 2 * Ms + 40 * 2 * Ms + 520000)
                         - QPoint(0, TraceWaterfallView::RowHeight / 2 - 6);
    const QColor text = m_view->palette().color(QPalette::Text);
    QVERIFY(m_view->viewport()->grab().toImage().pixelColor(strip) != text);
    m_view->setCriticalPathShown(true);
    QCOMPARE(m_view->viewport()->grab().toImage().pixelColor(strip), text);
}

void TestWaterfallGroups::inspectorSelectSpanExpandsTheGroup()
{
    TraceInspector inspector;
    inspector.resize(1200, 600);
    inspector.setTrace(nPlusOneTrace());
    TraceWaterfallView *view = inspector.waterfallView();
    const std::shared_ptr<SpanTree> &tree = view->tree();
    QCOMPARE(tree->rowCount(), 3);
    inspector.selectSpan(spanId(100 + 12));
    QVERIFY(!tree->isGroupCollapsed(0));
    QCOMPARE(view->selectedNode(), memberNode(12));
    QCOMPARE(inspector.selectedSpanId(), spanId(100 + 12));

    // With the folded group's row selected, asking for its first call unfolds it too.
    view->setGroupCollapsed(0, true);
    QCOMPARE(view->selectedGroup(), 0);
    QCOMPARE(inspector.selectedSpanId(), spanId(100));
    inspector.selectSpan(spanId(100));
    QVERIFY(!tree->isGroupCollapsed(0));
    QCOMPARE(view->selectedGroup(), -1);
}

void TestWaterfallGroups::highlightedMembersMarkTheFoldedGroup()
{
    TraceInspector inspector;
    inspector.resize(1200, 600);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.setTrace(nPlusOneTrace());
    TraceWaterfallView *view = inspector.waterfallView();
    inspector.setHighlightedSpans({spanId(100 + 4), spanId(100 + 5)});
    QVERIFY(!view->tree()->isGroupCollapsed(0)); // shown, like a collapsed ancestor would be
    QVERIFY(view->isHighlighted(memberNode(4)));
    view->setGroupCollapsed(0, true);
    QVERIFY(view->groupHidesHighlighted(0));
    // The folded row carries the accent strip at its left edge.
    const QImage image = view->viewport()->grab().toImage();
    const int y = barPoint(*view, 1, 0).y();
    QCOMPARE(image.pixelColor(QPoint(0, y)), ServicePalette::highlightColor());
    inspector.setHighlightedSpans({});
    QVERIFY(!view->groupHidesHighlighted(0));
}

void TestWaterfallGroups::expandAllAndCollapseAllIncludeGroups()
{
    QCOMPARE(m_view->expandAllAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QCOMPARE(m_view->collapseAllAction()->shortcut(),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QVERIFY(m_view->actions().contains(m_view->expandAllAction()));
    QCOMPARE(m_tree->rowCount(), 3);
    m_view->expandAllAction()->trigger();
    QVERIFY(!m_tree->isGroupCollapsed(0));
    QCOMPARE(m_tree->rowCount(), 53); // the root, the group's row, 50 calls, render
    QCOMPARE(m_view->verticalScrollBar()->maximum(),
             53 * TraceWaterfallView::RowHeight - m_view->rowsRect().height());

    // Collapsing hides the selected call: the selection goes to the root that hides it.
    m_view->setSelectedNode(memberNode(7));
    QSignalSpy selected(m_view.get(), &TraceWaterfallView::nodeSelected);
    m_view->collapseAllAction()->trigger();
    QCOMPARE(m_tree->rowCount(), 1);
    QVERIFY(m_tree->isGroupCollapsed(0));
    QCOMPARE(m_view->selectedNode(), 0);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(m_view->verticalScrollBar()->maximum(), 0);

    m_view->expandAll();
    QCOMPARE(m_tree->rowCount(), 53);
}

void TestWaterfallGroups::starExpandsTheCurrentRowsSubtree()
{
    m_view->collapseAll();
    QCOMPARE(m_tree->rowCount(), 1);
    m_view->setSelectedNode(0);
    QTest::keyClick(m_view.get(), Qt::Key_Asterisk);
    QCOMPARE(m_tree->rowCount(), 53); // the group under the root too
    // On a folded group's row: the group opens (here its calls have no children).
    m_view->setGroupCollapsed(0, true);
    m_view->setSelectedGroup(0);
    QCOMPARE(m_view->selectedGroup(), 0);
    m_view->expandSubtreeAction()->trigger();
    QVERIFY(!m_tree->isGroupCollapsed(0));
    QCOMPARE(m_tree->rowCount(), 53);
}

QTEST_MAIN(TestWaterfallGroups)
#include "tst_waterfall_groups.moc"
