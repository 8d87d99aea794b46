#include "formats/otlp_json.h"

#include <QString>
#include <charconv>
#include <cmath>
#include <cstring>
#include <simdjson.h>

namespace kansoku {

namespace {

void appendEscaped(std::string &out, std::string_view text)
{
    static constexpr char hexDigits[] = "0123456789abcdef";
    out += '"';
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(text.data() + runStart, i - runStart);
        runStart = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += "\\u00";
            out += hexDigits[c >> 4];
            out += hexDigits[c & 0x0f];
        }
    }
    out.append(text.data() + runStart, text.size() - runStart);
    out += '"';
}

// Word-at-a-time tests (exact for "any byte of the word"): a byte below n (n <= 128), a byte
// equal to c.
constexpr std::uint64_t everyByte(unsigned char c)
{
    return 0x0101010101010101ull * c;
}

bool hasByteBelow(std::uint64_t word, unsigned char n)
{
    return ((word - everyByte(n)) & ~word & everyByte(0x80)) != 0;
}

bool hasByte(std::uint64_t word, unsigned char c)
{
    const std::uint64_t x = word ^ everyByte(c);
    return ((x - everyByte(1)) & ~x & everyByte(0x80)) != 0;
}

// True when text is printable ASCII without '"' or '\\': valid UTF-8 that needs no escaping,
// which is nearly every attribute key and value. Eight bytes per step and no call into the UTF-8
// validator: this check was the writer's largest own cost.
bool isPlainAscii(std::string_view text)
{
    const char *data = text.data();
    std::size_t size = text.size();
    for (; size >= 8; data += 8, size -= 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, data, sizeof word);
        if ((word & everyByte(0x80)) != 0 || hasByteBelow(word, 0x20) || hasByte(word, '"')
            || hasByte(word, '\\'))
            return false;
    }
    bool plain = true;
    for (; size > 0; ++data, --size) {
        const auto byte = static_cast<unsigned char>(*data);
        plain &= byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
    }
    return plain;
}

// "name":"text", or when text is not valid UTF-8: "base64Name":"..." (Base64Field) or the text
// with U+FFFD for each bad sequence (Replace).
void appendStringField(std::string &out, std::string_view name, std::string_view base64Name,
                       std::string_view text, OtlpJson::InvalidUtf8 mode)
{
    if (isPlainAscii(text)) {
        out += '"';
        out += name;
        out += "\":\"";
        out += text;
        out += '"';
    } else if (simdjson::validate_utf8(text.data(), text.size())) {
        out += '"';
        out += name;
        out += "\":";
        appendEscaped(out, text);
    } else if (mode == OtlpJson::InvalidUtf8::Replace) {
        out += '"';
        out += name;
        out += "\":";
        appendEscaped(
            out, QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).toStdString());
    } else {
        out += '"';
        out += base64Name;
        out += "\":\"";
        out += OtlpJson::toBase64(text);
        out += '"';
    }
}

} // namespace

void OtlpJson::appendDouble(std::string &out, double value)
{
    if (std::isnan(value)) {
        out += "\"NaN\"";
        return;
    }
    if (std::isinf(value)) {
        out += value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        return;
    }
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    const std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
    out += text;
    if (text.find_first_of(".e") == std::string_view::npos)
        out += ".0";
}

void OtlpJson::appendInt64String(std::string &out, std::int64_t value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out += '"';
    out.append(buffer, result.ptr);
    out += '"';
}

void OtlpJson::appendUnsigned(std::string &out, std::uint64_t value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void OtlpJson::appendUInt64String(std::string &out, std::uint64_t value)
{
    out += '"';
    appendUnsigned(out, value);
    out += '"';
}

void OtlpJson::appendText(std::string &out, std::string_view text)
{
    if (simdjson::validate_utf8(text.data(), text.size()))
        appendEscaped(out, text);
    else
        appendEscaped(
            out, QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).toStdString());
}

