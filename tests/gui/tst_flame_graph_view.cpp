#include "flame_graph_view.h"
#include "service_palette.h"
#include "support/trace_test_builder.h"
#include "ui_language.h"

#include <QHelpEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <cmath>

using namespace kansoku;
using kansoku::test::TraceTestBuilder;

class TestFlameGraphView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void boxesProportionalToDuration();
    void clickZoomsIntoSubtreeAndExtendsBreadcrumb();
    void clickBreadcrumbZoomsOut();
    void clickFocusedBoxStepsOut();
    void searchFadesTheOtherBoxes();
    void foldedBoxWithAMatchStaysBright();
    void foldedBoxToolTipCountsItsSpans();
    void revealNodeZoomsOutToShowIt();

private:
    std::unique_ptr<FlameGraphView> m_view;
};

// The English plural forms ("1 small span", "2 small spans"), as the app installs them.
void TestFlameGraphView::initTestCase()
{
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English));
}

// root [0,1000): a [0,500) with a1 [100,300); b [600,850).
void TestFlameGraphView::init()
{
    m_view = std::make_unique<FlameGraphView>();
    m_view->resize(816, 300); // content width 800 px
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->setTree(std::make_shared<const SpanTree>(TraceTestBuilder()
                                                         .span(1, 0, 0, 1000, 0, "root")
                                                         .span(2, 1, 0, 500, 1, "a")
                                                         .span(3, 2, 100, 300, 2, "a1")
                                                         .span(4, 1, 600, 850, 1, "b")
                                                         .build()));
}

void TestFlameGraphView::cleanup()
{
    m_view.reset();
}

void TestFlameGraphView::boxesProportionalToDuration()
{
    const double width = m_view->boxRect(0).width();
    QVERIFY(width > 700);
    QCOMPARE(m_view->boxRect(1).width(), width / 2);
    QCOMPARE(m_view->boxRect(3).width(), width / 4);
    QCOMPARE(m_view->boxRect(3).left(), m_view->boxRect(1).right());
    QCOMPARE(m_view->breadcrumbText(), QStringLiteral("All spans"));
}

void TestFlameGraphView::clickZoomsIntoSubtreeAndExtendsBreadcrumb()
{
    QSignalSpy selected(m_view.get(), &FlameGraphView::nodeSelected);
    QSignalSpy focused(m_view.get(), &FlameGraphView::focusChanged);
    const double fullWidth = m_view->boxRect(0).width();
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      m_view->boxRect(1).center().toPoint());
    QCOMPARE(m_view->focusNode(), 1);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).toInt(), 1);
    QCOMPARE(focused.count(), 1);
    QCOMPARE(m_view->breadcrumbText(), QStringLiteral("All spans › root › a"));
    QCOMPARE(m_view->breadcrumbCount(), 3);
    // The focused span now fills the width; its child scales with it; the root is gone.
    QCOMPARE(m_view->boxRect(1).width(), fullWidth);
    QCOMPARE(m_view->boxRect(2).width(), fullWidth * 0.4);
    QVERIFY(m_view->boxRect(0).isEmpty());
    QVERIFY(m_view->boxRect(3).isEmpty());
}

void TestFlameGraphView::clickBreadcrumbZoomsOut()
{
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      m_view->boxRect(2).center().toPoint());
    QCOMPARE(m_view->focusNode(), 2);
    QCOMPARE(m_view->breadcrumbCount(), 4);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->breadcrumbRect(1).center());
    QCOMPARE(m_view->focusNode(), 0);
    QCOMPARE(m_view->breadcrumbText(), QStringLiteral("All spans › root"));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->breadcrumbRect(0).center());
    QCOMPARE(m_view->focusNode(), -1);
    QVERIFY(!m_view->boxRect(3).isEmpty());
}

void TestFlameGraphView::clickFocusedBoxStepsOut()
{
    m_view->setFocusNode(1);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      m_view->boxRect(1).center().toPoint());
    QCOMPARE(m_view->focusNode(), 0);
}

