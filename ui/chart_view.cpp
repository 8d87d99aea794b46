// qcustomplot.h (2.1) uses Qt's foreach in inline code; this file is the only one that includes it.
#undef QT_NO_FOREACH
#include "chart_view.h"

#include "analysis/chart_legend_layout.h"
#include "analysis/time_axis_layout.h"

#include <QDateTime>
#include <QEvent>
#include <QFileInfo>
#include <QMouseEvent>
#include <QSvgGenerator>
#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace kansoku {

namespace {

// Keys on the time axis are Unix seconds as doubles: ~0.25 µs resolution today, plenty for charts.
constexpr double nsPerSecond = 1e9;
constexpr int dragThresholdPx = 4;
constexpr int clickRadiusPx = 8;

const QColor seriesPalette[]
    = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
       QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
       QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
       QColor(0x17, 0xbe, 0xcf)};

QString defaultFormat(double value)
{
    return QLocale().toString(value, 'g', 6);
}

// Value-axis ticks labelled by the chart's formatter (units), on a linear or logarithmic ticker;
// without a formatter the base ticker's own number format.
template<typename Base>
class FormattedTicker : public Base
{
public:
    explicit FormattedTicker(std::function<QString(double)> format)
        : m_format(std::move(format))
    {}

protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar,
                         int precision) override
    {
        if (m_format)
            return m_format(tick);
        return Base::getTickLabel(tick, locale, formatChar, precision);
    }

private:
    std::function<QString(double)> m_format;
};

// Date-time ticks at a step whose labels keep apart at the axis's current width
// (TimeAxisLayout), instead of QCustomPlot's tick count, which rounds to more ticks than fit.
class SpacedDateTimeTicker : public QCPAxisTickerDateTime
{
public:
    explicit SpacedDateTimeTicker(QCPAxis *axis)
        : m_axis(axis)
    {}
    void setLabelWidth(int widthPx) { m_labelWidthPx = widthPx; }

protected:
    double getTickStep(const QCPRange &range) override
    {
        const double step = TimeAxisLayout::tickStepSeconds(
            range.size(), m_axis->axisRect()->width(), m_labelWidthPx);
        if (step <= 0)
            return QCPAxisTickerDateTime::getTickStep(range);
        // Ticks of a day or more start at local midnight, of a month or more on the same day.
        constexpr double day = 86400;
        if (step >= 28 * day)
            mDateStrategy = dsUniformDayInMonth;
        else if (step >= day)
            mDateStrategy = dsUniformTimeInDay;
        else
            mDateStrategy = dsNone;
        return step;
    }

private:
    QCPAxis *m_axis;
    int m_labelWidthPx = 60;
};

// The legend takes at most this share of the chart's height; series past it are left out of it.
constexpr double legendMaxHeightShare = 0.3;
const char *const seriesIndexProperty = "kansokuSeriesIndex";

} // namespace

