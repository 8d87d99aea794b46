// AnyValue and KeyValue: the OTLP attribute value model (string, bool, int, double, bytes, array,
// map). Plain immutable-by-convention values; safe to copy across threads.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace kansoku {

struct KeyValue;

// Raw bytes, kept apart from std::string so a bytes value never turns into text.
struct ByteString
{
    std::string data;
    bool operator==(const ByteString &) const = default;
};

class AnyValue
{
public:
    enum class Type { Empty, String, Bool, Int, Double, Bytes, Array, Map };

    AnyValue() = default;
    static AnyValue fromString(std::string value);
    static AnyValue fromBool(bool value);
    static AnyValue fromInt(std::int64_t value);
    static AnyValue fromDouble(double value);
    static AnyValue fromBytes(std::string bytes);
    static AnyValue fromArray(std::vector<AnyValue> values);
    static AnyValue fromMap(std::vector<KeyValue> entries);

    Type type() const { return static_cast<Type>(m_value.index()); }
    // The OTLP name of a type as users see it: "string", "int", "map", ...
    static const char *typeName(Type type);
    bool isEmpty() const { return type() == Type::Empty; }

    // Each accessor requires the matching type().
    const std::string &stringValue() const { return std::get<std::string>(m_value); }
    bool boolValue() const { return std::get<bool>(m_value); }
    std::int64_t intValue() const { return std::get<std::int64_t>(m_value); }
    double doubleValue() const { return std::get<double>(m_value); }
    const std::string &bytesValue() const { return std::get<ByteString>(m_value).data; }
    const std::vector<AnyValue> &arrayValue() const
    {
        return std::get<std::vector<AnyValue>>(m_value);
    }
    const std::vector<KeyValue> &mapValue() const
    {
        return std::get<std::vector<KeyValue>>(m_value);
    }

    // A short human-readable rendering (strings unquoted, bytes as hex, arrays/maps as JSON-ish).
    std::string toDisplayString() const;

    bool operator==(const AnyValue &other) const;

private:
    // Alternative order must match Type.
    std::variant<std::monostate, std::string, bool, std::int64_t, double, ByteString,
                 std::vector<AnyValue>, std::vector<KeyValue>>
        m_value;
};

struct KeyValue
{
    std::string key;
    AnyValue value;
    bool operator==(const KeyValue &) const = default;
};

using Attributes = std::vector<KeyValue>;

// The first value stored under key, or nullptr.
const AnyValue *findAttribute(const Attributes &attributes, std::string_view key);

} // namespace kansoku