namespace {

template<std::size_t Size>
void appendIdField(std::string &out, const char *name, const FixedId<Size> &id)
{
    out += '"';
    out += name;
    out += "\":\"";
    out += toHex(id);
    out += '"';
}

simdjson::dom::parser &threadParser()
{
    thread_local simdjson::dom::parser parser;
    return parser;
}

bool parseDocument(std::string_view json, simdjson::dom::element *root)
{
    // The parser copies into its padded buffer when the input lacks SIMDJSON_PADDING bytes.
    return !threadParser().parse(json.data(), json.size(), true).get(*root);
}

bool readString(simdjson::dom::object object, const char *name, const char *base64Name,
                std::string *text)
{
    std::string_view view;
    if (!object[name].get(view)) {
        text->assign(view);
        return true;
    }
    if (!object[base64Name].get(view))
        return OtlpJson::fromBase64(view, text);
    return false;
}

bool readInt64(simdjson::dom::element element, std::int64_t *value)
{
    std::string_view text;
    if (!element.get(text)) {
        const auto result = std::from_chars(text.data(), text.data() + text.size(), *value);
        return result.ec == std::errc() && result.ptr == text.data() + text.size();
    }
    return !element.get(*value);
}

bool readDouble(simdjson::dom::element element, double *value)
{
    std::string_view text;
    if (!element.get(text)) {
        if (text == "NaN")
            *value = std::numeric_limits<double>::quiet_NaN();
        else if (text == "Infinity")
            *value = std::numeric_limits<double>::infinity();
        else if (text == "-Infinity")
            *value = -std::numeric_limits<double>::infinity();
        else
            return false;
        return true;
    }
    return !element.get(*value);
}

std::uint32_t readUInt32(simdjson::dom::object object, const char *name)
{
    std::uint64_t value = 0;
    if (object[name].get(value))
        return 0;
    return static_cast<std::uint32_t>(value);
}

template<std::size_t Size>
bool readId(simdjson::dom::object object, const char *name, FixedId<Size> *id)
{
    std::string_view hex;
    if (object[name].get(hex)) {
        *id = FixedId<Size>{};
        return true;
    }
    const auto parsed = idFromHex<Size>(hex);
    if (!parsed)
        return false;
    *id = *parsed;
    return true;
}

bool readAttributes(simdjson::dom::element element, Attributes *attributes);

bool readAnyValue(simdjson::dom::element element, AnyValue *value)
{
    simdjson::dom::object object;
    if (element.get(object))
        return false;
    for (const auto field : object) {
        const std::string_view key = field.key;
        if (key == "stringValue" || key == "stringValueBase64") {
            std::string text;
            if (!readString(object, "stringValue", "stringValueBase64", &text))
                return false;
            *value = AnyValue::fromString(std::move(text));
        } else if (key == "boolValue") {
            bool flag = false;
            if (field.value.get(flag))
                return false;
            *value = AnyValue::fromBool(flag);
        } else if (key == "intValue") {
            std::int64_t number = 0;
            if (!readInt64(field.value, &number))
                return false;
            *value = AnyValue::fromInt(number);
        } else if (key == "doubleValue") {
            double number = 0;
            if (!readDouble(field.value, &number))
                return false;
            *value = AnyValue::fromDouble(number);
        } else if (key == "bytesValue") {
            std::string_view text;
            std::string raw;
            if (field.value.get(text) || !OtlpJson::fromBase64(text, &raw))
                return false;
            *value = AnyValue::fromBytes(std::move(raw));
        } else if (key == "arrayValue") {
            simdjson::dom::array items;
            std::vector<AnyValue> values;
            if (!field.value["values"].get(items)) {
                values.reserve(items.size());
                for (const auto item : items) {
                    AnyValue itemValue;
                    if (!readAnyValue(item, &itemValue))
                        return false;
                    values.push_back(std::move(itemValue));
                }
            }
            *value = AnyValue::fromArray(std::move(values));
        } else if (key == "kvlistValue") {
            Attributes entries;
            simdjson::dom::element list;
            if (!field.value["values"].get(list) && !readAttributes(list, &entries))
                return false;
            *value = AnyValue::fromMap(std::move(entries));
        } else {
            continue;
        }
        return true;
    }
    *value = AnyValue();
    return true;
}

bool readAttributes(simdjson::dom::element element, Attributes *attributes)
{
    simdjson::dom::array entries;
    if (element.get(entries))
        return false;
    attributes->clear();
    attributes->reserve(entries.size());
    for (const auto entry : entries) {
        simdjson::dom::object object;
        if (entry.get(object))
            return false;
        KeyValue keyValue;
        if (!readString(object, "key", "keyBase64", &keyValue.key))
            return false;
        simdjson::dom::element value;
        if (!object["value"].get(value) && !readAnyValue(value, &keyValue.value))
            return false;
        attributes->push_back(std::move(keyValue));
    }
    return true;
}

bool readOptionalAttributes(simdjson::dom::object object, const char *name, Attributes *attributes)
{
    simdjson::dom::element element;
    if (object[name].get(element)) {
        attributes->clear();
        return true;
    }
    return readAttributes(element, attributes);
}

// A JSON array of objects, each read by readItem(object, &item); empty text is an empty list.
template<typename Item, typename ReadItem>
bool decodeObjectArray(std::string_view json, std::vector<Item> *items, ReadItem readItem)
{
    items->clear();
    if (json.empty())
        return true;
    simdjson::dom::element root;
    simdjson::dom::array array;
    if (!parseDocument(json, &root) || root.get(array))
        return false;
    for (const auto element : array) {
        simdjson::dom::object object;
        Item item;
        if (element.get(object) || !readItem(object, &item))
            return false;
        items->push_back(std::move(item));
    }
    return true;
}

} // namespace

