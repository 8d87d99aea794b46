// Writes what a pane shows to a file: traces, a log search result and metric streams as OTLP JSON
// lines (one export request per line, see OtlpJsonRequestEncoder), logs as CSV (chart series:
// view/ChartSeriesExporter).
// Every function blocks: call it on a worker thread (the ones taking TelemetryQueries query
// SQLite). The file is replaced atomically (QSaveFile), so a failed export leaves no half file.
#pragma once

#include "core/telemetry_queries.h"
#include "formats/export_file.h"

#include <QString>

namespace kansoku {

class TelemetryExporter
{
public:
    // Log records per query page while streaming a log search result.
    static constexpr int LogPageSize = 1000;

    // One line per trace; ids that are not stored are skipped.
    static ExportResult writeTraces(const TelemetryQueries &queries,
                                    const std::vector<TraceId> &traceIds, const QString &path);
    static ExportResult writeTrace(const Trace &trace, const QString &path);
    // Every log matching query (its limit and row-id bounds are replaced), newest first, one line
    // per page of LogPageSize.
    static ExportResult writeLogs(const TelemetryQueries &queries, LogQuery query,
                                  const QString &path);
    // Columns: time (UTC ISO 8601 with ns), severity, service, body, trace id, span id,
    // attributes (OTLP/JSON attribute list).
    static ExportResult writeLogsCsv(const TelemetryQueries &queries, LogQuery query,
                                     const QString &path);
    // All points of each stream within range, one line per stream.
    static ExportResult writeMetricStreams(const TelemetryQueries &queries,
                                           const std::vector<MetricStream> &streams,
                                           TimeRange range, const QString &path);
};

} // namespace kansoku