ChartView::ChartView(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_formatValue(defaultFormat)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("chartPlot"));
    m_plot->setMinimumHeight(120);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setAntialiasedElements(QCP::aePlottables);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);

    auto ticker = QSharedPointer<SpacedDateTimeTicker>::create(m_plot->xAxis);
    ticker->setDateTimeSpec(Qt::LocalTime);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->grid()->setPen(QPen(QColor(0xe6, 0xe6, 0xe6)));
    m_plot->yAxis->grid()->setPen(QPen(QColor(0xe6, 0xe6, 0xe6)));
    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            [this] { updateTimeTicker(); });

    installValueTicker();
    m_plot->yAxis->setNumberFormat(QStringLiteral("gb"));

    // The legend goes under the plot (plotLayout row 1, see updateLegend()), never over the data.
    m_plot->legend->setVisible(false);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setMargins(QMargins(6, 0, 6, 2));
    m_plot->legend->setSelectableParts(QCPLegend::spItems);
    connect(m_plot, &QCustomPlot::legendClick, this,
            [this](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *) {
                auto *plottableItem = qobject_cast<QCPPlottableLegendItem *>(item);
                if (!plottableItem)
                    return;
                const QVariant index = plottableItem->plottable()->property(seriesIndexProperty);
                if (index.isValid())
                    setSeriesVisible(index.toInt(), !isSeriesVisible(index.toInt()));
            });

    const QPen crosshairPen(QColor(0x55, 0x55, 0x55, 160), 1, Qt::DashLine);
    m_crosshairX = new QCPItemStraightLine(m_plot);
    m_crosshairY = new QCPItemStraightLine(m_plot);
    for (QCPItemStraightLine *line : {m_crosshairX, m_crosshairY}) {
        line->setPen(crosshairPen);
        line->setVisible(false);
        line->setSelectable(false);
    }
    m_dragRect = new QCPItemRect(m_plot);
    m_dragRect->setPen(QPen(QColor(0x1f, 0x77, 0xb4)));
    m_dragRect->setBrush(QColor(0x1f, 0x77, 0xb4, 50));
    m_dragRect->setVisible(false);
    m_dragRect->setSelectable(false);
    m_emptyLabel = new QCPItemText(m_plot);
    m_emptyLabel->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_emptyLabel->position->setCoords(0.5, 0.5);
    m_emptyLabel->setColor(QColor(0x80, 0x80, 0x80));
    m_emptyLabel->setSelectable(false);
    m_emptyText = tr("No data in this range");
    updateEmptyText();
    setTimeRange(TimeRange{}); // until told otherwise: the last minutes, never 1970
}

double ChartView::timeToKey(std::int64_t timeNs)
{
    return static_cast<double>(timeNs) / nsPerSecond;
}

std::int64_t ChartView::keyToTime(double key)
{
    return static_cast<std::int64_t>(std::llround(key * nsPerSecond));
}

QColor ChartView::seriesColor(int index) const
{
    const ChartSeries &series = m_series.at(static_cast<std::size_t>(index));
    if (series.color.isValid())
        return series.color;
    return seriesPalette[static_cast<std::size_t>(index) % std::size(seriesPalette)];
}

void ChartView::setSeries(std::vector<ChartSeries> series, std::vector<ChartExemplar> exemplars)
{
    m_series = std::move(series);
    m_exemplars = std::move(exemplars);
    m_heatmapShown = false;
    rebuildPlottables();
}

void ChartView::setHeatmap(const ChartHeatmap &heatmap)
{
    m_series.clear();
    m_exemplars.clear();
    rebuildPlottables();
    if (heatmap.columns <= 0 || heatmap.rows() <= 0)
        return;
    m_heatmapShown = true;
    m_heatmapRowBounds = heatmap.rowBounds;
    auto *map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    // Crisp cells: each is a count of one bucket in one time slot, not a sample of a surface.
    map->setInterpolate(false);
    map->setName(heatmap.name);
    const int rows = heatmap.rows();
    map->data()->setSize(heatmap.columns, rows);
    // Cells are drawn centred on their coordinates, so place them at bucket centres.
    const double firstColumn = timeToKey(heatmap.startNs + heatmap.columnWidthNs / 2);
    const double lastColumn = timeToKey(heatmap.startNs + heatmap.columnWidthNs / 2
                                        + heatmap.columnWidthNs * (heatmap.columns - 1));
    map->data()->setRange(QCPRange(firstColumn, lastColumn),
                          QCPRange(0.5, static_cast<double>(rows) - 0.5));
    double maxCell = 0;
    for (int column = 0; column < heatmap.columns; ++column) {
        for (int row = 0; row < rows; ++row) {
            const double cell = heatmap.cells[static_cast<std::size_t>(column * rows + row)];
            map->data()->setCell(column, row, cell);
            maxCell = std::max(maxCell, cell);
        }
    }
    // Rows are drawn evenly (bucket index), labelled with their value bounds.
    auto rowTicker = QSharedPointer<QCPAxisTickerText>::create();
    const int labelStep = std::max(1, rows / 8);
    for (int row = 0; row <= rows; row += labelStep)
        rowTicker->addTick(row, m_formatValue(heatmap.rowBounds[static_cast<std::size_t>(row)]));
    m_plot->yAxis->setTicker(rowTicker);
    m_plot->yAxis->setScaleType(QCPAxis::stLinear);
    m_plot->yAxis->setRange(0, rows);

    m_colorScale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_colorScale);
    m_colorScale->setType(QCPAxis::atRight);
    m_colorScale->axis()->setLabel(tr("count"));
    map->setColorScale(m_colorScale);
    QCPColorGradient gradient(QCPColorGradient::gpThermal);
    map->setGradient(gradient);
    map->setDataRange(QCPRange(0, std::max(1.0, maxCell)));
    auto *marginGroup = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, marginGroup);
    m_colorScale->setMarginGroup(QCP::msBottom | QCP::msTop, marginGroup);
    updateEmptyText();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::clear()
{
    m_series.clear();
    m_exemplars.clear();
    m_heatmapShown = false;
    rebuildPlottables();
}

