#include "encoded_telemetry_batch.h"

#include "formats/otlp_json_field_writer.h"
#include "log_search_text.h"
#include "otlp_proto_columns.h"

#include <cassert>

namespace kansoku {

EncodedTelemetryBatch::EncodedTelemetryBatch(TelemetryBatchPtr batch)
    : m_batch(std::move(batch))
    , m_itemCount(m_batch->itemCount())
{
    static_assert(int(SpanAttributes) == int(ScopeSpans::EncodedAttributes)
                  && int(SpanEvents) == int(ScopeSpans::EncodedEvents)
                  && int(SpanLinks) == int(ScopeSpans::EncodedLinks));
    m_spanColumns.reserve(m_batch->spanCount());
    for (const ResourceSpans &resourceSpans : m_batch->resourceSpans) {
        for (const ScopeSpans &scopeSpans : resourceSpans.scopeSpans) {
            if (scopeSpans.hasEncodedSpanFields()) {
                assert(scopeSpans.encodedSpanFields.size()
                       == scopeSpans.spans.size() * SpanColumnCount);
                for (std::size_t i = 0; i < scopeSpans.spans.size(); ++i)
                    m_spanColumns.push_back({&scopeSpans.encodedSpanFields, i * SpanColumnCount});
                continue;
            }
            for (const Span &span : scopeSpans.spans) {
                m_spanColumns.push_back({nullptr, m_spans.size()});
                OtlpProtoColumns::appendAttributes(
                    m_spans.openValue(), OtlpProtoColumns::spanAttributesField, span.attributes);
                m_spans.close();
                OtlpProtoColumns::appendEvents(m_spans.openValue(), span.events);
                m_spans.close();
                OtlpProtoColumns::appendLinks(m_spans.openValue(), span.links);
                m_spans.close();
            }
        }
    }

    m_logs.reserve(m_batch->logRecordCount() * LogColumnCount);
    for (const ResourceLogs &resourceLogs : m_batch->resourceLogs) {
        for (const ScopeLogs &scopeLogs : resourceLogs.scopeLogs) {
            for (const LogRecord &record : scopeLogs.logRecords) {
                OtlpProtoColumns::appendAttributes(
                    m_logs.openValue(), OtlpProtoColumns::logAttributesField, record.attributes);
                m_logs.close();
                std::string &bytes = m_logs.openValue();
                // A string body is kept as plain text (what FTS and sqlite3 users want to see);
                // every other type also gets its exact OTLP/JSON form.
                bytes += record.body.toDisplayString();
                m_logs.close();
                if (!record.body.isEmpty() && record.body.type() != AnyValue::Type::String)
                    OtlpJsonFieldWriter::appendAnyValue(bytes, record.body);
                m_logs.close();
                LogSearchText::appendAttributeText(bytes, record.attributes);
                m_logs.close();
                // Only the trace id: a unique token per row costs FTS time, and span ids are
                // looked up within a trace.
                if (!record.traceId.isZero())
                    bytes += toHex(record.traceId);
                m_logs.close();
            }
        }
    }
}

std::string_view EncodedTelemetryBatch::spanColumn(std::size_t span, SpanColumn column) const
{
    const SpanColumns &columns = m_spanColumns[span];
    const PackedStrings &values = columns.encodedFields ? *columns.encodedFields : m_spans;
    return values.value(columns.firstValue + column);
}

std::string_view EncodedTelemetryBatch::logColumn(std::size_t log, LogColumn column) const
{
    return m_logs.value(log * LogColumnCount + column);
}

} // namespace kansoku
