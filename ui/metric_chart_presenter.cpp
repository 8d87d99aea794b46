#include "metric_chart_presenter.h"

#include "analysis/metric_units.h"
#include "chart_view.h"

namespace kansoku {

QString MetricChartPresenter::show(ChartView *view, MetricChart chart, TimeRange range)
{
    const QString unit = chart.valueUnit;
    view->setValueFormatter(
        [unit](double value) -> QString { return MetricUnits::formatValue(value, unit); });
    view->setTickFormatter(
        [unit](double value) -> QString { return MetricUnits::formatTick(value, unit); });
    const QString unitText = MetricUnits::describe(unit);
    // A heatmap's value axis holds the bucket bounds; its colour scale the counts.
    if (chart.isHeatmap())
        view->setValueAxisLabel(unitText);
    // "rate /s" of a plain count says per second already.
    else if (unitText.isEmpty()
             || (unitText == QLatin1String("/s") && chart.shown.endsWith(unitText)))
        view->setValueAxisLabel(chart.shown);
    else
        view->setValueAxisLabel(chart.shown + QStringLiteral(" · ") + unitText);
    view->setTimeRange(range);
    if (chart.isHeatmap())
        view->setHeatmap(chart.heatmap);
    else
        view->setSeries(std::move(chart.series), std::move(chart.exemplars));
    return unitText;
}

} // namespace kansoku
