#include "analysis/metric_units.h"

#include <QLocale>
#include <QTest>
#include <limits>

using namespace kansoku;

class TestMetricUnits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void formatValue_data();
    void formatValue();
    void describe_data();
    void describe();
    void perSecond();
    void formatTick();
};

void TestMetricUnits::formatValue_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("expected");

    QTest::newRow("seconds to ms") << 0.0125 << QStringLiteral("s") << QStringLiteral("12.5 ms");
    QTest::newRow("ms to s") << 1500.0 << QStringLiteral("ms") << QStringLiteral("1.5 s");
    QTest::newRow("s to min") << 90.0 << QStringLiteral("s") << QStringLiteral("1.5 min");
    QTest::newRow("s to h") << 7200.0 << QStringLiteral("s") << QStringLiteral("2 h");
    QTest::newRow("us") << 250.0 << QStringLiteral("us") << QStringLiteral("250 µs");
    QTest::newRow("ns") << 12.0 << QStringLiteral("ns") << QStringLiteral("12 ns");
    QTest::newRow("zero seconds") << 0.0 << QStringLiteral("s") << QStringLiteral("0 s");
    QTest::newRow("bytes") << 512.0 << QStringLiteral("By") << QStringLiteral("512 B");
    QTest::newRow("KiB") << 2048.0 << QStringLiteral("By") << QStringLiteral("2 KiB");
    QTest::newRow("MiB/s") << 1.5 * 1048576 << QStringLiteral("By/s")
                           << QStringLiteral("1.5 MiB/s");
    QTest::newRow("MiBy unit") << 1.0 << QStringLiteral("MiBy") << QStringLiteral("1 MiB");
    QTest::newRow("decimal KBy") << 2.0 << QStringLiteral("KBy") << QStringLiteral("1.95 KiB");
    QTest::newRow("annotation") << 12.0 << QStringLiteral("{requests}")
                                << QStringLiteral("12 requests");
    QTest::newRow("annotation rate")
        << 3.0 << QStringLiteral("{request}/s") << QStringLiteral("3 request/s");
    QTest::newRow("1/s") << 0.5 << QStringLiteral("1/s") << QStringLiteral("0.5/s");
    QTest::newRow("dimensionless") << 7.0 << QStringLiteral("1") << QStringLiteral("7");
    QTest::newRow("no unit") << 7.25 << QString() << QStringLiteral("7.25");
    QTest::newRow("thousands") << 12345.0 << QStringLiteral("1") << QStringLiteral("12.3k");
    QTest::newRow("millions") << 2500000.0 << QString() << QStringLiteral("2.5M");
    QTest::newRow("below ten thousand stays plain")
        << 9999.0 << QString() << QStringLiteral("9999");
    QTest::newRow("tiny") << 0.0001 << QString() << QStringLiteral("0.0001");
    QTest::newRow("negative") << -3.5 << QStringLiteral("ms") << QStringLiteral("-3.5 ms");
    QTest::newRow("percent") << 42.0 << QStringLiteral("%") << QStringLiteral("42 %");
    QTest::newRow("Celsius") << 21.5 << QStringLiteral("Cel") << QStringLiteral("21.5 °C");
    QTest::newRow("other unit") << 3.0 << QStringLiteral("m") << QStringLiteral("3 m");
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QStringLiteral("s")
                         << QStringLiteral("–");
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << QStringLiteral("By")
                              << QStringLiteral("∞");
    QTest::newRow("huge") << 1e300 << QStringLiteral("1") << QStringLiteral("1e+300");
}

void TestMetricUnits::formatValue()
{
    QFETCH(double, value);
    QFETCH(QString, unit);
    QFETCH(QString, expected);
    QCOMPARE(MetricUnits::formatValue(value, unit), expected);
}

void TestMetricUnits::describe_data()
{
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("expected");
    QTest::newRow("By") << QStringLiteral("By") << QStringLiteral("bytes");
    QTest::newRow("s") << QStringLiteral("s") << QStringLiteral("seconds");
    QTest::newRow("ms") << QStringLiteral("ms") << QStringLiteral("milliseconds");
    QTest::newRow("annotation") << QStringLiteral("{requests}") << QStringLiteral("requests");
    QTest::newRow("1") << QStringLiteral("1") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("rate") << QStringLiteral("By/s") << QStringLiteral("bytes/s");
    QTest::newRow("annotation rate")
        << QStringLiteral("{requests}/s") << QStringLiteral("requests/s");
}

void TestMetricUnits::describe()
{
    QFETCH(QString, unit);
    QFETCH(QString, expected);
    QCOMPARE(MetricUnits::describe(unit), expected);
}

void TestMetricUnits::perSecond()
{
    QCOMPARE(MetricUnits::perSecond(QStringLiteral("By")), QStringLiteral("By/s"));
    QCOMPARE(MetricUnits::perSecond(QString()), QStringLiteral("1/s"));
    QCOMPARE(MetricUnits::perSecond(QStringLiteral("{requests}")), QStringLiteral("{requests}/s"));
}

void TestMetricUnits::formatTick()
{
    QCOMPARE(MetricUnits::formatTick(12500, QStringLiteral("{request}/s")),
             QStringLiteral("12.5k"));
    QCOMPARE(MetricUnits::formatTick(3, QStringLiteral("{job}")), QStringLiteral("3"));
    QCOMPARE(MetricUnits::formatTick(0.5, QStringLiteral("1/s")), QStringLiteral("0.5"));
    QCOMPARE(MetricUnits::formatTick(2048, QStringLiteral("By")), QStringLiteral("2 KiB"));
    QCOMPARE(MetricUnits::formatTick(0.25, QStringLiteral("s")), QStringLiteral("250 ms"));
}

QTEST_GUILESS_MAIN(TestMetricUnits)
#include "tst_metric_units.moc"
