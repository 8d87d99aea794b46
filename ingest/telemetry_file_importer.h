// Imports exported telemetry files (OTLP JSON / JSON lines, length-delimited OTLP protobuf with
// optional per-message zstd, Jaeger JSON, Zipkin v2 JSON; whole-file gzip or zstd) into a
// TelemetrySink, streaming: memory stays bounded by one read chunk plus one message or JSON value,
// whatever the file size. Bad lines or messages are skipped and reported, never fatal. Call
// importFile() on a worker thread; cancel() from any thread.
#pragma once

#include "core/ingest_counters.h"
#include "core/telemetry_sink.h"
#include "telemetry_file_format_detector.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kansoku {

class CompressedFileReader;

struct ImportProblem
{
    std::string file;
    std::int64_t line = 0;        // 1-based line (JSON formats); 0 when not known
    std::int64_t byteOffset = -1; // in the decompressed content (protobuf); -1 when not known
    std::string reason;

    // "FILE:LINE: reason", "FILE@OFFSET: reason" or "FILE: reason".
    std::string toString() const;
    bool operator==(const ImportProblem &) const = default;
};

struct ImportProgress
{
    std::string file;
    std::int64_t fileBytesDone = 0; // of the file as stored (compressed bytes for .gz/.zst)
    std::int64_t fileBytesTotal = 0;
    std::int64_t spans = 0; // imported from this file so far
    std::int64_t dataPoints = 0;
    std::int64_t logRecords = 0;
};

struct FileImportResult
{
    enum class Outcome {
        Imported,   // everything in the file is in the sink
        Partial,    // some lines, messages or items were skipped: see problems
        Unreadable, // nothing could be read: missing, unreadable, or not telemetry
        Cancelled,  // stopped by cancel(); what was offered before stays
        SinkClosed  // the sink refused further data (shutting down)
    };
    Outcome outcome = Outcome::Imported;
    std::string file;
    TelemetryFileFormat format = TelemetryFileFormat::Unknown;
    std::int64_t spans = 0;
    std::int64_t dataPoints = 0;
    std::int64_t logRecords = 0;
    std::vector<ImportProblem> problems; // the first maxListedProblems of them
    std::int64_t problemCount = 0;       // all of them
};

class TelemetryFileImporter
{
public:
    using ProgressCallback = std::function<void(const ImportProgress &)>;
    static constexpr std::size_t maxListedProblems = 1000;

    TelemetryFileImporter(std::shared_ptr<TelemetrySink> sink,
                          std::shared_ptr<IngestCounters> counters);

    // Called on the importing thread after every batch handed to the sink and at the end.
    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    // Items per batch offered to the sink: small decoded requests are merged up to this; a
    // request of an eighth of it or more is offered as it is (merging would copy it).
    void setBatchItems(std::size_t items) { m_batchItems = std::max<std::size_t>(1, items); }

    // Blocking; returns when the file is done, cancelled, or the sink closed.
    FileImportResult importFile(const std::string &path);

    // Thread-safe. The running import stops at its next message or line; later imports return
    // Cancelled at once until resetCancel().
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    void resetCancel() { m_cancelled.store(false, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

private:
    struct Run;

    void importOtlpJson(Run &run, CompressedFileReader &input, bool lines);
    void importOtlpProtobuf(Run &run, CompressedFileReader &input);
    void importTraceJson(Run &run, CompressedFileReader &input, TelemetryFileFormat format);
    // One OTLP/JSON request; position is line (JSON files) or byte offset (inside protobuf files).
    void decodeOtlpJson(Run &run, std::string_view json, std::int64_t line, std::int64_t offset);
    void decodeOtlpProtobuf(Run &run, std::string_view message, std::int64_t offset);

    void problem(Run &run, std::int64_t line, std::int64_t offset, std::string reason);
    // Adds decoded items; flushes full chunks to the sink.
    void add(Run &run, const TelemetryBatchPtr &batch);
    void add(Run &run, TelemetryBatch &&batch);
    void flush(Run &run);
    bool offer(Run &run, TelemetryBatchPtr batch);
    void reportProgress(Run &run);
    bool shouldStop(const Run &run) const;

    std::shared_ptr<TelemetrySink> m_sink;
    std::shared_ptr<IngestCounters> m_counters;
    ProgressCallback m_progress;
    std::size_t m_batchItems = 4096;
    std::atomic<bool> m_cancelled{false};
};

} // namespace kansoku
