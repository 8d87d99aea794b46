// Tests TelemetryFileImporter end to end on files: every format (OTLP JSON lines with mixed
// signals, a pretty-printed request, length-delimited protobuf, per-message zstd, whole-file gzip
// and zstd, Jaeger, Zipkin), damaged input (a bad line, a corrupt or truncated message, a truncated
// gzip file, a file that is no telemetry), cancel, a full queue, a closed sink, and the round trip:
// a JS SDK file imported into a store equals what the receivers' decoder stores for the same
// requests.
#include "core/ingest_counters.h"
#include "decoded_span_fields.h"
#include "otlp_decoder.h"
#include "telemetry_file_importer.h"
#include "telemetry_store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <mutex>

using namespace kansoku;

Q_DECLARE_METATYPE(kansoku::TelemetryFileFormat)

namespace {

// Records offered batches; can answer QueueFull a number of times first, or Closed.
class RecordingSink : public TelemetrySink
{
public:
    OfferResult offer(TelemetryBatchPtr batch) override
    {
        std::lock_guard lock(m_mutex);
        if (m_closed)
            return OfferResult::Closed;
        if (m_queueFullAnswers > 0) {
            --m_queueFullAnswers;
            ++m_queueFullGiven;
            return OfferResult::QueueFull;
        }
        m_batches.push_back(std::move(batch));
        return OfferResult::Accepted;
    }
    void answerQueueFull(int times) { m_queueFullAnswers = times; }
    void close() { m_closed = true; }
    int queueFullGiven() const { return m_queueFullGiven; }

    // Everything received, concatenated in arrival order.
    TelemetryBatch merged() const
    {
        std::lock_guard lock(m_mutex);
        TelemetryBatch all;
        for (const TelemetryBatchPtr &batch : m_batches) {
            all.resourceSpans.insert(all.resourceSpans.end(), batch->resourceSpans.begin(),
                                     batch->resourceSpans.end());
            all.resourceMetrics.insert(all.resourceMetrics.end(), batch->resourceMetrics.begin(),
                                       batch->resourceMetrics.end());
            all.resourceLogs.insert(all.resourceLogs.end(), batch->resourceLogs.begin(),
                                    batch->resourceLogs.end());
        }
        return all;
    }
    std::size_t batchCount() const
    {
        std::lock_guard lock(m_mutex);
        return m_batches.size();
    }

private:
    mutable std::mutex m_mutex;
    std::vector<TelemetryBatchPtr> m_batches;
    int m_queueFullAnswers = 0;
    int m_queueFullGiven = 0;
    bool m_closed = false;
};

QString fixture(const char *name)
{
    return QStringLiteral(KANSOKU_TEST_DATA_DIR "/files/") + QString::fromLatin1(name);
}

QByteArray readFixture(const char *name)
{
    QFile file(fixture(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", name);
    return file.readAll();
}

// The JS SDK fixtures hold 5 requests: 4 spans, 8 data points, 3 log records.
constexpr std::int64_t fixtureSpans = 4;
constexpr std::int64_t fixturePoints = 8;
constexpr std::int64_t fixtureLogs = 3;

const Span *findSpan(const TelemetryBatch &batch, const std::string &name,
                     const Resource **resource = nullptr,
                     const InstrumentationScope **scope = nullptr)
{
    for (const ResourceSpans &resourceSpans : batch.resourceSpans) {
        for (const ScopeSpans &scopeSpans : resourceSpans.scopeSpans) {
            for (const Span &span : scopeSpans.spans) {
                if (span.name == name) {
                    if (resource)
                        *resource = &resourceSpans.resource;
                    if (scope)
                        *scope = &scopeSpans.scope;
                    return &span;
                }
            }
        }
    }
    return nullptr;
}

template<std::size_t Size>
FixedId<Size> hexId(const char *hex)
{
    return *idFromHex<Size>(hex);
}

} // namespace

class TestTelemetryFileImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importsEveryOtlpLayout_data();
    void importsEveryOtlpLayout();
    void protobufAndJsonGiveTheSameItems();
    void prettyPrintedRequest();
    void badLineInTheMiddleIsSkipped();
    void corruptMessageIsSkipped();
    void truncatedProtobufReportsOffset();
    void truncatedGzipKeepsWhatWasRead();
    void concatenatedAndTruncatedDocuments();
    void badZipkinSpanIsSkipped();
    void nonTelemetryFileNamesTheFormats_data();
    void nonTelemetryFileNamesTheFormats();
    void missingFileIsUnreadable();
    void jaegerMapping();
    void jaegerTagWithoutValue();
    void zipkinMapping();
    void cancelStopsMidway();
    void fullQueueIsRetriedNotDropped();
    void closedSinkStops();
    void countsIntoFileTransport();
    void roundTripEqualsReceiverStore();

private:
    FileImportResult import(const QString &path, RecordingSink &sink,
                            std::size_t batchItems = 4096);
    QString writeTemp(const QByteArray &content, const char *name);
    QTemporaryDir m_dir;
};

FileImportResult TestTelemetryFileImporter::import(const QString &path, RecordingSink &sink,
                                                   std::size_t batchItems)
{
    auto shared = std::shared_ptr<TelemetrySink>(&sink, [](TelemetrySink *) {});
    TelemetryFileImporter importer(shared, std::make_shared<IngestCounters>());
    importer.setBatchItems(batchItems);
    return importer.importFile(path.toStdString());
}

QString TestTelemetryFileImporter::writeTemp(const QByteArray &content, const char *name)
{
    const QString path = m_dir.filePath(QString::fromLatin1(name));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", name);
    file.write(content);
    return path;
}

void TestTelemetryFileImporter::importsEveryOtlpLayout_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<TelemetryFileFormat>("format");
    QTest::newRow("json lines, mixed signals")
        << fixture("js_sdk_mixed.jsonl") << TelemetryFileFormat::OtlpJsonLines;
    QTest::newRow("json lines, gzip file")
        << fixture("js_sdk_mixed.jsonl.gz") << TelemetryFileFormat::OtlpJsonLines;
    QTest::newRow("protobuf, length-delimited")
        << fixture("js_sdk_mixed.binpb") << TelemetryFileFormat::OtlpProtobuf;
    QTest::newRow("protobuf, zstd file")
        << fixture("js_sdk_mixed.binpb.zst") << TelemetryFileFormat::OtlpProtobuf;
    QTest::newRow("protobuf, zstd per message")
        << fixture("js_sdk_mixed.zstd_messages.binpb") << TelemetryFileFormat::OtlpProtobuf;
}

