#include "encoded_telemetry_batch.h"

#include "otlp_json.h"
#include "otlp_proto_columns.h"

namespace kansoku {

namespace {

// Text the FTS index sees for attribute values, one per line. Only text-like values: numbers and
// booleans are found exactly with attribute filters, and their many distinct tokens (ids,
// counters) cost ~15% of the insert rate.
void appendAttributeText(std::string &out, const Attributes &attributes)
{
    bool first = true;
    for (const KeyValue &entry : attributes) {
        switch (entry.value.type()) {
        case AnyValue::Type::Int:
        case AnyValue::Type::Double:
        case AnyValue::Type::Bool:
        case AnyValue::Type::Empty:
            continue;
        default:
            break;
        }
        if (!first)
            out += '\n';
        first = false;
        out += entry.value.toDisplayString();
    }
}

} // namespace

EncodedTelemetryBatch::EncodedTelemetryBatch(TelemetryBatchPtr batch)
    : m_batch(std::move(batch))
    , m_itemCount(m_batch->itemCount())
{
    m_spans.ends.reserve(m_batch->spanCount() * SpanColumnCount);
    for (const ResourceSpans &resourceSpans : m_batch->resourceSpans) {
        for (const ScopeSpans &scopeSpans : resourceSpans.scopeSpans) {
            for (const Span &span : scopeSpans.spans) {
                OtlpProtoColumns::appendAttributes(
                    m_spans.bytes, OtlpProtoColumns::spanAttributesField, span.attributes);
                m_spans.close();
                OtlpProtoColumns::appendEvents(m_spans.bytes, span.events);
                m_spans.close();
                OtlpProtoColumns::appendLinks(m_spans.bytes, span.links);
                m_spans.close();
            }
        }
    }
    m_logs.ends.reserve(m_batch->logRecordCount() * LogColumnCount);
    for (const ResourceLogs &resourceLogs : m_batch->resourceLogs) {
        for (const ScopeLogs &scopeLogs : resourceLogs.scopeLogs) {
            for (const LogRecord &record : scopeLogs.logRecords) {
                OtlpProtoColumns::appendAttributes(
                    m_logs.bytes, OtlpProtoColumns::logAttributesField, record.attributes);
                m_logs.close();
                // A string body is kept as plain text (what FTS and sqlite3 users want to see);
                // every other type also gets its exact OTLP/JSON form.
                m_logs.bytes += record.body.toDisplayString();
                m_logs.close();
                if (!record.body.isEmpty() && record.body.type() != AnyValue::Type::String)
                    OtlpJson::appendAnyValue(m_logs.bytes, record.body);
                m_logs.close();
                appendAttributeText(m_logs.bytes, record.attributes);
                m_logs.close();
                // Only the trace id: a unique token per row costs FTS time, and span ids are
                // looked up within a trace.
                if (!record.traceId.isZero())
                    m_logs.bytes += toHex(record.traceId);
                m_logs.close();
            }
        }
    }
}

std::string_view EncodedTelemetryBatch::ColumnBytes::value(std::size_t index) const
{
    const std::size_t begin = index == 0 ? 0 : ends[index - 1];
    return std::string_view(bytes).substr(begin, ends[index] - begin);
}

std::string_view EncodedTelemetryBatch::spanColumn(std::size_t span, SpanColumn column) const
{
    return m_spans.value(span * SpanColumnCount + column);
}

std::string_view EncodedTelemetryBatch::logColumn(std::size_t log, LogColumn column) const
{
    return m_logs.value(log * LogColumnCount + column);
}

} // namespace kansoku
