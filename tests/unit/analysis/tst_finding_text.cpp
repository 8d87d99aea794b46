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
    void duration();
    void abbreviation_data();
    void abbreviation();
    void counts();
    void reach();
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
    QTest::newRow("rounded") << 10'500.0 / 10'900.0 << QStringLiteral("96%");
    QTest::newRow("just under ten") << 0.0996 << QStringLiteral("10%");
    QTest::newRow("one decimal") << 0.045 << QStringLiteral("4.5%");
    QTest::newRow("whole below ten") << 0.05 << QStringLiteral("5%");
    QTest::newRow("small") << 0.003 << QStringLiteral("0.3%");
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

void TestFindingText::duration()
{
    QCOMPARE(findingDurationText(850'000'000), std::string("850 ms"));
    QCOMPARE(findingDurationText(12'300), std::string("12.3 µs"));
}

void TestFindingText::abbreviation_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<int>("maxChars");
    QTest::addColumn<QString>("text");
    QTest::newRow("short") << QStringLiteral("SELECT 1") << 8 << QStringLiteral("SELECT 1");
    QTest::newRow("cut") << QStringLiteral("SELECT a, b FROM t") << 10
                         << QStringLiteral("SELECT a,…");
    QTest::newRow("trailing space goes")
        << QStringLiteral("SELECT a FROM t") << 8 << QStringLiteral("SELECT…");
    // Characters, not bytes: "é" is two bytes and one character.
    QTest::newRow("utf-8 fits") << QStringLiteral("café au lait") << 12
                                << QStringLiteral("café au lait");
    QTest::newRow("utf-8 cut") << QStringLiteral("ééééé") << 3 << QStringLiteral("éé…");
    QTest::newRow("no limit") << QStringLiteral("SELECT a FROM t") << 0
                              << QStringLiteral("SELECT a FROM t");
}

void TestFindingText::abbreviation()
{
    QFETCH(QString, statement);
    QFETCH(int, maxChars);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(
                 abbreviatedStatement(statement.toStdString(), std::size_t(maxChars))),
             text);
}

void TestFindingText::counts()
{
    QCOMPARE(formatCount(50.0), std::string("50"));
    QCOMPARE(formatCount(12.5), std::string("12.5"));
    QCOMPARE(formatCount(2.0 / 3.0), std::string("0.67"));
    QCOMPARE(formatAverageAndMost(12.5, 20), std::string("12.5 on average, 20 at most"));
}

void TestFindingText::reach()
{
    Finding finding;
    finding.affectedTraces = 3;
    finding.endpointTraces = 4;
    QCOMPARE(formatReach(finding), std::string("in 75% of these requests"));
    QCOMPARE(formatTracesAffected(finding), std::string("3 of 4"));
    finding.endpointTraces = 0;
    QCOMPARE(formatReach(finding), std::string("in 3 traces"));
}

QTEST_GUILESS_MAIN(TestFindingText)
#include "tst_finding_text.moc"