void TestTelemetryFileImporter::importsEveryOtlpLayout()
{
    QFETCH(QString, file);
    QFETCH(TelemetryFileFormat, format);
    RecordingSink sink;
    const FileImportResult result = import(file, sink);
    QCOMPARE(result.format, format);
    QCOMPARE(result.problemCount, std::int64_t(0));
    QCOMPARE(result.outcome, FileImportResult::Outcome::Imported);
    QCOMPARE(result.spans, fixtureSpans);
    QCOMPARE(result.dataPoints, fixturePoints);
    QCOMPARE(result.logRecords, fixtureLogs);
    const TelemetryBatch all = sink.merged();
    QCOMPARE(std::int64_t(all.spanCount()), fixtureSpans);
    QCOMPARE(std::int64_t(all.dataPointCount()), fixturePoints);
    QCOMPARE(std::int64_t(all.logRecordCount()), fixtureLogs);
    const Resource *resource = nullptr;
    const Span *span = findSpan(all, "SELECT orders", &resource);
    QVERIFY(span);
    QCOMPARE(span->kind, SpanKind::Client);
    QCOMPARE(span->status.code, StatusCode::Error);
    QCOMPARE(resource->serviceName(), std::string("file-frontend"));
}

void TestTelemetryFileImporter::protobufAndJsonGiveTheSameItems()
{
    RecordingSink fromJson;
    RecordingSink fromProtobuf;
    import(fixture("js_sdk_mixed.jsonl"), fromJson);
    import(fixture("js_sdk_mixed.binpb"), fromProtobuf);
    // Span attributes, events and links arrive encoded, in whatever field order and encoding
    // each file has: compare what they hold.
    TelemetryBatch json = fromJson.merged();
    TelemetryBatch protobuf = fromProtobuf.merged();
    QVERIFY(testing::decodeSpanFields(json));
    QVERIFY(testing::decodeSpanFields(protobuf));
    QVERIFY(json.spanCount() > 0);
    QVERIFY(json == protobuf);
}

