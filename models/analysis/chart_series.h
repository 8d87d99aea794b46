// What a chart shows, as plain values built in models/ (series math) and drawn by ui/ChartView:
// time series (lines or scatter dots) and time × value heatmaps. Times are Unix epoch ns.
#pragma once

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
