// RecentSessionList: most recent first, duplicates collapse, at most ten, missing files pruned.
#include "recent_session_list.h"

#include <QTest>

using namespace kansoku;

class TestRecentSessionList : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addPutsNewestFirst();
    void duplicatesCollapse_data();
    void duplicatesCollapse();
    void keepsAtMostTen();
    void pruneDropsMissing();
    void loadKeepsOrderAndDropsEmpty();
};

void TestRecentSessionList::addPutsNewestFirst()
{
    RecentSessionList list;
    list.add(QStringLiteral("/s/a.kansoku"));
    list.add(QStringLiteral("/s/b.kansoku"));
    QCOMPARE(list.paths(),
             QStringList({QStringLiteral("/s/b.kansoku"), QStringLiteral("/s/a.kansoku")}));
}

void TestRecentSessionList::duplicatesCollapse_data()
{
    QTest::addColumn<QString>("again");
    QTest::newRow("same") << QStringLiteral("/s/a.kansoku");
    QTest::newRow("dot segment") << QStringLiteral("/s/./a.kansoku");
    QTest::newRow("double slash") << QStringLiteral("/s//a.kansoku");
    QTest::newRow("parent") << QStringLiteral("/s/x/../a.kansoku");
}

void TestRecentSessionList::duplicatesCollapse()
{
    QFETCH(QString, again);
    RecentSessionList list;
    list.add(QStringLiteral("/s/a.kansoku"));
    list.add(QStringLiteral("/s/b.kansoku"));
    list.add(again);
    QCOMPARE(list.paths(),
             QStringList({QStringLiteral("/s/a.kansoku"), QStringLiteral("/s/b.kansoku")}));
}

void TestRecentSessionList::keepsAtMostTen()
{
    RecentSessionList list;
    for (int i = 0; i < 13; ++i)
        list.add(QStringLiteral("/s/%1.kansoku").arg(i));
    QCOMPARE(list.paths().size(), RecentSessionList::maxEntries);
    QCOMPARE(list.paths().constFirst(), QStringLiteral("/s/12.kansoku"));
    QCOMPARE(list.paths().constLast(), QStringLiteral("/s/3.kansoku"));
}

void TestRecentSessionList::pruneDropsMissing()
{
    RecentSessionList list;
    list.add(QStringLiteral("/s/gone.kansoku"));
    list.add(QStringLiteral("/s/here.kansoku"));
    list.prune([](const QString &path) { return path.endsWith(QLatin1String("here.kansoku")); });
    QCOMPARE(list.paths(), QStringList({QStringLiteral("/s/here.kansoku")}));
    list.remove(QStringLiteral("/s/here.kansoku"));
    QVERIFY(list.paths().isEmpty());
}

void TestRecentSessionList::loadKeepsOrderAndDropsEmpty()
{
    const RecentSessionList list({QStringLiteral("/s/new.kansoku"), QString(),
                                  QStringLiteral("/s/old.kansoku"),
                                  QStringLiteral("/s/new.kansoku")});
    QCOMPARE(list.paths(),
             QStringList({QStringLiteral("/s/new.kansoku"), QStringLiteral("/s/old.kansoku")}));
}

QTEST_GUILESS_MAIN(TestRecentSessionList)
#include "tst_recent_session_list.moc"