void TestTelemetryFileImporter::prettyPrintedRequest()
{
    RecordingSink sink;
    const FileImportResult result = import(fixture("js_sdk_traces.json"), sink);
    QCOMPARE(result.format, TelemetryFileFormat::OtlpJsonDocument);
    QCOMPARE(result.outcome, FileImportResult::Outcome::Imported);
    // The first request of the mixed file: the frontend's two spans.
    QCOMPARE(result.spans, std::int64_t(2));
    QCOMPARE(result.dataPoints + result.logRecords, std::int64_t(0));
}

void TestTelemetryFileImporter::badLineInTheMiddleIsSkipped()
{
    QList<QByteArray> lines = readFixture("js_sdk_mixed.jsonl").split('\n');
    lines.insert(
        2, QByteArrayLiteral("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\""));
    lines.insert(4, QByteArrayLiteral("this is not json"));
    const QString path = writeTemp(lines.join('\n'), "bad_line.jsonl");
    RecordingSink sink;
    const FileImportResult result = import(path, sink);
    QCOMPARE(result.outcome, FileImportResult::Outcome::Partial);
    QCOMPARE(result.problemCount, std::int64_t(2));
    QCOMPARE(result.problems[0].line, std::int64_t(3));
    QVERIFY2(result.problems[0].reason.find("JSON") != std::string::npos,
             result.problems[0].reason.c_str());
    QCOMPARE(result.problems[1].line, std::int64_t(5));
    QCOMPARE(QString::fromStdString(result.problems[0].toString()),
             path + QStringLiteral(":3: ") + QString::fromStdString(result.problems[0].reason));
    // Everything else, before and after, arrived.
    QCOMPARE(result.spans, fixtureSpans);
    QCOMPARE(result.dataPoints, fixturePoints);
    QCOMPARE(result.logRecords, fixtureLogs);
}

void TestTelemetryFileImporter::corruptMessageIsSkipped()
{
    const QByteArray original = readFixture("js_sdk_mixed.binpb");
    // A second message with a valid length but garbage inside, right after the first message.
    const quint32 firstLength = qFromBigEndian<quint32>(original.constData());
    const qsizetype insertAt = 4 + qsizetype(firstLength);
    const QByteArray garbage = QByteArrayLiteral("\x00\x00\x00\x06\x0a\xff\xff\xff\xff\x0f");
    QByteArray damaged = original;
    damaged.insert(insertAt, garbage);
    RecordingSink sink;
    const FileImportResult result = import(writeTemp(damaged, "corrupt.binpb"), sink);
    QCOMPARE(result.outcome, FileImportResult::Outcome::Partial);
    QCOMPARE(result.problemCount, std::int64_t(1));
    QCOMPARE(result.problems[0].byteOffset, std::int64_t(insertAt));
    QCOMPARE(result.problems[0].line, std::int64_t(0));
    QCOMPARE(result.spans, fixtureSpans);
    QCOMPARE(result.dataPoints, fixturePoints);
    QCOMPARE(result.logRecords, fixtureLogs);
}

void TestTelemetryFileImporter::truncatedProtobufReportsOffset()
{
    const QByteArray original = readFixture("js_sdk_mixed.binpb");
    // Find the last message's prefix, then cut the file in the middle of that message.
    qsizetype offset = 0;
    qsizetype lastOffset = 0;
    while (offset < original.size()) {
        lastOffset = offset;
        offset += 4 + qsizetype(qFromBigEndian<quint32>(original.constData() + offset));
    }
    const QByteArray truncated = original.left(lastOffset + 10);
    RecordingSink sink;
    const FileImportResult result = import(writeTemp(truncated, "truncated.binpb"), sink);
    QCOMPARE(result.outcome, FileImportResult::Outcome::Partial);
    QCOMPARE(result.problemCount, std::int64_t(1));
    QCOMPARE(result.problems[0].byteOffset, std::int64_t(lastOffset));
    QVERIFY2(result.problems[0].reason.find("truncated") != std::string::npos,
             result.problems[0].reason.c_str());
    QVERIFY(QString::fromStdString(result.problems[0].toString())
                .endsWith(QStringLiteral("truncated.binpb@%1: ").arg(lastOffset)
                          + QString::fromStdString(result.problems[0].reason)));
    // The last request is the second metrics export (4 points); the rest arrived.
    QCOMPARE(result.spans, fixtureSpans);
    QCOMPARE(result.logRecords, fixtureLogs);
    QCOMPARE(result.dataPoints, fixturePoints - 4);
}

