#include "analysis/finding_text.h"

#include <QTest>

using namespace kansoku;

class TestFindingText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formatShare_data();
    void formatShare();
    void ratesAndFactors();
};

void TestFindingText::formatShare_data()
{
    QTest::addColumn<double>("share");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << 0.0 << QStringLiteral("0%");
    QTest::newRow("all") << 1.0 << QStringLiteral("100%");
    QTest::newRow("whole percent") << 0.12 << QStringLiteral("12%");
    QTest::newRow("rounds") << 0.125 << QStringLiteral("13%");
    QTest::newRow("one percent") << 0.01 << QStringLiteral("1%");
    QTest::newRow("below one percent") << 0.004 << QStringLiteral("0.4%");
    QTest::newRow("tiny") << 0.0004 << QStringLiteral("<0.1%");
    QTest::newRow("nearly all") << 0.996 << QStringLiteral("99.6%");
    QTest::newRow("all but a few in ten thousand") << 0.99996 << QStringLiteral("99.9%");
    QTest::newRow("just under the rounding edge") << 0.994 << QStringLiteral("99%");
}

void TestFindingText::formatShare()
{
    QFETCH(double, share);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(kansoku::formatShare(share)), text);
}

void TestFindingText::ratesAndFactors()
{
    QCOMPARE(formatRatePerSecond(10.0), std::string("10/s"));
    QCOMPARE(formatRatePerSecond(12.5), std::string("12.5/s"));
    QCOMPARE(formatRatePerSecond(123.4), std::string("123/s"));
    QCOMPARE(formatRatePerSecond(0.25), std::string("0.25/s"));
    QCOMPARE(formatRatePerSecond(0.0), std::string("0/s"));
    QCOMPARE(formatFactor(10.0), std::string("10×"));
    QCOMPARE(formatFactor(3.456), std::string("3.46×"));
    QCOMPARE(formatFactor(3.5), std::string("3.5×"));
}

QTEST_GUILESS_MAIN(TestFindingText)
#include "tst_finding_text.moc"