void ChartView::rebuildPlottables()
{
    m_plot->clearPlottables();
    if (m_colorScale) {
        m_plot->plotLayout()->remove(m_colorScale);
        m_plot->plotLayout()->simplify();
        m_colorScale = nullptr;
        m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, nullptr);
        installValueTicker();
    }
    m_heatmapRowBounds.clear();

    double minValue = std::numeric_limits<double>::infinity();
    double maxValue = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < m_series.size(); ++i) {
        const ChartSeries &series = m_series[i];
        QCPGraph *graph = m_plot->addGraph();
        graph->setName(series.displayName());
        graph->setProperty(seriesIndexProperty, static_cast<int>(i));
        const QColor color = seriesColor(static_cast<int>(i));
        QVector<QCPGraphData> data;
        data.reserve(static_cast<qsizetype>(series.timesNs.size()));
        for (std::size_t p = 0; p < series.timesNs.size() && p < series.values.size(); ++p) {
            const double value = series.values[p];
            data.append(QCPGraphData(timeToKey(series.timesNs[p]), value));
            if (std::isfinite(value)) {
                minValue = std::min(minValue, value);
                maxValue = std::max(maxValue, value);
            }
        }
        graph->data()->set(data, series.style != ChartSeries::Style::Scatter);
        if (series.style == ChartSeries::Style::Scatter) {
            graph->setLineStyle(QCPGraph::lsNone);
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 5));
        } else {
            graph->setLineStyle(series.style == ChartSeries::Style::StepLine ? QCPGraph::lsStepLeft
                                                                             : QCPGraph::lsLine);
            graph->setPen(QPen(color, 1.6));
            if (series.timesNs.size() < 40)
                graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        }
        graph->setVisible(!m_hiddenSeries.contains(series.name)); // greyed in updateLegend()

        // Emphasised scatter points go into a second graph drawn on top.
        if (series.style == ChartSeries::Style::Scatter && !series.highlighted.empty()) {
            QVector<QCPGraphData> emphasised;
            for (std::size_t p = 0; p < series.highlighted.size() && p < series.timesNs.size();
                 ++p) {
                if (series.highlighted[p])
                    emphasised.append(QCPGraphData(timeToKey(series.timesNs[p]), series.values[p]));
            }
            if (!emphasised.isEmpty()) {
                QCPGraph *marks = m_plot->addGraph();
                marks->setName(series.name + tr(" (marked)"));
                marks->removeFromLegend();
                marks->data()->set(emphasised, false);
                marks->setLineStyle(QCPGraph::lsNone);
                const QColor red(0xd6, 0x27, 0x28);
                marks->setScatterStyle(
                    QCPScatterStyle(QCPScatterStyle::ssCrossCircle, red, QColor(255, 255, 255), 8));
                marks->setVisible(graph->visible());
                marks->setSelectable(QCP::stNone);
            }
        }
    }
    addExemplarGraph(&minValue, &maxValue);
    if (std::isfinite(minValue)) {
        if (m_plot->yAxis->scaleType() == QCPAxis::stLogarithmic) {
            const double low = minValue > 0 ? minValue / 1.5 : 1e-3;
            m_plot->yAxis->setRange(low, std::max(low * 10, maxValue * 1.5));
        } else {
            const double span = maxValue - minValue;
            const double pad = span > 0 ? span * 0.08 : std::max(1.0, std::abs(maxValue) * 0.1);
            m_plot->yAxis->setRange(minValue >= 0 && minValue - pad < 0 ? 0 : minValue - pad,
                                    maxValue + pad);
        }
    }
    updateLegend();
    updateEmptyText();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::setExemplarsVisible(bool visible)
{
    if (visible == m_exemplarsVisible)
        return;
    m_exemplarsVisible = visible;
    rebuildPlottables();
}