void TestTelemetryFileImporter::truncatedGzipKeepsWhatWasRead()
{
    // Cut the compressed stream near its end: the lines inflated before the cut stay imported.
    const QByteArray original = readFixture("js_sdk_mixed.jsonl.gz");
    const QByteArray truncated = original.left(original.size() - 20);
    RecordingSink sink;
    const FileImportResult result = import(writeTemp(truncated, "cut.jsonl.gz"), sink);
    QCOMPARE(result.outcome, FileImportResult::Outcome::Partial);
    QVERIFY(result.problemCount >= 1);
    bool mentionsTruncation = false;
    for (const ImportProblem &problem : result.problems)
        mentionsTruncation
            = mentionsTruncation || problem.reason.find("truncated") != std::string::npos;
    QVERIFY(mentionsTruncation);
    // Complete lines before the cut were imported.
    QVERIFY(result.spans > 0);
}

void TestTelemetryFileImporter::concatenatedAndTruncatedDocuments()
{
    // Two pretty-printed requests back to back, then a third cut off in the middle.
    const QByteArray document = readFixture("js_sdk_traces.json");
    const int documentLines = int(document.count('\n'));
    const QByteArray content = document + document + document.left(document.size() / 2);
    RecordingSink sink;
    const FileImportResult result = import(writeTemp(content, "three.json"), sink);
    QCOMPARE(result.format, TelemetryFileFormat::OtlpJsonDocument);
    QCOMPARE(result.outcome, FileImportResult::Outcome::Partial);
    QCOMPARE(result.spans, std::int64_t(4));
    QCOMPARE(result.problemCount, std::int64_t(1));
    QCOMPARE(result.problems[0].line, std::int64_t(2 * documentLines + 1));
    QVERIFY2(result.problems[0].reason.find("truncated") != std::string::npos,
             result.problems[0].reason.c_str());
}

void TestTelemetryFileImporter::badZipkinSpanIsSkipped()
{
    const QByteArray content = QByteArrayLiteral(
        "[\n"
        "{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"id\":\"b7ad6b7169203331\","
        "\"name\":\"a\"},\n"
        "{\"traceId\":\"not hex\",\"id\":\"b7ad6b7169203332\",\"name\":\"b\"},\n"
        "{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"id\":\"b7ad6b7169203333\","
        "\"name\":\"c\"}\n"
        "]\n");
    RecordingSink sink;
    const FileImportResult result = import(writeTemp(content, "zipkin_bad.json"), sink);
    QCOMPARE(result.format, TelemetryFileFormat::ZipkinJson);
    QCOMPARE(result.outcome, FileImportResult::Outcome::Partial);
    QCOMPARE(result.spans, std::int64_t(2));
    QCOMPARE(result.problemCount, std::int64_t(1));
    QCOMPARE(result.problems[0].line, std::int64_t(3));
    QVERIFY(findSpan(sink.merged(), "a") && findSpan(sink.merged(), "c"));
}

void TestTelemetryFileImporter::nonTelemetryFileNamesTheFormats_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text") << QByteArrayLiteral("hello world\nthis is a text file\n");
    QTest::newRow("other json object")
        << QByteArrayLiteral("{\"name\": \"package\", \"version\": 1}\n");
    QTest::newRow("other json array") << QByteArrayLiteral("[1, 2, 3]");
    QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16);
    QTest::newRow("empty") << QByteArray();
}

