// What a chart shows, as plain values built in models/ (series math) and drawn by ui/ChartView:
// time series (lines or scatter dots) and time × value heatmaps. Times are Unix epoch ns.
#pragma once

#include "core/telemetry_ids.h"

#include <QColor>
#include <QString>
#include <cstdint>
#include <vector>

namespace kansoku {

struct ChartSeries
{
    enum class Style { Line, StepLine, Scatter };

    QString name;  // identity (hidden series are remembered by it); legend text unless label
    QString label; // legend and readout text when it differs from name (what sets it apart)
    QColor color;  // invalid = the chart picks from its palette
    Style style = Style::Line;
    std::vector<std::int64_t> timesNs; // ascending for Line/StepLine
    std::vector<double> values;        // same size as timesNs; NaN = a gap
    // Scatter only: true marks a point as emphasised (e.g. a trace with errors).
    std::vector<bool> highlighted;

    const QString &displayName() const { return label.isEmpty() ? name : label; }
};

// A measurement the chart's lines summarise, recorded with the span it was made in (an OTLP
// exemplar), drawn as a marker over the lines; clicking it opens that span.
struct ChartExemplar
{
    std::int64_t timeNs = 0;
    double value = 0;       // on the chart's value axis
    double measurement = 0; // the exemplar's own value, in the metric's unit
    QString valueText;      // the measurement as read, with its unit ("231 ms")
    QString series;         // the line or group of lines it belongs to
    TraceId traceId;
    SpanId spanId;
};

struct ChartHeatmap
{
    QString name;
    std::int64_t startNs = 0; // left edge of the first column
    std::int64_t columnWidthNs = 0;
    int columns = 0;
    std::vector<double> rowBounds; // rows + 1 ascending value edges
    std::vector<double> cells;     // columns × rows, column-major: cells[column * rows + row]
    int rows() const { return rowBounds.empty() ? 0 : static_cast<int>(rowBounds.size()) - 1; }
};

} // namespace kansoku
