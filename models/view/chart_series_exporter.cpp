#include "view/chart_series_exporter.h"

#include "core/time_format.h"
#include "formats/csv_writer.h"

#include <cmath>

namespace kansoku {

ExportResult ChartSeriesExporter::writeCsv(const std::vector<ChartSeries> &series,
                                           const QString &path)
{
    ExportFile file(path);
    file.write(CsvWriter::row(
        {QStringLiteral("time"), QStringLiteral("series"), QStringLiteral("value")}));
    for (const ChartSeries &one : series) {
        QByteArray rows;
        std::int64_t count = 0;
        const std::size_t size = std::min(one.timesNs.size(), one.values.size());
        for (std::size_t i = 0; i < size; ++i) {
            if (std::isnan(one.values[i]))
                continue;
            rows += CsvWriter::row({formatIsoTimestampNs(one.timesNs[i]), one.name,
                                    QString::number(one.values[i], 'g', 17)});
            ++count;
        }
        if (!file.write(rows))
            break;
        file.addItems(count);
    }
    return file.finish();
}

} // namespace kansoku