void OtlpJson::appendAnyValue(std::string &out, const AnyValue &value, InvalidUtf8 mode)
{
    out += '{';
    switch (value.type()) {
    case AnyValue::Type::Empty:
        break;
    case AnyValue::Type::String:
        appendStringField(out, "stringValue", "stringValueBase64", value.stringValue(), mode);
        break;
    case AnyValue::Type::Bool:
        out += value.boolValue() ? "\"boolValue\":true" : "\"boolValue\":false";
        break;
    case AnyValue::Type::Int:
        out += "\"intValue\":";
        appendInt64String(out, value.intValue());
        break;
    case AnyValue::Type::Double:
        out += "\"doubleValue\":";
        appendDouble(out, value.doubleValue());
        break;
    case AnyValue::Type::Bytes:
        out += "\"bytesValue\":\"";
        out += toBase64(value.bytesValue());
        out += '"';
        break;
    case AnyValue::Type::Array: {
        out += "\"arrayValue\":{\"values\":[";
        bool first = true;
        for (const AnyValue &item : value.arrayValue()) {
            if (!first)
                out += ',';
            first = false;
            appendAnyValue(out, item, mode);
        }
        out += "]}";
        break;
    }
    case AnyValue::Type::Map:
        out += "\"kvlistValue\":{\"values\":";
        appendAttributes(out, value.mapValue(), mode);
        out += '}';
        break;
    }
    out += '}';
}

void OtlpJson::appendAttributes(std::string &out, const Attributes &attributes, InvalidUtf8 mode)
{
    out += '[';
    bool first = true;
    for (const KeyValue &entry : attributes) {
        if (!first)
            out += ',';
        first = false;
        out += '{';
        appendStringField(out, "key", "keyBase64", entry.key, mode);
        out += ",\"value\":";
        appendAnyValue(out, entry.value, mode);
        out += '}';
    }
    out += ']';
}