void TestTelemetryFileImporter::nonTelemetryFileNamesTheFormats()
{
    QFETCH(QByteArray, content);
    RecordingSink sink;
    const FileImportResult result = import(writeTemp(content, "notes.txt"), sink);
    QCOMPARE(result.outcome, FileImportResult::Outcome::Unreadable);
    QCOMPARE(result.problemCount, std::int64_t(1));
    QCOMPARE(sink.batchCount(), std::size_t(0));
    if (!content.isEmpty()) {
        const std::string &reason = result.problems[0].reason;
        for (const char *name : {"not a telemetry file", "OTLP JSON", "OTLP protobuf", "Jaeger",
                                 "Zipkin", "gzip", "zstd"})
            QVERIFY2(reason.find(name) != std::string::npos, reason.c_str());
    }
}

void TestTelemetryFileImporter::missingFileIsUnreadable()
{
    RecordingSink sink;
    const FileImportResult result = import(m_dir.filePath(QStringLiteral("missing.jsonl")), sink);
    QCOMPARE(result.outcome, FileImportResult::Outcome::Unreadable);
    QVERIFY(result.problems[0].reason.find("cannot open") != std::string::npos);
}

void TestTelemetryFileImporter::jaegerMapping()
{
    RecordingSink sink;
    const FileImportResult result = import(fixture("jaeger_traces.json"), sink);
    QCOMPARE(result.format, TelemetryFileFormat::JaegerJson);
    QCOMPARE(result.outcome, FileImportResult::Outcome::Imported);
    QCOMPARE(result.spans, std::int64_t(3));
    const TelemetryBatch all = sink.merged();

    const Resource *resource = nullptr;
    const InstrumentationScope *scope = nullptr;
    const Span *root = findSpan(all, "GET /orders", &resource, &scope);
    QVERIFY(root);
    // A 64-bit trace id is left-padded to 128 bits.
    QCOMPARE(root->traceId, hexId<16>("00000000000000005b8efcf56a302b43"));
    QCOMPARE(root->spanId, hexId<8>("a1b2c3d4e5f60718"));
    QVERIFY(root->parentSpanId.isZero());
    QCOMPARE(root->kind, SpanKind::Server);
    QCOMPARE(root->startTimeNs, std::int64_t(1700000000000000000));
    QCOMPARE(root->endTimeNs, std::int64_t(1700000000001500000));
    QCOMPARE(root->status.code, StatusCode::Ok);
    QCOMPARE(scope->name, std::string("orders-lib"));
    const Attributes expectedAttributes = {
        {"http.status_code", AnyValue::fromInt(200)},
        {"cache.hit", AnyValue::fromBool(false)},
        {"load", AnyValue::fromDouble(0.25)},
    };
    QVERIFY(root->attributes == expectedAttributes);
    QCOMPARE(root->events.size(), std::size_t(1));
    QCOMPARE(root->events[0].name, std::string("cache miss"));
    QCOMPARE(root->events[0].timeNs, std::int64_t(1700000000000500000));
    QVERIFY(root->events[0].attributes
            == (Attributes{{"cache.key", AnyValue::fromString("orders:42")}}));
    const Attributes expectedResource = {{"service.name", AnyValue::fromString("frontend")},
                                         {"hostname", AnyValue::fromString("web-1")}};
    QVERIFY(resource->attributes == expectedResource);

    const Span *child = findSpan(all, "SELECT orders", &resource);
    QVERIFY(child);
    QCOMPARE(child->parentSpanId, hexId<8>("a1b2c3d4e5f60718"));
    QCOMPARE(child->kind, SpanKind::Client);
    QCOMPARE(child->status.code, StatusCode::Error);
    QVERIFY(child->attributes
            == (Attributes{{"payload", AnyValue::fromBytes(std::string("\x00\x01\xfe\xff", 4))}}));
    QCOMPARE(child->links.size(), std::size_t(1));
    QCOMPARE(child->links[0].traceId, hexId<16>("463ac35c9f6413ad48485a3953bb6124"));
    QCOMPARE(child->links[0].spanId, hexId<8>("e457b5a2e4d86bd1"));
    QCOMPARE(resource->serviceName(), std::string("orders-db"));

    const Span *producer = findSpan(all, "orders publish", &resource);
    QVERIFY(producer);
    QCOMPARE(producer->kind, SpanKind::Producer);
    QCOMPARE(producer->traceId, hexId<16>("463ac35c9f6413ad48485a3953bb6124"));
    QCOMPARE(producer->status.code, StatusCode::Unset);
    QCOMPARE(resource->serviceName(), std::string("frontend"));
}

