#include "flame_graph_view.h"
#include "support/trace_test_builder.h"

#include <QSignalSpy>
#include <QTest>

using namespace kansoku;
using kansoku::test::TraceTestBuilder;

class TestFlameGraphView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void boxesProportionalToDuration();
    void clickZoomsIntoSubtreeAndExtendsBreadcrumb();
    void clickBreadcrumbZoomsOut();
    void clickFocusedBoxStepsOut();

private:
    std::unique_ptr<FlameGraphView> m_view;
};

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

QTEST_MAIN(TestFlameGraphView)
#include "tst_flame_graph_view.moc"
