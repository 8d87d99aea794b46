// Export round trips: a batch with every field encoded by OtlpJsonRequestEncoder decodes back
// (through the receivers' OtlpDecoder) to exactly the same values; and a store filled from the JS
// SDK, Jaeger and Zipkin fixtures plus that batch, exported with TelemetryExporter (traces, the
// log search result, metric streams) and imported with TelemetryFileImporter into a second store,
// reads back the same spans, logs and metric points, field for field.
#include "core/ingest_counters.h"
#include "export_test_data.h"
#include "formats/export_batch_builder.h"
#include "formats/otlp_json_request_encoder.h"
#include "formats/telemetry_exporter.h"
#include "otlp_decoder.h"
#include "support/storage_test_data.h"
#include "telemetry_file_importer.h"
#include "telemetry_store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <set>

using namespace kansoku;

namespace {

constexpr std::int64_t baseNs = 1'700'000'000'000'000'000;

QString fixture(const char *relative)
{
    return QStringLiteral(KANSOKU_TEST_DATA_DIR "/") + QString::fromLatin1(relative);
}

std::vector<std::string> readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    std::vector<std::string> lines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            lines.emplace_back(line.constData(), static_cast<std::size_t>(line.size()));
    }
    return lines;
}

// A log with everything that identifies where it came from, comparable as a whole.
struct ComparableLog
{
    LogRecord record;
    Resource resource;
    InstrumentationScope scope;
    std::string resourceSchemaUrl;
    std::string scopeSchemaUrl;
    std::string key; // sort key: the log's own OTLP/JSON text
    bool operator==(const ComparableLog &other) const
    {
        return record == other.record && resource == other.resource && scope == other.scope
               && resourceSchemaUrl == other.resourceSchemaUrl
               && scopeSchemaUrl == other.scopeSchemaUrl;
    }
};

std::vector<ComparableLog> allLogs(const TelemetryQueries &queries)
{
    LogQuery query;
    query.limit = 100000;
    std::vector<ComparableLog> result;
    for (const StoredLog &log : queries.logs(query).logs) {
        ComparableLog comparable{
            log.record, log.resource, log.scope, log.resourceSchemaUrl, log.scopeSchemaUrl, {}};
        comparable.key = OtlpJsonRequestEncoder::encodeLogs(ExportBatchBuilder::fromLogs({log}));
        result.push_back(std::move(comparable));
    }
    std::sort(result.begin(), result.end(),
              [](const ComparableLog &a, const ComparableLog &b) { return a.key < b.key; });
    return result;
}

} // namespace

class TestExportRoundTrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void encoderOutputDecodesToTheSameBatch();
    void exportedStoreImportsToTheSameData();
    void logExportStreamsEveryPage();

private:
    std::shared_ptr<TelemetryStore> openStore(const QString &name);
    void importInto(const std::shared_ptr<TelemetryStore> &store, const QString &path);

    QTemporaryDir m_dir;
};

void TestExportRoundTrip::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

std::shared_ptr<TelemetryStore> TestExportRoundTrip::openStore(const QString &name)
{
    StorageOptions options;
    options.databasePath = m_dir.filePath(name);
    auto store = std::make_shared<TelemetryStore>(options);
    QString error;
    if (!store->open(&error))
        qFatal("cannot open %s", qPrintable(error));
    return store;
}

void TestExportRoundTrip::importInto(const std::shared_ptr<TelemetryStore> &store,
                                     const QString &path)
{
    TelemetryFileImporter importer(store, std::make_shared<IngestCounters>());
    const FileImportResult result = importer.importFile(path.toStdString());
    QVERIFY2(result.outcome == FileImportResult::Outcome::Imported,
             qPrintable(path + QLatin1String(": ")
                        + QString::fromStdString(result.problems.empty()
                                                     ? std::string("not imported")
                                                     : result.problems.front().toString())));
}

void TestExportRoundTrip::encoderOutputDecodesToTheSameBatch()
{
    const TelemetryBatch batch = exporttest::everyFieldBatch(baseNs);
    const std::string traces = OtlpJsonRequestEncoder::encodeTraces(batch.resourceSpans);
    const std::string logs = OtlpJsonRequestEncoder::encodeLogs(batch.resourceLogs);
    const std::string metrics = OtlpJsonRequestEncoder::encodeMetrics(batch.resourceMetrics);
    for (const std::string *line : {&traces, &logs, &metrics})
        QVERIFY(line->find('\n') == std::string::npos);

    const OtlpDecodeResult decodedTraces
        = OtlpDecoder::decode(TelemetrySignal::Traces, OtlpEncoding::Json, traces);
    QVERIFY2(decodedTraces.ok, decodedTraces.errorMessage.c_str());
    QCOMPARE(decodedTraces.rejectedItems, std::int64_t(0));
    QVERIFY(decodedTraces.batch->resourceSpans == batch.resourceSpans);

    const OtlpDecodeResult decodedLogs
        = OtlpDecoder::decode(TelemetrySignal::Logs, OtlpEncoding::Json, logs);
    QVERIFY2(decodedLogs.ok, decodedLogs.errorMessage.c_str());
    QVERIFY(decodedLogs.batch->resourceLogs == batch.resourceLogs);

    const OtlpDecodeResult decodedMetrics
        = OtlpDecoder::decode(TelemetrySignal::Metrics, OtlpEncoding::Json, metrics);
    QVERIFY2(decodedMetrics.ok, decodedMetrics.errorMessage.c_str());
    QCOMPARE(decodedMetrics.rejectedItems, std::int64_t(0));
    QVERIFY(decodedMetrics.batch->resourceMetrics == batch.resourceMetrics);
}