void ChartView::addExemplarGraph(double *minValue, double *maxValue)
{
    if (!m_exemplarsVisible || m_exemplars.empty())
        return;
    QVector<QCPGraphData> data;
    data.reserve(static_cast<qsizetype>(m_exemplars.size()));
    for (const ChartExemplar &exemplar : m_exemplars) {
        data.append(QCPGraphData(timeToKey(exemplar.timeNs), exemplar.value));
        // Outliers are what exemplars are for: the value axis takes them in.
        *minValue = std::min(*minValue, exemplar.value);
        *maxValue = std::max(*maxValue, exemplar.value);
    }
    QCPGraph *marks = m_plot->addGraph();
    marks->setName(tr("Exemplars"));
    marks->removeFromLegend();
    marks->data()->set(data, true);
    marks->setLineStyle(QCPGraph::lsNone);
    // Amber with a dark edge: apart from the palette's line colours and visible on any of them.
    marks->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QColor(0x4e, 0x34, 0x2e),
                                           QColor(0xff, 0xc1, 0x07), 9));
    marks->setSelectable(QCP::stNone);
}

void ChartView::setLegendVisible(bool visible)
{
    m_legendWanted = visible;
    updateLegend();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::updateLegend()
{
    QCPLegend *legend = m_plot->legend;
    QCPLayoutGrid *layout = m_plot->plotLayout();
    const bool placed = layout->rowCount() > 1 && layout->element(1, 0) == legend;
    const bool show = m_legendWanted && m_series.size() > 1;
    m_legendWidth = m_plot->width();
    if (!show) {
        if (placed) {
            layout->take(legend);
            layout->simplify();
        }
        legend->setVisible(false);
        return;
    }
    // Labels elided in the middle to half the width, less the line sample (the tooltip shows
    // the whole name).
    const QFontMetrics metrics(legend->font());
    const int maxLabelPx = std::clamp(m_plot->width() / 2 - 48, 120, 360);
    const auto widthOf = [&metrics](const QString &text) {
        return metrics.horizontalAdvance(text);
    };
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        QCPGraph *graph = m_plot->graph(i);
        const QVariant index = graph->property(seriesIndexProperty);
        if (!index.isValid())
            continue;
        // Entries left out at a smaller size come back, in series order.
        graph->addToLegend(legend);
        const QString &name = m_series[static_cast<std::size_t>(index.toInt())].displayName();
        graph->setName(ChartLegendLayout::elideMiddle(name, maxLabelPx, widthOf));
        // A hidden series stays in the legend, greyed, so a click shows it again.
        if (QCPPlottableLegendItem *item = legend->itemWithPlottable(graph))
            item->setTextColor(graph->visible() ? Qt::black : QColor(0xaa, 0xaa, 0xaa));
    }
    // As many columns as the widest entry allows, and no more rows than the height affords.
    // (itemCount() counts the grid's cells, empty ones of a last row included.)
    std::vector<QCPAbstractLegendItem *> items;
    int itemWidthPx = 0;
    int itemHeightPx = 0;
    for (int i = 0; i < legend->itemCount(); ++i) {
        QCPAbstractLegendItem *item = legend->item(i);
        if (!item)
            continue;
        items.push_back(item);
        const QSize size = item->minimumOuterSizeHint();
        itemWidthPx = std::max(itemWidthPx, size.width() + legend->columnSpacing());
        itemHeightPx = std::max(itemHeightPx, size.height() + legend->rowSpacing());
    }
    const int columns = ChartLegendLayout::columnsFor(m_plot->width() - 12, itemWidthPx,
                                                      static_cast<int>(items.size()));
    const int maxRows = std::max(1, static_cast<int>(m_plot->height() * legendMaxHeightShare)
                                        / std::max(1, itemHeightPx));
    // Series past what fits stay out of the legend; the hover readout still names them.
    for (std::size_t i = static_cast<std::size_t>(maxRows * columns); i < items.size(); ++i)
        legend->remove(items[i]);
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    if (!placed) {
        layout->addElement(1, 0, legend);
        layout->setRowStretchFactor(1, 0.001);
    }
    legend->setVisible(true);
}

