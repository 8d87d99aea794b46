#include "metric_chart_panel.h"

#include "chart_view.h"
#include "metric_chart_presenter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>

namespace kansoku {

namespace {

constexpr int heatmapColumnPx = 6; // one heatmap column per this many pixels of plot width

template<typename Points>
bool anyExemplar(const Points &points)
{
    return std::any_of(points.begin(), points.end(),
                       [](const DataPointBase &point) { return !point.exemplars.empty(); });
}

bool hasExemplars(const std::vector<MetricStreamWithPoints> &data)
{
    return std::any_of(data.begin(), data.end(), [](const MetricStreamWithPoints &stream) {
        const Metric &metric = stream.metric;
        return anyExemplar(metric.numberPoints) || anyExemplar(metric.histogramPoints)
               || anyExemplar(metric.exponentialHistogramPoints);
    });
}

bool hasPoints(const std::vector<MetricStreamWithPoints> &data)
{
    for (const MetricStreamWithPoints &stream : data) {
        if (stream.metric.pointCount() > 0)
            return true;
    }
    return false;
}

} // namespace

MetricChartPanel::MetricChartPanel(QWidget *parent)
    : QWidget(parent)
    , m_chart(new ChartView(this))
    , m_title(new QLabel(this))
    , m_description(new QLabel(this))
    , m_status(new QLabel(this))
    , m_shared(new QLabel(this))
    , m_sumMode(new QComboBox(this))
    , m_groupBy(new QComboBox(this))
    , m_histogramMode(new QComboBox(this))
    , m_logScale(new QCheckBox(tr("Log scale"), this))
    , m_legend(new QCheckBox(tr("Legend"), this))
    , m_exemplars(new QCheckBox(tr("Exemplars"), this))
{
    m_chart->setObjectName(QStringLiteral("metricChart"));
    m_title->setObjectName(QStringLiteral("metricTitle"));
    m_title->setTextFormat(Qt::RichText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description->setObjectName(QStringLiteral("metricDescription"));
    m_description->setWordWrap(true);
    m_description->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_status->setObjectName(QStringLiteral("metricStatus"));
    m_status->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_shared->setObjectName(QStringLiteral("metricSharedAttributes"));
    m_shared->setWordWrap(true);
    m_shared->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_shared->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_shared->hide();
    m_legend->setObjectName(QStringLiteral("legendToggle"));
    m_legend->setChecked(true);
    m_legend->setToolTip(tr("Show the legend under the chart (click an entry to hide its line)"));

    m_exemplars->setObjectName(QStringLiteral("exemplarsToggle"));
    m_exemplars->setChecked(true);
    m_exemplars->hide();

    m_sumMode->setObjectName(QStringLiteral("sumMode"));
    m_sumMode->addItem(tr("Rate per second"), static_cast<int>(MetricChartOptions::SumMode::Rate));
    m_sumMode->addItem(tr("Raw values"), static_cast<int>(MetricChartOptions::SumMode::Raw));
    m_sumMode->setToolTip(tr("Counters: per-second rate (resets handled) or the values as sent"));
    m_groupBy->setObjectName(QStringLiteral("groupBy"));
    m_groupBy->setToolTip(tr("One line per value of an attribute: sums are added up, gauges "
                             "averaged, histogram buckets merged"));
    m_groupBy->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_histogramMode->setObjectName(QStringLiteral("histogramMode"));
    m_histogramMode->addItem(tr("p50 · p90 · p99"),
                             static_cast<int>(MetricChartOptions::HistogramMode::Quantiles));
    m_histogramMode->addItem(tr("Heatmap"),
                             static_cast<int>(MetricChartOptions::HistogramMode::Heatmap));
    m_logScale->setObjectName(QStringLiteral("logScale"));

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_status);
    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_sumMode);
    toolbar->addWidget(m_histogramMode);
    toolbar->addWidget(m_groupBy);
    toolbar->addWidget(m_logScale);
    toolbar->addWidget(m_legend);
    toolbar->addWidget(m_exemplars);
    toolbar->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(titleRow);
    layout->addWidget(m_description);
    layout->addLayout(toolbar);
    layout->addWidget(m_shared);
    layout->addWidget(m_chart, 1);

