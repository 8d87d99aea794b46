// A batch together with the bytes of its per-item columns (OtlpProtoColumns attributes, events
// and links; a log's body and full-text columns), encoded by TelemetryStore::offer() on the
// offering thread. The one writer thread is the ingest bottleneck; this way it only binds bytes,
// and the encoding runs in parallel on the receivers' threads.
#pragma once

#include "core/packed_strings.h"
#include "core/telemetry_batch.h"

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
    TelemetryBatchPtr m_batch;
    std::size_t m_itemCount = 0;
    // Where a span's SpanColumnCount values start: in its scope's encodedSpanFields when the
    // decoder left them encoded (already the stored form), else in m_spans (encodedFields null;
    // not a view, as a moved short string would leave it dangling).
    struct SpanColumns
    {
        const PackedStrings *encodedFields;
        std::size_t firstValue;
    };
    std::vector<SpanColumns> m_spanColumns; // one per span
    PackedStrings m_spans;
    PackedStrings m_logs; // LogColumnCount values per log
};

} // namespace kansoku
