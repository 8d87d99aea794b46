#include "formats/otlp_json_field_reader.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <simdjson.h>

namespace kansoku {

namespace {

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
        return OtlpJsonFieldReader::fromBase64(view, text);
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
            if (field.value.get(text) || !OtlpJsonFieldReader::fromBase64(text, &raw))
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

bool OtlpJsonFieldReader::decodeAttributes(std::string_view json, Attributes *attributes)
{
    attributes->clear();
    if (json.empty())
        return true;
    simdjson::dom::element root;
    return parseDocument(json, &root) && readAttributes(root, attributes);
}

bool OtlpJsonFieldReader::decodeAnyValue(std::string_view json, AnyValue *value)
{
    *value = AnyValue();
    if (json.empty())
        return true;
    simdjson::dom::element root;
    return parseDocument(json, &root) && readAnyValue(root, value);
}

bool OtlpJsonFieldReader::decodeEvents(std::string_view json, std::vector<SpanEvent> *events)
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

bool OtlpJsonFieldReader::decodeLinks(std::string_view json, std::vector<SpanLink> *links)
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

bool OtlpJsonFieldReader::decodeExemplars(std::string_view json, std::vector<Exemplar> *exemplars)
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

bool OtlpJsonFieldReader::fromBase64(std::string_view text, std::string *raw)
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