void TestTelemetryFileImporter::jaegerTagWithoutValue()
{
    // Tags without a value, or with one of another JSON type than their declared type: the span
    // is imported, a tag without a value gets no value (the sanitizer run checks that no null
    // document is read for it), an object is kept as its JSON text.
    const QByteArray content = QByteArrayLiteral(
        "{\"data\":[{\"traceID\":\"5b8efcf56a302b43\",\"spans\":[{\"traceID\":"
        "\"5b8efcf56a302b43\",\"spanID\":\"a1b2c3d4e5f60718\",\"operationName\":\"op\","
        "\"references\":[],\"startTime\":1700000000000000,\"duration\":10,\"tags\":["
        "{\"key\":\"no.value\",\"type\":\"string\"},"
        "{\"key\":\"no.int\",\"type\":\"int64\"},"
        "{\"key\":\"object\",\"type\":\"string\",\"value\":{\"a\":1}}],"
        "\"processID\":\"p1\"}],\"processes\":{\"p1\":{\"serviceName\":\"svc\","
        "\"tags\":[]}}}]}\n");
    RecordingSink sink;
    const FileImportResult result = import(writeTemp(content, "jaeger_no_value.json"), sink);
    QCOMPARE(result.format, TelemetryFileFormat::JaegerJson);
    QCOMPARE(result.spans, std::int64_t(1));
    const TelemetryBatch all = sink.merged();
    const Span *span = findSpan(all, "op");
    QVERIFY(span);
    for (const char *key : {"no.value", "no.int"}) {
        const AnyValue *value = findAttribute(span->attributes, key);
        QVERIFY2(!value || value->type() == AnyValue::Type::Empty, key);
    }
    const AnyValue *object = findAttribute(span->attributes, "object");
    QVERIFY(object);
    QCOMPARE(object->stringValue(), std::string("{\"a\":1}"));
}

void TestTelemetryFileImporter::zipkinMapping()
{
    RecordingSink sink;
    const FileImportResult result = import(fixture("zipkin_spans.json"), sink);
    QCOMPARE(result.format, TelemetryFileFormat::ZipkinJson);
    QCOMPARE(result.outcome, FileImportResult::Outcome::Imported);
    QCOMPARE(result.spans, std::int64_t(3));
    const TelemetryBatch all = sink.merged();

    const Resource *resource = nullptr;
    const Span *server = findSpan(all, "get /api", &resource);
    QVERIFY(server);
    QCOMPARE(server->traceId, hexId<16>("00000000000000005b8efcf56a302b43"));
    QCOMPARE(server->spanId, hexId<8>("a1b2c3d4e5f60718"));
    QCOMPARE(server->kind, SpanKind::Server);
    QCOMPARE(server->startTimeNs, std::int64_t(1700000000000000000));
    QCOMPARE(server->endTimeNs, std::int64_t(1700000000002500000));
    QCOMPARE(server->status.code, StatusCode::Unset);
    const Attributes expectedServer = {
        {"http.method", AnyValue::fromString("GET")},
        {"http.path", AnyValue::fromString("/api")},
        {"network.local.address", AnyValue::fromString("10.0.0.1")},
        {"network.local.port", AnyValue::fromInt(8080)},
    };
    QVERIFY(server->attributes == expectedServer);
    QCOMPARE(server->events.size(), std::size_t(1));
    QCOMPARE(server->events[0].name, std::string("wire send"));
    QCOMPARE(server->events[0].timeNs, std::int64_t(1700000000001000000));
    QVERIFY(resource->attributes
            == (Attributes{{"service.name", AnyValue::fromString("gateway")}}));

    const Span *client = findSpan(all, "query");
    QVERIFY(client);
    QCOMPARE(client->parentSpanId, hexId<8>("a1b2c3d4e5f60718"));
    QCOMPARE(client->kind, SpanKind::Client);
    QCOMPARE(client->status.code, StatusCode::Error);
    QCOMPARE(client->status.message, std::string("connection reset"));
    const Attributes expectedClient = {
        {"db.statement", AnyValue::fromString("SELECT 1")},
        {"peer.service", AnyValue::fromString("postgres")},
        {"network.peer.address", AnyValue::fromString("10.0.0.9")},
        {"network.peer.port", AnyValue::fromInt(5432)},
    };
    QVERIFY(client->attributes == expectedClient);

    const Span *local = findSpan(all, "local work", &resource);
    QVERIFY(local);
    QCOMPARE(local->kind, SpanKind::Internal);
    QCOMPARE(local->traceId, hexId<16>("463ac35c9f6413ad48485a3953bb6124"));
    QCOMPARE(resource->serviceName(), std::string("worker"));
}

