#include "core/packed_strings.h"

#include <QTest>

using namespace kansoku;

class TestPackedStrings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void valuesComeBackInOrder();
    void equalityComparesValueBoundaries();
};

void TestPackedStrings::valuesComeBackInOrder()
{
    PackedStrings strings;
    QVERIFY(strings.empty());
    strings.reserve(4);
    strings.openValue() += "first";
    strings.close();
    strings.close(); // empty value
    strings.openValue() += std::string("\0\xff", 2);
    strings.openValue() += "!";
    strings.close();
    strings.openValue() += "日本語";
    strings.close();

    QCOMPARE(strings.size(), std::size_t(4));
    QVERIFY(!strings.empty());
    QCOMPARE(strings.value(0), std::string_view("first"));
    QVERIFY(strings.value(1).empty());
    QCOMPARE(strings.value(2), std::string_view("\0\xff!", 3));
    QCOMPARE(strings.value(3), std::string_view("日本語"));
}

void TestPackedStrings::equalityComparesValueBoundaries()
{
    PackedStrings ab;
    ab.openValue() += "ab";
    ab.close();
    PackedStrings aThenB;
    aThenB.openValue() += "a";
    aThenB.close();
    aThenB.openValue() += "b";
    aThenB.close();
    QVERIFY(!(ab == aThenB));
    PackedStrings ab2;
    ab2.openValue() += "ab";
    ab2.close();
    QVERIFY(ab == ab2);
}

QTEST_GUILESS_MAIN(TestPackedStrings)
#include "tst_packed_strings.moc"
