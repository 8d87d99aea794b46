#include "analysis/metric_series_builder.h"

#include "analysis/exemplar_marker_builder.h"
#include "analysis/histogram_math.h"
#include "analysis/metric_heatmap_builder.h"
#include "analysis/metric_units.h"
#include "analysis/number_series_math.h"
#include "analysis/series_label_split.h"

#include <QLocale>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace kansoku {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t openStart = std::numeric_limits<std::int64_t>::min();

struct Group
{
    QString label;  // the series' identity: the stream's attributes, or key=value of the group
    QString legend; // what sets it apart from the other groups; empty = label
    std::vector<std::size_t> streams;

    // The series text for a line of this group, e.g. a quantile: "label p50".
    QString legendWith(const QString &suffix) const
    {
        return (legend.isEmpty() ? label : legend) + QLatin1Char(' ') + suffix;
    }
};

QString attributeText(const KeyValue &entry)
{
    return QString::fromStdString(entry.key) + QLatin1Char('=')
           + QString::fromStdString(entry.value.toDisplayString());
}

QString groupValue(const MetricStream &info, const std::string &key)
{
    const AnyValue *value = findAttribute(info.attributes, key);
    if (!value)
        value = findAttribute(info.resource.attributes, key);
    if (!value)
        return QStringLiteral("(none)");
    const std::string text = value->toDisplayString();
    return text.empty() ? QStringLiteral("(empty)") : QString::fromStdString(text);
}

std::int64_t originOf(const MetricChartOptions &options)
{
    return options.range.startNs == openStart ? 0 : options.range.startNs;
}

// Labels made unique, so legend toggles (which go by name) never hit two series at once.
std::vector<Group> groupsOf(const std::vector<MetricStreamWithPoints> &streams,
                            const MetricChartOptions &options, bool allowGrouping)
{
    std::vector<Group> groups;
    if (allowGrouping && !options.groupByKey.empty()) {
        std::map<QString, std::vector<std::size_t>> byValue;
        for (std::size_t i = 0; i < streams.size(); ++i)
            byValue[groupValue(streams[i].stream, options.groupByKey)].push_back(i);
        for (auto &[value, members] : byValue)
            groups.push_back({QString::fromStdString(options.groupByKey) + QLatin1Char('=') + value,
                              QString(), std::move(members)});
        return groups;
    }
    std::map<QString, int> seen;
    for (std::size_t i = 0; i < streams.size(); ++i)
        ++seen[MetricSeriesBuilder::streamLabel(streams[i].stream)];
    const SeriesLabels split = MetricSeriesBuilder::splitStreamLabels(streams);
    for (std::size_t i = 0; i < streams.size(); ++i) {
        QString label = MetricSeriesBuilder::streamLabel(streams[i].stream);
        QString legend = split.labels[i];
        if (seen[label] > 1) {
            const QString id = QStringLiteral(" #") + QString::number(streams[i].stream.streamId);
            label += id;
            legend = legend.isEmpty() ? label : legend + id;
        }
        groups.push_back({label, legend == label ? QString() : legend, {i}});
    }
    std::stable_sort(groups.begin(), groups.end(),
                     [](const Group &a, const Group &b) { return a.label < b.label; });
    return groups;
}

ExemplarMarkerBuilder::Options exemplarOptions(ExemplarMarkerBuilder::Placement placement,
                                               const QString &unit,
                                               const MetricChartOptions &options)
{
    ExemplarMarkerBuilder::Options exemplars;
    exemplars.placement = placement;
    exemplars.unit = unit;
    exemplars.range = options.range;
    return exemplars;
}

ChartSeries toSeries(const QString &name, const std::vector<TimedValue> &values)
{
    ChartSeries series;
    series.name = name;
    series.timesNs.reserve(values.size());
    series.values.reserve(values.size());
    for (const TimedValue &value : values) {
        series.timesNs.push_back(value.timeNs);
        series.values.push_back(value.value);
    }
    return series;
}

