// A batch together with the bytes of its per-item columns (OtlpProtoColumns attributes, events
// and links; a log's body and full-text columns), encoded by TelemetryStore::offer() on the
// offering thread. The one writer thread is the ingest bottleneck; this way it only binds bytes,
// and the encoding runs in parallel on the receivers' threads.
#pragma once

#include "telemetry_batch.h"

#include <string>
#include <string_view>
#include <vector>

namespace kansoku {

class EncodedTelemetryBatch
{
public:
    enum SpanColumn { SpanAttributes, SpanEvents, SpanLinks, SpanColumnCount };
    enum LogColumn {
        LogAttributes,    // OtlpProtoColumns bytes
        LogBodyText,      // the body as display text (what FTS indexes)
        LogBodyValue,     // OTLP/JSON of a body that is not a string, else empty
        LogAttributeText, // text-like attribute values, one per line, for FTS
        LogTraceIdHex,    // for FTS; empty without a trace id
        LogColumnCount
    };

    EncodedTelemetryBatch() = default;
    explicit EncodedTelemetryBatch(TelemetryBatchPtr batch);

    const TelemetryBatch &batch() const { return *m_batch; }
    std::size_t itemCount() const { return m_itemCount; }
    // Spans and logs are numbered in batch order (resource, then scope, then item).
    std::string_view spanColumn(std::size_t span, SpanColumn column) const;
    std::string_view logColumn(std::size_t log, LogColumn column) const;

private:
    // Column values back to back; ends[i] is where value i ends (value i starts at ends[i - 1]).
    struct ColumnBytes
    {
        std::string bytes;
        std::vector<std::size_t> ends;
        void close() { ends.push_back(bytes.size()); }
        std::string_view value(std::size_t index) const;
    };

    TelemetryBatchPtr m_batch;
    std::size_t m_itemCount = 0;
    ColumnBytes m_spans; // SpanColumnCount values per span
    ColumnBytes m_logs;  // LogColumnCount values per log
};

} // namespace kansoku
