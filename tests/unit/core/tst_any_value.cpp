#include "core/any_value.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace kansoku;

class TestAnyValue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typesAndAccessors();
    void displayString_data();
    void displayString();
    void equality();
    void findAttributeReturnsFirst();
};

void TestAnyValue::typesAndAccessors()
{
    QCOMPARE(AnyValue().type(), AnyValue::Type::Empty);
    QCOMPARE(AnyValue::fromString("x").stringValue(), std::string("x"));
    QCOMPARE(AnyValue::fromBool(true).boolValue(), true);
    QCOMPARE(AnyValue::fromInt(std::numeric_limits<std::int64_t>::min()).intValue(),
             std::numeric_limits<std::int64_t>::min());
    QCOMPARE(AnyValue::fromDouble(0.5).doubleValue(), 0.5);
    QCOMPARE(AnyValue::fromBytes(std::string("\0\1", 2)).bytesValue(), std::string("\0\1", 2));
    QCOMPARE(AnyValue::fromBytes("a").type(), AnyValue::Type::Bytes);
    QCOMPARE(AnyValue::fromString("a").type(), AnyValue::Type::String);
    QCOMPARE(AnyValue::fromArray({AnyValue::fromInt(1)}).arrayValue().size(), std::size_t(1));
    QCOMPARE(AnyValue::fromMap({{"k", AnyValue::fromBool(false)}}).mapValue().front().key,
             std::string("k"));
}

void TestAnyValue::displayString_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("expected");
    QTest::newRow("string") << 0 << QStringLiteral("日本語 🚀");
    QTest::newRow("bool") << 1 << QStringLiteral("false");
    QTest::newRow("int") << 2 << QStringLiteral("-42");
    QTest::newRow("double shortest") << 3 << QStringLiteral("0.1");
    QTest::newRow("bytes hex") << 4 << QStringLiteral("00ff");
    QTest::newRow("array") << 5 << QStringLiteral("[1, a]");
    QTest::newRow("map") << 6 << QStringLiteral("{k: true}");
    QTest::newRow("empty") << 7 << QString();
}

void TestAnyValue::displayString()
{
    QFETCH(int, which);
    QFETCH(QString, expected);
    const AnyValue values[] = {
        AnyValue::fromString("日本語 🚀"),
        AnyValue::fromBool(false),
        AnyValue::fromInt(-42),
        AnyValue::fromDouble(0.1),
        AnyValue::fromBytes(std::string("\x00\xff", 2)),
        AnyValue::fromArray({AnyValue::fromInt(1), AnyValue::fromString("a")}),
        AnyValue::fromMap({{"k", AnyValue::fromBool(true)}}),
        AnyValue(),
    };
    QCOMPARE(QString::fromStdString(values[which].toDisplayString()), expected);
}

void TestAnyValue::equality()
{
    QVERIFY(AnyValue::fromInt(1) != AnyValue::fromDouble(1.0));
    QVERIFY(AnyValue::fromString("a") != AnyValue::fromBytes("a"));
    QVERIFY(AnyValue::fromDouble(std::nan("")) == AnyValue::fromDouble(std::nan("")));
    QVERIFY(AnyValue::fromArray({AnyValue::fromInt(1)})
            == AnyValue::fromArray({AnyValue::fromInt(1)}));
    QVERIFY(AnyValue::fromArray({AnyValue::fromInt(1)})
            != AnyValue::fromArray({AnyValue::fromInt(2)}));
}

void TestAnyValue::findAttributeReturnsFirst()
{
    const Attributes attributes = {{"a", AnyValue::fromInt(1)}, {"a", AnyValue::fromInt(2)}};
    QVERIFY(findAttribute(attributes, "a"));
    QCOMPARE(findAttribute(attributes, "a")->intValue(), 1);
    QVERIFY(!findAttribute(attributes, "b"));
}

QTEST_GUILESS_MAIN(TestAnyValue)
#include "tst_any_value.moc"