void OtlpJson::appendEvents(std::string &out, const std::vector<SpanEvent> &events,
                            InvalidUtf8 mode)
{
    out += '[';
    bool first = true;
    for (const SpanEvent &event : events) {
        if (!first)
            out += ',';
        first = false;
        out += "{\"timeUnixNano\":";
        appendInt64String(out, event.timeNs);
        out += ',';
        appendStringField(out, "name", "nameBase64", event.name, mode);
        out += ",\"attributes\":";
        appendAttributes(out, event.attributes, mode);
        out += ",\"droppedAttributesCount\":";
        appendUnsigned(out, event.droppedAttributesCount);
        out += '}';
    }
    out += ']';
}

void OtlpJson::appendLinks(std::string &out, const std::vector<SpanLink> &links, InvalidUtf8 mode)
{
    out += '[';
    bool first = true;
    for (const SpanLink &link : links) {
        if (!first)
            out += ',';
        first = false;
        out += '{';
        appendIdField(out, "traceId", link.traceId);
        out += ',';
        appendIdField(out, "spanId", link.spanId);
        out += ',';
        appendStringField(out, "traceState", "traceStateBase64", link.traceState, mode);
        out += ",\"attributes\":";
        appendAttributes(out, link.attributes, mode);
        out += ",\"droppedAttributesCount\":";
        appendUnsigned(out, link.droppedAttributesCount);
        out += ",\"flags\":";
        appendUnsigned(out, link.flags);
        out += '}';
    }
    out += ']';
}

void OtlpJson::appendExemplars(std::string &out, const std::vector<Exemplar> &exemplars,
                               InvalidUtf8 mode)
{
    out += '[';
    bool first = true;
    for (const Exemplar &exemplar : exemplars) {
        if (!first)
            out += ',';
        first = false;
        out += "{\"filteredAttributes\":";
        appendAttributes(out, exemplar.filteredAttributes, mode);
        out += ",\"timeUnixNano\":";
        appendInt64String(out, exemplar.timeNs);
        if (std::holds_alternative<double>(exemplar.value)) {
            out += ",\"asDouble\":";
            appendDouble(out, std::get<double>(exemplar.value));
        } else {
            out += ",\"asInt\":";
            appendInt64String(out, std::get<std::int64_t>(exemplar.value));
        }
        out += ',';
        appendIdField(out, "spanId", exemplar.spanId);
        out += ',';
        appendIdField(out, "traceId", exemplar.traceId);
        out += '}';
    }
    out += ']';
}

void OtlpJson::appendHexId(std::string &out, const TraceId &id)
{
    out += '"';
    out += toHex(id);
    out += '"';
}

void OtlpJson::appendHexId(std::string &out, const SpanId &id)
{
    out += '"';
    out += toHex(id);
    out += '"';
}

std::string OtlpJson::encodeAttributes(const Attributes &attributes)
{
    std::string out;
    if (!attributes.empty())
        appendAttributes(out, attributes);
    return out;
}

std::string OtlpJson::encodeAnyValue(const AnyValue &value)
{
    std::string out;
    appendAnyValue(out, value);
    return out;
}

std::string OtlpJson::encodeEvents(const std::vector<SpanEvent> &events)
{
    std::string out;
    if (!events.empty())
        appendEvents(out, events);
    return out;
}

std::string OtlpJson::encodeLinks(const std::vector<SpanLink> &links)
{
    std::string out;
    if (!links.empty())
        appendLinks(out, links);
    return out;
}

std::string OtlpJson::encodeExemplars(const std::vector<Exemplar> &exemplars)
{
    std::string out;
    if (!exemplars.empty())
        appendExemplars(out, exemplars);
    return out;
}

bool OtlpJson::decodeAttributes(std::string_view json, Attributes *attributes)
{
    attributes->clear();
    if (json.empty())
        return true;
    simdjson::dom::element root;
    return parseDocument(json, &root) && readAttributes(root, attributes);
}

bool OtlpJson::decodeAnyValue(std::string_view json, AnyValue *value)
{
    *value = AnyValue();
    if (json.empty())
        return true;
    simdjson::dom::element root;
    return parseDocument(json, &root) && readAnyValue(root, value);
}