bool ChartView::isSeriesVisible(int index) const
{
    if (index < 0 || index >= seriesCount())
        return false;
    return !m_hiddenSeries.contains(m_series[static_cast<std::size_t>(index)].name);
}

void ChartView::setSeriesVisible(int index, bool visible)
{
    if (index < 0 || index >= seriesCount() || isSeriesVisible(index) == visible)
        return;
    const QString &name = m_series[static_cast<std::size_t>(index)].name;
    if (visible)
        m_hiddenSeries.remove(name);
    else
        m_hiddenSeries.insert(name);
    rebuildPlottables();
    Q_EMIT seriesVisibilityChanged(index, visible);
}

void ChartView::setTimeRange(TimeRange range)
{
    range = TimeAxisLayout::shownRange(range, QDateTime::currentMSecsSinceEpoch() * 1'000'000);
    // A little room on both sides, so points on the range's edges are drawn whole.
    const double start = timeToKey(range.startNs);
    const double end = timeToKey(range.endNs);
    const double margin = std::max((end - start) * 0.015, 1e-6);
    m_plot->xAxis->setRange(start - margin, end + margin);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::setValueFormatter(std::function<QString(double)> formatter)
{
    m_formatsTicks = static_cast<bool>(formatter);
    m_formatValue = formatter ? std::move(formatter) : defaultFormat;
    if (!m_colorScale)
        installValueTicker();
}

void ChartView::setTickFormatter(std::function<QString(double)> formatter)
{
    m_formatTick = std::move(formatter);
    if (!m_colorScale)
        installValueTicker();
}

void ChartView::installValueTicker()
{
    std::function<QString(double)> format = m_formatTick;
    if (!format && m_formatsTicks)
        format = m_formatValue;
    if (m_plot->yAxis->scaleType() == QCPAxis::stLogarithmic)
        m_plot->yAxis->setTicker(QSharedPointer<FormattedTicker<QCPAxisTickerLog>>::create(format));
    else
        m_plot->yAxis->setTicker(QSharedPointer<FormattedTicker<QCPAxisTicker>>::create(format));
}

void ChartView::setValueAxisLabel(const QString &label)
{
    m_plot->yAxis->setLabel(label);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::setLogarithmicValues(bool logarithmic)
{
    m_plot->yAxis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    installValueTicker();
    rebuildPlottables();
}

void ChartView::setEmptyText(const QString &text)
{
    m_emptyText = text;
    updateEmptyText();
}

void ChartView::updateEmptyText()
{
    bool hasData = m_heatmapShown;
    for (const ChartSeries &series : m_series)
        hasData = hasData || !series.timesNs.empty();
    m_emptyLabel->setText(m_emptyText);
    m_emptyLabel->setVisible(!hasData);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::updateTimeTicker()
{
    auto ticker = m_plot->xAxis->ticker().dynamicCast<QCPAxisTickerDateTime>();
    if (!ticker)
        return;
    const double spanSeconds = m_plot->xAxis->range().size();
    QString format;
    if (spanSeconds < 10)
        format = QStringLiteral("HH:mm:ss.zzz");
    else if (spanSeconds < 2 * 86400)
        format = QStringLiteral("HH:mm:ss");
    else
        format = QStringLiteral("MMM d\nHH:mm");
    ticker->setDateTimeFormat(format);
    // The widest label of this format (each line of a two-line one) decides the tick step.
    const QFontMetrics metrics(m_plot->xAxis->tickLabelFont());
    const QString sample = spanSeconds < 10 ? QStringLiteral("00:00:00.000")
                                            : (spanSeconds < 2 * 86400 ? QStringLiteral("00:00:00")
                                                                       : QStringLiteral("May 30"));
    if (auto spaced = ticker.dynamicCast<SpacedDateTimeTicker>())
        spaced->setLabelWidth(metrics.horizontalAdvance(sample));
}

QRect ChartView::plotAreaRect() const
{
    const QRect area = m_plot->axisRect()->rect();
    return QRect(m_plot->mapTo(this, area.topLeft()), area.size());
}

QRect ChartView::legendRect() const
{
    if (!m_plot->legend->visible())
        return {};
    const QRect legend = m_plot->legend->outerRect();
    return QRect(m_plot->mapTo(this, legend.topLeft()), legend.size());
}

QString ChartView::legendText(int index) const
{
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        const QCPGraph *graph = m_plot->graph(i);
        if (graph->property(seriesIndexProperty) == index)
            return graph->name();
    }
    return {};
}

QString ChartView::legendToolTipAt(const QPoint &position) const
{
    if (!m_plot->legend->visible())
        return {};
    const QPoint inPlot = m_plot->mapFrom(this, position);
    for (int i = 0; i < m_plot->legend->itemCount(); ++i) {
        auto *item = qobject_cast<QCPPlottableLegendItem *>(m_plot->legend->item(i));
        if (!item || !item->outerRect().contains(inPlot))
            continue;
        const QVariant index = item->plottable()->property(seriesIndexProperty);
        if (index.isValid())
            return m_series[static_cast<std::size_t>(index.toInt())].name; // the whole name
    }
    return {};
}

QList<QRect> ChartView::timeAxisLabelRects() const
{
    QList<QRect> rects;
    const QCPAxis *axis = m_plot->xAxis;
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    const QFontMetrics metrics(axis->tickLabelFont());
    const int top = axis->axisRect()->bottom() + axis->tickLabelPadding();
    for (qsizetype i = 0; i < ticks.size() && i < labels.size(); ++i) {
        const double x = axis->coordToPixel(ticks[i]);
        if (x < axis->axisRect()->left() - 1 || x > axis->axisRect()->right() + 1)
            continue; // QCustomPlot does not draw ticks outside the axis
        const QSize size = metrics.size(0, labels[i]);
        const QRect inPlot(qRound(x - size.width() / 2.0), top, size.width(), size.height());
        rects.append(QRect(m_plot->mapTo(this, inPlot.topLeft()), inPlot.size()));
    }
    return rects;
}

TimeRange ChartView::timeAxisRange() const
{
    const QCPRange range = m_plot->xAxis->range();
    return TimeRange{keyToTime(range.lower), keyToTime(range.upper)};
}

QPoint ChartView::pixelFor(std::int64_t timeNs, double value) const
{
    const QPoint inPlot(qRound(m_plot->xAxis->coordToPixel(timeToKey(timeNs))),
                        qRound(m_plot->yAxis->coordToPixel(value)));
    return m_plot->mapTo(this, inPlot);
}

bool ChartView::saveImage(const QString &path, int width, int height) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg")) {
        const int svgWidth = width > 0 ? width : m_plot->width();
        const int svgHeight = height > 0 ? height : m_plot->height();
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(QSize(svgWidth, svgHeight));
        generator.setViewBox(QRect(0, 0, svgWidth, svgHeight));
        generator.setTitle(QStringLiteral("Kansoku chart"));
        QCPPainter painter;
        if (!painter.begin(&generator))
            return false;
        m_plot->toPainter(&painter, svgWidth, svgHeight);
        // QSvgGenerator reports no write errors: check that the file is there and not empty.
        return painter.end() && QFileInfo(path).size() > 0;
    }
    if (suffix == QLatin1String("pdf"))
        return m_plot->savePdf(path, width, height);
    if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        return m_plot->saveJpg(path, width, height);
    return m_plot->savePng(path, width, height);
}

