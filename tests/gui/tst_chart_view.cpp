#include "chart_view.h"

#include <QDateTime>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;

namespace {
constexpr std::int64_t second = 1'000'000'000LL;
constexpr std::int64_t base = 1'760'000'000LL * second;

ChartSeries line(const QString &name, std::vector<double> values)
{
    ChartSeries series;
    series.name = name;
    for (std::size_t i = 0; i < values.size(); ++i)
        series.timesNs.push_back(base + static_cast<std::int64_t>(i) * 10 * second);
    series.values = std::move(values);
    return series;
}

// Replots (and so the axis layout that pixelFor() reads) are queued: let them run.
QWidget *plotOf(ChartView &chart)
{
    QCoreApplication::processEvents();
    return chart.findChild<QWidget *>(QStringLiteral("chartPlot"));
}
} // namespace

class TestChartView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void dragSelectsTimeRange();
    void shortDragIsAClickOnScatterPoint();
    void hoverReadsValuesUnderCursor();
    void hiddenSeriesStaysHiddenAcrossUpdates();
    void heatmapReplacesSeries();
    void heatmapHoverReadsCell();
    void savesPng();
    void legendSitsOutsideThePlot_data();
    void legendSitsOutsideThePlot();
    void timeLabelsNeverOverlap_data();
    void timeLabelsNeverOverlap();
    void emptyChartShowsTheSelectedRange();

private:
    std::unique_ptr<ChartView> m_chart;
};

void TestChartView::init()
{
    m_chart = std::make_unique<ChartView>();
    m_chart->resize(800, 400);
    m_chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_chart.get()));
    m_chart->setTimeRange(TimeRange{base, base + 100 * second});
}

void TestChartView::dragSelectsTimeRange()
{
    m_chart->setSeries({line(QStringLiteral("a"), {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})});
    QSignalSpy selected(m_chart.get(), &ChartView::rangeSelected);
    QWidget *plot = plotOf(*m_chart);
    const QPoint from = plot->mapFrom(m_chart.get(), m_chart->pixelFor(base + 20 * second, 5));
    const QPoint to = plot->mapFrom(m_chart.get(), m_chart->pixelFor(base + 60 * second, 5));
    QTest::mousePress(plot, Qt::LeftButton, {}, from);
    QTest::mouseMove(plot, (from + to) / 2);
    QTest::mouseMove(plot, to);
    QTest::mouseRelease(plot, Qt::LeftButton, {}, to);
    QCOMPARE(selected.count(), 1);
    const auto range = selected.at(0).at(0).value<TimeRange>();
    // One pixel is ~0.13 s at this width.
    QVERIFY(std::abs(range.startNs - (base + 20 * second)) < second / 2);
    QVERIFY(std::abs(range.endNs - (base + 60 * second)) < second / 2);
}

void TestChartView::shortDragIsAClickOnScatterPoint()
{
    ChartSeries dots = line(QStringLiteral("traces"), {5, 8, 3});
    dots.style = ChartSeries::Style::Scatter;
    dots.highlighted = {false, true, false};
    m_chart->setSeries({dots});
    QSignalSpy clicked(m_chart.get(), &ChartView::scatterPointClicked);
    QSignalSpy selected(m_chart.get(), &ChartView::rangeSelected);
    QWidget *plot = plotOf(*m_chart);
    const QPoint point = plot->mapFrom(m_chart.get(), m_chart->pixelFor(base + 10 * second, 8));
    QTest::mouseClick(plot, Qt::LeftButton, {}, point + QPoint(2, 1));
    QCOMPARE(selected.count(), 0);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), 0);
    QCOMPARE(clicked.at(0).at(1).toInt(), 1);
    // Far from any dot: nothing.
    QTest::mouseClick(plot, Qt::LeftButton, {},
                      plot->mapFrom(m_chart.get(), m_chart->pixelFor(base + 80 * second, 8)));
    QCOMPARE(clicked.count(), 1);
}

void TestChartView::hoverReadsValuesUnderCursor()
{
    m_chart->setValueFormatter(
        [](double value) -> QString { return QString::number(value) + QStringLiteral(" ms"); });
    m_chart->setSeries(
        {line(QStringLiteral("p50"), {1, 2, 3}), line(QStringLiteral("p99"), {10, 20, 30})});
    QWidget *plot = plotOf(*m_chart);
    QTest::mouseMove(plot, plot->mapFrom(m_chart.get(), m_chart->pixelFor(base + 15 * second, 5)));
    QVERIFY2(m_chart->hoverText().contains(QStringLiteral("p50: 2 ms")),
             qPrintable(m_chart->hoverText()));
    QVERIFY(m_chart->hoverText().contains(QStringLiteral("p99: 20 ms")));
}