void numberChart(const std::vector<MetricStreamWithPoints> &streams,
                 const std::vector<Group> &groups, const MetricChartOptions &options,
                 MetricChart *chart)
{
    const Metric &first = streams.front().metric;
    const bool isSum = first.type == MetricType::Sum;
    const bool rate = MetricSeriesBuilder::hasRate(first.type, first.isMonotonic)
                      && options.sumMode == MetricChartOptions::SumMode::Rate;
    const bool delta = first.temporality == AggregationTemporality::Delta;
    const QString unit = QString::fromStdString(first.unit);
    chart->valueUnit = rate ? MetricUnits::perSecond(unit) : unit;
    if (rate)
        chart->shown = QStringLiteral("rate /s");
    else if (isSum && delta)
        chart->shown = QStringLiteral("total per interval");
    else if (isSum && first.isMonotonic)
        chart->shown = QStringLiteral("running total");
    else
        chart->shown = QStringLiteral("value");
    const bool grouped = std::any_of(groups.begin(), groups.end(),
                                     [](const Group &g) { return g.streams.size() > 1; });
    if (!isSum && grouped)
        chart->shown = QStringLiteral("mean value");

    for (const Group &group : groups) {
        std::vector<std::vector<TimedValue>> members;
        for (std::size_t index : group.streams) {
            const Metric &metric = streams[index].metric;
            if (!rate)
                members.push_back(NumberSeriesMath::raw(metric.numberPoints));
            else if (metric.temporality == AggregationTemporality::Delta)
                members.push_back(NumberSeriesMath::deltaRate(metric.numberPoints));
            else
                members.push_back(
                    NumberSeriesMath::cumulativeRate(metric.numberPoints, options.windowStartNs));
        }
        std::vector<TimedValue> values
            = members.size() == 1
                  ? std::move(members.front())
                  : NumberSeriesMath::combine(members,
                                              isSum ? NumberSeriesMath::Combine::Sum
                                                    : NumberSeriesMath::Combine::Mean,
                                              originOf(options), options.resolutionNs);
        chart->series.push_back(toSeries(group.label, values));
        chart->series.back().label = group.legend;
    }
    // A gauge's axis holds its measurements; a sum's a rate or a total of them.
    std::vector<ExemplarSample> samples;
    for (const Group &group : groups) {
        for (std::size_t index : group.streams) {
            for (const NumberDataPoint &point : streams[index].metric.numberPoints)
                ExemplarMarkerBuilder::collect(point, group.label, &samples);
        }
    }
    chart->exemplars = ExemplarMarkerBuilder::build(
        std::move(samples), chart->series,
        exemplarOptions(isSum ? ExemplarMarkerBuilder::Placement::OnSeries
                              : ExemplarMarkerBuilder::Placement::AtValue,
                        unit, options));
}

// Distributions of a group merged per time slot (the fetch resolution, or the exact time).
template<typename Distribution, typename Merge>
std::vector<Distribution> mergedByTime(std::vector<Distribution> all,
                                       const MetricChartOptions &options, Merge merge)
{
    const std::int64_t origin = originOf(options);
    const std::int64_t resolution = options.resolutionNs;
    auto slotOf = [origin, resolution](std::int64_t timeNs) {
        if (resolution <= 0)
            return timeNs;
        const std::int64_t offset = timeNs - origin;
        return offset / resolution - (offset % resolution != 0 && offset < 0 ? 1 : 0);
    };
    std::stable_sort(all.begin(), all.end(), [](const Distribution &a, const Distribution &b) {
        return a.timeNs < b.timeNs;
    });
    std::vector<Distribution> merged;
    std::optional<std::int64_t> lastSlot;
    for (Distribution &d : all) {
        const std::int64_t slot = slotOf(d.timeNs);
        if (lastSlot && *lastSlot == slot)
            merge(merged.back(), d);
        else
            merged.push_back(std::move(d));
        lastSlot = slot;
    }
    return merged;
}

const std::vector<double> &quantilesOf(const MetricChartOptions &options)
{
    return options.quantiles.empty() ? MetricSeriesBuilder::histogramQuantiles()
                                     : options.quantiles;
}

template<typename Distribution>
void quantileLines(const Group &group, bool prefix, const std::vector<Distribution> &merged,
                   const std::vector<double> &quantiles, MetricChart *chart)
{
    static const QColor quantileColors[]
        = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0xd6, 0x27, 0x28)};
    for (std::size_t q = 0; q < quantiles.size(); ++q) {
        ChartSeries series;
        const QString name = MetricSeriesBuilder::quantileLabel(quantiles[q]);
        series.name = prefix ? group.label + QLatin1Char(' ') + name : name;
        if (prefix && !group.legend.isEmpty())
            series.label = group.legendWith(name);
        if (!prefix)
            series.color = quantileColors[q % std::size(quantileColors)];
        for (const Distribution &d : merged) {
            series.timesNs.push_back(d.timeNs);
            series.values.push_back(HistogramMath::quantile(d, quantiles[q]));
        }
        chart->series.push_back(std::move(series));
    }
}