bool ChartView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::Resize:
        // Columns and elision follow the width; the time ticks follow it at the next replot.
        if (m_plot->legend->visible() && m_plot->width() != m_legendWidth) {
            updateLegend();
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        }
        break;
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton
            && m_plot->axisRect()->rect().contains(mouse->position().toPoint())
            && !(m_plot->legend->visible()
                 && m_plot->legend->selectTest(mouse->position(), false) >= 0)) {
            m_dragging = true;
            m_dragStartX = mouse->position().toPoint().x();
        }
        break;
    }
    case QEvent::MouseButtonDblClick:
        if (static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
            m_dragging = false;
            Q_EMIT doubleClicked();
        }
        break;
    case QEvent::MouseMove: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        const QPoint position = mouse->position().toPoint();
        if (m_dragging && std::abs(position.x() - m_dragStartX) >= dragThresholdPx) {
            m_dragRect->topLeft->setType(QCPItemPosition::ptPlotCoords);
            m_dragRect->bottomRight->setType(QCPItemPosition::ptPlotCoords);
            const QCPRange values = m_plot->yAxis->range();
            m_dragRect->topLeft->setCoords(m_plot->xAxis->pixelToCoord(m_dragStartX), values.upper);
            m_dragRect->bottomRight->setCoords(m_plot->xAxis->pixelToCoord(position.x()),
                                               values.lower);
            m_dragRect->setVisible(true);
        }
        showHover(position);
        break;
    }
    case QEvent::MouseButtonRelease: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (m_dragging && mouse->button() == Qt::LeftButton) {
            m_dragging = false;
            finishDrag(mouse->position().toPoint());
        }
        break;
    }
    case QEvent::Leave:
        hideHover();
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void ChartView::finishDrag(const QPoint &position)
{
    m_dragRect->setVisible(false);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    if (std::abs(position.x() - m_dragStartX) >= dragThresholdPx) {
        const double a = m_plot->xAxis->pixelToCoord(m_dragStartX);
        const double b = m_plot->xAxis->pixelToCoord(position.x());
        TimeRange range{keyToTime(std::min(a, b)), keyToTime(std::max(a, b))};
        if (!range.isEmpty())
            Q_EMIT rangeSelected(range);
        return;
    }
    if (const int exemplar = nearestExemplar(position); exemplar >= 0) {
        const ChartExemplar &clicked = m_exemplars[static_cast<std::size_t>(exemplar)];
        Q_EMIT exemplarClicked(clicked.traceId, clicked.spanId);
        return;
    }
    int seriesIndex = -1;
    const int pointIndex = nearestScatterPoint(position, &seriesIndex);
    if (pointIndex >= 0)
        Q_EMIT scatterPointClicked(seriesIndex, pointIndex);
}

