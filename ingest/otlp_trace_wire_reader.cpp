#include "otlp_trace_wire_reader.h"

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

enum WireType : std::uint32_t {
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5
};

// protobuf's default recursion limit: the generated parser fails on messages (and groups) nested
// deeper than this below the request.
constexpr int maxDepth = 100;

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

// One pass over a request's bytes. Field callbacks return 1 when they consumed the value, 0 to
// have it skipped as an unknown field, -1 when the request is malformed.
class WireWalker
{
public:
    explicit WireWalker(std::string_view body)
        : m_body(body)
        , m_in(reinterpret_cast<const std::uint8_t *>(body.data()), static_cast<int>(body.size()))
    {}

    CodedInputStream &in() { return m_in; }
    int position() const { return m_in.CurrentPosition(); }
    std::string_view slice(int from, int to) const
    {
        return m_body.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from));
    }

    // Calls onField(number, wireType, tagPosition) for each field up to the current limit.
    template<typename OnField>
    bool fields(int depth, OnField onField)
    {
        while (m_in.BytesUntilLimit() > 0) {
            const int tagPosition = position();
            const std::uint32_t tag = m_in.ReadTag();
            if (tag == 0 || (tag >> 3) == 0)
                return false;
            const int handled = onField(static_cast<int>(tag >> 3), tag & 7, tagPosition);
            if (handled < 0 || (handled == 0 && !skip(tag, depth)))
                return false;
        }
        return true;
    }

    // Reads a length-delimited submessage at nesting depth with read(depth), which must use all of
    // its bytes.
    template<typename Read>
    bool message(int depth, Read read)
    {
        int length = 0;
        if (depth > maxDepth || !readLength(&length))
            return false;
        const CodedInputStream::Limit limit = m_in.PushLimit(length);
        const bool ok = read(depth) && m_in.BytesUntilLimit() == 0;
        m_in.PopLimit(limit);
        return ok;
    }

    bool bytes(std::string_view *out)
    {
        int length = 0;
        if (!readLength(&length))
            return false;
        const int at = position();
        if (!m_in.Skip(length))
            return false;
        *out = slice(at, at + length);
        return true;
    }

    bool string(std::string_view *out) { return bytes(out) && isValidUtf8(*out); }

    bool varint(std::uint64_t *out) { return m_in.ReadVarint64(out); }

    // KeyValue, AnyValue and the lists inside them: checked for what the generated parser checks,
    // without building anything.
    bool keyValue(int depth)
    {
        return fields(depth, [&](int number, std::uint32_t type, int) {
            if (type != LengthDelimited)
                return 0;
            if (number == field::keyValueKey)
                return checkedString();
            if (number == field::keyValueValue)
                return message(depth + 1, [&](int inner) { return anyValue(inner); }) ? 1 : -1;
            return 0;
        });
    }

    // One attributes entry of a span, an event or a link: a KeyValue submessage.
    int keyValueEntry(int depth)
    {
        return message(depth, [&](int inner) { return keyValue(inner); }) ? 1 : -1;
    }

    bool anyValue(int depth)
    {
        return fields(depth, [&](int number, std::uint32_t type, int) {
            if (type != LengthDelimited)
                return 0; // bool, int and double values need no check beyond skipping
            switch (number) {
            case field::anyValueString:
                return checkedString();
            case field::anyValueArray:
            case field::anyValueKvlist: {
                const bool isArray = number == field::anyValueArray;
                const bool ok = message(depth + 1, [&](int list) {
                    return fields(list, [&](int item, std::uint32_t itemType, int) {
                        if (item != field::listValues || itemType != LengthDelimited)
                            return 0;
                        const bool read = message(list + 1, [&](int inner) {
                            return isArray ? anyValue(inner) : keyValue(inner);
                        });
                        return read ? 1 : -1;
                    });
                });
                return ok ? 1 : -1;
            }
            default:
                return 0; // bytes_value and unknown fields
            }
        });
    }

    // A string field whose value is not kept.
    int checkedString()
    {
        std::string_view ignored;
        return string(&ignored) ? 1 : -1;
    }

