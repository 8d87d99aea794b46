// Turns the points of one metric's streams into what its chart shows: lines per stream or per
// group of an attribute (rates, raw values, histogram quantiles, summary quantiles) or a heatmap.
// Stateless; any thread.
#pragma once

#include "analysis/chart_series.h"
#include "analysis/series_label_split.h"
#include "core/telemetry_queries.h"

#include <QStringList>
#include <limits>

namespace kansoku {

// One stream as fetched for a chart: its identity and its points in the chart's window.
struct MetricStreamWithPoints
{
    MetricStream stream;
    Metric metric;
};

struct MetricChartOptions
{
    enum class SumMode { Rate, Raw };
    // Histograms: quantile lines, a heatmap, observations per second, or the share (%) of the
    // observations made in failed operations (isErrorStream) per time slot.
    enum class HistogramMode { Quantiles, Heatmap, CountRate, ErrorShare };

    SumMode sumMode = SumMode::Rate; // monotonic sums only
    HistogramMode histogramMode = HistogramMode::Quantiles;
    // Empty: one line per stream. Else one line per value of this point (or resource) attribute.
    std::string groupByKey;
    TimeRange range; // the window the points were fetched for; open ends allowed
    // The first cumulative point of a series counts from its start time only when the series
    // started at or after this (else its value holds an unknown stretch before the window).
    std::int64_t windowStartNs = std::numeric_limits<std::int64_t>::min();
    std::int64_t resolutionNs = 0; // the bucket width the points were fetched at (0 = all)
    int heatmapColumns = 120;
    int heatmapRows = 40;
    int maxSeries = 40; // groups beyond this many (by label) are left out and counted
    // The quantile lines of histograms (0..1, ascending); empty = histogramQuantiles().
    std::vector<double> quantiles;
    // ErrorShare: the HTTP status code from which a request failed (500 for servers, 400 for
    // clients, as the semantic conventions say).
    int errorStatusFrom = 500;
};

struct MetricChart
{
    std::vector<ChartSeries> series;
    ChartHeatmap heatmap; // columns > 0 in heatmap mode
    // The exemplars of the charted points, on the value axis of the series: histogram quantile
    // lines and gauges show the measurement itself; sums, whose axis is a rate or total, carry
    // their markers on their line. None for heatmaps, observation rates and summaries.
    std::vector<ChartExemplar> exemplars;
    QString shown;     // what the values are: "rate /s", "value", "p50 · p90 · p99", …
    QString valueUnit; // the UCUM unit of the values ("By/s" for a rate of bytes)
    // Point attributes every stream has with the same value, "key=value, ..." (the series'
    // labels leave them out: ChartSeries::label says what differs).
    QString sharedAttributes;
    // The keys the series' labels give the values of, when all differ by the same keys.
    QString differingKeys;
    int omittedSeries = 0;
    bool hasExemplars() const { return !exemplars.empty(); }
    bool isHeatmap() const { return heatmap.columns > 0; }
};

class MetricSeriesBuilder
{
public:
    static const std::vector<double> &histogramQuantiles(); // 0.5, 0.9, 0.99

    // Groups combine their streams: sums and rates are added up; gauges are averaged (a sum of
    // temperatures or utilisations means nothing); histograms merge their buckets per time slot;
    // summaries cannot be merged, so they always show one line per stream and quantile.
    static MetricChart build(const std::vector<MetricStreamWithPoints> &streams,
                             const MetricChartOptions &options);

    // Whether the rate/raw choice applies: monotonic sums (cumulative or delta).
    static bool hasRate(MetricType type, bool isMonotonic);
    static bool isHistogram(MetricType type);
    // Attribute keys to group by: the streams' point attribute keys, then resource attribute keys
    // that differ between streams; each sorted, no duplicates.
    static QStringList groupByKeys(const std::vector<MetricStream> &streams);
    // "method=GET, status=200"; the metric name when the stream has no attributes.
    static QString streamLabel(const MetricStream &info);
    // The streams' point attributes split into what differs per stream and what all share.
    static SeriesLabels splitStreamLabels(const std::vector<MetricStreamWithPoints> &streams);
    // "p50", "p99.9", "min" (0), "max" (1).
    static QString quantileLabel(double quantile);
    // A stream of failed operations: it has a non-empty error.type, or an HTTP status code
    // (http.response.status_code, or the older http.status_code) of at least errorStatusFrom.
    static bool isErrorStream(const MetricStream &info, int errorStatusFrom);
};

} // namespace kansoku