int ChartView::nearestExemplar(const QPoint &position) const
{
    if (!m_exemplarsVisible)
        return -1;
    double bestDistance = clickRadiusPx * clickRadiusPx;
    int best = -1;
    for (std::size_t i = 0; i < m_exemplars.size(); ++i) {
        const double dx
            = m_plot->xAxis->coordToPixel(timeToKey(m_exemplars[i].timeNs)) - position.x();
        const double dy = m_plot->yAxis->coordToPixel(m_exemplars[i].value) - position.y();
        const double distance = dx * dx + dy * dy;
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = static_cast<int>(i);
        }
    }
    return best;
}

int ChartView::nearestScatterPoint(const QPoint &position, int *seriesIndex) const
{
    double bestDistance = clickRadiusPx * clickRadiusPx;
    int best = -1;
    for (std::size_t s = 0; s < m_series.size(); ++s) {
        const ChartSeries &series = m_series[s];
        if (series.style != ChartSeries::Style::Scatter || !isSeriesVisible(static_cast<int>(s)))
            continue;
        for (std::size_t p = 0; p < series.timesNs.size() && p < series.values.size(); ++p) {
            const double dx
                = m_plot->xAxis->coordToPixel(timeToKey(series.timesNs[p])) - position.x();
            const double dy = m_plot->yAxis->coordToPixel(series.values[p]) - position.y();
            const double distance = dx * dx + dy * dy;
            if (distance <= bestDistance) {
                bestDistance = distance;
                best = static_cast<int>(p);
                *seriesIndex = static_cast<int>(s);
            }
        }
    }
    return best;
}

