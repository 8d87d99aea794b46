#include "core/session_limits.h"

#include <QTest>

using namespace kansoku;

class TestSessionLimits : public QObject
{
    Q_OBJECT
private slots:
    void parseRetention_data();
    void parseRetention();
    void retentionTextRoundTrips_data();
    void retentionTextRoundTrips();
    void sizeText();
    void defaults();
};

constexpr std::int64_t secondNs = 1'000'000'000;

void TestSessionLimits::parseRetention_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("ns");
    QTest::newRow("minutes") << "90m" << true << qint64(90 * 60 * secondNs);
    QTest::newRow("hours") << "12h" << true << qint64(12 * 3600 * secondNs);
    QTest::newRow("days") << "7d" << true << qint64(7 * 86400 * secondNs);
    QTest::newRow("weeks") << "2w" << true << qint64(14 * 86400 * secondNs);
    QTest::newRow("seconds") << "45s" << true << qint64(45 * secondNs);
    QTest::newRow("upper case, spaces") << " 3D " << true << qint64(3 * 86400 * secondNs);
    QTest::newRow("off") << "off" << true << qint64(0);
    QTest::newRow("zero") << "0" << true << qint64(0);
    QTest::newRow("no unit") << "90" << false << qint64(0);
    QTest::newRow("unknown unit") << "5y" << false << qint64(0);
    QTest::newRow("negative") << "-5d" << false << qint64(0);
    QTest::newRow("fraction") << "1.5h" << false << qint64(0);
    QTest::newRow("plus sign") << "+5d" << false << qint64(0);
    QTest::newRow("empty") << "" << false << qint64(0);
    QTest::newRow("overflow") << "99999999999999w" << false << qint64(0);
}

void TestSessionLimits::parseRetention()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, ns);
    const std::optional<std::int64_t> parsed = SessionLimits::parseRetention(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, ns);
}

void TestSessionLimits::retentionTextRoundTrips_data()
{
    QTest::addColumn<QString>("text");
    for (const char *text : {"off", "90m", "36h", "7d", "14d", "45s"})
        QTest::newRow(text) << QString::fromLatin1(text);
}

void TestSessionLimits::retentionTextRoundTrips()
{
    QFETCH(QString, text);
    QCOMPARE(SessionLimits::retentionText(*SessionLimits::parseRetention(text)), text);
    QCOMPARE(SessionLimits::retentionText(*SessionLimits::parseRetention(QStringLiteral("2w"))),
             QStringLiteral("14d"));
}

void TestSessionLimits::sizeText()
{
    QCOMPARE(SessionLimits::sizeText(0), QStringLiteral("no cap"));
    QCOMPARE(SessionLimits::sizeText(std::int64_t(2) << 30), QStringLiteral("2 GiB"));
    QCOMPARE(SessionLimits::sizeText(std::int64_t(512) << 20), QStringLiteral("512 MiB"));
}

void TestSessionLimits::defaults()
{
    const SessionLimits limits = SessionLimits::defaults();
    QCOMPARE(limits.maxBytes, std::int64_t(2) << 30);
    QCOMPARE(limits.retainNs, 7 * 86400 * secondNs);
    QVERIFY(limits.hasSizeCap() && limits.hasAgeLimit());
    QVERIFY(!SessionLimits{}.hasSizeCap() && !SessionLimits{}.hasAgeLimit());
}

QTEST_GUILESS_MAIN(TestSessionLimits)
#include "tst_session_limits.moc"