    m_chart->setLegendVisible(true);
    connect(m_legend, &QCheckBox::toggled, m_chart, &ChartView::setLegendVisible);
    connect(m_chart, &ChartView::rangeSelected, this, &MetricChartPanel::rangeSelected);
    connect(m_exemplars, &QCheckBox::toggled, m_chart, &ChartView::setExemplarsVisible);
    connect(m_chart, &ChartView::exemplarClicked, this, &MetricChartPanel::exemplarClicked);
    for (QComboBox *combo : {m_sumMode, m_groupBy, m_histogramMode}) {
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            if (m_updatingControls)
                return;
            readControls();
            rebuild();
        });
    }
    connect(m_logScale, &QCheckBox::toggled, this, [this](bool checked) {
        m_chart->setLogarithmicValues(checked);
        if (!m_updatingControls)
            rebuild();
    });
    clearMetric(tr("Select a metric on the left"));
}

void MetricChartPanel::setMetric(const MetricEntry &entry)
{
    const bool sameMetric = entry.key() == m_key;
    m_key = entry.key();
    m_entry = entry;
    if (!sameMetric) {
        m_options = MetricChartOptions{};
        m_data.clear();
        m_hasData = false;
        m_chart->clear();
        m_chart->setEmptyText(tr("Loading…"));
    }
    updateControls();
}

void MetricChartPanel::setGroupByKey(const QString &key)
{
    m_options.groupByKey = key.toStdString();
    updateControls();
    rebuild();
}

void MetricChartPanel::clearMetric(const QString &emptyText)
{
    m_key.clear();
    m_entry.reset();
    m_data.clear();
    m_hasData = false;
    m_options = MetricChartOptions{};
    m_chart->clear();
    m_chart->setEmptyText(emptyText);
    m_chart->setValueAxisLabel(QString());
    m_shared->clear();
    m_shared->hide();
    updateControls();
}

void MetricChartPanel::setData(std::vector<MetricStreamWithPoints> data, TimeRange range,
                               std::int64_t windowStartNs, std::int64_t resolutionNs)
{
    m_data = std::move(data);
    m_hasData = true;
    m_options.range = range;
    m_options.windowStartNs = windowStartNs;
    m_options.resolutionNs = resolutionNs;
    rebuild();
}

void MetricChartPanel::setTimeRange(TimeRange range)
{
    m_chart->setTimeRange(range);
}

void MetricChartPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    Q_EMIT resized();
}

int MetricChartPanel::plotWidth() const
{
    return std::max(200, m_chart->width() - 80);
}

void MetricChartPanel::updateControls()
{
    m_updatingControls = true;
    const bool hasMetric = m_entry.has_value();
    const MetricType type = hasMetric ? m_entry->type : MetricType::Gauge;
    m_sumMode->setVisible(hasMetric && MetricSeriesBuilder::hasRate(type, m_entry->isMonotonic));
    m_sumMode->setCurrentIndex(m_sumMode->findData(static_cast<int>(m_options.sumMode)));
    m_histogramMode->setVisible(hasMetric && MetricSeriesBuilder::isHistogram(type));
    m_histogramMode->setCurrentIndex(
        m_histogramMode->findData(static_cast<int>(m_options.histogramMode)));
    m_groupBy->setVisible(hasMetric);
    m_logScale->setVisible(hasMetric);
    m_legend->setVisible(hasMetric);
    m_exemplars->setVisible(hasMetric && hasExemplars(m_data));

    m_groupBy->clear();
    m_groupBy->addItem(tr("No grouping"), QString());
    if (hasMetric) {
        for (const QString &key : MetricSeriesBuilder::groupByKeys(m_entry->streams))
            m_groupBy->addItem(tr("Group by %1").arg(key), key);
    }
    const int group = m_groupBy->findData(QString::fromStdString(m_options.groupByKey));
    m_groupBy->setCurrentIndex(std::max(0, group));
    if (group < 0)
        m_options.groupByKey.clear();
    // Summaries cannot be merged, and one stream has nothing to group.
    m_groupBy->setEnabled(hasMetric && type != MetricType::Summary && m_groupBy->count() > 1);
    m_logScale->setEnabled(m_options.histogramMode != MetricChartOptions::HistogramMode::Heatmap
                           || !MetricSeriesBuilder::isHistogram(type));
    m_updatingControls = false;

    if (!hasMetric) {
        m_title->setText(QString());
        m_description->clear();
        m_description->setVisible(false);
        m_status->clear();
        return;
    }
    m_description->setText(QString::fromStdString(m_entry->description));
    m_description->setVisible(!m_entry->description.empty());
}