void TestFlameGraphView::searchFadesTheOtherBoxes()
{
    const auto pixelIn = [this](int node) {
        const QRectF box = m_view->boxRect(node);
        return m_view->viewport()->grab().toImage().pixelColor(
            QPoint(int(box.right()) - 4, int(box.top()) + 3));
    };
    const QColor frontend = ServicePalette::color("frontend");
    const QColor backend = ServicePalette::color("backend");
    QVERIFY(!m_view->isSearchActive());
    QVERIFY(!m_view->isDimmed(0));
    QCOMPARE(pixelIn(0), frontend);

    m_view->setSearchMatches(std::vector<int>{1}); // "a"
    QVERIFY(m_view->isSearchActive());
    QVERIFY(m_view->isDimmed(0));
    QVERIFY(!m_view->isDimmed(1));
    QVERIFY(m_view->isDimmed(2));
    QVERIFY(m_view->isDimmed(3));
    QCOMPARE(pixelIn(1), backend);
    const QColor faded = pixelIn(0);
    QVERIFY(faded != frontend);
    // 30 % of the colour over the white base: far lighter than the colour itself.
    QVERIFY(faded.lightness() > frontend.lightness());

    // No match at all: everything fades; no search: nothing does.
    m_view->setSearchMatches(std::vector<int>{});
    QVERIFY(m_view->isDimmed(1));
    m_view->setSearchMatches(std::nullopt);
    QVERIFY(!m_view->isDimmed(0));
    QCOMPARE(pixelIn(0), frontend);
}

void TestFlameGraphView::foldedBoxWithAMatchStaysBright()
{
    // root [0, 100000) with 40 calls of 10 ns each: far below 3 px, folded into one box.
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100000, 0, "root");
    for (int i = 0; i < 40; ++i)
        builder.span(10 + std::uint64_t(i), 1, 100 + 20 * i, 110 + 20 * i, 1, "tiny");
    m_view->setTree(std::make_shared<const SpanTree>(builder.build()));
    const auto folded = [this]() {
        for (const FlameBox &box : m_view->boxes()) {
            if (box.folded)
                return box;
        }
        return FlameBox();
    };
    QVERIFY(folded().folded);
    QCOMPARE(folded().count, 40);
    m_view->setSearchMatches(std::vector<int>{17});
    QVERIFY(!m_view->isBoxDimmed(folded()));
    QVERIFY(m_view->isDimmed(0));
    m_view->setSearchMatches(std::vector<int>{0});
    QVERIFY(m_view->isBoxDimmed(folded()));
}

void TestFlameGraphView::foldedBoxToolTipCountsItsSpans()
{
    // root [0, 100000) with `calls` calls of 10 ns: far below 3 px, folded into one box.
    const auto toolTip = [this](int calls) {
        TraceTestBuilder builder;
        builder.span(1, 0, 0, 100000, 0, "root");
        for (int i = 0; i < calls; ++i)
            builder.span(10 + std::uint64_t(i), 1, 50000 + 20 * i, 50010 + 20 * i, 1, "tiny");
        m_view->setTree(std::make_shared<const SpanTree>(builder.build()));
        // Content to viewport coordinates, from the root's box (boxRect() skips folded boxes).
        const QPointF offset
            = m_view->boxRect(0).topLeft() - m_view->boxes().front().rect.topLeft();
        for (const FlameBox &box : m_view->boxes()) {
            if (!box.folded)
                continue;
            if (box.count != calls)
                return QStringLiteral("folded box of %1").arg(box.count);
            // The box is at least 1 px wide: the first whole pixel in it.
            const QPoint pos
                = (QPointF(std::ceil(box.rect.left()), box.rect.center().y()) + offset).toPoint();
            QHelpEvent help(QEvent::ToolTip, pos, m_view->viewport()->mapToGlobal(pos));
            QCoreApplication::sendEvent(m_view->viewport(), &help);
            const QString text = QToolTip::text();
            QToolTip::hideText();
            return text;
        }
        return QStringLiteral("no folded box");
    };
    QCOMPARE(toolTip(1), QStringLiteral("1 small span folded; zoom in to see it"));
    QCOMPARE(toolTip(2), QStringLiteral("2 small spans folded together; zoom in to see them"));
}

void TestFlameGraphView::revealNodeZoomsOutToShowIt()
{
    m_view->setFocusNode(1); // a: b is outside
    QVERIFY(m_view->boxRect(3).isEmpty());
    m_view->revealNode(3);
    QCOMPARE(m_view->focusNode(), 0); // b's parent
    QVERIFY(!m_view->boxRect(3).isEmpty());
    // Shown already: the focus stays.
    m_view->revealNode(1);
    QCOMPARE(m_view->focusNode(), 0);
}

QTEST_MAIN(TestFlameGraphView)
#include "tst_flame_graph_view.moc"
