#include "core/telemetry_ids.h"

#include <QTest>

using namespace kansoku;

class TestTelemetryIds : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hexRoundTrip_data();
    void hexRoundTrip();
    void rejectsBadHex_data();
    void rejectsBadHex();
    void fromRawChecksLength();
    void zeroId();
};

void TestTelemetryIds::hexRoundTrip_data()
{
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<QByteArray>("canonical");
    QTest::newRow("lower") << QByteArray("5b8efff798038103d269b633813fc60c")
                           << QByteArray("5b8efff798038103d269b633813fc60c");
    QTest::newRow("upper") << QByteArray("5B8EFFF798038103D269B633813FC60C")
                           << QByteArray("5b8efff798038103d269b633813fc60c");
    QTest::newRow("mixed") << QByteArray("00Ff00fF00ff00ff00ff00ff00ff00fF")
                           << QByteArray("00ff00ff00ff00ff00ff00ff00ff00ff");
}

void TestTelemetryIds::hexRoundTrip()
{
    QFETCH(QByteArray, hex);
    QFETCH(QByteArray, canonical);
    const std::optional<TraceId> id = idFromHex<16>(hex.toStdString());
    QVERIFY(id.has_value());
    QCOMPARE(QByteArray::fromStdString(toHex(*id)), canonical);
}

void TestTelemetryIds::rejectsBadHex_data()
{
    QTest::addColumn<QByteArray>("hex");
    QTest::newRow("odd length") << QByteArray("abc");
    QTest::newRow("too short") << QByteArray("0102030405060708");
    QTest::newRow("too long") << QByteArray("0102030405060708090a0b0c0d0e0f1011");
    QTest::newRow("not hex") << QByteArray("zz8efff798038103d269b633813fc60c");
    QTest::newRow("base64") << QByteArray("W47/95gDgQPSabYzgT/GDA==");
}

void TestTelemetryIds::rejectsBadHex()
{
    QFETCH(QByteArray, hex);
    QVERIFY(!idFromHex<16>(hex.toStdString()).has_value());
}

void TestTelemetryIds::fromRawChecksLength()
{
    QVERIFY(SpanId::fromRaw(std::string(8, '\x01')).has_value());
    QVERIFY(!SpanId::fromRaw(std::string(7, '\x01')).has_value());
    QVERIFY(!SpanId::fromRaw(std::string(16, '\x01')).has_value());
    QVERIFY(SpanId::fromRaw({})->isZero());
}

void TestTelemetryIds::zeroId()
{
    SpanId id;
    QVERIFY(id.isZero());
    id.bytes[7] = 1;
    QVERIFY(!id.isZero());
    QCOMPARE(QByteArray::fromStdString(toHex(id)), QByteArray("0000000000000001"));
}

QTEST_GUILESS_MAIN(TestTelemetryIds)
#include "tst_telemetry_ids.moc"
