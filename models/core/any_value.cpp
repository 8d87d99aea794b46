#include "core/any_value.h"

#include "core/telemetry_ids.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace kansoku {

AnyValue AnyValue::fromString(std::string value)
{
    AnyValue v;
    v.m_value = std::move(value);
    return v;
}

AnyValue AnyValue::fromBool(bool value)
{
    AnyValue v;
    v.m_value = value;
    return v;
}

AnyValue AnyValue::fromInt(std::int64_t value)
{
    AnyValue v;
    v.m_value = value;
    return v;
}

AnyValue AnyValue::fromDouble(double value)
{
    AnyValue v;
    v.m_value = value;
    return v;
}

AnyValue AnyValue::fromBytes(std::string bytes)
{
    AnyValue v;
    v.m_value = ByteString{std::move(bytes)};
    return v;
}

AnyValue AnyValue::fromArray(std::vector<AnyValue> values)
{
    AnyValue v;
    v.m_value = std::move(values);
    return v;
}

AnyValue AnyValue::fromMap(std::vector<KeyValue> entries)
{
    AnyValue v;
    v.m_value = std::move(entries);
    return v;
}

bool AnyValue::operator==(const AnyValue &other) const
{
    if (type() == Type::Double && other.type() == Type::Double && std::isnan(doubleValue())
        && std::isnan(other.doubleValue()))
        return true;
    return m_value == other.m_value;
}

static std::string formatDouble(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    // Prefer the shortest representation that round-trips.
    for (int precision = 1; precision <= 17; ++precision) {
        char shorter[32];
        std::snprintf(shorter, sizeof shorter, "%.*g", precision, value);
        if (std::strtod(shorter, nullptr) == value)
            return shorter;
    }
    return buffer;
}

std::string AnyValue::toDisplayString() const
{
    switch (type()) {
    case Type::Empty:
        return {};
    case Type::String:
        return stringValue();
    case Type::Bool:
        return boolValue() ? "true" : "false";
    case Type::Int:
        return std::to_string(intValue());
    case Type::Double:
        return formatDouble(doubleValue());
    case Type::Bytes:
        return toHex(bytesValue());
    case Type::Array: {
        std::string text = "[";
        for (const AnyValue &item : arrayValue()) {
            if (text.size() > 1)
                text += ", ";
            text += item.toDisplayString();
        }
        return text + "]";
    }
    case Type::Map: {
        std::string text = "{";
        for (const KeyValue &entry : mapValue()) {
            if (text.size() > 1)
                text += ", ";
            text += entry.key + ": " + entry.value.toDisplayString();
        }
        return text + "}";
    }
    }
    return {};
}

const AnyValue *findAttribute(const Attributes &attributes, std::string_view key)
{
    for (const KeyValue &entry : attributes) {
        if (entry.key == key)
            return &entry.value;
    }
    return nullptr;
}

const char *AnyValue::typeName(Type type)
{
    switch (type) {
    case Type::Empty:
        return "empty";
    case Type::String:
        return "string";
    case Type::Bool:
        return "bool";
    case Type::Int:
        return "int";
    case Type::Double:
        return "double";
    case Type::Bytes:
        return "bytes";
    case Type::Array:
        return "array";
    case Type::Map:
        return "map";
    }
    return "";
}

} // namespace kansoku