private:
    bool readLength(int *length)
    {
        std::uint32_t raw = 0;
        if (!m_in.ReadVarint32(&raw) || raw > static_cast<std::uint32_t>(INT_MAX))
            return false;
        *length = static_cast<int>(raw);
        return *length <= m_in.BytesUntilLimit();
    }

    // Skips the value of an unknown field, groups included (protobuf keeps those too).
    bool skip(std::uint32_t tag, int depth)
    {
        std::uint64_t ignored64 = 0;
        std::uint32_t ignored32 = 0;
        std::string_view ignoredBytes;
        switch (tag & 7) {
        case Varint:
            return m_in.ReadVarint64(&ignored64);
        case Fixed64:
            return m_in.ReadLittleEndian64(&ignored64);
        case Fixed32:
            return m_in.ReadLittleEndian32(&ignored32);
        case LengthDelimited:
            return bytes(&ignoredBytes);
        case StartGroup: {
            if (depth + 1 > maxDepth)
                return false;
            for (;;) {
                if (m_in.BytesUntilLimit() <= 0)
                    return false;
                const std::uint32_t inner = m_in.ReadTag();
                if (inner == 0 || (inner >> 3) == 0)
                    return false;
                if ((inner & 7) == EndGroup)
                    return (inner >> 3) == (tag >> 3);
                if (!skip(inner, depth + 1))
                    return false;
            }
        }
        default:
            return false; // an end-group tag outside its group, or wire types 6 and 7
        }
    }

    std::string_view m_body;
    CodedInputStream m_in;
};

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

class TraceRequestReader
{
public:
    explicit TraceRequestReader(std::string_view body)
        : m_walker(body)
    {}

