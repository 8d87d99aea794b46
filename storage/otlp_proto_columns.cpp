#include "otlp_proto_columns.h"

#include <cstdint>
#include <cstring>
#include <google/protobuf/io/coded_stream.h>

namespace kansoku {

namespace {

using google::protobuf::io::CodedInputStream;

// Wire types and the OTLP field numbers used here (opentelemetry/proto/common/v1/common.proto,
// trace/v1/trace.proto). Every field number is below 16, so every tag is one byte.
enum WireType : std::uint32_t {
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5
};

namespace AnyValueField {
constexpr int string = 1, boolean = 2, integer = 3, floating = 4, array = 5, map = 6, bytes = 7;
}
constexpr int listValuesField = 1; // ArrayValue.values and KeyValueList.values
constexpr int keyField = 1, valueField = 2;
namespace EventField {
constexpr int time = 1, name = 2, attributes = 3, dropped = 4;
}
namespace LinkField {
constexpr int traceId = 1, spanId = 2, traceState = 3, attributes = 4, dropped = 5, flags = 6;
}

// Nesting deeper than this (arrays in maps in arrays...) is refused rather than recursed into.
constexpr int maxDepth = 64;

// ---- writing --------------------------------------------------------------------------------

std::size_t varintSize(std::uint64_t value)
{
    std::size_t size = 1;
    while (value >= 0x80) {
        value >>= 7;
        ++size;
    }
    return size;
}

void appendVarint(std::string &out, std::uint64_t value)
{
    char buffer[10];
    std::size_t length = 0;
    while (value >= 0x80) {
        buffer[length++] = static_cast<char>((value & 0x7f) | 0x80);
        value >>= 7;
    }
    buffer[length++] = static_cast<char>(value);
    out.append(buffer, length);
}

void appendTag(std::string &out, int field, WireType type)
{
    out += static_cast<char>((static_cast<std::uint32_t>(field) << 3) | type);
}

void appendLittleEndian(std::string &out, std::uint64_t value, int bytes)
{
    char buffer[8];
    for (int i = 0; i < bytes; ++i)
        buffer[i] = static_cast<char>(value >> (8 * i));
    out.append(buffer, static_cast<std::size_t>(bytes));
}

void appendBytesField(std::string &out, int field, std::string_view bytes)
{
    appendTag(out, field, LengthDelimited);
    appendVarint(out, bytes.size());
    out.append(bytes);
}

// A length-delimited field whose content is `size` bytes (tag + length + content).
std::size_t fieldSize(std::size_t size)
{
    return 1 + varintSize(size) + size;
}

std::size_t anyValueSize(const AnyValue &value);
std::size_t keyValueSize(const KeyValue &entry);

// The content of an ArrayValue / KeyValueList message: its repeated `values`.
std::size_t arrayValuesSize(const std::vector<AnyValue> &items)
{
    std::size_t size = 0;
    for (const AnyValue &item : items)
        size += fieldSize(anyValueSize(item));
    return size;
}

std::size_t keyValuesSize(const Attributes &attributes)
{
    std::size_t size = 0;
    for (const KeyValue &entry : attributes)
        size += fieldSize(keyValueSize(entry));
    return size;
}

std::size_t anyValueSize(const AnyValue &value)
{
    switch (value.type()) {
    case AnyValue::Type::Empty:
        return 0;
    case AnyValue::Type::String:
        return fieldSize(value.stringValue().size());
    case AnyValue::Type::Bool:
        return 2;
    case AnyValue::Type::Int:
        return 1 + varintSize(static_cast<std::uint64_t>(value.intValue()));
    case AnyValue::Type::Double:
        return 9;
    case AnyValue::Type::Bytes:
        return fieldSize(value.bytesValue().size());
    case AnyValue::Type::Array:
        return fieldSize(arrayValuesSize(value.arrayValue()));
    case AnyValue::Type::Map:
        return fieldSize(keyValuesSize(value.mapValue()));
    }
    return 0;
}

std::size_t keyValueSize(const KeyValue &entry)
{
    return fieldSize(entry.key.size()) + fieldSize(anyValueSize(entry.value));
}

void appendKeyValue(std::string &out, const KeyValue &entry);

// The content of an AnyValue message: its one set field.
void appendAnyValue(std::string &out, const AnyValue &value)
{
    switch (value.type()) {
    case AnyValue::Type::Empty:
        return;
    case AnyValue::Type::String:
        appendBytesField(out, AnyValueField::string, value.stringValue());
        return;
    case AnyValue::Type::Bool:
        appendTag(out, AnyValueField::boolean, Varint);
        out += value.boolValue() ? '\1' : '\0';
        return;
    case AnyValue::Type::Int:
        appendTag(out, AnyValueField::integer, Varint);
        appendVarint(out, static_cast<std::uint64_t>(value.intValue()));
        return;
    case AnyValue::Type::Double: {
        std::uint64_t bits = 0;
        const double number = value.doubleValue();
        std::memcpy(&bits, &number, sizeof bits);
        appendTag(out, AnyValueField::floating, Fixed64);
        appendLittleEndian(out, bits, 8);
        return;
    }
    case AnyValue::Type::Bytes:
        appendBytesField(out, AnyValueField::bytes, value.bytesValue());
        return;
    case AnyValue::Type::Array: {
        appendTag(out, AnyValueField::array, LengthDelimited);
        appendVarint(out, arrayValuesSize(value.arrayValue()));
        for (const AnyValue &item : value.arrayValue()) {
            appendTag(out, listValuesField, LengthDelimited);
            appendVarint(out, anyValueSize(item));
            appendAnyValue(out, item);
        }
        return;
    }
    case AnyValue::Type::Map: {
        appendTag(out, AnyValueField::map, LengthDelimited);
        appendVarint(out, keyValuesSize(value.mapValue()));
        for (const KeyValue &entry : value.mapValue()) {
            appendTag(out, listValuesField, LengthDelimited);
            appendVarint(out, keyValueSize(entry));
            appendKeyValue(out, entry);
        }
        return;
    }
    }
}

// The content of a KeyValue message. Both fields are always written, so an empty key or an
// unset value reads back as exactly that.
void appendKeyValue(std::string &out, const KeyValue &entry)
{
    appendBytesField(out, keyField, entry.key);
    appendTag(out, valueField, LengthDelimited);
    appendVarint(out, anyValueSize(entry.value));
    appendAnyValue(out, entry.value);
}

void appendKeyValues(std::string &out, int field, const Attributes &attributes)
{
    for (const KeyValue &entry : attributes) {
        appendTag(out, field, LengthDelimited);
        appendVarint(out, keyValueSize(entry));
        appendKeyValue(out, entry);
    }
}

// ---- reading --------------------------------------------------------------------------------

// Skips the value of a field nobody reads. Groups are skipped too: OTLP has none, but protobuf
// keeps unknown ones, so a client's may be stored with the bytes that came in.
bool skipField(CodedInputStream &in, std::uint32_t tag, int groupDepth)
{
    std::uint64_t ignored64 = 0;
    std::uint32_t ignored32 = 0;
    switch (tag & 7) {
    case Varint:
        return in.ReadVarint64(&ignored64);
    case Fixed64:
        return in.ReadLittleEndian64(&ignored64);
    case Fixed32:
        return in.ReadLittleEndian32(&ignored32);
    case LengthDelimited:
        return in.ReadVarint32(&ignored32) && static_cast<int>(ignored32) >= 0
               && in.Skip(static_cast<int>(ignored32));
    case StartGroup:
        while (groupDepth < maxDepth && in.BytesUntilLimit() > 0) {
            const std::uint32_t inner = in.ReadTag();
            if ((inner & 7) == EndGroup)
                return inner >> 3 == tag >> 3;
            if (inner == 0 || !skipField(in, inner, groupDepth + 1))
                return false;
        }
        return false;
    default:
        return false; // an end-group tag outside its group, or wire types 6 and 7
    }
}

// Reads the fields of the message the stream is limited to, calling field(number, wireType)
// for each; it returns 1 when it read the value, 0 to skip it, -1 on an error.
template<typename Field>
bool readFields(CodedInputStream &in, Field field)
{
    while (in.BytesUntilLimit() > 0) {
        const std::uint32_t tag = in.ReadTag();
        if (tag == 0)
            return false;
        const int handled = field(static_cast<int>(tag >> 3), tag & 7);
        if (handled < 0 || (handled == 0 && !skipField(in, tag, 0)))
            return false;
    }
    return true;
}

// Reads a length-delimited submessage with read(in) and checks that it used all of its bytes.
template<typename Read>
bool readMessage(CodedInputStream &in, Read read)
{
    std::uint32_t length = 0;
    if (!in.ReadVarint32(&length) || static_cast<int>(length) < 0
        || static_cast<int>(length) > in.BytesUntilLimit())
        return false;
    const CodedInputStream::Limit limit = in.PushLimit(static_cast<int>(length));
    const bool ok = read(in) && in.BytesUntilLimit() == 0;
    in.PopLimit(limit);
    return ok;
}

bool readString(CodedInputStream &in, std::string *out)
{
    std::uint32_t length = 0;
    return in.ReadVarint32(&length) && static_cast<int>(length) >= 0
           && static_cast<int>(length) <= in.BytesUntilLimit()
           && in.ReadString(out, static_cast<int>(length));
}

bool readKeyValue(CodedInputStream &in, int depth, KeyValue *out);

bool readAnyValue(CodedInputStream &in, int depth, AnyValue *out)
{
    if (depth > maxDepth)
        return false;
    *out = AnyValue();
    return readFields(in, [&](int number, std::uint32_t type) -> int {
        switch (number) {
        case AnyValueField::string:
        case AnyValueField::bytes: {
            if (type != LengthDelimited)
                return 0;
            std::string text;
            if (!readString(in, &text))
                return -1;
            *out = number == AnyValueField::string ? AnyValue::fromString(std::move(text))
                                                   : AnyValue::fromBytes(std::move(text));
            return 1;
        }
        case AnyValueField::boolean:
        case AnyValueField::integer: {
            std::uint64_t raw = 0;
            if (type != Varint)
                return 0;
            if (!in.ReadVarint64(&raw))
                return -1;
            *out = number == AnyValueField::boolean
                       ? AnyValue::fromBool(raw != 0)
                       : AnyValue::fromInt(static_cast<std::int64_t>(raw));
            return 1;
        }
        case AnyValueField::floating: {
            std::uint64_t bits = 0;
            if (type != Fixed64)
                return 0;
            if (!in.ReadLittleEndian64(&bits))
                return -1;
            double number = 0;
            std::memcpy(&number, &bits, sizeof number);
            *out = AnyValue::fromDouble(number);
            return 1;
        }
        case AnyValueField::array:
        case AnyValueField::map: {
            if (type != LengthDelimited)
                return 0;
            const bool isArray = number == AnyValueField::array;
            std::vector<AnyValue> items;
            Attributes entries;
            const bool ok = readMessage(in, [&](CodedInputStream &list) {
                return readFields(list, [&](int item, std::uint32_t itemType) -> int {
                    if (item != listValuesField || itemType != LengthDelimited)
                        return 0;
                    const bool read = readMessage(list, [&](CodedInputStream &element) {
                        if (isArray)
                            return readAnyValue(element, depth + 1, &items.emplace_back());
                        return readKeyValue(element, depth + 1, &entries.emplace_back());
                    });
                    return read ? 1 : -1;
                });
            });
            if (!ok)
                return -1;
            *out = isArray ? AnyValue::fromArray(std::move(items))
                           : AnyValue::fromMap(std::move(entries));
            return 1;
        }
        default:
            return 0;
        }
    });
}

bool readKeyValue(CodedInputStream &in, int depth, KeyValue *out)
{
    return readFields(in, [&](int number, std::uint32_t type) -> int {
        if (type != LengthDelimited)
            return 0;
        if (number == keyField)
            return readString(in, &out->key) ? 1 : -1;
        if (number == valueField) {
            const bool ok = readMessage(in, [&](CodedInputStream &value) {
                return readAnyValue(value, depth + 1, &out->value);
            });
            return ok ? 1 : -1;
        }
        return 0;
    });
}

// Calls readEntry(stream) for each length-delimited `field` of the top-level bytes.
template<typename ReadEntry>
bool readRepeated(std::string_view bytes, int field, ReadEntry readEntry)
{
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
        return false;
    CodedInputStream in(reinterpret_cast<const std::uint8_t *>(bytes.data()),
                        static_cast<int>(bytes.size()));
    in.PushLimit(static_cast<int>(bytes.size()));
    return readFields(in, [&](int number, std::uint32_t type) -> int {
        if (number != field || type != LengthDelimited)
            return 0;
        return readMessage(in, readEntry) ? 1 : -1;
    });
}

bool readAttributesInto(CodedInputStream &in, Attributes *attributes)
{
    return readMessage(in, [&](CodedInputStream &entry) {
        return readKeyValue(entry, 0, &attributes->emplace_back());
    });
}

} // namespace

void OtlpProtoColumns::appendAttributes(std::string &out, int fieldNumber,
                                        const Attributes &attributes)
{
    appendKeyValues(out, fieldNumber, attributes);
}

void OtlpProtoColumns::appendEvents(std::string &out, const std::vector<SpanEvent> &events)
{
    for (const SpanEvent &event : events) {
        const std::size_t size
            = 9 + (event.name.empty() ? 0 : fieldSize(event.name.size()))
              + keyValuesSize(event.attributes)
              + (event.droppedAttributesCount ? 1 + varintSize(event.droppedAttributesCount) : 0);
        appendTag(out, spanEventsField, LengthDelimited);
        appendVarint(out, size);
        appendTag(out, EventField::time, Fixed64);
        appendLittleEndian(out, static_cast<std::uint64_t>(event.timeNs), 8);
        if (!event.name.empty())
            appendBytesField(out, EventField::name, event.name);
        appendKeyValues(out, EventField::attributes, event.attributes);
        if (event.droppedAttributesCount) {
            appendTag(out, EventField::dropped, Varint);
            appendVarint(out, event.droppedAttributesCount);
        }
    }
}

void OtlpProtoColumns::appendLinks(std::string &out, const std::vector<SpanLink> &links)
{
    for (const SpanLink &link : links) {
        const std::size_t size
            = fieldSize(link.traceId.raw().size()) + fieldSize(link.spanId.raw().size())
              + (link.traceState.empty() ? 0 : fieldSize(link.traceState.size()))
              + keyValuesSize(link.attributes)
              + (link.droppedAttributesCount ? 1 + varintSize(link.droppedAttributesCount) : 0)
              + (link.flags ? 5 : 0);
        appendTag(out, spanLinksField, LengthDelimited);
        appendVarint(out, size);
        appendBytesField(out, LinkField::traceId, link.traceId.raw());
        appendBytesField(out, LinkField::spanId, link.spanId.raw());
        if (!link.traceState.empty())
            appendBytesField(out, LinkField::traceState, link.traceState);
        appendKeyValues(out, LinkField::attributes, link.attributes);
        if (link.droppedAttributesCount) {
            appendTag(out, LinkField::dropped, Varint);
            appendVarint(out, link.droppedAttributesCount);
        }
        if (link.flags) {
            appendTag(out, LinkField::flags, Fixed32);
            appendLittleEndian(out, link.flags, 4);
        }
    }
}

bool OtlpProtoColumns::decodeAttributes(std::string_view bytes, int fieldNumber, Attributes *out)
{
    out->clear();
    return readRepeated(bytes, fieldNumber, [&](CodedInputStream &entry) {
        return readKeyValue(entry, 0, &out->emplace_back());
    });
}

bool OtlpProtoColumns::decodeEvents(std::string_view bytes, std::vector<SpanEvent> *out)
{
    out->clear();
    return readRepeated(bytes, spanEventsField, [&](CodedInputStream &in) {
        SpanEvent &event = out->emplace_back();
        return readFields(in, [&](int number, std::uint32_t type) -> int {
            std::uint64_t raw = 0;
            switch (number) {
            case EventField::time:
                if (type != Fixed64)
                    return 0;
                if (!in.ReadLittleEndian64(&raw))
                    return -1;
                event.timeNs = static_cast<std::int64_t>(raw);
                return 1;
            case EventField::name:
                return type != LengthDelimited ? 0 : readString(in, &event.name) ? 1 : -1;
            case EventField::attributes:
                return type != LengthDelimited                     ? 0
                       : readAttributesInto(in, &event.attributes) ? 1
                                                                   : -1;
            case EventField::dropped:
                if (type != Varint)
                    return 0;
                if (!in.ReadVarint64(&raw))
                    return -1;
                event.droppedAttributesCount = static_cast<std::uint32_t>(raw);
                return 1;
            default:
                return 0;
            }
        });
    });
}

bool OtlpProtoColumns::decodeLinks(std::string_view bytes, std::vector<SpanLink> *out)
{
    out->clear();
    return readRepeated(bytes, spanLinksField, [&](CodedInputStream &in) {
        SpanLink &link = out->emplace_back();
        // As in protobuf the last occurrence of an id counts, and an empty one is absent.
        std::string traceIdRaw;
        std::string spanIdRaw;
        const bool read = readFields(in, [&](int number, std::uint32_t type) -> int {
            std::uint64_t raw = 0;
            std::uint32_t raw32 = 0;
            switch (number) {
            case LinkField::traceId:
            case LinkField::spanId:
                if (type != LengthDelimited)
                    return 0;
                return readString(in, number == LinkField::traceId ? &traceIdRaw : &spanIdRaw) ? 1
                                                                                               : -1;
            case LinkField::traceState:
                return type != LengthDelimited ? 0 : readString(in, &link.traceState) ? 1 : -1;
            case LinkField::attributes:
                return type != LengthDelimited                    ? 0
                       : readAttributesInto(in, &link.attributes) ? 1
                                                                  : -1;
            case LinkField::dropped:
                if (type != Varint)
                    return 0;
                if (!in.ReadVarint64(&raw))
                    return -1;
                link.droppedAttributesCount = static_cast<std::uint32_t>(raw);
                return 1;
            case LinkField::flags:
                if (type != Fixed32)
                    return 0;
                if (!in.ReadLittleEndian32(&raw32))
                    return -1;
                link.flags = raw32;
                return 1;
            default:
                return 0;
            }
        });
        if (!read)
            return false;
        const auto traceId = traceIdRaw.empty() ? TraceId{} : TraceId::fromRaw(traceIdRaw);
        const auto spanId = spanIdRaw.empty() ? SpanId{} : SpanId::fromRaw(spanIdRaw);
        if (!traceId || !spanId)
            return false;
        link.traceId = *traceId;
        link.spanId = *spanId;
        return true;
    });
}

bool OtlpProtoColumns::attributesMatch(std::string_view bytes, int fieldNumber,
                                       std::string_view key, std::string_view value)
{
    // Cheap rejection before decoding: keys are stored verbatim, so the key's bytes must occur.
    if (bytes.empty() || bytes.find(key) == std::string_view::npos)
        return false;
    Attributes attributes;
    if (!decodeAttributes(bytes, fieldNumber, &attributes))
        return false;
    for (const KeyValue &entry : attributes) {
        if (entry.key == key && entry.value.toDisplayString() == value)
            return true;
    }
    return false;
}

} // namespace kansoku