// Observations per second of one stream: each interval's count over its own duration (the
// delta-sum rule of NumberSeriesMath, so both kinds of rate agree).
template<typename Distribution>
std::vector<TimedValue> observationRate(const std::vector<Distribution> &intervals)
{
    std::vector<NumberDataPoint> counts;
    counts.reserve(intervals.size());
    for (const Distribution &d : intervals) {
        NumberDataPoint point;
        point.startTimeNs = d.startNs;
        point.timeNs = d.timeNs;
        point.value = d.total();
        counts.push_back(point);
    }
    return NumberSeriesMath::deltaRate(counts);
}

// Per group: observations per second, or the share of them in error streams (in %).
template<typename Intervals>
void observationChart(const std::vector<MetricStreamWithPoints> &streams,
                      const std::vector<Group> &groups, const MetricChartOptions &options,
                      Intervals intervalsOf, MetricChart *chart)
{
    const bool share = options.histogramMode == MetricChartOptions::HistogramMode::ErrorShare;
    chart->valueUnit = share ? QStringLiteral("%") : QStringLiteral("1/s");
    chart->shown = share ? QStringLiteral("error share") : QStringLiteral("rate /s");
    for (const Group &group : groups) {
        std::vector<std::vector<TimedValue>> all;
        std::vector<std::vector<TimedValue>> failed;
        for (std::size_t index : group.streams) {
            std::vector<TimedValue> rate = observationRate(intervalsOf(streams[index].metric));
            std::vector<TimedValue> errors = rate;
            if (!MetricSeriesBuilder::isErrorStream(streams[index].stream,
                                                    options.errorStatusFrom)) {
                for (TimedValue &value : errors)
                    value.value = std::isnan(value.value) ? value.value : 0.0;
            }
            all.push_back(std::move(rate));
            failed.push_back(std::move(errors));
        }
        const std::int64_t origin = originOf(options);
        // Both combined over the same times, so they pair up index by index.
        std::vector<TimedValue> values = NumberSeriesMath::combine(
            all, NumberSeriesMath::Combine::Sum, origin, options.resolutionNs);
        if (share) {
            const std::vector<TimedValue> errors = NumberSeriesMath::combine(
                failed, NumberSeriesMath::Combine::Sum, origin, options.resolutionNs);
            for (std::size_t i = 0; i < values.size(); ++i)
                values[i].value
                    = values[i].value > 0 ? 100.0 * errors[i].value / values[i].value : notANumber;
        }
        chart->series.push_back(toSeries(group.label, values));
        chart->series.back().label = group.legend;
    }
}

// The histogram's measurements share the quantile lines' axis.
void histogramExemplars(const std::vector<MetricStreamWithPoints> &streams,
                        const std::vector<Group> &groups, const MetricChartOptions &options,
                        MetricChart *chart)
{
    std::vector<ExemplarSample> samples;
    for (const Group &group : groups) {
        const QString series = group.legend.isEmpty() ? group.label : group.legend;
        for (std::size_t index : group.streams) {
            // Only the vector of the metric's type holds points.
            const Metric &metric = streams[index].metric;
            for (const HistogramDataPoint &point : metric.histogramPoints)
                ExemplarMarkerBuilder::collect(point, series, &samples);
            for (const ExponentialHistogramDataPoint &point : metric.exponentialHistogramPoints)
                ExemplarMarkerBuilder::collect(point, series, &samples);
        }
    }
    chart->exemplars = ExemplarMarkerBuilder::build(
        std::move(samples), chart->series,
        exemplarOptions(ExemplarMarkerBuilder::Placement::AtValue, chart->valueUnit, options));
}