void ChartView::showHover(const QPoint &position)
{
    if (const QString name = legendToolTipAt(m_plot->mapTo(this, position)); !name.isEmpty()) {
        hideHover();
        m_hoverText = name;
        if (isVisible())
            QToolTip::showText(m_plot->mapToGlobal(position + QPoint(14, 14)), name, m_plot);
        return;
    }
    if (!m_plot->axisRect()->rect().contains(position)) {
        hideHover();
        return;
    }
    const double key = m_plot->xAxis->pixelToCoord(position.x());
    const double value = m_plot->yAxis->pixelToCoord(position.y());
    m_crosshairX->point1->setCoords(key, 0);
    m_crosshairX->point2->setCoords(key, 1);
    m_crosshairY->point1->setCoords(0, value);
    m_crosshairY->point2->setCoords(1, value);
    m_crosshairX->setVisible(true);
    m_crosshairY->setVisible(!m_heatmapShown);

    const QDateTime time
        = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::llround(key * 1000)));
    QStringList lines{time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))};
    int seriesIndex = -1;
    const int exemplarIndex = nearestExemplar(position);
    const int scatterPoint = exemplarIndex >= 0 ? -1 : nearestScatterPoint(position, &seriesIndex);
    // A diamond opens its span: the hand says it can be clicked.
    if (exemplarIndex >= 0)
        m_plot->setCursor(Qt::PointingHandCursor);
    else
        m_plot->unsetCursor();
    if (exemplarIndex >= 0) {
        const ChartExemplar &exemplar = m_exemplars[static_cast<std::size_t>(exemplarIndex)];
        lines = QStringList{tr("Exemplar: %1").arg(exemplar.valueText),
                            QDateTime::fromMSecsSinceEpoch(exemplar.timeNs / 1'000'000)
                                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")),
                            exemplar.series,
                            tr("trace %1").arg(QString::fromStdString(toHex(exemplar.traceId))),
                            tr("Click to open the trace at this span")};
        lines.removeAll(QString());
    } else if (scatterPoint >= 0) {
        const ChartSeries &series = m_series[static_cast<std::size_t>(seriesIndex)];
        lines.append(series.name + QStringLiteral(": ")
                     + m_formatValue(series.values[static_cast<std::size_t>(scatterPoint)]));
    } else {
        // Lines: the value of each visible series at the cursor (last point at or before it).
        const std::int64_t timeNs = keyToTime(key);
        for (std::size_t s = 0; s < m_series.size() && lines.size() <= 12; ++s) {
            const ChartSeries &series = m_series[s];
            if (series.style == ChartSeries::Style::Scatter
                || !isSeriesVisible(static_cast<int>(s)))
                continue;
            auto it = std::upper_bound(series.timesNs.begin(), series.timesNs.end(), timeNs);
            if (it == series.timesNs.begin())
                continue;
            const auto index
                = static_cast<std::size_t>(std::distance(series.timesNs.begin(), it) - 1);
            if (index < series.values.size() && std::isfinite(series.values[index]))
                lines.append(series.name + QStringLiteral(": ")
                             + m_formatValue(series.values[index]));
        }
        if (m_heatmapShown)
            appendHeatmapCell(key, value, &lines);
        else if (lines.size() == 1)
            lines.append(m_formatValue(value));
    }
    m_hoverText = lines.join(QLatin1Char('\n'));
    m_plot->setToolTip(m_hoverText);
    if (isVisible())
        QToolTip::showText(m_plot->mapToGlobal(position + QPoint(14, 14)), m_hoverText, m_plot);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::appendHeatmapCell(double key, double value, QStringList *lines) const
{
    auto *map = m_plot->plottableCount() > 0 ? qobject_cast<QCPColorMap *>(m_plot->plottable(0))
                                             : nullptr;
    if (!map)
        return;
    int column = -1;
    int row = -1;
    map->data()->coordToCell(key, value, &column, &row);
    if (column < 0 || row < 0 || column >= map->data()->keySize() || row >= map->data()->valueSize()
        || static_cast<std::size_t>(row) + 1 >= m_heatmapRowBounds.size())
        return;
    const auto bound = static_cast<std::size_t>(row);
    lines->append(m_formatValue(m_heatmapRowBounds[bound]) + QStringLiteral(" – ")
                  + m_formatValue(m_heatmapRowBounds[bound + 1]));
    lines->append(tr("count: %1").arg(QLocale().toString(map->data()->cell(column, row), 'g', 8)));
}

void ChartView::hideHover()
{
    m_crosshairX->setVisible(false);
    m_crosshairY->setVisible(false);
    m_hoverText.clear();
    QToolTip::hideText();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace kansoku