bool OtlpJson::decodeEvents(std::string_view json, std::vector<SpanEvent> *events)
{
    return decodeObjectArray(json, events, [](simdjson::dom::object object, SpanEvent *event) {
        simdjson::dom::element time;
        if (!object["timeUnixNano"].get(time) && !readInt64(time, &event->timeNs))
            return false;
        if (!readString(object, "name", "nameBase64", &event->name)
            || !readOptionalAttributes(object, "attributes", &event->attributes))
            return false;
        event->droppedAttributesCount = readUInt32(object, "droppedAttributesCount");
        return true;
    });
}

bool OtlpJson::decodeLinks(std::string_view json, std::vector<SpanLink> *links)
{
    return decodeObjectArray(json, links, [](simdjson::dom::object object, SpanLink *link) {
        if (!readId(object, "traceId", &link->traceId) || !readId(object, "spanId", &link->spanId)
            || !readString(object, "traceState", "traceStateBase64", &link->traceState)
            || !readOptionalAttributes(object, "attributes", &link->attributes))
            return false;
        link->droppedAttributesCount = readUInt32(object, "droppedAttributesCount");
        link->flags = readUInt32(object, "flags");
        return true;
    });
}

bool OtlpJson::decodeExemplars(std::string_view json, std::vector<Exemplar> *exemplars)
{
    return decodeObjectArray(json, exemplars, [](simdjson::dom::object object, Exemplar *exemplar) {
        if (!readOptionalAttributes(object, "filteredAttributes", &exemplar->filteredAttributes))
            return false;
        simdjson::dom::element element;
        if (!object["timeUnixNano"].get(element) && !readInt64(element, &exemplar->timeNs))
            return false;
        if (!object["asInt"].get(element)) {
            std::int64_t number = 0;
            if (!readInt64(element, &number))
                return false;
            exemplar->value = number;
        } else if (!object["asDouble"].get(element)) {
            double number = 0;
            if (!readDouble(element, &number))
                return false;
            exemplar->value = number;
        }
        return readId(object, "spanId", &exemplar->spanId)
               && readId(object, "traceId", &exemplar->traceId);
    });
}

std::string OtlpJson::toBase64(std::string_view raw)
{
    static constexpr char alphabet[]
        = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((raw.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < raw.size(); i += 3) {
        const std::uint32_t chunk = (static_cast<std::uint8_t>(raw[i]) << 16)
                                    | (static_cast<std::uint8_t>(raw[i + 1]) << 8)
                                    | static_cast<std::uint8_t>(raw[i + 2]);
        out += alphabet[(chunk >> 18) & 63];
        out += alphabet[(chunk >> 12) & 63];
        out += alphabet[(chunk >> 6) & 63];
        out += alphabet[chunk & 63];
    }
    const std::size_t rest = raw.size() - i;
    if (rest > 0) {
        std::uint32_t chunk = static_cast<std::uint8_t>(raw[i]) << 16;
        if (rest == 2)
            chunk |= static_cast<std::uint8_t>(raw[i + 1]) << 8;
        out += alphabet[(chunk >> 18) & 63];
        out += alphabet[(chunk >> 12) & 63];
        out += rest == 2 ? alphabet[(chunk >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

bool OtlpJson::fromBase64(std::string_view text, std::string *raw)
{
    raw->clear();
    raw->reserve(text.size() / 4 * 3);
    std::uint32_t chunk = 0;
    int bits = 0;
    for (const char c : text) {
        int digit;
        if (c >= 'A' && c <= 'Z')
            digit = c - 'A';
        else if (c >= 'a' && c <= 'z')
            digit = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            digit = c - '0' + 52;
        else if (c == '+' || c == '-')
            digit = 62;
        else if (c == '/' || c == '_')
            digit = 63;
        else if (c == '=')
            break;
        else
            return false;
        chunk = (chunk << 6) | static_cast<std::uint32_t>(digit);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            *raw += static_cast<char>((chunk >> bits) & 0xff);
        }
    }
    return true;
}

} // namespace kansoku
