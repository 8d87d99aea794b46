#include "telemetry_exporter.h"

#include "csv_writer.h"
#include "export_batch_builder.h"
#include "log_severity.h"
#include "otlp_json.h"
#include "otlp_json_request_encoder.h"
#include "time_format.h"

#include <QSaveFile>
#include <cmath>

namespace kansoku {

namespace {

// Opens path for writing through QSaveFile and collects the first error, naming the file.
class ExportFile
{
public:
    explicit ExportFile(const QString &path)
        : m_file(path)
    {
        m_result.path = path;
        if (!m_file.open(QIODevice::WriteOnly))
            m_error = m_file.errorString();
    }

    bool write(const QByteArray &bytes)
    {
        if (!m_error.isEmpty())
            return false;
        if (m_file.write(bytes) != bytes.size()) {
            m_error = m_file.errorString();
            return false;
        }
        return true;
    }

    bool writeLine(const std::string &line)
    {
        QByteArray bytes(line.data(), static_cast<qsizetype>(line.size()));
        bytes += '\n';
        return write(bytes);
    }

    void addItems(std::int64_t items) { m_result.items += items; }

    ExportResult finish()
    {
        if (m_error.isEmpty() && !m_file.commit())
            m_error = m_file.errorString();
        if (!m_error.isEmpty()) {
            m_file.cancelWriting();
            m_result.error = QStringLiteral("Cannot write %1: %2").arg(m_result.path, m_error);
            m_result.items = 0;
            return m_result;
        }
        m_result.ok = true;
        return m_result;
    }

private:
    QSaveFile m_file;
    QString m_error;
    ExportResult m_result;
};

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
            OtlpJson::appendAttributes(attributes, record.attributes,
                                       OtlpJson::InvalidUtf8::Replace);
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
                                                   const std::vector<MetricStreamInfo> &streams,
                                                   TimeRange range, const QString &path)
{
    ExportFile file(path);
    for (const MetricStreamInfo &stream : streams) {
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

ExportResult TelemetryExporter::writeChartSeriesCsv(const std::vector<ChartSeries> &series,
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
