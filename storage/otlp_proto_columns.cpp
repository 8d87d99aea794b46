#include "otlp_proto_columns.h"

#include "formats/protobuf_wire_reader.h"

#include <cstdint>
#include <cstring>

namespace kansoku {

namespace {

using FieldResult = ProtobufWireReader::FieldResult;
using Tag = ProtobufWireReader::Tag;
using WireType = ProtobufWireType;

// The OTLP field numbers used here (opentelemetry/proto/common/v1/common.proto,
// trace/v1/trace.proto). Every field number is below 16, so every tag is one byte.
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
    out += static_cast<char>((static_cast<std::uint32_t>(field) << 3)
                             | static_cast<std::uint32_t>(type));
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
    appendTag(out, field, WireType::LengthDelimited);
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
        appendTag(out, AnyValueField::boolean, WireType::Varint);
        out += value.boolValue() ? '\1' : '\0';
        return;
    case AnyValue::Type::Int:
        appendTag(out, AnyValueField::integer, WireType::Varint);
        appendVarint(out, static_cast<std::uint64_t>(value.intValue()));
        return;
    case AnyValue::Type::Double: {
        std::uint64_t bits = 0;
        const double number = value.doubleValue();
        std::memcpy(&bits, &number, sizeof bits);
        appendTag(out, AnyValueField::floating, WireType::Fixed64);
        appendLittleEndian(out, bits, 8);
        return;
    }
    case AnyValue::Type::Bytes:
        appendBytesField(out, AnyValueField::bytes, value.bytesValue());
        return;
    case AnyValue::Type::Array: {
        appendTag(out, AnyValueField::array, WireType::LengthDelimited);
        appendVarint(out, arrayValuesSize(value.arrayValue()));
        for (const AnyValue &item : value.arrayValue()) {
            appendTag(out, listValuesField, WireType::LengthDelimited);
            appendVarint(out, anyValueSize(item));
            appendAnyValue(out, item);
        }
        return;
    }
    case AnyValue::Type::Map: {
        appendTag(out, AnyValueField::map, WireType::LengthDelimited);
        appendVarint(out, keyValuesSize(value.mapValue()));
        for (const KeyValue &entry : value.mapValue()) {
            appendTag(out, listValuesField, WireType::LengthDelimited);
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
    appendTag(out, valueField, WireType::LengthDelimited);
    appendVarint(out, anyValueSize(entry.value));
    appendAnyValue(out, entry.value);
}

void appendKeyValues(std::string &out, int field, const Attributes &attributes)
{
    for (const KeyValue &entry : attributes) {
        appendTag(out, field, WireType::LengthDelimited);
        appendVarint(out, keyValueSize(entry));
        appendKeyValue(out, entry);
    }
}

// ---- reading --------------------------------------------------------------------------------
// A column is read as the message it is part of, a Span or a LogRecord, at depth 0: its entries
// are at depth 1, and nesting is limited where protobuf's generated parser limits it.

bool readString(ProtobufWireReader &wire, std::string *out)
{
    std::string_view bytes;
    if (!wire.readLengthDelimited(&bytes))
        return false;
    out->assign(bytes);
    return true;
}

bool readKeyValue(ProtobufWireReader &wire, int depth, KeyValue *out);

bool readAnyValue(ProtobufWireReader &wire, int depth, AnyValue *out)
{
    *out = AnyValue();
    return wire.readFields(depth, [&](Tag tag) {
        switch (tag.fieldNumber) {
        case AnyValueField::string:
        case AnyValueField::bytes: {
            if (tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            std::string text;
            if (!readString(wire, &text))
                return FieldResult::Malformed;
            *out = tag.fieldNumber == AnyValueField::string ? AnyValue::fromString(std::move(text))
                                                            : AnyValue::fromBytes(std::move(text));
            return FieldResult::Read;
        }
        case AnyValueField::boolean:
        case AnyValueField::integer: {
            std::uint64_t raw = 0;
            if (tag.wireType != WireType::Varint)
                return FieldResult::Unknown;
            if (!wire.readVarint(&raw))
                return FieldResult::Malformed;
            *out = tag.fieldNumber == AnyValueField::boolean
                       ? AnyValue::fromBool(raw != 0)
                       : AnyValue::fromInt(static_cast<std::int64_t>(raw));
            return FieldResult::Read;
        }
        case AnyValueField::floating: {
            std::uint64_t bits = 0;
            if (tag.wireType != WireType::Fixed64)
                return FieldResult::Unknown;
            if (!wire.readFixed64(&bits))
                return FieldResult::Malformed;
            double number = 0;
            std::memcpy(&number, &bits, sizeof number);
            *out = AnyValue::fromDouble(number);
            return FieldResult::Read;
        }
        case AnyValueField::array:
        case AnyValueField::map: {
            if (tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            const bool isArray = tag.fieldNumber == AnyValueField::array;
            std::vector<AnyValue> items;
            Attributes entries;
            const bool ok = wire.readMessage(depth + 1, [&](int listDepth) {
                return wire.readFields(listDepth, [&](Tag item) {
                    if (item.fieldNumber != listValuesField
                        || item.wireType != WireType::LengthDelimited)
                        return FieldResult::Unknown;
                    return ProtobufWireReader::readOrMalformed(
                        wire.readMessage(listDepth + 1, [&](int elementDepth) {
                            if (isArray)
                                return readAnyValue(wire, elementDepth, &items.emplace_back());
                            return readKeyValue(wire, elementDepth, &entries.emplace_back());
                        }));
                });
            });
            if (!ok)
                return FieldResult::Malformed;
            *out = isArray ? AnyValue::fromArray(std::move(items))
                           : AnyValue::fromMap(std::move(entries));
            return FieldResult::Read;
        }
        default:
            return FieldResult::Unknown;
        }
    });
}

bool readKeyValue(ProtobufWireReader &wire, int depth, KeyValue *out)
{
    return wire.readFields(depth, [&](Tag tag) {
        if (tag.wireType != WireType::LengthDelimited)
            return FieldResult::Unknown;
        if (tag.fieldNumber == keyField)
            return ProtobufWireReader::readOrMalformed(readString(wire, &out->key));
        if (tag.fieldNumber == valueField)
            return ProtobufWireReader::readOrMalformed(wire.readMessage(
                depth + 1, [&](int inner) { return readAnyValue(wire, inner, &out->value); }));
        return FieldResult::Unknown;
    });
}

// A KeyValue at depth as views into the buffer: its key and its value's AnyValue bytes (empty
// when unset), the value left undecoded. As protobuf reads them, the last key and value count.
bool readKeyValueBytes(ProtobufWireReader &wire, int depth, std::string_view *key,
                       std::string_view *value)
{
    return wire.readFields(depth, [&](Tag tag) {
        if (tag.wireType != WireType::LengthDelimited)
            return FieldResult::Unknown;
        if (tag.fieldNumber == keyField)
            return ProtobufWireReader::readOrMalformed(wire.readLengthDelimited(key));
        if (tag.fieldNumber == valueField)
            return ProtobufWireReader::readOrMalformed(wire.readLengthDelimited(value));
        return FieldResult::Unknown;
    });
}

// Decodes the AnyValue bytes readKeyValueBytes found for a KeyValue at keyValueDepth.
bool readAnyValueBytes(std::string_view bytes, int keyValueDepth, AnyValue *out)
{
    if (keyValueDepth + 1 > ProtobufWireReader::maxDepth)
        return false;
    ProtobufWireReader wire(bytes);
    return readAnyValue(wire, keyValueDepth + 1, out);
}

// Calls readEntry(wire, depth) for each length-delimited `field` of the column's bytes.
template<typename ReadEntry>
bool readRepeated(std::string_view bytes, int field, ReadEntry readEntry)
{
    ProtobufWireReader wire(bytes);
    return wire.readFields(0, [&](Tag tag) {
        if (tag.fieldNumber != field || tag.wireType != WireType::LengthDelimited)
            return FieldResult::Unknown;
        return ProtobufWireReader::readOrMalformed(
            wire.readMessage(1, [&](int depth) { return readEntry(wire, depth); }));
    });
}

// One attributes entry of an event or a link, a KeyValue at depth.
bool readAttributeInto(ProtobufWireReader &wire, int depth, Attributes *attributes)
{
    return wire.readMessage(
        depth, [&](int inner) { return readKeyValue(wire, inner, &attributes->emplace_back()); });
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
        appendTag(out, spanEventsField, WireType::LengthDelimited);
        appendVarint(out, size);
        appendTag(out, EventField::time, WireType::Fixed64);
        appendLittleEndian(out, static_cast<std::uint64_t>(event.timeNs), 8);
        if (!event.name.empty())
            appendBytesField(out, EventField::name, event.name);
        appendKeyValues(out, EventField::attributes, event.attributes);
        if (event.droppedAttributesCount) {
            appendTag(out, EventField::dropped, WireType::Varint);
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
        appendTag(out, spanLinksField, WireType::LengthDelimited);
        appendVarint(out, size);
        appendBytesField(out, LinkField::traceId, link.traceId.raw());
        appendBytesField(out, LinkField::spanId, link.spanId.raw());
        if (!link.traceState.empty())
            appendBytesField(out, LinkField::traceState, link.traceState);
        appendKeyValues(out, LinkField::attributes, link.attributes);
        if (link.droppedAttributesCount) {
            appendTag(out, LinkField::dropped, WireType::Varint);
            appendVarint(out, link.droppedAttributesCount);
        }
        if (link.flags) {
            appendTag(out, LinkField::flags, WireType::Fixed32);
            appendLittleEndian(out, link.flags, 4);
        }
    }
}

bool OtlpProtoColumns::decodeAttributes(std::string_view bytes, int fieldNumber, Attributes *out)
{
    out->clear();
    return readRepeated(bytes, fieldNumber, [&](ProtobufWireReader &wire, int depth) {
        return readKeyValue(wire, depth, &out->emplace_back());
    });
}

bool OtlpProtoColumns::decodeEvents(std::string_view bytes, std::vector<SpanEvent> *out)
{
    out->clear();
    return readRepeated(bytes, spanEventsField, [&](ProtobufWireReader &wire, int depth) {
        SpanEvent &event = out->emplace_back();
        return wire.readFields(depth, [&](Tag tag) {
            std::uint64_t raw = 0;
            switch (tag.fieldNumber) {
            case EventField::time:
                if (tag.wireType != WireType::Fixed64)
                    return FieldResult::Unknown;
                if (!wire.readFixed64(&raw))
                    return FieldResult::Malformed;
                event.timeNs = static_cast<std::int64_t>(raw);
                return FieldResult::Read;
            case EventField::name:
                if (tag.wireType != WireType::LengthDelimited)
                    return FieldResult::Unknown;
                return ProtobufWireReader::readOrMalformed(readString(wire, &event.name));
            case EventField::attributes:
                if (tag.wireType != WireType::LengthDelimited)
                    return FieldResult::Unknown;
                return ProtobufWireReader::readOrMalformed(
                    readAttributeInto(wire, depth + 1, &event.attributes));
            case EventField::dropped:
                if (tag.wireType != WireType::Varint)
                    return FieldResult::Unknown;
                if (!wire.readVarint(&raw))
                    return FieldResult::Malformed;
                event.droppedAttributesCount = static_cast<std::uint32_t>(raw);
                return FieldResult::Read;
            default:
                return FieldResult::Unknown;
            }
        });
    });
}

bool OtlpProtoColumns::decodeLinks(std::string_view bytes, std::vector<SpanLink> *out)
{
    out->clear();
    return readRepeated(bytes, spanLinksField, [&](ProtobufWireReader &wire, int depth) {
        SpanLink &link = out->emplace_back();
        // As in protobuf the last occurrence of an id counts, and an empty one is absent.
        std::string traceIdRaw;
        std::string spanIdRaw;
        const bool read = wire.readFields(depth, [&](Tag tag) {
            std::uint64_t raw = 0;
            std::uint32_t raw32 = 0;
            switch (tag.fieldNumber) {
            case LinkField::traceId:
            case LinkField::spanId:
                if (tag.wireType != WireType::LengthDelimited)
                    return FieldResult::Unknown;
                return ProtobufWireReader::readOrMalformed(readString(
                    wire, tag.fieldNumber == LinkField::traceId ? &traceIdRaw : &spanIdRaw));
            case LinkField::traceState:
                if (tag.wireType != WireType::LengthDelimited)
                    return FieldResult::Unknown;
                return ProtobufWireReader::readOrMalformed(readString(wire, &link.traceState));
            case LinkField::attributes:
                if (tag.wireType != WireType::LengthDelimited)
                    return FieldResult::Unknown;
                return ProtobufWireReader::readOrMalformed(
                    readAttributeInto(wire, depth + 1, &link.attributes));
            case LinkField::dropped:
                if (tag.wireType != WireType::Varint)
                    return FieldResult::Unknown;
                if (!wire.readVarint(&raw))
                    return FieldResult::Malformed;
                link.droppedAttributesCount = static_cast<std::uint32_t>(raw);
                return FieldResult::Read;
            case LinkField::flags:
                if (tag.wireType != WireType::Fixed32)
                    return FieldResult::Unknown;
                if (!wire.readFixed32(&raw32))
                    return FieldResult::Malformed;
                link.flags = raw32;
                return FieldResult::Read;
            default:
                return FieldResult::Unknown;
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

bool OtlpProtoColumns::decodeAttributesWhere(std::string_view bytes, int fieldNumber,
                                             KeyFilter keep, Attributes *out)
{
    out->clear();
    return readRepeated(bytes, fieldNumber, [&](ProtobufWireReader &wire, int depth) {
        std::string_view key;
        std::string_view value;
        if (!readKeyValueBytes(wire, depth, &key, &value))
            return false;
        if (!keep(key))
            return true;
        KeyValue &entry = out->emplace_back();
        if (!readAnyValueBytes(value, depth, &entry.value)) {
            out->pop_back(); // only whole entries
            return false;
        }
        entry.key.assign(key);
        return true;
    });
}

AnyValue OtlpProtoColumns::firstEventAttribute(std::string_view bytes, std::string_view eventName,
                                               std::string_view key)
{
    AnyValue found;
    // Each event is walked twice: for its name (which may follow its attributes), then, for the
    // one event named eventName, for the attribute.
    readRepeated(bytes, spanEventsField, [&](ProtobufWireReader &wire, int depth) {
        const std::size_t eventStart = wire.position();
        std::string_view name;
        const bool read = wire.readFields(depth, [&](Tag tag) {
            if (tag.fieldNumber != EventField::name || tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            return ProtobufWireReader::readOrMalformed(wire.readLengthDelimited(&name));
        });
        if (!read || name != eventName)
            return read;
        ProtobufWireReader event(wire.slice(eventStart, wire.position()));
        bool attributeFound = false;
        event.readFields(depth, [&](Tag tag) {
            if (attributeFound || tag.fieldNumber != EventField::attributes
                || tag.wireType != WireType::LengthDelimited)
                return FieldResult::Unknown;
            std::string_view entryKey;
            std::string_view value;
            const bool entryRead = event.readMessage(depth + 1, [&](int entryDepth) {
                return readKeyValueBytes(event, entryDepth, &entryKey, &value)
                       && (entryKey != key || readAnyValueBytes(value, entryDepth, &found));
            });
            attributeFound = entryRead && entryKey == key;
            return ProtobufWireReader::readOrMalformed(entryRead);
        });
        if (!attributeFound)
            found = AnyValue();
        return false; // stop at the first event named eventName
    });
    return found;
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
