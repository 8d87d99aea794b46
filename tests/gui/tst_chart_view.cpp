#include "chart_view.h"

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

QTEST_MAIN(TestChartView)
#include "tst_chart_view.moc"