void TestChartView::hiddenSeriesStaysHiddenAcrossUpdates()
{
    m_chart->setSeries({line(QStringLiteral("a"), {1, 2}), line(QStringLiteral("b"), {3, 4})});
    QSignalSpy toggled(m_chart.get(), &ChartView::seriesVisibilityChanged);
    m_chart->setSeriesVisible(1, false);
    QCOMPARE(toggled.count(), 1);
    QVERIFY(!m_chart->isSeriesVisible(1));
    m_chart->setSeries({line(QStringLiteral("b"), {5}), line(QStringLiteral("a"), {6})});
    QVERIFY(!m_chart->isSeriesVisible(0));
    QVERIFY(m_chart->isSeriesVisible(1));
}

void TestChartView::heatmapReplacesSeries()
{
    m_chart->setSeries({line(QStringLiteral("a"), {1, 2})});
    ChartHeatmap heatmap;
    heatmap.startNs = base;
    heatmap.columnWidthNs = 10 * second;
    heatmap.columns = 3;
    heatmap.rowBounds = {0, 10, 100};
    heatmap.cells = {1, 0, 4, 2, 0, 9};
    m_chart->setHeatmap(heatmap);
    QVERIFY(m_chart->hasHeatmap());
    QCOMPARE(m_chart->seriesCount(), 0);
    m_chart->clear();
    QVERIFY(!m_chart->hasHeatmap());
}

void TestChartView::heatmapHoverReadsCell()
{
    ChartHeatmap heatmap;
    heatmap.startNs = base;
    heatmap.columnWidthNs = 10 * second;
    heatmap.columns = 3;
    heatmap.rowBounds = {0, 10, 100};
    heatmap.cells = {1, 0, 4, 2, 0, 9}; // column-major: column 1 = {4, 2}
    m_chart->setHeatmap(heatmap);
    QWidget *plot = plotOf(*m_chart);
    // Rows are drawn by index: row 1 spans 1..2 on the value axis.
    QTest::mouseMove(plot,
                     plot->mapFrom(m_chart.get(), m_chart->pixelFor(base + 15 * second, 1.5)));
    QVERIFY2(m_chart->hoverText().contains(QStringLiteral("10 – 100")),
             qPrintable(m_chart->hoverText()));
    QVERIFY(m_chart->hoverText().contains(QStringLiteral("count: 2")));
    QTest::mouseMove(plot,
                     plot->mapFrom(m_chart.get(), m_chart->pixelFor(base + 25 * second, 0.5)));
    QVERIFY(m_chart->hoverText().contains(QStringLiteral("0 – 10")));
    QVERIFY(m_chart->hoverText().contains(QStringLiteral("count: 0")));
}

void TestChartView::savesPng()
{
    m_chart->setSeries({line(QStringLiteral("a"), {1, 4, 2, 8})});
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chart.png"));
    QVERIFY(m_chart->saveImage(path, 640, 320));
    const QImage image(path);
    QCOMPARE(image.size(), QSize(640, 320));
}

void TestChartView::legendSitsOutsideThePlot_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("seriesCount");
    QTest::newRow("wide") << 900 << 400 << 6;
    QTest::newRow("narrow") << 320 << 300 << 6;
    QTest::newRow("short") << 600 << 180 << 6;
    // More series than fit: the legend keeps to its share of the height.
    QTest::newRow("many series") << 500 << 300 << 30;
}

