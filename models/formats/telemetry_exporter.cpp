#include "formats/telemetry_exporter.h"

#include "core/log_severity.h"
#include "core/time_format.h"
#include "formats/csv_writer.h"
#include "formats/export_batch_builder.h"
#include "formats/export_file.h"
#include "formats/otlp_json_field_writer.h"
#include "formats/otlp_json_request_encoder.h"

namespace kansoku {

namespace {

// Calls onPage with every page of logs matching query, newest first; false if onPage refused.
template<typename OnPage>
bool forEachLogPage(const TelemetryQueries &queries, LogQuery query, OnPage onPage)
{
    query.limit = TelemetryExporter::LogPageSize;
    query.beforeRowId.reset();
    query.afterRowId.reset();
    while (true) {
        const LogPage page = queries.logs(query);
        if (!page.logs.empty() && !onPage(page.logs))
            return false;
        if (!page.nextBeforeRowId || page.logs.empty())
            return true;
        query.beforeRowId = page.nextBeforeRowId;
    }
}

QString hexOrEmpty(const TraceId &id)
{
    return id.isZero() ? QString() : QString::fromStdString(toHex(id));
}

QString hexOrEmpty(const SpanId &id)
{
    return id.isZero() ? QString() : QString::fromStdString(toHex(id));
}

} // namespace

ExportResult TelemetryExporter::writeTraces(const TelemetryQueries &queries,
                                            const std::vector<TraceId> &traceIds,
                                            const QString &path)
{
    ExportFile file(path);
    for (const TraceId &traceId : traceIds) {
        const std::optional<Trace> trace = queries.trace(traceId);
        if (!trace)
            continue;
        if (!file.writeLine(
                OtlpJsonRequestEncoder::encodeTraces(ExportBatchBuilder::fromTrace(*trace))))
            break;
        file.addItems(static_cast<std::int64_t>(trace->spans.size()));
    }
    return file.finish();
}

ExportResult TelemetryExporter::writeTrace(const Trace &trace, const QString &path)
{
    ExportFile file(path);
    if (file.writeLine(OtlpJsonRequestEncoder::encodeTraces(ExportBatchBuilder::fromTrace(trace))))
        file.addItems(static_cast<std::int64_t>(trace.spans.size()));
    return file.finish();
}

ExportResult TelemetryExporter::writeLogs(const TelemetryQueries &queries, LogQuery query,
                                          const QString &path)
{
    ExportFile file(path);
    forEachLogPage(queries, std::move(query), [&](const std::vector<StoredLog> &logs) {
        if (!file.writeLine(OtlpJsonRequestEncoder::encodeLogs(ExportBatchBuilder::fromLogs(logs))))
            return false;
        file.addItems(static_cast<std::int64_t>(logs.size()));
        return true;
    });
    return file.finish();
}

ExportResult TelemetryExporter::writeLogsCsv(const TelemetryQueries &queries, LogQuery query,
                                             const QString &path)
{
    ExportFile file(path);
    file.write(CsvWriter::row({QStringLiteral("time"), QStringLiteral("severity"),
                               QStringLiteral("service"), QStringLiteral("body"),
                               QStringLiteral("trace_id"), QStringLiteral("span_id"),
                               QStringLiteral("attributes")}));
    forEachLogPage(queries, std::move(query), [&](const std::vector<StoredLog> &logs) {
        QByteArray rows;
        for (const StoredLog &log : logs) {
            const LogRecord &record = log.record;
            // The text the sender chose, else the name of the number (as the table shows it).
            const QString severity = record.severityText.empty()
                                         ? LogSeverity::shortName(record.severityNumber)
                                         : QString::fromStdString(record.severityText);
            std::string attributes;
            OtlpJsonFieldWriter::appendAttributes(attributes, record.attributes,
                                                  OtlpJsonFieldWriter::InvalidUtf8::Replace);
            rows += CsvWriter::row({formatIsoTimestampNs(record.effectiveTimeNs()), severity,
                                    QString::fromStdString(log.resource.serviceName()),
                                    QString::fromStdString(record.body.toDisplayString()),
                                    hexOrEmpty(record.traceId), hexOrEmpty(record.spanId),
                                    QString::fromStdString(attributes)});
        }
        if (!file.write(rows))
            return false;
        file.addItems(static_cast<std::int64_t>(logs.size()));
        return true;
    });
    return file.finish();
}

ExportResult TelemetryExporter::writeMetricStreams(const TelemetryQueries &queries,
                                                   const std::vector<MetricStream> &streams,
                                                   TimeRange range, const QString &path)
{
    ExportFile file(path);
    for (const MetricStream &stream : streams) {
        MetricPointQuery query;
        query.streamId = stream.streamId;
        query.range = range;
        std::optional<Metric> metric = queries.metricPoints(query);
        if (!metric || metric->pointCount() == 0)
            continue;
        const auto points = static_cast<std::int64_t>(metric->pointCount());
        if (!file.writeLine(OtlpJsonRequestEncoder::encodeMetrics(
                ExportBatchBuilder::fromMetricStream(stream, std::move(*metric)))))
            break;
        file.addItems(points);
    }
    return file.finish();
}

} // namespace kansoku