    OtlpDecodeResult readRequest(std::size_t bodySize)
    {
        CodedInputStream &in = m_walker.in();
        in.PushLimit(static_cast<int>(bodySize));
        const bool ok = m_walker.fields(0, [&](int number, std::uint32_t type, int) {
            if (number != field::requestResourceSpans || type != LengthDelimited)
                return 0;
            return m_walker.message(1, [&](int depth) { return resourceSpans(depth); }) ? 1 : -1;
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
        const bool ok = m_walker.fields(depth, [&](int number, std::uint32_t type, int) {
            if (type != LengthDelimited)
                return 0;
            switch (number) {
            case field::resourceSpansResource:
                return mergeWithGeneratedParser(resourceProto, depth + 1) ? 1 : -1;
            case field::resourceSpansScopeSpans:
                return m_walker.message(depth + 1,
                                        [&](int inner) {
                                            return scopeSpans(inner, resource, resourceIndex,
                                                              scopeIndex++);
                                        })
                           ? 1
                           : -1;
            case field::resourceSpansSchemaUrl: {
                std::string_view schemaUrl;
                if (!m_walker.string(&schemaUrl))
                    return -1;
                resource.schemaUrl = schemaUrl;
                return 1;
            }
            default:
                return 0;
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
        const bool ok = m_walker.fields(depth, [&](int number, std::uint32_t type, int) {
            if (type != LengthDelimited)
                return 0;
            switch (number) {
            case field::scopeSpansScope:
                return mergeWithGeneratedParser(scopeProto, depth + 1) ? 1 : -1;
            case field::scopeSpansSpans: {
                std::string reason;
                Span span;
                const bool read = m_walker.message(
                    depth + 1, [&](int inner) { return this->span(inner, span, reason); });
                if (!read)
                    return -1;
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
                return 1;
            }
            case field::scopeSpansSchemaUrl: {
                std::string_view schemaUrl;
                if (!m_walker.string(&schemaUrl))
                    return -1;
                scope.schemaUrl = schemaUrl;
                return 1;
            }
            default:
                return 0;
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
        if (depth > maxDepth || !m_walker.bytes(&bytes))
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
        const bool ok = m_walker.fields(depth, [&](int number, std::uint32_t type, int tagAt) {
            return spanField(depth, number, type, tagAt, read, linkIndex);
        });
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

    int spanField(int depth, int number, std::uint32_t type, int tagAt, SpanFieldsRead &read,
                  int &linkIndex)
    {
        std::uint64_t value = 0;
        std::uint32_t value32 = 0;
        switch (number) {
        case field::spanTraceId:
        case field::spanSpanId:
        case field::spanParentSpanId: {
            if (type != LengthDelimited)
                return 0;
            std::string_view &id = number == field::spanTraceId  ? read.traceId
                                   : number == field::spanSpanId ? read.spanId
                                                                 : read.parentSpanId;
            return m_walker.bytes(&id) ? 1 : -1;
        }
        case field::spanTraceState:
        case field::spanName:
            if (type != LengthDelimited)
                return 0;
            return m_walker.string(number == field::spanTraceState ? &read.traceState : &read.name)
                       ? 1
                       : -1;
        case field::spanFlags:
            if (type != Fixed32)
                return 0;
            return m_walker.in().ReadLittleEndian32(&read.flags) ? 1 : -1;
        case field::spanStart:
        case field::spanEnd:
            if (type != Fixed64)
                return 0;
            return m_walker.in().ReadLittleEndian64(number == field::spanStart ? &read.startNs
                                                                               : &read.endNs)
                       ? 1
                       : -1;
        case field::spanKind:
            if (type != Varint || !m_walker.varint(&value))
                return type != Varint ? 0 : -1;
            read.kind = static_cast<std::int32_t>(value);
            return 1;
        case field::spanDroppedAttributes:
        case field::spanDroppedEvents:
        case field::spanDroppedLinks:
            if (type != Varint || !m_walker.in().ReadVarint32(&value32))
                return type != Varint ? 0 : -1;
            (number == field::spanDroppedAttributes ? read.droppedAttributes
             : number == field::spanDroppedEvents   ? read.droppedEvents
                                                    : read.droppedLinks)
                = value32;
            return 1;
        case field::spanAttributes:
        case field::spanEvents:
        case field::spanLinks: {
            if (type != LengthDelimited)
                return 0;
            bool ok = false;
            if (number == field::spanAttributes) {
                ok = m_walker.keyValueEntry(depth + 1) > 0;
            } else if (number == field::spanEvents) {
                ok = m_walker.message(depth + 1, [&](int inner) { return event(inner); });
            } else {
                ok = m_walker.message(depth + 1,
                                      [&](int inner) { return link(inner, read, linkIndex); });
                ++linkIndex;
            }
            if (!ok)
                return -1;
            // The entry exactly as it arrived, tag included: already the stored form.
            const std::size_t column = number == field::spanAttributes
                                           ? ScopeSpans::EncodedAttributes
                                       : number == field::spanEvents ? ScopeSpans::EncodedEvents
                                                                     : ScopeSpans::EncodedLinks;
            m_spanFields[column] += m_walker.slice(tagAt, m_walker.position());
            return 1;
        }
        case field::spanStatus:
            if (type != LengthDelimited)
                return 0;
            return m_walker.message(depth + 1, [&](int inner) { return status(inner, read); }) ? 1
                                                                                               : -1;
        default:
            return 0;
        }
    }

    // Status fields merge into read, as protobuf merges a message given twice.
    bool status(int depth, SpanFieldsRead &read)
    {
        return m_walker.fields(depth, [&](int number, std::uint32_t type, int) {
            if (number == field::statusMessage && type == LengthDelimited)
                return m_walker.string(&read.statusMessage) ? 1 : -1;
            if (number != field::statusCode || type != Varint)
                return 0;
            std::uint64_t code = 0;
            if (!m_walker.varint(&code))
                return -1;
            read.statusCode = static_cast<std::int32_t>(code);
            return 1;
        });
    }

    bool event(int depth)
    {
        return m_walker.fields(depth, [&](int number, std::uint32_t type, int) {
            if (type != LengthDelimited)
                return 0;
            if (number == field::eventName)
                return m_walker.checkedString();
            if (number == field::eventAttributes)
                return m_walker.keyValueEntry(depth + 1);
            return 0;
        });
    }

    // Checks a link's fields; the first link whose ids cannot be stored sets read.firstBadLink.
    bool link(int depth, SpanFieldsRead &read, int linkIndex)
    {
        std::string_view traceId;
        std::string_view spanId;
        const bool ok = m_walker.fields(depth, [&](int number, std::uint32_t type, int) {
            if (type != LengthDelimited)
                return 0;
            switch (number) {
            case field::linkTraceId:
                return m_walker.bytes(&traceId) ? 1 : -1;
            case field::linkSpanId:
                return m_walker.bytes(&spanId) ? 1 : -1;
            case field::linkTraceState:
                return m_walker.checkedString();
            case field::linkAttributes:
                return m_walker.keyValueEntry(depth + 1);
            default:
                return 0;
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

    WireWalker m_walker;
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
