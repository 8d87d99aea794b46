// One export file: written through QSaveFile, so a failed export leaves no half file; collects the
// first error, naming the file, and the number of items written. Used on a worker thread by the
// exporters (TelemetryExporter, view/ChartSeriesExporter); not shared between threads.
#pragma once

#include <QSaveFile>
#include <QString>
#include <cstdint>
#include <string>

namespace kansoku {

struct ExportResult
{
    bool ok = false;
    std::int64_t items = 0; // spans, log records, data points or CSV rows written
    QString path;
    QString error; // names the file; empty when ok
};

class ExportFile
{
public:
    explicit ExportFile(const QString &path);

    // False once any write failed; later writes are then skipped.
    bool write(const QByteArray &bytes);
    bool writeLine(const std::string &line); // line plus '\n'
    void addItems(std::int64_t items) { m_result.items += items; }
    // Commits the file, or discards it and reports the first error (items then 0).
    ExportResult finish();

private:
    QSaveFile m_file;
    QString m_error;
    ExportResult m_result;
};

} // namespace kansoku
