// One chart of a dashboard: its title, what it shows (rate, quantiles, unit), an "Open in
// Metrics" button and a ChartView. A double click on the plot opens it too. The pane builds the
// MetricChart; the tile only shows it. GUI thread.
#pragma once

#include "analysis/dashboard.h"
#include "analysis/metric_series_builder.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace kansoku {

class ChartView;

class DashboardChartTile : public QFrame
{
    Q_OBJECT
public:
    // Left and right margins and frame around the chart, in pixels.
    static constexpr int horizontalMarginsPx = 14;

    explicit DashboardChartTile(const DashboardChart &chart, QWidget *parent = nullptr);

    // The built chart over range; hasPoints says whether the streams held any point (for the
    // empty text).
    void setChart(MetricChart chart, TimeRange range, bool hasPoints);
    // Before the first answer, and when the range holds none of the chart's streams.
    void setEmpty(const QString &text, TimeRange range);

    const DashboardChart &spec() const { return m_spec; }
    ChartView *chart() const { return m_chart; }
    QString titleText() const;
    QString subtitleText() const;
    QToolButton *openButton() const { return m_open; }

Q_SIGNALS:
    void openRequested();
    void rangeSelected(const kansoku::TimeRange &range);
    void exemplarClicked(const kansoku::TraceId &traceId, const kansoku::SpanId &spanId);

private:
    DashboardChart m_spec;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QToolButton *m_open = nullptr;
    ChartView *m_chart = nullptr;
};

} // namespace kansoku
