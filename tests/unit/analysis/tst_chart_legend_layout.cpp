// ChartLegendLayout: middle elision (with a fixed-width "font") and legend columns.
#include "analysis/chart_legend_layout.h"

#include <QTest>

using namespace kansoku;

namespace {
// 7 px a character, as a monospaced font.
int sevenPxPerChar(const QString &text)
{
    return int(text.size()) * 7;
}
} // namespace

class TestChartLegendLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void elideMiddle_data();
    void elideMiddle();
    void columns_data();
    void columns();
};

void TestChartLegendLayout::elideMiddle_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("maxWidth");
    QTest::addColumn<QString>("elided");
    QTest::newRow("fits") << QStringLiteral("method=GET") << 70 << QStringLiteral("method=GET");
    // 21 characters into 12 (84 px): 6 from the start, the ellipsis, 5 from the end; 61 into 30.
    QTest::newRow("middle") << QStringLiteral("http.route=/orders/id") << 84
                            << QStringLiteral("http.r…rs/id");
    QTest::newRow("long attribute set")
        << QStringLiteral("service.name=checkout, http.method=POST, http.status_code=503") << 210
        << QStringLiteral("service.name=ch…tatus_code=503");
    QTest::newRow("only the ellipsis fits") << QStringLiteral("abcdef") << 7 << QStringLiteral("…");
    QTest::newRow("nothing fits") << QStringLiteral("abcdef") << 0 << QStringLiteral("…");
}

void TestChartLegendLayout::elideMiddle()
{
    QFETCH(QString, text);
    QFETCH(int, maxWidth);
    QFETCH(QString, elided);
    const QString result = ChartLegendLayout::elideMiddle(text, maxWidth, sevenPxPerChar);
    QCOMPARE(result, elided);
    if (maxWidth >= 7)
        QVERIFY(sevenPxPerChar(result) <= maxWidth);
}

void TestChartLegendLayout::columns_data()
{
    QTest::addColumn<int>("available");
    QTest::addColumn<int>("itemWidth");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("columns");
    QTest::newRow("three fit") << 700 << 220 << 8 << 3;
    QTest::newRow("fewer items than room") << 700 << 220 << 2 << 2;
    QTest::newRow("narrow") << 150 << 220 << 8 << 1;
    QTest::newRow("no items") << 700 << 220 << 0 << 1;
}

void TestChartLegendLayout::columns()
{
    QFETCH(int, available);
    QFETCH(int, itemWidth);
    QFETCH(int, count);
    QFETCH(int, columns);
    QCOMPARE(ChartLegendLayout::columnsFor(available, itemWidth, count), columns);
}

QTEST_GUILESS_MAIN(TestChartLegendLayout)
#include "tst_chart_legend_layout.moc"