void TestChartView::legendSitsOutsideThePlot()
{
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, seriesCount);
    m_chart->resize(width, height);
    m_chart->setLegendVisible(true);
    std::vector<ChartSeries> series;
    for (int i = 0; i < seriesCount; ++i)
        series.push_back(line(QStringLiteral("service.name=checkout-service, http.route=/api/v2/"
                                             "orders/:id/items, http.response.status_code=%1")
                                  .arg(200 + i),
                              {double(i), double(i + 1), double(i + 2)}));
    m_chart->setSeries(series);
    plotOf(*m_chart);
    QTRY_VERIFY(!m_chart->legendRect().isEmpty());
    const QRect plot = m_chart->plotAreaRect();
    const QRect legend = m_chart->legendRect();
    QVERIFY2(!legend.intersects(plot),
             qPrintable(QStringLiteral("legend %1,%2 %3x%4, plot %5,%6 %7x%8")
                            .arg(legend.x())
                            .arg(legend.y())
                            .arg(legend.width())
                            .arg(legend.height())
                            .arg(plot.x())
                            .arg(plot.y())
                            .arg(plot.width())
                            .arg(plot.height())));
    QVERIFY(m_chart->rect().contains(legend));
    QVERIFY(plot.height() >= m_chart->height() / 2);
    QVERIFY2(legend.height() <= m_chart->height() * 35 / 100,
             qPrintable(QString::number(legend.height())));
    // Long names are elided in the middle: both ends stay, the tooltip has it whole.
    const QString shown = m_chart->legendText(0);
    QVERIFY2(shown.contains(QChar(0x2026)), qPrintable(shown));
    const QString full = m_chart->series(0).name;
    const QStringList ends = shown.split(QChar(0x2026));
    QCOMPARE(ends.size(), 2);
    QVERIFY(ends[0].size() >= 4 && full.startsWith(ends[0]));
    QVERIFY(ends[1].size() >= 4 && full.endsWith(ends[1])); // "=200": what tells them apart
    QCOMPARE(m_chart->legendToolTipAt(legend.topLeft() + QPoint(20, 6)), m_chart->series(0).name);
    // Hovering the entry shows the same.
    QWidget *plotWidget = plotOf(*m_chart);
    QTest::mouseMove(plotWidget,
                     plotWidget->mapFrom(m_chart.get(), legend.topLeft() + QPoint(20, 6)));
    QCOMPARE(m_chart->hoverText(), m_chart->series(0).name);
}

void TestChartView::timeLabelsNeverOverlap_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<qint64>("spanSeconds");
    for (const int width : {180, 260, 400, 800, 1400}) {
        for (const qint64 span : {8LL, 1800LL, 3 * 86400LL}) {
            QTest::addRow("%d px, %lld s", width, span) << width << span;
        }
    }
}

void TestChartView::timeLabelsNeverOverlap()
{
    QFETCH(int, width);
    QFETCH(qint64, spanSeconds);
    m_chart->resize(width, 300);
    m_chart->setTimeRange(TimeRange{base, base + spanSeconds * second});
    m_chart->setSeries({line(QStringLiteral("a"), {1, 2, 3})});
    QWidget *plot = plotOf(*m_chart);
    static_cast<void>(plot);
    QTRY_VERIFY(!m_chart->timeAxisLabelRects().isEmpty());
    const QList<QRect> labels = m_chart->timeAxisLabelRects();
    for (qsizetype i = 1; i < labels.size(); ++i)
        QVERIFY2(labels[i - 1].right() < labels[i].left(),
                 qPrintable(QStringLiteral("label %1 ends at %2, label %3 starts at %4")
                                .arg(i - 1)
                                .arg(labels[i - 1].right())
                                .arg(i)
                                .arg(labels[i].left())));
    // Not starved either: at least two labels from 260 px on.
    if (width >= 260)
        QVERIFY2(labels.size() >= 2, qPrintable(QString::number(labels.size())));
}

void TestChartView::emptyChartShowsTheSelectedRange()
{
    ChartView chart;
    chart.resize(600, 300);
    chart.show();
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    constexpr std::int64_t minute = 60 * second;
    // Never shown a range (an empty session): the last minutes up to now, not 1970.
    TimeRange shown = chart.timeAxisRange();
    QVERIFY(shown.startNs > now - 17 * minute);
    QVERIFY(shown.endNs > now - minute);
    // "All" of a session without data: the same.
    chart.setTimeRange(TimeRange{});
    shown = chart.timeAxisRange();
    QVERIFY(shown.startNs > now - 17 * minute && shown.startNs < now - 14 * minute);
    // A range with a start and no end yet ("last hour", following live).
    chart.setTimeRange(TimeRange{now - 60 * minute, std::numeric_limits<std::int64_t>::max()});
    shown = chart.timeAxisRange();
    QVERIFY(std::abs(shown.startNs - (now - 61 * minute)) < minute);
    QVERIFY(shown.endNs >= now);
    // The labels say today's time, not the epoch's.
    QCoreApplication::processEvents();
    chart.setSeries({});
    QCoreApplication::processEvents();
    QVERIFY(!chart.timeAxisLabelRects().isEmpty());
}

QTEST_MAIN(TestChartView)
#include "tst_chart_view.moc"