template<typename Distribution, typename Intervals, typename Merge, typename Heatmap>
void histogramChart(const std::vector<MetricStreamWithPoints> &streams,
                    const std::vector<Group> &groups, const MetricChartOptions &options,
                    Intervals intervalsOf, Merge merge, Heatmap heatmapOf, MetricChart *chart)
{
    chart->valueUnit = QString::fromStdString(streams.front().metric.unit);
    if (options.histogramMode == MetricChartOptions::HistogramMode::Heatmap) {
        std::vector<Distribution> all;
        for (const MetricStreamWithPoints &stream : streams) {
            for (Distribution &d : intervalsOf(stream.metric))
                all.push_back(std::move(d));
        }
        chart->heatmap = heatmapOf(all);
        chart->heatmap.name = QString::fromStdString(streams.front().metric.name);
        chart->shown = QStringLiteral("observations per bucket");
        return;
    }
    if (options.histogramMode == MetricChartOptions::HistogramMode::CountRate
        || options.histogramMode == MetricChartOptions::HistogramMode::ErrorShare) {
        observationChart(streams, groups, options, intervalsOf, chart);
        return;
    }
    const std::vector<double> &quantiles = quantilesOf(options);
    QStringList names;
    for (double quantile : quantiles)
        names.append(MetricSeriesBuilder::quantileLabel(quantile));
    chart->shown = names.join(QStringLiteral(" · "));
    const bool prefix = groups.size() > 1;
    for (const Group &group : groups) {
        std::vector<Distribution> all;
        for (std::size_t index : group.streams) {
            for (Distribution &d : intervalsOf(streams[index].metric))
                all.push_back(std::move(d));
        }
        quantileLines(group, prefix, mergedByTime(std::move(all), options, merge), quantiles,
                      chart);
    }
}

void summaryChart(const std::vector<MetricStreamWithPoints> &streams,
                  const std::vector<Group> &groups, MetricChart *chart)
{
    chart->valueUnit = QString::fromStdString(streams.front().metric.unit);
    chart->shown = QStringLiteral("quantiles");
    const bool prefix = groups.size() > 1;
    for (const Group &group : groups) {
        const std::vector<SummaryDataPoint> &points
            = streams[group.streams.front()].metric.summaryPoints;
        std::set<double> quantiles;
        for (const SummaryDataPoint &point : points) {
            for (const SummaryQuantile &value : point.quantileValues) {
                if (value.quantile >= 0 && value.quantile <= 1)
                    quantiles.insert(value.quantile);
            }
        }
        for (double quantile : quantiles) {
            ChartSeries series;
            const QString name = MetricSeriesBuilder::quantileLabel(quantile);
            series.name = prefix ? group.label + QLatin1Char(' ') + name : name;
            if (prefix && !group.legend.isEmpty())
                series.label = group.legendWith(name);
            for (const SummaryDataPoint &point : points) {
                double value = notANumber;
                for (const SummaryQuantile &q : point.quantileValues) {
                    if (q.quantile == quantile)
                        value = q.value;
                }
                series.timesNs.push_back(point.timeNs);
                series.values.push_back(value);
            }
            chart->series.push_back(std::move(series));
        }
    }
}

} // namespace

const std::vector<double> &MetricSeriesBuilder::histogramQuantiles()
{
    static const std::vector<double> quantiles{0.5, 0.9, 0.99};
    return quantiles;
}

bool MetricSeriesBuilder::hasRate(MetricType type, bool isMonotonic)
{
    return type == MetricType::Sum && isMonotonic;
}

bool MetricSeriesBuilder::isHistogram(MetricType type)
{
    return type == MetricType::Histogram || type == MetricType::ExponentialHistogram;
}

QStringList MetricSeriesBuilder::groupByKeys(const std::vector<MetricStream> &streams)
{
    std::set<QString> pointKeys;
    std::map<QString, std::set<std::string>> resourceValues;
    for (const MetricStream &info : streams) {
        for (const KeyValue &entry : info.attributes)
            pointKeys.insert(QString::fromStdString(entry.key));
        for (const KeyValue &entry : info.resource.attributes)
            resourceValues[QString::fromStdString(entry.key)].insert(entry.value.toDisplayString());
    }
    QStringList keys(pointKeys.begin(), pointKeys.end());
    for (const auto &[key, values] : resourceValues) {
        if (values.size() > 1 && !pointKeys.contains(key))
            keys.append(key);
    }
    return keys;
}

QString MetricSeriesBuilder::streamLabel(const MetricStream &info)
{
    QStringList parts;
    for (const KeyValue &entry : info.attributes)
        parts.append(attributeText(entry));
    if (parts.isEmpty())
        return QString::fromStdString(info.name);
    return parts.join(QStringLiteral(", "));
}