void MetricChartPanel::readControls()
{
    m_options.sumMode = static_cast<MetricChartOptions::SumMode>(m_sumMode->currentData().toInt());
    m_options.histogramMode
        = static_cast<MetricChartOptions::HistogramMode>(m_histogramMode->currentData().toInt());
    m_options.groupByKey = m_groupBy->currentData().toString().toStdString();
    const bool heatmap = m_options.histogramMode == MetricChartOptions::HistogramMode::Heatmap
                         && m_entry && MetricSeriesBuilder::isHistogram(m_entry->type);
    // The heatmap's rows are buckets, not values: a log value axis means nothing there.
    m_logScale->setEnabled(!heatmap);
    if (heatmap && m_logScale->isChecked()) {
        m_updatingControls = true;
        m_logScale->setChecked(false);
        m_updatingControls = false;
    }
}

QString MetricChartPanel::titleText() const
{
    return m_title->text().remove(QRegularExpression(QStringLiteral("<[^>]*>")));
}

QString MetricChartPanel::statusText() const
{
    return m_status->text();
}

void MetricChartPanel::rebuild()
{
    if (!m_entry || !m_hasData)
        return;
    MetricChartOptions options = m_options;
    options.heatmapColumns = std::clamp(plotWidth() / heatmapColumnPx, 20, 400);
    MetricChart chart = MetricSeriesBuilder::build(m_data, options);

    m_chart->setEmptyText(hasPoints(m_data) ? tr("No values of this metric in the range")
                                            : tr("No points of this metric in the range"));
    // Heatmaps and observation rates have no axis for a measurement: the box stays, greyed.
    const int exemplarCount = static_cast<int>(chart.exemplars.size());
    m_exemplars->setVisible(hasExemplars(m_data));
    m_exemplars->setEnabled(exemplarCount > 0);
    m_exemplars->setToolTip(
        exemplarCount > 0
            ? tr("Show the %n exemplar(s) in view: measurements recorded with their span (click "
                 "one to open its trace at that span)",
                 nullptr, exemplarCount)
            : tr("Exemplars are shown with the quantile lines, not in this view"));
    const int omittedSeries = chart.omittedSeries;
    const QString shown = chart.shown;
    const QString differingKeys = chart.differingKeys;
    const QString sharedAttributes = chart.sharedAttributes;
    const QString unitText = MetricChartPresenter::show(m_chart, std::move(chart), m_options.range);

    const QString name = QString::fromStdString(m_entry->name).toHtmlEscaped();
    QString title = QStringLiteral("<b>") + name
                    + QStringLiteral("</b> &nbsp;<span style=\"color:#666\">")
                    + shown.toHtmlEscaped();
    if (!unitText.isEmpty())
        title += QStringLiteral(" (") + unitText.toHtmlEscaped() + QLatin1Char(')');
    title += QStringLiteral("</span>");
    m_title->setText(title);

    std::int64_t points = 0;
    for (const MetricStreamWithPoints &stream : m_data)
        points += static_cast<std::int64_t>(stream.metric.pointCount());
    QString status
        = tr("%n stream(s)", nullptr, static_cast<int>(m_data.size())) + QStringLiteral(" · ")
          + tr("%n point(s)", nullptr, static_cast<int>(std::min<std::int64_t>(points, INT_MAX)));
    if (omittedSeries > 0)
        status += QStringLiteral(" · ") + tr("%n more series not shown", nullptr, omittedSeries);
    m_status->setText(status);
    // What every series shares, and the keys their legend gives the values of, are said once.
    QStringList caption;
    if (!differingKeys.isEmpty())
        caption << tr("Lines by %1").arg(differingKeys);
    if (!sharedAttributes.isEmpty())
        caption << tr("all: %1").arg(sharedAttributes);
    m_shared->setText(caption.join(QStringLiteral(" · ")));
    m_shared->setToolTip(m_shared->text());
    m_shared->setVisible(!caption.isEmpty());
}

} // namespace kansoku