void TestTelemetryFileImporter::cancelStopsMidway()
{
    RecordingSink sink;
    auto shared = std::shared_ptr<TelemetrySink>(&sink, [](TelemetrySink *) {});
    TelemetryFileImporter importer(shared, std::make_shared<IngestCounters>());
    importer.setBatchItems(1);
    int progressCalls = 0;
    importer.setProgressCallback([&](const ImportProgress &progress) {
        ++progressCalls;
        QVERIFY(progress.fileBytesTotal > 0);
        importer.cancel(); // after the first batch
    });
    const FileImportResult result
        = importer.importFile(fixture("js_sdk_mixed.jsonl").toStdString());
    QCOMPARE(result.outcome, FileImportResult::Outcome::Cancelled);
    QVERIFY(progressCalls >= 1);
    const std::int64_t imported = result.spans + result.dataPoints + result.logRecords;
    QVERIFY(imported > 0);
    QVERIFY(imported < fixtureSpans + fixturePoints + fixtureLogs);
    QCOMPARE(std::int64_t(sink.merged().itemCount()), imported);
    // Stays cancelled until reset.
    QCOMPARE(importer.importFile(fixture("js_sdk_mixed.jsonl").toStdString()).outcome,
             FileImportResult::Outcome::Cancelled);
    importer.resetCancel();
    importer.setProgressCallback({});
    QCOMPARE(importer.importFile(fixture("js_sdk_mixed.jsonl").toStdString()).outcome,
             FileImportResult::Outcome::Imported);
}

void TestTelemetryFileImporter::fullQueueIsRetriedNotDropped()
{
    RecordingSink sink;
    sink.answerQueueFull(5);
    const FileImportResult result = import(fixture("js_sdk_mixed.binpb"), sink, 1);
    QCOMPARE(result.outcome, FileImportResult::Outcome::Imported);
    QCOMPARE(sink.queueFullGiven(), 5);
    QCOMPARE(std::int64_t(sink.merged().itemCount()), fixtureSpans + fixturePoints + fixtureLogs);
}

void TestTelemetryFileImporter::closedSinkStops()
{
    RecordingSink sink;
    sink.close();
    const FileImportResult result = import(fixture("js_sdk_mixed.jsonl"), sink, 1);
    QCOMPARE(result.outcome, FileImportResult::Outcome::SinkClosed);
    QCOMPARE(result.spans + result.dataPoints + result.logRecords, std::int64_t(0));
}

void TestTelemetryFileImporter::countsIntoFileTransport()
{
    RecordingSink sink;
    auto shared = std::shared_ptr<TelemetrySink>(&sink, [](TelemetrySink *) {});
    auto counters = std::make_shared<IngestCounters>();
    TelemetryFileImporter importer(shared, counters);
    importer.importFile(fixture("js_sdk_mixed.binpb").toStdString());
    const IngestCountersSnapshot snapshot = counters->snapshot();
    QCOMPARE(snapshot.at(TelemetrySignal::Traces, IngestTransport::File).received, fixtureSpans);
    QCOMPARE(snapshot.at(TelemetrySignal::Metrics, IngestTransport::File).received, fixturePoints);
    QCOMPARE(snapshot.at(TelemetrySignal::Logs, IngestTransport::File).received, fixtureLogs);
    QCOMPARE(snapshot.at(TelemetrySignal::Traces, IngestTransport::Http).received, std::int64_t(0));
}

