#include "otlp_trace_wire_reader.h"

#include "formats/protobuf_wire_reader.h"
#include "opentelemetry/proto/common/v1/common.pb.h"
#include "opentelemetry/proto/resource/v1/resource.pb.h"
#include "otlp_item_checks.h"
#include "otlp_proto_decoder.h"

#include <climits>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/stubs/common.h>

namespace kansoku {

namespace {

namespace otlp = opentelemetry::proto;
using google::protobuf::io::CodedInputStream;

using FieldResult = ProtobufWireReader::FieldResult;
using Tag = ProtobufWireReader::Tag;
using WireType = ProtobufWireType;
constexpr int maxDepth = ProtobufWireReader::maxDepth;

// Field numbers from opentelemetry/proto/trace/v1/trace.proto and common/v1/common.proto.
namespace field {
constexpr int requestResourceSpans = 1;
constexpr int resourceSpansResource = 1, resourceSpansScopeSpans = 2, resourceSpansSchemaUrl = 3;
constexpr int scopeSpansScope = 1, scopeSpansSpans = 2, scopeSpansSchemaUrl = 3;
constexpr int spanTraceId = 1, spanSpanId = 2, spanTraceState = 3, spanParentSpanId = 4,
              spanName = 5, spanKind = 6, spanStart = 7, spanEnd = 8, spanAttributes = 9,
              spanDroppedAttributes = 10, spanEvents = 11, spanDroppedEvents = 12, spanLinks = 13,
              spanDroppedLinks = 14, spanStatus = 15, spanFlags = 16;
constexpr int eventName = 2, eventAttributes = 3;
constexpr int linkTraceId = 1, linkSpanId = 2, linkTraceState = 3, linkAttributes = 4;
constexpr int statusMessage = 2, statusCode = 3;
constexpr int keyValueKey = 1, keyValueValue = 2;
constexpr int anyValueString = 1, anyValueArray = 5, anyValueKvlist = 6;
constexpr int listValues = 1; // ArrayValue.values and KeyValueList.values
} // namespace field

// The same check protobuf's generated parser makes on every proto3 string field.
bool isValidUtf8(std::string_view text)
{
    return google::protobuf::internal::IsStructurallyValidUTF8(text.data(),
                                                               static_cast<int>(text.size()));
}

// A span's fields as read (last occurrence wins, as in protobuf), before any check.
struct SpanFieldsRead
{
    std::string_view traceId, spanId, parentSpanId, traceState, name, statusMessage;
    std::uint32_t flags = 0;
    std::int32_t kind = 0;
    std::int32_t statusCode = 0;
    std::uint64_t startNs = 0, endNs = 0;
    std::uint32_t droppedAttributes = 0, droppedEvents = 0, droppedLinks = 0;
    std::string firstBadLink; // why the first link with bad ids is rejected, with its path
};

// One pass over a request's bytes with the protobuf wire walker: the request's structure, the
// checks the generated parser makes (UTF-8 strings, nesting depth) and the span fields read.
class TraceRequestReader
{
public:
    explicit TraceRequestReader(std::string_view body)
        : m_wire(body)
    {}