void TestExportRoundTrip::exportedStoreImportsToTheSameData()
{
    const auto original = openStore(QStringLiteral("original.kansoku"));
    for (const char *file :
         {"otlp/js_sdk_traces.json", "otlp/js_sdk_logs.json", "otlp/js_sdk_metrics.json",
          "files/jaeger_traces.json", "files/zipkin_spans.json"}) {
        importInto(original, fixture(file));
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(testdata::offerPatiently(*original, std::make_shared<const TelemetryBatch>(
                                                     exporttest::everyFieldBatch(baseNs))),
             OfferResult::Accepted);
    original->close();
    const auto a = original->queries();

    // Export everything the way the panes do.
    TraceQuery traceQuery;
    traceQuery.limit = 100000;
    std::vector<TraceId> traceIds;
    for (const TraceSummary &summary : a->traces(traceQuery))
        traceIds.push_back(summary.traceId);
    QVERIFY(traceIds.size() >= 3);
    const QString tracesPath = m_dir.filePath(QStringLiteral("traces.jsonl"));
    const ExportResult tracesResult = TelemetryExporter::writeTraces(*a, traceIds, tracesPath);
    QVERIFY2(tracesResult.ok, qPrintable(tracesResult.error));
    QCOMPARE(tracesResult.items, a->totals().spans);
    QCOMPARE(readLines(tracesPath).size(), traceIds.size());

    const QString logsPath = m_dir.filePath(QStringLiteral("logs.jsonl"));
    const ExportResult logsResult = TelemetryExporter::writeLogs(*a, LogQuery{}, logsPath);
    QVERIFY2(logsResult.ok, qPrintable(logsResult.error));
    QCOMPARE(logsResult.items, a->totals().logRecords);

    const QString metricsPath = m_dir.filePath(QStringLiteral("metrics.jsonl"));
    const std::vector<MetricStream> streamsA = a->metricStreams({});
    const ExportResult metricsResult
        = TelemetryExporter::writeMetricStreams(*a, streamsA, TimeRange{}, metricsPath);
    QVERIFY2(metricsResult.ok, qPrintable(metricsResult.error));
    QCOMPARE(metricsResult.items, a->totals().dataPoints);

    // Every exported line is a request the receivers' decoder accepts whole.
    for (const auto &[path, signal] : {std::pair{tracesPath, TelemetrySignal::Traces},
                                       std::pair{logsPath, TelemetrySignal::Logs},
                                       std::pair{metricsPath, TelemetrySignal::Metrics}}) {
        for (const std::string &line : readLines(path)) {
            const OtlpDecodeResult decoded = OtlpDecoder::decode(signal, OtlpEncoding::Json, line);
            QVERIFY2(decoded.ok, decoded.errorMessage.c_str());
            QCOMPARE(decoded.rejectedItems, std::int64_t(0));
        }
    }

    const auto reimported = openStore(QStringLiteral("reimported.kansoku"));
    for (const QString &path : {tracesPath, logsPath, metricsPath}) {
        importInto(reimported, path);
        if (QTest::currentTestFailed())
            return;
    }
    reimported->close();
    const auto b = reimported->queries();
    QCOMPARE(b->totals(), a->totals());

    // Traces: every span field, with its resource, scope and schema URLs.
    // Traces starting at the same time may list in either order.
    const auto byTraceId = [](std::vector<TraceSummary> summaries) {
        std::sort(
            summaries.begin(), summaries.end(),
            [](const TraceSummary &x, const TraceSummary &y) { return x.traceId < y.traceId; });
        return summaries;
    };
    const std::vector<TraceSummary> summariesA = byTraceId(a->traces(traceQuery));
    const std::vector<TraceSummary> summariesB = byTraceId(b->traces(traceQuery));
    QCOMPARE(summariesB.size(), summariesA.size());
    QVERIFY(summariesB == summariesA);
    for (const TraceId &traceId : traceIds) {
        const std::optional<Trace> traceA = a->trace(traceId);
        const std::optional<Trace> traceB = b->trace(traceId);
        QVERIFY(traceA && traceB);
        QCOMPARE(traceB->spans.size(), traceA->spans.size());
        for (std::size_t i = 0; i < traceA->spans.size(); ++i) {
            const TraceSpan &spanA = traceA->spans[i];
            const TraceSpan &spanB = traceB->spans[i];
            QVERIFY(spanB.span == spanA.span);
            QVERIFY(traceB->resources.at(static_cast<std::size_t>(spanB.resourceIndex))
                    == traceA->resources.at(static_cast<std::size_t>(spanA.resourceIndex)));
            QVERIFY(traceB->scopes.at(static_cast<std::size_t>(spanB.scopeIndex))
                    == traceA->scopes.at(static_cast<std::size_t>(spanA.scopeIndex)));
            QCOMPARE(spanB.resourceSchemaUrl, spanA.resourceSchemaUrl);
            QCOMPARE(spanB.scopeSchemaUrl, spanA.scopeSchemaUrl);
        }
    }

    // Logs: every record field with resource, scope and schema URLs (order aside: the export
    // groups each page by resource and scope).
    const std::vector<ComparableLog> logsA = allLogs(*a);
    const std::vector<ComparableLog> logsB = allLogs(*b);
    QCOMPARE(logsB.size(), logsA.size());
    QVERIFY(logsA.size() >= 5);
    for (std::size_t i = 0; i < logsA.size(); ++i)
        QVERIFY2(logsB[i] == logsA[i], logsA[i].key.c_str());

    // Metrics: each stream's identity and every point field.
    const std::vector<MetricStream> streamsB = b->metricStreams({});
    QCOMPARE(streamsB.size(), streamsA.size());
    std::set<MetricType> types;
    for (std::size_t i = 0; i < streamsA.size(); ++i) {
        const MetricStream &streamA = streamsA[i];
        const MetricStream &streamB = streamsB[i];
        QCOMPARE(streamB.name, streamA.name);
        QCOMPARE(streamB.description, streamA.description);
        QCOMPARE(streamB.unit, streamA.unit);
        QVERIFY(streamB.type == streamA.type);
        QVERIFY(streamB.temporality == streamA.temporality);
        QCOMPARE(streamB.isMonotonic, streamA.isMonotonic);
        QVERIFY(streamB.resource == streamA.resource);
        QVERIFY(streamB.scope == streamA.scope);
        QCOMPARE(streamB.resourceSchemaUrl, streamA.resourceSchemaUrl);
        QCOMPARE(streamB.scopeSchemaUrl, streamA.scopeSchemaUrl);
        QVERIFY(streamB.attributes == streamA.attributes);
        QCOMPARE(streamB.pointCount, streamA.pointCount);
        MetricPointQuery queryA;
        queryA.streamId = streamA.streamId;
        MetricPointQuery queryB;
        queryB.streamId = streamB.streamId;
        const std::optional<Metric> pointsA = a->metricPoints(queryA);
        const std::optional<Metric> pointsB = b->metricPoints(queryB);
        QVERIFY(pointsA && pointsB);
        QVERIFY2(*pointsB == *pointsA, streamA.name.c_str());
        types.insert(streamA.type);
    }
    QCOMPARE(types.size(), std::size_t(5));
}

void TestExportRoundTrip::logExportStreamsEveryPage()
{
    // More logs than one page, filtered by a search: all matching ones are written, the rest not.
    const auto store = openStore(QStringLiteral("many_logs.kansoku"));
    TelemetryBatch batch;
    ResourceLogs resourceLogs;
    resourceLogs.resource.attributes = {{"service.name", AnyValue::fromString("pager")}};
    ScopeLogs scopeLogs;
    const int total = TelemetryExporter::LogPageSize * 2 + 37;
    for (int i = 0; i < total; ++i) {
        LogRecord record;
        record.timeNs = baseNs + i;
        record.severityNumber = i % 2 == 0 ? 17 : 9;
        record.body = AnyValue::fromString("log number " + std::to_string(i));
        scopeLogs.logRecords.push_back(std::move(record));
    }
    resourceLogs.scopeLogs.push_back(std::move(scopeLogs));
    batch.resourceLogs.push_back(std::move(resourceLogs));
    QCOMPARE(
        testdata::offerPatiently(*store, std::make_shared<const TelemetryBatch>(std::move(batch))),
        OfferResult::Accepted);
    store->close();

    LogQuery errorsOnly;
    errorsOnly.minSeverityNumber = 17;
    errorsOnly.limit = 50; // the pane's page size must not limit the export
    const QString path = m_dir.filePath(QStringLiteral("errors.jsonl"));
    const ExportResult result = TelemetryExporter::writeLogs(*store->queries(), errorsOnly, path);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.items, std::int64_t((total + 1) / 2));
    const auto pages = static_cast<std::size_t>((result.items + TelemetryExporter::LogPageSize - 1)
                                                / TelemetryExporter::LogPageSize);
    QCOMPARE(pages, std::size_t(2));
    QCOMPARE(readLines(path).size(), pages);

    const auto reimported = openStore(QStringLiteral("errors.kansoku"));
    importInto(reimported, path);
    reimported->close();
    QCOMPARE(reimported->queries()->totals().logRecords, std::int64_t((total + 1) / 2));
    QCOMPARE(reimported->queries()->countLogs(errorsOnly), std::int64_t((total + 1) / 2));
}

QTEST_GUILESS_MAIN(TestExportRoundTrip)
#include "tst_export_round_trip.moc"