void TestTelemetryFileImporter::roundTripEqualsReceiverStore()
{
    // Store A: the importer. Store B: each request through OtlpDecoder::decode, the function both
    // receivers call, offered to the store as a receiver does.
    StorageOptions optionsA;
    optionsA.databasePath = m_dir.filePath(QStringLiteral("imported.kansoku"));
    StorageOptions optionsB;
    optionsB.databasePath = m_dir.filePath(QStringLiteral("received.kansoku"));
    auto imported = std::make_shared<TelemetryStore>(optionsA);
    auto received = std::make_shared<TelemetryStore>(optionsB);
    QString error;
    QVERIFY2(imported->open(&error), qPrintable(error));
    QVERIFY2(received->open(&error), qPrintable(error));

    TelemetryFileImporter importer(imported, std::make_shared<IngestCounters>());
    const FileImportResult result
        = importer.importFile(fixture("js_sdk_mixed.binpb").toStdString());
    QCOMPARE(result.outcome, FileImportResult::Outcome::Imported);

    for (const QByteArray &line : readFixture("js_sdk_mixed.jsonl").split('\n')) {
        if (line.isEmpty())
            continue;
        const TelemetrySignal signal
            = line.startsWith("{\"resourceSpans\"")     ? TelemetrySignal::Traces
              : line.startsWith("{\"resourceMetrics\"") ? TelemetrySignal::Metrics
                                                        : TelemetrySignal::Logs;
        const OtlpDecodeResult decoded = OtlpDecoder::decode(
            signal, OtlpEncoding::Json, std::string_view(line.constData(), line.size()));
        QVERIFY2(decoded.ok, decoded.errorMessage.c_str());
        QCOMPARE(received->offer(decoded.batch), OfferResult::Accepted);
    }
    imported->close();
    received->close();

    const auto a = imported->queries();
    const auto b = received->queries();
    QCOMPARE(a->totals(), b->totals());
    QCOMPARE(a->totals().spans, fixtureSpans);
    QCOMPARE(a->totals().logRecords, fixtureLogs);
    QCOMPARE(a->totals().dataPoints, fixturePoints);

    TraceQuery traceQuery;
    traceQuery.limit = 1000;
    const std::vector<TraceSummary> tracesA = a->traces(traceQuery);
    QVERIFY(tracesA == b->traces(traceQuery));
    QVERIFY(!tracesA.empty());
    for (const TraceSummary &summary : tracesA) {
        const std::optional<Trace> traceA = a->trace(summary.traceId);
        const std::optional<Trace> traceB = b->trace(summary.traceId);
        QVERIFY(traceA && traceB);
        QVERIFY(traceA->resources == traceB->resources);
        QVERIFY(traceA->scopes == traceB->scopes);
        QCOMPARE(traceA->spans.size(), traceB->spans.size());
        for (std::size_t i = 0; i < traceA->spans.size(); ++i) {
            QVERIFY(traceA->spans[i].span == traceB->spans[i].span);
            QCOMPARE(traceA->spans[i].resourceIndex, traceB->spans[i].resourceIndex);
        }
    }

    LogQuery logQuery;
    logQuery.limit = 1000;
    const LogPage logsA = a->logs(logQuery);
    const LogPage logsB = b->logs(logQuery);
    QCOMPARE(logsA.logs.size(), logsB.logs.size());
    for (std::size_t i = 0; i < logsA.logs.size(); ++i) {
        QVERIFY(logsA.logs[i].record == logsB.logs[i].record);
        QVERIFY(logsA.logs[i].resource == logsB.logs[i].resource);
        QVERIFY(logsA.logs[i].scope == logsB.logs[i].scope);
    }

    const std::vector<MetricStream> streamsA = a->metricStreams({});
    const std::vector<MetricStream> streamsB = b->metricStreams({});
    QCOMPARE(streamsA.size(), streamsB.size());
    QVERIFY(!streamsA.empty());
    for (std::size_t i = 0; i < streamsA.size(); ++i) {
        QCOMPARE(streamsA[i].name, streamsB[i].name);
        QVERIFY(streamsA[i].attributes == streamsB[i].attributes);
        MetricPointQuery pointsA;
        pointsA.streamId = streamsA[i].streamId;
        MetricPointQuery pointsB;
        pointsB.streamId = streamsB[i].streamId;
        QVERIFY(a->metricPoints(pointsA) == b->metricPoints(pointsB));
    }
}

QTEST_GUILESS_MAIN(TestTelemetryFileImporter)
#include "tst_telemetry_file_importer.moc"
