#include "formats/otlp_json_field_writer.h"

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
                       std::string_view text, OtlpJsonFieldWriter::InvalidUtf8 mode)
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
    } else if (mode == OtlpJsonFieldWriter::InvalidUtf8::Replace) {
        out += '"';
        out += name;
        out += "\":";
        appendEscaped(
            out, QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).toStdString());
    } else {
        out += '"';
        out += base64Name;
        out += "\":\"";
        out += OtlpJsonFieldWriter::toBase64(text);
        out += '"';
    }
}

} // namespace

void OtlpJsonFieldWriter::appendDouble(std::string &out, double value)
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

void OtlpJsonFieldWriter::appendInt64String(std::string &out, std::int64_t value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out += '"';
    out.append(buffer, result.ptr);
    out += '"';
}

void OtlpJsonFieldWriter::appendUnsigned(std::string &out, std::uint64_t value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void OtlpJsonFieldWriter::appendUInt64String(std::string &out, std::uint64_t value)
{
    out += '"';
    appendUnsigned(out, value);
    out += '"';
}

void OtlpJsonFieldWriter::appendText(std::string &out, std::string_view text)
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

} // namespace

void OtlpJsonFieldWriter::appendAnyValue(std::string &out, const AnyValue &value, InvalidUtf8 mode)
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

void OtlpJsonFieldWriter::appendAttributes(std::string &out, const Attributes &attributes,
                                           InvalidUtf8 mode)
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

void OtlpJsonFieldWriter::appendEvents(std::string &out, const std::vector<SpanEvent> &events,
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

void OtlpJsonFieldWriter::appendLinks(std::string &out, const std::vector<SpanLink> &links,
                                      InvalidUtf8 mode)
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

void OtlpJsonFieldWriter::appendExemplars(std::string &out, const std::vector<Exemplar> &exemplars,
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

void OtlpJsonFieldWriter::appendHexId(std::string &out, const TraceId &id)
{
    out += '"';
    out += toHex(id);
    out += '"';
}

void OtlpJsonFieldWriter::appendHexId(std::string &out, const SpanId &id)
{
    out += '"';
    out += toHex(id);
    out += '"';
}

std::string OtlpJsonFieldWriter::encodeAttributes(const Attributes &attributes)
{
    std::string out;
    if (!attributes.empty())
        appendAttributes(out, attributes);
    return out;
}

std::string OtlpJsonFieldWriter::encodeAnyValue(const AnyValue &value)
{
    std::string out;
    appendAnyValue(out, value);
    return out;
}

std::string OtlpJsonFieldWriter::encodeEvents(const std::vector<SpanEvent> &events)
{
    std::string out;
    if (!events.empty())
        appendEvents(out, events);
    return out;
}

std::string OtlpJsonFieldWriter::encodeLinks(const std::vector<SpanLink> &links)
{
    std::string out;
    if (!links.empty())
        appendLinks(out, links);
    return out;
}

std::string OtlpJsonFieldWriter::encodeExemplars(const std::vector<Exemplar> &exemplars)
{
    std::string out;
    if (!exemplars.empty())
        appendExemplars(out, exemplars);
    return out;
}

std::string OtlpJsonFieldWriter::toBase64(std::string_view raw)
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

} // namespace kansoku
