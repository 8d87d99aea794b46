// PageCursor: cursors round-trip, are opaque URL-safe text, and a cursor of one listing (or
// anything else) is refused by another.
#include "analysis/page_cursor.h"

#include <QTest>

using namespace kansoku;

class TestPageCursor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrips_data();
    void roundTrips();
    void refusesOtherKindsAndGarbage_data();
    void refusesOtherKindsAndGarbage();
};

void TestPageCursor::roundTrips_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qint64>("position");
    QTest::newRow("first page") << QStringLiteral("traces") << qint64(0);
    QTest::newRow("offset") << QStringLiteral("traces") << qint64(20);
    QTest::newRow("row id") << QStringLiteral("logs") << qint64(9'007'199'254'740'993);
}

void TestPageCursor::roundTrips()
{
    QFETCH(QString, kind);
    QFETCH(qint64, position);
    const QString cursor = PageCursor::encode(kind, position);
    QVERIFY(!cursor.contains(kind)); // opaque: not the listing's name in clear
    for (const QChar c : cursor)
        QVERIFY2(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'),
                 qPrintable(cursor));
    QCOMPARE(PageCursor::decode(cursor, kind), std::optional<std::int64_t>(position));
}

void TestPageCursor::refusesOtherKindsAndGarbage_data()
{
    QTest::addColumn<QString>("cursor");
    QTest::addColumn<QString>("kind");
    QTest::newRow("other listing")
        << PageCursor::encode(QStringLiteral("logs"), 5) << QStringLiteral("traces");
    QTest::newRow("prefix of a kind")
        << PageCursor::encode(QStringLiteral("trace"), 5) << QStringLiteral("traces");
    QTest::newRow("empty") << QString() << QStringLiteral("traces");
    QTest::newRow("not base64") << QStringLiteral("***") << QStringLiteral("traces");
    QTest::newRow("not a number") << QString::fromLatin1(
        QByteArray("traces:ten").toBase64(QByteArray::Base64UrlEncoding))
                                  << QStringLiteral("traces");
    QTest::newRow("non-Latin-1") << QStringLiteral("カーソル") << QStringLiteral("traces");
}

void TestPageCursor::refusesOtherKindsAndGarbage()
{
    QFETCH(QString, cursor);
    QFETCH(QString, kind);
    QCOMPARE(PageCursor::decode(cursor, kind), std::nullopt);
}

QTEST_GUILESS_MAIN(TestPageCursor)
#include "tst_page_cursor.moc"
