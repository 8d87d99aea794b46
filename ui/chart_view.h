// The one chart widget of Kansoku and the only class that sees QCustomPlot: time series as lines
// or scatter dots, or a time × value heatmap, on a local-time axis. It adds a legend that toggles
// series, a crosshair with the values under the cursor, drag-to-select a time range, click on a
// scatter dot and exemplar diamonds that open their span. Replots are queued so bursts of updates
// coalesce. GUI thread.
#pragma once

#include "analysis/chart_series.h"
#include "core/time_range.h"

#include <QSet>
#include <QWidget>
#include <functional>
#include <vector>

class QCustomPlot;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;
class QCPColorScale;

namespace kansoku {

class ChartView : public QWidget
{
    Q_OBJECT
public:
    explicit ChartView(QWidget *parent = nullptr);

    // Replaces what the chart shows. Series hidden through the legend stay hidden by name;
    // exemplars are drawn as diamonds over the lines (while exemplarsVisible()).
    void setSeries(std::vector<ChartSeries> series, std::vector<ChartExemplar> exemplars = {});
    void setHeatmap(const ChartHeatmap &heatmap);
    void clear();

    // The time axis shows this range (the shared workbench range) plus a 1.5% margin each side;
    // open ends are filled in by TimeAxisLayout::shownRange() (an empty session: until now).
    void setTimeRange(TimeRange range);
    // Formats values on the value axis ticks, the crosshair and tooltips (units, durations).
    void setValueFormatter(std::function<QString(double)> formatter);
    // Formats only the value-axis ticks (e.g. shorter than the readout); unset = the above.
    void setTickFormatter(std::function<QString(double)> formatter);
    void setValueAxisLabel(const QString &label);
    void setLogarithmicValues(bool logarithmic);
    // Shown in the middle while there is nothing to draw.
    void setEmptyText(const QString &text);
    void setLegendVisible(bool visible);

    int seriesCount() const { return static_cast<int>(m_series.size()); }
    const ChartSeries &series(int index) const
    {
        return m_series.at(static_cast<std::size_t>(index));
    }
    bool isSeriesVisible(int index) const;
    void setSeriesVisible(int index, bool visible);
    bool hasHeatmap() const { return m_heatmapShown; }
    int exemplarCount() const { return static_cast<int>(m_exemplars.size()); }
    const ChartExemplar &exemplar(int index) const
    {
        return m_exemplars.at(static_cast<std::size_t>(index));
    }
    bool exemplarsVisible() const { return m_exemplarsVisible; }
    void setExemplarsVisible(bool visible);
    // Text of the crosshair readout for the last hovered position; empty when not hovering.
    QString hoverText() const { return m_hoverText; }

    // The legend sits under the plot, never over it; long labels are elided in the middle
    // (the tooltip over an entry shows the series' whole name). For tests: widget coordinates,
    // empty when the legend is hidden.
    QRect plotAreaRect() const;
    QRect legendRect() const;
    // The legend's text of series(index) as drawn (elided), and of the entry at a point.
    QString legendText(int index) const;
    QString legendToolTipAt(const QPoint &position) const;
    // Where the time axis's tick labels are drawn, in widget coordinates (after a replot).
    QList<QRect> timeAxisLabelRects() const;
    // The times at the axis's ends (the range set, with its margins).
    TimeRange timeAxisRange() const;

    // Pixel position of a point, for tests that click on the chart.
    QPoint pixelFor(std::int64_t timeNs, double value) const;
    // The colour series(index) is drawn in: its own, else one of the chart's palette.
    QColor seriesColor(int index) const;
    // PNG, JPEG, SVG or PDF by the file's suffix; 0 = the widget's size.
    bool saveImage(const QString &path, int width = 0, int height = 0) const;

Q_SIGNALS:
    void rangeSelected(const kansoku::TimeRange &range);
    void scatterPointClicked(int seriesIndex, int pointIndex);
    // A click on an exemplar's diamond: open its span.
    void exemplarClicked(const kansoku::TraceId &traceId, const kansoku::SpanId &spanId);
    void seriesVisibilityChanged(int seriesIndex, bool visible);
    // A double click on the plot (e.g. to open the chart somewhere larger).
    void doubleClicked();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildPlottables();
    void updateLegend();
    void installValueTicker();
    void updateEmptyText();
    void updateTimeTicker();
    void showHover(const QPoint &position);
    void hideHover();
    void appendHeatmapCell(double key, double value, QStringList *lines) const;
    void finishDrag(const QPoint &position);
    int nearestScatterPoint(const QPoint &position, int *seriesIndex) const;
    int nearestExemplar(const QPoint &position) const; // -1 when none is in reach
    void addExemplarGraph(double *minValue, double *maxValue);
    static double timeToKey(std::int64_t timeNs);
    static std::int64_t keyToTime(double key);

    QCustomPlot *m_plot = nullptr;
    QCPItemStraightLine *m_crosshairX = nullptr;
    QCPItemStraightLine *m_crosshairY = nullptr;
    QCPItemRect *m_dragRect = nullptr;
    QCPItemText *m_emptyLabel = nullptr;
    QCPColorScale *m_colorScale = nullptr;
    std::vector<ChartSeries> m_series;
    std::vector<ChartExemplar> m_exemplars; // in time order
    bool m_exemplarsVisible = true;
    QSet<QString> m_hiddenSeries;
    std::function<QString(double)> m_formatValue;
    std::function<QString(double)> m_formatTick;
    QString m_emptyText;
    QString m_hoverText;
    std::vector<double> m_heatmapRowBounds; // of the heatmap shown, for the hover readout
    bool m_heatmapShown = false;
    bool m_formatsTicks = false; // a formatter was set: value-axis ticks use it too
    bool m_legendWanted = false;
    int m_legendWidth = -1; // the plot width the legend was laid out for
    bool m_dragging = false;
    int m_dragStartX = 0;
};

} // namespace kansoku