    OtlpDecodeResult readRequest(std::size_t bodySize)
    {
        const bool ok = m_wire.readFields(0, [&](Tag tag) {
            if (tag.fieldNumber != field::requestResourceSpans
                || tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            return ProtobufWireReader::readOrMalformed(
                m_wire.readMessage(1, [&](int depth) { return resourceSpans(depth); }));
        });
        if (!ok) {
            OtlpDecodeResult failure;
            failure.errorMessage = "malformed protobuf ExportTraceServiceRequest ("
                                   + std::to_string(bodySize) + " bytes)";
            return failure;
        }
        return m_rejections.success(std::move(m_batch), "span");
    }

private:
    bool resourceSpans(int depth)
    {
        const int resourceIndex = static_cast<int>(m_batch->resourceSpans.size());
        ResourceSpans &resource = m_batch->resourceSpans.emplace_back();
        otlp::resource::v1::Resource resourceProto;
        int scopeIndex = 0;
        const bool ok = m_wire.readFields(depth, [&](Tag tag) {
            if (tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            switch (tag.fieldNumber) {
            case field::resourceSpansResource:
                return ProtobufWireReader::readOrMalformed(
                    mergeWithGeneratedParser(resourceProto, depth + 1));
            case field::resourceSpansScopeSpans:
                return ProtobufWireReader::readOrMalformed(
                    m_wire.readMessage(depth + 1, [&](int inner) {
                        return scopeSpans(inner, resource, resourceIndex, scopeIndex++);
                    }));
            case field::resourceSpansSchemaUrl: {
                std::string_view schemaUrl;
                if (!string(&schemaUrl))
                    return FieldResult::Malformed;
                resource.schemaUrl = schemaUrl;
                return FieldResult::Read;
            }
            default:
                return FieldResult::Unknown;
            }
        });
        resource.resource = OtlpProtoDecoder::convert(resourceProto);
        return ok;
    }

    bool scopeSpans(int depth, ResourceSpans &resource, int resourceIndex, int scopeIndex)
    {
        ScopeSpans &scope = resource.scopeSpans.emplace_back();
        otlp::common::v1::InstrumentationScope scopeProto;
        int spanIndex = 0;
        const bool ok = m_wire.readFields(depth, [&](Tag tag) {
            if (tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            switch (tag.fieldNumber) {
            case field::scopeSpansScope:
                return ProtobufWireReader::readOrMalformed(
                    mergeWithGeneratedParser(scopeProto, depth + 1));
            case field::scopeSpansSpans: {
                std::string reason;
                Span span;
                const bool read = m_wire.readMessage(
                    depth + 1, [&](int inner) { return this->span(inner, span, reason); });
                if (!read)
                    return FieldResult::Malformed;
                if (reason.empty()) {
                    scope.spans.push_back(std::move(span));
                    for (const std::string &value : m_spanFields) {
                        scope.encodedSpanFields.openValue() += value;
                        scope.encodedSpanFields.close();
                    }
                } else {
                    m_rejections.add(1, [&] {
                        return OtlpItemChecks::indexed("resourceSpans", resourceIndex) + '.'
                               + OtlpItemChecks::indexed("scopeSpans", scopeIndex) + '.'
                               + OtlpItemChecks::indexed("spans", spanIndex) + ": " + reason;
                    });
                }
                ++spanIndex;
                return FieldResult::Read;
            }
            case field::scopeSpansSchemaUrl: {
                std::string_view schemaUrl;
                if (!string(&schemaUrl))
                    return FieldResult::Malformed;
                scope.schemaUrl = schemaUrl;
                return FieldResult::Read;
            }
            default:
                return FieldResult::Unknown;
            }
        });
        scope.scope = OtlpProtoDecoder::convert(scopeProto);
        return ok;
    }

    // Resources and scopes come once per request or scope: the generated classes read them,
    // merging repeated occurrences as protobuf does, within the recursion budget left at depth.
    template<typename Message>
    bool mergeWithGeneratedParser(Message &message, int depth)
    {
        std::string_view bytes;
        if (depth > maxDepth || !m_wire.readLengthDelimited(&bytes))
            return false;
        CodedInputStream nested(reinterpret_cast<const std::uint8_t *>(bytes.data()),
                                static_cast<int>(bytes.size()));
        nested.SetRecursionLimit(maxDepth - depth);
        // Merging stops early, reporting success, at an end-group or zero tag.
        return message.MergeFromCodedStream(&nested) && nested.ConsumedEntireMessage();
    }

    // Reads one span. A malformed span fails the request (false); a well-formed one that cannot be
    // stored sets reason instead. m_spanFields gets its attributes, events and links entries.
    bool span(int depth, Span &span, std::string &reason)
    {
        for (std::string &value : m_spanFields)
            value.clear();
        SpanFieldsRead read;
        int linkIndex = 0;
        const bool ok = m_wire.readFields(
            depth, [&](Tag tag) { return spanField(depth, tag, read, linkIndex); });
        if (!ok)
            return false;

        const auto traceId = OtlpItemChecks::checkedId<16>(read.traceId, true, "traceId", reason);
        const auto spanId = traceId
                                ? OtlpItemChecks::checkedId<8>(read.spanId, true, "spanId", reason)
                                : std::nullopt;
        const auto parentSpanId = spanId ? OtlpItemChecks::checkedId<8>(read.parentSpanId, false,
                                                                        "parentSpanId", reason)
                                         : std::nullopt;
        if (!parentSpanId)
            return true;
        if (!read.firstBadLink.empty()) {
            reason = std::move(read.firstBadLink);
            return true;
        }
        span.traceId = *traceId;
        span.spanId = *spanId;
        span.parentSpanId = *parentSpanId;
        span.traceState = read.traceState;
        span.flags = read.flags;
        span.name = read.name;
        // Values outside the known range would break switch statements downstream.
        span.kind = read.kind >= 0 && read.kind <= 5 ? static_cast<SpanKind>(read.kind)
                                                     : SpanKind::Unspecified;
        span.startTimeNs = static_cast<std::int64_t>(read.startNs);
        span.endTimeNs = static_cast<std::int64_t>(read.endNs);
        span.droppedAttributesCount = read.droppedAttributes;
        span.droppedEventsCount = read.droppedEvents;
        span.droppedLinksCount = read.droppedLinks;
        span.status.code = read.statusCode >= 0 && read.statusCode <= 2
                               ? static_cast<StatusCode>(read.statusCode)
                               : StatusCode::Unset;
        span.status.message = read.statusMessage;
        return true;
    }

    FieldResult spanField(int depth, Tag tag, SpanFieldsRead &read, int &linkIndex)
    {
        std::uint64_t value = 0;
        switch (tag.fieldNumber) {
        case field::spanTraceId:
        case field::spanSpanId:
        case field::spanParentSpanId: {
            if (tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            std::string_view &id = tag.fieldNumber == field::spanTraceId  ? read.traceId
                                   : tag.fieldNumber == field::spanSpanId ? read.spanId
                                                                          : read.parentSpanId;
            return ProtobufWireReader::readOrMalformed(m_wire.readLengthDelimited(&id));
        }
        case field::spanTraceState:
        case field::spanName:
            if (tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            return ProtobufWireReader::readOrMalformed(
                string(tag.fieldNumber == field::spanTraceState ? &read.traceState : &read.name));
        case field::spanFlags:
            if (tag.wireType != WireType::Fixed32)
                return FieldResult::Unknown;
            return ProtobufWireReader::readOrMalformed(m_wire.readFixed32(&read.flags));
        case field::spanStart:
        case field::spanEnd:
            if (tag.wireType != WireType::Fixed64)
                return FieldResult::Unknown;
            return ProtobufWireReader::readOrMalformed(m_wire.readFixed64(
                tag.fieldNumber == field::spanStart ? &read.startNs : &read.endNs));
        case field::spanKind:
            if (tag.wireType != WireType::Varint)
                return FieldResult::Unknown;
            if (!m_wire.readVarint(&value))
                return FieldResult::Malformed;
            read.kind = static_cast<std::int32_t>(value);
            return FieldResult::Read;
        case field::spanDroppedAttributes:
        case field::spanDroppedEvents:
        case field::spanDroppedLinks:
            if (tag.wireType != WireType::Varint)
                return FieldResult::Unknown;
            if (!m_wire.readVarint(&value))
                return FieldResult::Malformed;
            (tag.fieldNumber == field::spanDroppedAttributes ? read.droppedAttributes
             : tag.fieldNumber == field::spanDroppedEvents   ? read.droppedEvents
                                                             : read.droppedLinks)
                = static_cast<std::uint32_t>(value);
            return FieldResult::Read;
        case field::spanAttributes:
        case field::spanEvents:
        case field::spanLinks: {
            if (tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            bool ok = false;
            if (tag.fieldNumber == field::spanAttributes) {
                ok = keyValueEntry(depth + 1) == FieldResult::Read;
            } else if (tag.fieldNumber == field::spanEvents) {
                ok = m_wire.readMessage(depth + 1, [&](int inner) { return event(inner); });
            } else {
                ok = m_wire.readMessage(depth + 1,
                                        [&](int inner) { return link(inner, read, linkIndex); });
                ++linkIndex;
            }
            if (!ok)
                return FieldResult::Malformed;
            // The entry exactly as it arrived, tag included: already the stored form.
            const std::size_t column
                = tag.fieldNumber == field::spanAttributes ? ScopeSpans::EncodedAttributes
                  : tag.fieldNumber == field::spanEvents   ? ScopeSpans::EncodedEvents
                                                           : ScopeSpans::EncodedLinks;
            m_spanFields[column] += m_wire.slice(tag.offset, m_wire.position());
            return FieldResult::Read;
        }
        case field::spanStatus:
            if (tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            return ProtobufWireReader::readOrMalformed(
                m_wire.readMessage(depth + 1, [&](int inner) { return status(inner, read); }));
        default:
            return FieldResult::Unknown;
        }
    }

    // Status fields merge into read, as protobuf merges a message given twice.
    bool status(int depth, SpanFieldsRead &read)
    {
        return m_wire.readFields(depth, [&](Tag tag) {
            if (tag.fieldNumber == field::statusMessage
                && tag.wireType == WireType::LengthDelimited)
                return ProtobufWireReader::readOrMalformed(string(&read.statusMessage));
            if (tag.fieldNumber != field::statusCode || tag.wireType != WireType::Varint)
                return FieldResult::Unknown;
            std::uint64_t code = 0;
            if (!m_wire.readVarint(&code))
                return FieldResult::Malformed;
            read.statusCode = static_cast<std::int32_t>(code);
            return FieldResult::Read;
        });
    }

    bool event(int depth)
    {
        return m_wire.readFields(depth, [&](Tag tag) {
            if (tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            if (tag.fieldNumber == field::eventName)
                return checkedString();
            if (tag.fieldNumber == field::eventAttributes)
                return keyValueEntry(depth + 1);
            return FieldResult::Unknown;
        });
    }

    // Checks a link's fields; the first link whose ids cannot be stored sets read.firstBadLink.
    bool link(int depth, SpanFieldsRead &read, int linkIndex)
    {
        std::string_view traceId;
        std::string_view spanId;
        const bool ok = m_wire.readFields(depth, [&](Tag tag) {
            if (tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            switch (tag.fieldNumber) {
            case field::linkTraceId:
                return ProtobufWireReader::readOrMalformed(m_wire.readLengthDelimited(&traceId));
            case field::linkSpanId:
                return ProtobufWireReader::readOrMalformed(m_wire.readLengthDelimited(&spanId));
            case field::linkTraceState:
                return checkedString();
            case field::linkAttributes:
                return keyValueEntry(depth + 1);
            default:
                return FieldResult::Unknown;
            }
        });
        if (!ok || !read.firstBadLink.empty())
            return ok;
        std::string reason;
        if (!OtlpItemChecks::checkedId<16>(traceId, false, "traceId", reason)
            || !OtlpItemChecks::checkedId<8>(spanId, false, "spanId", reason))
            read.firstBadLink = OtlpItemChecks::indexed("links", linkIndex) + '.' + reason;
        return true;
    }

    // One attributes entry of a span, an event or a link: a KeyValue submessage at depth.
    FieldResult keyValueEntry(int depth)
    {
        return ProtobufWireReader::readOrMalformed(
            m_wire.readMessage(depth, [&](int inner) { return keyValue(inner); }));
    }

    // KeyValue, AnyValue and the lists inside them: checked for what the generated parser checks,
    // without building anything.
    bool keyValue(int depth)
    {
        return m_wire.readFields(depth, [&](Tag tag) {
            if (tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            if (tag.fieldNumber == field::keyValueKey)
                return checkedString();
            if (tag.fieldNumber == field::keyValueValue)
                return ProtobufWireReader::readOrMalformed(
                    m_wire.readMessage(depth + 1, [&](int inner) { return anyValue(inner); }));
            return FieldResult::Unknown;
        });
    }

    bool anyValue(int depth)
    {
        return m_wire.readFields(depth, [&](Tag tag) {
            if (tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown; // bool, int and double values need no check
            switch (tag.fieldNumber) {
            case field::anyValueString:
                return checkedString();
            case field::anyValueArray:
            case field::anyValueKvlist: {
                const bool isArray = tag.fieldNumber == field::anyValueArray;
                return ProtobufWireReader::readOrMalformed(m_wire.readMessage(
                    depth + 1, [&](int list) { return valueList(list, isArray); }));
            }
            default:
                return FieldResult::Unknown; // bytes_value and unknown fields
            }
        });
    }

    // The values of an ArrayValue (AnyValue entries) or a KeyValueList (KeyValue entries).
    bool valueList(int depth, bool isArray)
    {
        return m_wire.readFields(depth, [&](Tag tag) {
            if (tag.fieldNumber != field::listValues || tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            return ProtobufWireReader::readOrMalformed(m_wire.readMessage(
                depth + 1, [&](int inner) { return isArray ? anyValue(inner) : keyValue(inner); }));
        });
    }

    bool string(std::string_view *out)
    {
        return m_wire.readLengthDelimited(out) && isValidUtf8(*out);
    }

    // A string field whose value is not kept.
    FieldResult checkedString()
    {
        std::string_view ignored;
        return ProtobufWireReader::readOrMalformed(string(&ignored));
    }

    ProtobufWireReader m_wire;
    std::shared_ptr<TelemetryBatch> m_batch = std::make_shared<TelemetryBatch>();
    OtlpItemChecks::Rejections m_rejections;
    std::string m_spanFields[ScopeSpans::EncodedSpanFieldCount]; // the current span's
};

} // namespace

OtlpDecodeResult OtlpTraceWireReader::read(std::string_view body)
{
    if (body.size() > static_cast<std::size_t>(INT_MAX)) {
        OtlpDecodeResult failure;
        failure.errorMessage = "protobuf body too large";
        return failure;
    }
    return TraceRequestReader(body).readRequest(body.size());
}

} // namespace kansoku