SeriesLabels
MetricSeriesBuilder::splitStreamLabels(const std::vector<MetricStreamWithPoints> &streams)
{
    std::vector<SeriesLabelSplit::Attributes> sets;
    sets.reserve(streams.size());
    for (const MetricStreamWithPoints &stream : streams) {
        SeriesLabelSplit::Attributes set;
        for (const KeyValue &entry : stream.stream.attributes)
            set.emplace_back(QString::fromStdString(entry.key),
                             QString::fromStdString(entry.value.toDisplayString()));
        sets.push_back(std::move(set));
    }
    return SeriesLabelSplit::split(sets);
}

QString MetricSeriesBuilder::quantileLabel(double quantile)
{
    if (quantile == 0)
        return QStringLiteral("min");
    if (quantile == 1)
        return QStringLiteral("max");
    return QLatin1Char('p') + QLocale::c().toString(quantile * 100, 'g', 6);
}

bool MetricSeriesBuilder::isErrorStream(const MetricStream &info, int errorStatusFrom)
{
    if (const AnyValue *type = findAttribute(info.attributes, "error.type");
        type && !type->toDisplayString().empty())
        return true;
    for (const char *key : {"http.response.status_code", "http.status_code"}) {
        if (const AnyValue *status = findAttribute(info.attributes, key)) {
            bool ok = false;
            const int code = QString::fromStdString(status->toDisplayString()).toInt(&ok);
            return ok && code >= errorStatusFrom;
        }
    }
    return false;
}

MetricChart MetricSeriesBuilder::build(const std::vector<MetricStreamWithPoints> &streams,
                                       const MetricChartOptions &options)
{
    MetricChart chart;
    if (streams.empty())
        return chart;
    const MetricType type = streams.front().metric.type;
    std::vector<Group> groups = groupsOf(streams, options, type != MetricType::Summary);
    const SeriesLabels labels = splitStreamLabels(streams);
    chart.sharedAttributes = labels.shared;
    // Grouped series are labelled key=value by their group, not by the streams' values.
    if (options.groupByKey.empty() || type == MetricType::Summary)
        chart.differingKeys = labels.differingKeys;
    if (options.maxSeries > 0 && groups.size() > static_cast<std::size_t>(options.maxSeries)) {
        chart.omittedSeries = static_cast<int>(groups.size()) - options.maxSeries;
        groups.resize(static_cast<std::size_t>(options.maxSeries));
    }
    // Exemplars go with the quantile lines, on their axis; the other histogram views have none.
    const bool quantileMode = options.histogramMode == MetricChartOptions::HistogramMode::Quantiles;
    switch (type) {
    case MetricType::Gauge:
    case MetricType::Sum:
        numberChart(streams, groups, options, &chart);
        break;
    case MetricType::Histogram:
        histogramChart<ExplicitDistribution>(
            streams, groups, options,
            [&options](const Metric &metric) {
                return HistogramMath::explicitIntervals(metric.histogramPoints, metric.temporality,
                                                        options.windowStartNs);
            },
            [](ExplicitDistribution &a, const ExplicitDistribution &b) {
                HistogramMath::merge(a, b);
            },
            [&options](const std::vector<ExplicitDistribution> &all) {
                return MetricHeatmapBuilder::fromExplicit(all, options.range,
                                                          options.heatmapColumns);
            },
            &chart);
        break;
    case MetricType::ExponentialHistogram:
        histogramChart<ExponentialDistribution>(
            streams, groups, options,
            [&options](const Metric &metric) {
                return HistogramMath::exponentialIntervals(
                    metric.exponentialHistogramPoints, metric.temporality, options.windowStartNs);
            },
            [](ExponentialDistribution &a, const ExponentialDistribution &b) {
                HistogramMath::merge(a, b);
            },
            [&options](const std::vector<ExponentialDistribution> &all) {
                return MetricHeatmapBuilder::fromExponential(
                    all, options.range, options.heatmapColumns, options.heatmapRows);
            },
            &chart);
        break;
    case MetricType::Summary:
        summaryChart(streams, groups, &chart);
        break;
    }
    if (quantileMode && isHistogram(type))
        histogramExemplars(streams, groups, options, &chart);
    return chart;
}

} // namespace kansoku
