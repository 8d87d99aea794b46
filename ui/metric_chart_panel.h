// The right half of the metrics pane: the selected metric's title, a toolbar (rate/raw, group-by,
// quantiles/heatmap, log scale, legend, exemplars), the attributes all its series share, and its
// ChartView. It builds the chart from fetched points with MetricSeriesBuilder and rebuilds locally
// when an option changes (no new query). GUI thread.
#pragma once

#include "analysis/metric_series_builder.h"
#include "view/metric_browser_model.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;

namespace kansoku {

class ChartView;

class MetricChartPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MetricChartPanel(QWidget *parent = nullptr);

    // Shows this metric's controls. A different metric resets the options; the same metric
    // (a live reload) keeps them and only adds new group-by keys.
    void setMetric(const MetricEntry &entry);
    // One line per value of this attribute (as the group-by box would); ignored when the metric
    // has no such key.
    void setGroupByKey(const QString &key);
    // No metric: an empty chart saying why.
    void clearMetric(const QString &emptyText);
    // The points of the metric's streams, fetched for range (the axis) at resolutionNs.
    // windowStartNs: the start of the queried range (open for "all"), see MetricChartOptions.
    void setData(std::vector<MetricStreamWithPoints> data, TimeRange range,
                 std::int64_t windowStartNs, std::int64_t resolutionNs);
    void setTimeRange(TimeRange range);

    QString metricKey() const { return m_key; }
    MetricChartOptions options() const { return m_options; }
    ChartView *chart() const { return m_chart; }
    QString titleText() const;
    QString statusText() const;
    // Width of the plot in pixels, for the query resolution.
    int plotWidth() const;

Q_SIGNALS:
    void rangeSelected(const kansoku::TimeRange &range);
    // An exemplar's diamond was clicked: open its trace at its span.
    void exemplarClicked(const kansoku::TraceId &traceId, const kansoku::SpanId &spanId);
    // The panel changed size: the plot width (and so the right query resolution) may differ.
    void resized();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void updateControls();
    void readControls();

    ChartView *m_chart = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_shared = nullptr; // the attributes every series shares
    QComboBox *m_sumMode = nullptr;
    QComboBox *m_groupBy = nullptr;
    QComboBox *m_histogramMode = nullptr;
    QCheckBox *m_logScale = nullptr;
    QCheckBox *m_legend = nullptr;
    QCheckBox *m_exemplars = nullptr; // shown when the points carry exemplars

    QString m_key;
    std::optional<MetricEntry> m_entry;
    MetricChartOptions m_options;
    std::vector<MetricStreamWithPoints> m_data;
    bool m_hasData = false;
    bool m_updatingControls = false;
};

} // namespace kansoku
