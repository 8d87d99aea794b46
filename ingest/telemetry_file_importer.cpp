#include "telemetry_file_importer.h"

#include "compressed_file_reader.h"
#include "delimited_message_stream.h"
#include "http_body_decompressor.h"
#include "jaeger_trace_mapper.h"
#include "json_document_stream.h"
#include "otlp_decoder.h"
#include "otlp_proto_signal_detector.h"
#include "zipkin_span_mapper.h"

#include <array>
#include <chrono>
#include <thread>

namespace kansoku {

namespace {

// Enough to recognise every format; JSON detection only needs the first keys.
constexpr std::int64_t headBytes = 64 * 1024;
// One JSON value (a line, a request, a Jaeger trace) or one protobuf message held in memory at
// most.
constexpr std::size_t maxDocumentBytes = 256u << 20;

constexpr std::array<TelemetrySignal, 3> allSignals
    = {TelemetrySignal::Traces, TelemetrySignal::Metrics, TelemetrySignal::Logs};

bool isEmptyObject(std::string_view json)
{
    std::size_t i = 0;
    auto skip = [&] {
        while (i < json.size()
               && (json[i] == ' ' || json[i] == '\t' || json[i] == '\r' || json[i] == '\n'))
            ++i;
    };
    skip();
    if (i >= json.size() || json[i] != '{')
        return false;
    ++i;
    skip();
    if (i >= json.size() || json[i] != '}')
        return false;
    ++i;
    skip();
    return i == json.size();
}

std::string_view trimmedPreview(std::string_view text)
{
    return text.substr(0, 60);
}

} // namespace

std::string ImportProblem::toString() const
{
    if (line > 0)
        return file + ":" + std::to_string(line) + ": " + reason;
    if (byteOffset >= 0)
        return file + "@" + std::to_string(byteOffset) + ": " + reason;
    return file + ": " + reason;
}

struct TelemetryFileImporter::Run
{
    FileImportResult result;
    CompressedFileReader *input = nullptr;
    TelemetryBatch pending;
    std::size_t pendingItems = 0;
    bool sinkClosed = false;
    std::string proto; // reused buffer for per-message decompression
};

TelemetryFileImporter::TelemetryFileImporter(std::shared_ptr<TelemetrySink> sink,
                                             std::shared_ptr<IngestCounters> counters)
    : m_sink(std::move(sink))
    , m_counters(std::move(counters))
{}

FileImportResult TelemetryFileImporter::importFile(const std::string &path)
{
    Run run;
    run.result.file = path;
    if (isCancelled()) {
        run.result.outcome = FileImportResult::Outcome::Cancelled;
        return run.result;
    }
    auto unreadable = [&](std::string reason) {
        problem(run, 0, -1, std::move(reason));
        run.result.outcome = FileImportResult::Outcome::Unreadable;
        return run.result;
    };

    // Detection reads the head through its own reader, so the import reader starts at byte 0
    // without any rewinding through a decompressor.
    std::string head(headBytes, '\0');
    bool atEnd = false;
    {
        CompressedFileReader probe;
        if (!probe.open(path))
            return unreadable("cannot open: " + probe.error());
        std::int64_t filled = 0;
        while (filled < headBytes) {
            const std::int64_t got = probe.read(head.data() + filled, headBytes - filled);
            if (got < 0) {
                if (filled == 0)
                    return unreadable(probe.error());
                break;
            }
            if (got == 0) {
                atEnd = true;
                break;
            }
            filled += got;
        }
        head.resize(std::size_t(filled));
        if (filled == 0)
            return unreadable("the file is empty");
    }
    run.result.format = TelemetryFileFormatDetector::detect(head, atEnd);
    if (run.result.format == TelemetryFileFormat::Unknown)
        return unreadable(std::string("not a telemetry file. ")
                          + TelemetryFileFormatDetector::supportedFormatsText());

    CompressedFileReader input;
    if (!input.open(path))
        return unreadable("cannot open: " + input.error());
    run.input = &input;
    switch (run.result.format) {
    case TelemetryFileFormat::OtlpJsonLines:
        importOtlpJson(run, input, true);
        break;
    case TelemetryFileFormat::OtlpJsonDocument:
        importOtlpJson(run, input, false);
        break;
    case TelemetryFileFormat::OtlpProtobuf:
        importOtlpProtobuf(run, input);
        break;
    case TelemetryFileFormat::JaegerJson:
    case TelemetryFileFormat::ZipkinJson:
        importTraceJson(run, input, run.result.format);
        break;
    case TelemetryFileFormat::Unknown:
        break;
    }
    // What was decoded before a cancel is still offered: it is cheap, and the counts then say
    // exactly what reached the sink.
    flush(run);
    reportProgress(run);

    if (run.sinkClosed)
        run.result.outcome = FileImportResult::Outcome::SinkClosed;
    else if (isCancelled())
        run.result.outcome = FileImportResult::Outcome::Cancelled;
    else if (run.result.problemCount > 0)
        run.result.outcome = FileImportResult::Outcome::Partial;
    return run.result;
}

bool TelemetryFileImporter::shouldStop(const Run &run) const
{
    return run.sinkClosed || isCancelled();
}

void TelemetryFileImporter::problem(Run &run, std::int64_t line, std::int64_t offset,
                                    std::string reason)
{
    ++run.result.problemCount;
    if (run.result.problems.size() < maxListedProblems)
        run.result.problems.push_back({run.result.file, line, offset, std::move(reason)});
}

void TelemetryFileImporter::importOtlpJson(Run &run, CompressedFileReader &input, bool lines)
{
    JsonDocumentStream stream(
        input, lines ? JsonDocumentStream::Mode::Lines : JsonDocumentStream::Mode::TopLevelValues,
        maxDocumentBytes);
    JsonDocumentStream::Document document;
    while (!shouldStop(run) && stream.next(&document)) {
        if (!document.error.empty())
            problem(run, document.line, -1, document.error);
        else
            decodeOtlpJson(run, document.text, document.line, -1);
    }
    if (!stream.inputError().empty())
        problem(run, 0, -1, stream.inputError());
}

void TelemetryFileImporter::decodeOtlpJson(Run &run, std::string_view json, std::int64_t line,
                                           std::int64_t offset)
{
    const std::optional<TelemetrySignal> signal = TelemetryFileFormatDetector::otlpJsonSignal(json);
    if (!signal) {
        if (!isEmptyObject(json))
            problem(run, line, offset,
                    "not an OTLP request (no resourceSpans, resourceMetrics or resourceLogs): "
                        + std::string(trimmedPreview(json)));
        return;
    }
    const OtlpDecodeResult decoded
        = OtlpDecoder::decode(*signal, OtlpEncoding::Json, json, SpanFields::Encoded);
    if (!decoded.ok) {
        m_counters->addMalformed(*signal, IngestTransport::File);
        problem(run, line, offset, decoded.errorMessage);
        return;
    }
    if (decoded.rejectedItems > 0) {
        m_counters->addRejected(*signal, IngestTransport::File, decoded.rejectedItems);
        problem(run, line, offset, decoded.rejectionMessage);
    }
    add(run, decoded.batch);
}

void TelemetryFileImporter::importOtlpProtobuf(Run &run, CompressedFileReader &input)
{
    DelimitedMessageStream stream(input, TelemetryFileFormatDetector::maxMessageBytes);
    DelimitedMessageStream::Message message;
    while (!shouldStop(run) && stream.next(&message)) {
        if (!message.error.empty()) {
            problem(run, 0, message.byteOffset, message.error);
            continue;
        }
        std::string_view payload = message.bytes;
        // The file exporter's `compression: zstd` compresses each message on its own.
        if (payload.size() >= 4 && payload.substr(0, 4) == "\x28\xb5\x2f\xfd") {
            const HttpBodyDecompressor::Result inflated = HttpBodyDecompressor::decompress(
                QByteArrayLiteral("zstd"),
                QByteArray::fromRawData(payload.data(), qsizetype(payload.size())),
                std::int64_t(maxDocumentBytes));
            if (inflated.outcome != HttpBodyDecompressor::Outcome::Ok) {
                problem(run, 0, message.byteOffset, inflated.errorMessage);
                continue;
            }
            run.proto.assign(inflated.body.constData(), std::size_t(inflated.body.size()));
            payload = run.proto;
        }
        // With `format: json` plus compression the messages are JSON requests.
        if (!payload.empty() && payload.front() == '{')
            decodeOtlpJson(run, payload, 0, message.byteOffset);
        else
            decodeOtlpProtobuf(run, payload, message.byteOffset);
    }
    if (!stream.inputError().empty())
        problem(run, 0, -1, stream.inputError());
}

void TelemetryFileImporter::decodeOtlpProtobuf(Run &run, std::string_view message,
                                               std::int64_t offset)
{
    const std::optional<TelemetrySignal> detected = OtlpProtoSignalDetector::detect(message);
    std::optional<TelemetrySignal> signal = detected;
    OtlpDecodeResult decoded;
    if (signal) {
        decoded
            = OtlpDecoder::decode(*signal, OtlpEncoding::Protobuf, message, SpanFields::Encoded);
    } else {
        // No item carried evidence: the real parser decides. A request without items parses as
        // any signal and carries nothing, which is fine to skip.
        for (const TelemetrySignal candidate : allSignals) {
            OtlpDecodeResult attempt = OtlpDecoder::decode(candidate, OtlpEncoding::Protobuf,
                                                           message, SpanFields::Encoded);
            if (attempt.ok
                && (!decoded.ok || attempt.batch->itemCount() > decoded.batch->itemCount())) {
                decoded = std::move(attempt);
                signal = candidate;
            }
        }
        if (!decoded.ok)
            decoded.errorMessage
                = "malformed protobuf: not an OTLP traces, metrics or logs request";
    }
    if (!decoded.ok) {
        if (signal)
            m_counters->addMalformed(*signal, IngestTransport::File);
        problem(run, 0, offset, decoded.errorMessage);
        return;
    }
    if (decoded.rejectedItems > 0) {
        m_counters->addRejected(*signal, IngestTransport::File, decoded.rejectedItems);
        problem(run, 0, offset, decoded.rejectionMessage);
    }
    add(run, decoded.batch);
}

void TelemetryFileImporter::importTraceJson(Run &run, CompressedFileReader &input,
                                            TelemetryFileFormat format)
{
    const bool jaeger = format == TelemetryFileFormat::JaegerJson;
    JsonDocumentStream stream(input,
                              jaeger ? JsonDocumentStream::Mode::JaegerDataElements
                                     : JsonDocumentStream::Mode::ArrayElements,
                              maxDocumentBytes);
    JsonDocumentStream::Document document;
    while (!shouldStop(run) && stream.next(&document)) {
        if (!document.error.empty()) {
            problem(run, document.line, -1, document.error);
            continue;
        }
        MappedTelemetry mapped
            = jaeger ? JaegerTraceMapper::map(document.text) : ZipkinSpanMapper::map(document.text);
        if (!mapped.ok) {
            m_counters->addMalformed(TelemetrySignal::Traces, IngestTransport::File);
            problem(run, document.line, -1, mapped.error);
            continue;
        }
        for (std::string &reason : mapped.problems) {
            m_counters->addRejected(TelemetrySignal::Traces, IngestTransport::File, 1);
            problem(run, document.line, -1, std::move(reason));
        }
        add(run, std::move(mapped.batch));
    }
    if (!stream.inputError().empty())
        problem(run, 0, -1, stream.inputError());
}

void TelemetryFileImporter::add(Run &run, const TelemetryBatchPtr &batch)
{
    const std::size_t items = batch->itemCount();
    if (items == 0)
        return;
    // A decoded request is immutable (shared), so merging means copying every item: only small
    // requests are merged; one of an eighth of a chunk or more goes to the sink as it is.
    if (items >= std::max<std::size_t>(1, m_batchItems / 8)) {
        flush(run);
        offer(run, batch);
        reportProgress(run);
        return;
    }
    TelemetryBatch &pending = run.pending;
    pending.resourceSpans.insert(pending.resourceSpans.end(), batch->resourceSpans.begin(),
                                 batch->resourceSpans.end());
    pending.resourceMetrics.insert(pending.resourceMetrics.end(), batch->resourceMetrics.begin(),
                                   batch->resourceMetrics.end());
    pending.resourceLogs.insert(pending.resourceLogs.end(), batch->resourceLogs.begin(),
                                batch->resourceLogs.end());
    run.pendingItems += items;
    if (run.pendingItems >= m_batchItems)
        flush(run);
}

void TelemetryFileImporter::add(Run &run, TelemetryBatch &&batch)
{
    const std::size_t items = batch.itemCount();
    if (items == 0)
        return;
    TelemetryBatch &pending = run.pending;
    std::move(batch.resourceSpans.begin(), batch.resourceSpans.end(),
              std::back_inserter(pending.resourceSpans));
    std::move(batch.resourceMetrics.begin(), batch.resourceMetrics.end(),
              std::back_inserter(pending.resourceMetrics));
    std::move(batch.resourceLogs.begin(), batch.resourceLogs.end(),
              std::back_inserter(pending.resourceLogs));
    run.pendingItems += items;
    if (run.pendingItems >= m_batchItems)
        flush(run);
}

void TelemetryFileImporter::flush(Run &run)
{
    if (run.pendingItems == 0)
        return;
    auto batch = std::make_shared<const TelemetryBatch>(std::move(run.pending));
    run.pending = TelemetryBatch{};
    run.pendingItems = 0;
    offer(run, std::move(batch));
    reportProgress(run);
}

bool TelemetryFileImporter::offer(Run &run, TelemetryBatchPtr batch)
{
    const auto spans = std::int64_t(batch->spanCount());
    const auto points = std::int64_t(batch->dataPointCount());
    const auto logs = std::int64_t(batch->logRecordCount());
    // The writer drains the queue continuously; a full queue means "come back shortly". Files are
    // not a live stream that must not stall, so wait instead of dropping anything.
    auto delay = std::chrono::milliseconds(1);
    while (!run.sinkClosed) {
        switch (m_sink->offer(batch)) {
        case OfferResult::Accepted:
            m_counters->addReceived(TelemetrySignal::Traces, IngestTransport::File, spans);
            m_counters->addReceived(TelemetrySignal::Metrics, IngestTransport::File, points);
            m_counters->addReceived(TelemetrySignal::Logs, IngestTransport::File, logs);
            run.result.spans += spans;
            run.result.dataPoints += points;
            run.result.logRecords += logs;
            return true;
        case OfferResult::QueueFull:
            if (isCancelled())
                return false;
            std::this_thread::sleep_for(delay);
            delay = std::min(delay * 2, std::chrono::milliseconds(50));
            break;
        case OfferResult::Closed:
            run.sinkClosed = true;
            m_counters->addRefused(TelemetrySignal::Traces, IngestTransport::File, spans);
            m_counters->addRefused(TelemetrySignal::Metrics, IngestTransport::File, points);
            m_counters->addRefused(TelemetrySignal::Logs, IngestTransport::File, logs);
            problem(run, 0, -1,
                    "the session store closed during the import; the rest was not imported");
            break;
        }
    }
    return false;
}

void TelemetryFileImporter::reportProgress(Run &run)
{
    if (!m_progress)
        return;
    ImportProgress progress;
    progress.file = run.result.file;
    progress.fileBytesDone = run.input ? run.input->fileBytesRead() : 0;
    progress.fileBytesTotal = run.input ? run.input->fileSizeBytes() : 0;
    progress.spans = run.result.spans;
    progress.dataPoints = run.result.dataPoints;
    progress.logRecords = run.result.logRecords;
    m_progress(progress);
}

} // namespace kansoku
