// OnScreenWatch over real tabified docks: the pane behind a tab is not on screen although Qt
// calls it visible, and bringing its tab to the front (or showing a closed dock) says shown().
#include "on_screen_watch.h"

#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QSignalSpy>
#include <QTest>

using namespace kansoku;

class TestOnScreenWatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paneBehindATabIsOffScreenUntilItsTabIsRaised();
    void closedDockIsOffScreenUntilShown();
    void plainWidgetFollowsShowAndHide();
};

namespace {

struct TwoTabs
{
    QMainWindow window;
    QDockWidget *front = new QDockWidget(QStringLiteral("Front"), &window);
    QDockWidget *back = new QDockWidget(QStringLiteral("Back"), &window);
    QLabel *frontPane = new QLabel(QStringLiteral("front"));
    QLabel *backPane = new QLabel(QStringLiteral("back"));
    OnScreenWatch *frontWatch = new OnScreenWatch(frontPane);
    // Made before the pane is put in its dock, as the panes make theirs.
    OnScreenWatch *backWatch = new OnScreenWatch(backPane);

    TwoTabs()
    {
        window.setCentralWidget(new QLabel(QStringLiteral("centre")));
        front->setWidget(frontPane);
        back->setWidget(backPane);
        window.addDockWidget(Qt::RightDockWidgetArea, front);
        window.tabifyDockWidget(front, back);
        front->raise();
        window.resize(800, 600);
        window.show();
    }
};

} // namespace

void TestOnScreenWatch::paneBehindATabIsOffScreenUntilItsTabIsRaised()
{
    TwoTabs tabs;
    QVERIFY(QTest::qWaitForWindowExposed(&tabs.window));
    QTRY_VERIFY(tabs.frontWatch->isOnScreen());
    QVERIFY(tabs.backPane->isVisible()); // what Qt says; the watch knows better
    QVERIFY(!tabs.backWatch->isOnScreen());

    QSignalSpy backShown(tabs.backWatch, &OnScreenWatch::shown);
    tabs.back->raise();
    QTRY_VERIFY(backShown.count() >= 1);
    QTRY_VERIFY(tabs.backWatch->isOnScreen());
    QTRY_VERIFY(!tabs.frontWatch->isOnScreen());
}

void TestOnScreenWatch::closedDockIsOffScreenUntilShown()
{
    TwoTabs tabs;
    QVERIFY(QTest::qWaitForWindowExposed(&tabs.window));
    tabs.front->close();
    QTRY_VERIFY(!tabs.frontWatch->isOnScreen());
    QSignalSpy frontShown(tabs.frontWatch, &OnScreenWatch::shown);
    tabs.front->show();
    tabs.front->raise();
    QTRY_VERIFY(frontShown.count() >= 1);
    QTRY_VERIFY(tabs.frontWatch->isOnScreen());
}

void TestOnScreenWatch::plainWidgetFollowsShowAndHide()
{
    QLabel pane(QStringLiteral("alone"));
    OnScreenWatch watch(&pane);
    QSignalSpy shown(&watch, &OnScreenWatch::shown);
    QVERIFY(!watch.isOnScreen());
    pane.resize(200, 100);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QCOMPARE(shown.count(), 1);
    QVERIFY(watch.isOnScreen());
    pane.hide();
    QVERIFY(!watch.isOnScreen());
}

QTEST_MAIN(TestOnScreenWatch)
#include "tst_on_screen_watch.moc"
