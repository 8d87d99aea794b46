// Turns the exemplars of a chart's points into the markers drawn over its lines: placed on the
// chart's value axis, at most a few hundred, spread over time with the largest measurements of
// each stretch kept, so a busy chart stays readable. Stateless; any thread.
#pragma once

#include "analysis/chart_series.h"
#include "core/metric.h"
#include "core/time_range.h"

#include <vector>

namespace kansoku {

// One exemplar of a stream, with the series it belongs to.
struct ExemplarSample
{
    std::int64_t timeNs = 0;
    double value = 0; // the measurement, in the metric's unit
    TraceId traceId;
    SpanId spanId;
    QString series; // ChartSeries::name of its line (OnSeries), or the text naming its group
};

class ExemplarMarkerBuilder
{
public:
    enum class Placement {
        // The measurement is on the value axis (histogram quantiles, gauges).
        AtValue,
        // The axis shows something else (a rate, a running total): the marker sits on its
        // series' line at its time.
        OnSeries
    };

    struct Options
    {
        Placement placement = Placement::AtValue;
        QString unit;    // the measurement's UCUM unit, for ChartExemplar::valueText
        TimeRange range; // markers outside are left out; open ends allowed
        int maxMarkers = 240;
        // The range (or the samples' span) is cut into this many stretches; each gets its turn
        // until maxMarkers are taken, its largest measurements first.
        int timeBuckets = 60;
    };

    // Appends the exemplars of point that belong to a trace (those without one cannot be
    // opened); an exemplar without a time takes the point's.
    static void collect(const DataPointBase &point, const QString &series,
                        std::vector<ExemplarSample> *samples);

    // The markers in time order. Equal exemplars (a cumulative stream may send one again) count
    // once; OnSeries drops a sample whose series has no finite value around its time.
    static std::vector<ChartExemplar> build(std::vector<ExemplarSample> samples,
                                            const std::vector<ChartSeries> &series,
                                            const Options &options);
};

} // namespace kansoku
