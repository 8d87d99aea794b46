// Writes what a metric chart shows to a CSV file. Blocks: call it on a worker thread. The file is
// replaced atomically (ExportFile).
#pragma once

#include "analysis/chart_series.h"
#include "formats/export_file.h"

#include <vector>

namespace kansoku {

class ChartSeriesExporter
{
public:
    // Columns time (UTC ISO 8601 with ns), series, value; one row per point (NaN gaps skipped).
    static ExportResult writeCsv(const std::vector<ChartSeries> &series, const QString &path);
};

} // namespace kansoku
