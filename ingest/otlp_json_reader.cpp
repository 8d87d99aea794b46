#include "otlp_json_reader.h"

#include "core/telemetry_ids.h"
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/metrics/v1/metrics_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"

#include <array>
#include <charconv>
#include <cmath>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <limits>
#include <memory>
#include <optional>
#include <simdjson.h>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kansoku {

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using simdjson::dom::element;
using simdjson::dom::element_type;

struct MessageInfo;

struct FieldInfo
{
    std::string jsonName;  // lowerCamelCase, as OTLP/JSON writes it
    std::string protoName; // snake_case, also accepted
    const FieldDescriptor *field = nullptr;
    const MessageInfo *message = nullptr; // for message fields
    int hexBytes = 0; // > 0: a trace/span id carried as hex of this many bytes instead of base64
};

struct MessageInfo
{
    std::vector<FieldInfo> fields;

    // OTLP messages have at most ~17 fields: a linear scan beats hashing here.
    const FieldInfo *find(std::string_view key) const
    {
        for (const FieldInfo &info : fields) {
            if (info.jsonName == key || info.protoName == key)
                return &info;
        }
        return nullptr;
    }
};

// The field tables of every message reachable from the request types, built once; read-only
// afterwards, so all threads share it without locking.
class Schema
{
public:
    Schema()
    {
        namespace collector = opentelemetry::proto::collector;
        add(collector::trace::v1::ExportTraceServiceRequest::descriptor());
        add(collector::metrics::v1::ExportMetricsServiceRequest::descriptor());
        add(collector::logs::v1::ExportLogsServiceRequest::descriptor());
    }

    const MessageInfo *find(const Descriptor *descriptor) const
    {
        const auto it = m_infos.find(descriptor);
        return it == m_infos.end() ? nullptr : it->second.get();
    }

private:
    const MessageInfo *add(const Descriptor *descriptor)
    {
        auto [it, inserted] = m_infos.try_emplace(descriptor);
        if (!inserted)
            return it->second.get(); // already built or being built (recursive AnyValue)
        it->second = std::make_unique<MessageInfo>();
        MessageInfo *info = it->second.get();
        const bool isOtlp = descriptor->full_name().rfind("opentelemetry.proto.", 0) == 0;
        for (int i = 0; i < descriptor->field_count(); ++i) {
            const FieldDescriptor *field = descriptor->field(i);
            FieldInfo fieldInfo;
            fieldInfo.jsonName = field->json_name();
            fieldInfo.protoName = field->name();
            fieldInfo.field = field;
            if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE)
                fieldInfo.message = add(field->message_type());
            if (isOtlp && field->type() == FieldDescriptor::TYPE_BYTES) {
                if (field->name() == "trace_id")
                    fieldInfo.hexBytes = 16;
                else if (field->name() == "span_id" || field->name() == "parent_span_id")
                    fieldInfo.hexBytes = 8;
            }
            info->fields.push_back(std::move(fieldInfo));
        }
        return info;
    }

    std::unordered_map<const Descriptor *, std::unique_ptr<MessageInfo>> m_infos;
};

const Schema &schema()
{
    static const Schema instance;
    return instance;
}

const char *typeName(element_type type)
{
    switch (type) {
    case element_type::ARRAY:
        return "an array";
    case element_type::OBJECT:
        return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
        return "a number";
    case element_type::STRING:
        return "a string";
    case element_type::BOOL:
        return "a boolean";
    case element_type::NULL_VALUE:
        return "null";
    }
    return "an unknown value";
}

std::string describe(element value)
{
    if (value.type() != element_type::STRING)
        return typeName(value.type());
    std::string_view text = value.get_string().value_unsafe();
    constexpr std::size_t maxShown = 40;
    std::string shown(text.substr(0, maxShown));
    return "\"" + shown + (text.size() > maxShown ? "...\"" : "\"");
}

constexpr std::array<std::int8_t, 256> base64Table()
{
    std::array<std::int8_t, 256> table{};
    for (auto &entry : table)
        entry = -1;
    for (int i = 0; i < 26; ++i) {
        table['A' + i] = static_cast<std::int8_t>(i);
        table['a' + i] = static_cast<std::int8_t>(26 + i);
    }
    for (int i = 0; i < 10; ++i)
        table['0' + i] = static_cast<std::int8_t>(52 + i);
    table['+'] = table['-'] = 62; // standard and URL-safe alphabets
    table['/'] = table['_'] = 63;
    return table;
}

// Standard or URL-safe alphabet, padding optional.
std::optional<std::string> decodeBase64(std::string_view text)
{
    static constexpr std::array<std::int8_t, 256> table = base64Table();
    std::size_t length = text.size();
    if (length % 4 == 0 && length >= 2) {
        if (text[length - 1] == '=')
            --length;
        if (text[length - 1] == '=')
            --length;
    }
    if (length % 4 == 1)
        return std::nullopt;
    std::string out;
    out.reserve(length * 3 / 4);
    std::uint32_t accumulator = 0;
    int bits = 0;
    for (std::size_t i = 0; i < length; ++i) {
        const std::int8_t value = table[static_cast<unsigned char>(text[i])];
        if (value < 0)
            return std::nullopt;
        accumulator = (accumulator << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((accumulator >> bits) & 0xff));
        }
    }
    return out;
}

// Walks one JSON document into one message. Keeps the current JSON path as a stack of views into
// the parsed document, and renders it only when something fails.
class JsonWalker
{
public:
    bool readMessage(element value, Message &message, const MessageInfo &info)
    {
        if (value.type() != element_type::OBJECT)
            return fail("expected an object, got " + describe(value));
        const Reflection *reflection = message.GetReflection();
        const simdjson::dom::object object = value.get_object().value_unsafe();
        for (const auto field : object) {
            const FieldInfo *fieldInfo = info.find(field.key);
            // Unknown fields are ignored (forward compatibility); null means "not set".
            if (!fieldInfo || field.value.type() == element_type::NULL_VALUE)
                continue;
            m_path.push_back(PathPart{field.key, 0, false});
            const bool ok = fieldInfo->field->is_repeated()
                                ? readRepeated(field.value, message, reflection, *fieldInfo)
                                : readValue(field.value, message, reflection, *fieldInfo, false);
            if (!ok)
                return false;
            m_path.pop_back();
        }
        return true;
    }

    const std::string &error() const { return m_error; }

private:
    struct PathPart
    {
        std::string_view key;
        std::size_t index = 0;
        bool isIndex = false;
    };

    bool fail(const std::string &what)
    {
        std::string path;
        for (const PathPart &part : m_path) {
            if (part.isIndex) {
                path += '[';
                path += std::to_string(part.index);
                path += ']';
            } else {
                if (!path.empty())
                    path += '.';
                path += part.key;
            }
        }
        m_error = (path.empty() ? std::string("top level") : path) + ": " + what;
        return false;
    }

    bool readRepeated(element value, Message &message, const Reflection *reflection,
                      const FieldInfo &info)
    {
        if (value.type() != element_type::ARRAY)
            return fail("expected an array, got " + describe(value));
        std::size_t index = 0;
        const simdjson::dom::array array = value.get_array().value_unsafe();
        for (const element item : array) {
            if (item.type() != element_type::NULL_VALUE) {
                m_path.push_back(PathPart{{}, index, true});
                if (!readValue(item, message, reflection, info, true))
                    return false;
                m_path.pop_back();
            }
            ++index;
        }
        return true;
    }

    // A JSON number or decimal string as Integer (std::int64_t or std::uint64_t): OTLP/JSON
    // writes 64-bit integers as strings. nullopt when it does not fit, or a double is not whole.
    template<typename Integer>
    std::optional<Integer> toInteger(element value)
    {
        using Limits = std::numeric_limits<Integer>;
        switch (value.type()) {
        case element_type::INT64: {
            const std::int64_t number = value.get_int64().value_unsafe();
            if (std::in_range<Integer>(number))
                return static_cast<Integer>(number);
            return std::nullopt;
        }
        case element_type::UINT64: {
            const std::uint64_t number = value.get_uint64().value_unsafe();
            if (std::in_range<Integer>(number))
                return static_cast<Integer>(number);
            return std::nullopt;
        }
        case element_type::DOUBLE: {
            // [lowest, pastMax) are exact doubles: 0 or -2^63, and 2^63 or 2^64.
            constexpr double lowest = static_cast<double>(Limits::min());
            constexpr double pastMax = 2.0 * static_cast<double>(Limits::max() / 2 + 1);
            const double number = value.get_double().value_unsafe();
            if (std::trunc(number) == number && number >= lowest && number < pastMax)
                return static_cast<Integer>(number);
            return std::nullopt;
        }
        case element_type::STRING: {
            const std::string_view text = value.get_string().value_unsafe();
            Integer number = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
            if (ec == std::errc() && end == text.data() + text.size() && !text.empty())
                return number;
            return std::nullopt;
        }
        default:
            return std::nullopt;
        }
    }

    std::optional<double> toDouble(element value)
    {
        switch (value.type()) {
        case element_type::INT64:
            return static_cast<double>(value.get_int64().value_unsafe());
        case element_type::UINT64:
            return static_cast<double>(value.get_uint64().value_unsafe());
        case element_type::DOUBLE:
            return value.get_double().value_unsafe();
        case element_type::STRING: {
            const std::string_view text = value.get_string().value_unsafe();
            if (text == "NaN")
                return std::numeric_limits<double>::quiet_NaN();
            if (text == "Infinity")
                return std::numeric_limits<double>::infinity();
            if (text == "-Infinity")
                return -std::numeric_limits<double>::infinity();
            double number = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
            // Only the three exact spellings above stand for non-finite values ("nan" does not).
            if (ec == std::errc() && end == text.data() + text.size() && !text.empty()
                && std::isfinite(number))
                return number;
            return std::nullopt;
        }
        default:
            return std::nullopt;
        }
    }

    bool readBytes(std::string_view text, const FieldInfo &info, std::string &out)
    {
        if (info.hexBytes == 0) {
            std::optional<std::string> decoded = decodeBase64(text);
            if (!decoded)
                return fail("invalid base64 string");
            out = std::move(*decoded);
            return true;
        }
        // Ids are hex in OTLP/JSON. Odd lengths and non-hex digits are malformed; an even but
        // wrong length decodes and is then rejected item by item like its protobuf equivalent.
        if (text.size() % 2 != 0) {
            return fail("expected " + std::to_string(2 * info.hexBytes) + " hex digits, got "
                        + std::to_string(text.size()));
        }
        out.resize(text.size() / 2);
        for (std::size_t i = 0; i < out.size(); ++i) {
            const int high = hexDigitValue(text[2 * i]);
            const int low = hexDigitValue(text[2 * i + 1]);
            if (high < 0 || low < 0) {
                const std::size_t bad = high < 0 ? 2 * i : 2 * i + 1;
                return fail("invalid hex digit '" + std::string(1, text[bad]) + "' at position "
                            + std::to_string(bad));
            }
            out[i] = static_cast<char>((high << 4) | low);
        }
        return true;
    }

    bool readValue(element value, Message &message, const Reflection *reflection,
                   const FieldInfo &info, bool repeated)
    {
        const FieldDescriptor *field = info.field;
        switch (field->cpp_type()) {
        case FieldDescriptor::CPPTYPE_MESSAGE: {
            Message *child = repeated ? reflection->AddMessage(&message, field)
                                      : reflection->MutableMessage(&message, field);
            return readMessage(value, *child, *info.message);
        }
        case FieldDescriptor::CPPTYPE_STRING: {
            if (value.type() != element_type::STRING)
                return fail("expected a string, got " + describe(value));
            const std::string_view text = value.get_string().value_unsafe();
            std::string content;
            if (field->type() == FieldDescriptor::TYPE_BYTES) {
                if (!readBytes(text, info, content))
                    return false;
            } else {
                content.assign(text);
            }
            if (repeated)
                reflection->AddString(&message, field, std::move(content));
            else
                reflection->SetString(&message, field, std::move(content));
            return true;
        }
        case FieldDescriptor::CPPTYPE_BOOL: {
            if (value.type() != element_type::BOOL)
                return fail("expected true or false, got " + describe(value));
            const bool flag = value.get_bool().value_unsafe();
            if (repeated)
                reflection->AddBool(&message, field, flag);
            else
                reflection->SetBool(&message, field, flag);
            return true;
        }
        case FieldDescriptor::CPPTYPE_INT32: {
            const std::optional<std::int64_t> number = toInteger<std::int64_t>(value);
            if (!number || *number < std::numeric_limits<std::int32_t>::min()
                || *number > std::numeric_limits<std::int32_t>::max())
                return fail("expected a 32-bit integer, got " + describe(value));
            const auto narrow = static_cast<std::int32_t>(*number);
            if (repeated)
                reflection->AddInt32(&message, field, narrow);
            else
                reflection->SetInt32(&message, field, narrow);
            return true;
        }
        case FieldDescriptor::CPPTYPE_UINT32: {
            const std::optional<std::uint64_t> number = toInteger<std::uint64_t>(value);
            if (!number || *number > std::numeric_limits<std::uint32_t>::max())
                return fail("expected an unsigned 32-bit integer, got " + describe(value));
            const auto narrow = static_cast<std::uint32_t>(*number);
            if (repeated)
                reflection->AddUInt32(&message, field, narrow);
            else
                reflection->SetUInt32(&message, field, narrow);
            return true;
        }
        case FieldDescriptor::CPPTYPE_INT64: {
            const std::optional<std::int64_t> number = toInteger<std::int64_t>(value);
            if (!number)
                return fail("expected a 64-bit integer (number or decimal string), got "
                            + describe(value));
            if (repeated)
                reflection->AddInt64(&message, field, *number);
            else
                reflection->SetInt64(&message, field, *number);
            return true;
        }
        case FieldDescriptor::CPPTYPE_UINT64: {
            const std::optional<std::uint64_t> number = toInteger<std::uint64_t>(value);
            if (!number)
                return fail("expected an unsigned 64-bit integer (number or decimal string), got "
                            + describe(value));
            if (repeated)
                reflection->AddUInt64(&message, field, *number);
            else
                reflection->SetUInt64(&message, field, *number);
            return true;
        }
        case FieldDescriptor::CPPTYPE_DOUBLE:
        case FieldDescriptor::CPPTYPE_FLOAT: {
            const std::optional<double> number = toDouble(value);
            if (!number)
                return fail("expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", got "
                            + describe(value));
            if (field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
                const auto narrow = static_cast<float>(*number);
                if (repeated)
                    reflection->AddFloat(&message, field, narrow);
                else
                    reflection->SetFloat(&message, field, narrow);
            } else if (repeated) {
                reflection->AddDouble(&message, field, *number);
            } else {
                reflection->SetDouble(&message, field, *number);
            }
            return true;
        }
        case FieldDescriptor::CPPTYPE_ENUM: {
            std::optional<std::int64_t> number;
            if (value.type() == element_type::STRING) {
                const std::string_view name = value.get_string().value_unsafe();
                const auto *enumValue = field->enum_type()->FindValueByName(std::string(name));
                if (enumValue)
                    number = enumValue->number();
                else
                    number = toInteger<std::int64_t>(value);
                if (!number)
                    return fail("unknown " + field->enum_type()->name() + " value "
                                + describe(value));
            } else {
                number = toInteger<std::int64_t>(value);
            }
            // Enums are open in proto3: unknown numbers are kept, as the binary parser does.
            if (!number || *number < std::numeric_limits<std::int32_t>::min()
                || *number > std::numeric_limits<std::int32_t>::max())
                return fail("expected an enum name or integer, got " + describe(value));
            const auto narrow = static_cast<int>(*number);
            if (repeated)
                reflection->AddEnumValue(&message, field, narrow);
            else
                reflection->SetEnumValue(&message, field, narrow);
            return true;
        }
        }
        return fail("unsupported field type");
    }

    std::vector<PathPart> m_path;
    std::string m_error;
};

} // namespace

std::string OtlpJsonReader::read(std::string_view json, google::protobuf::Message &message)
{
    const MessageInfo *info = schema().find(message.GetDescriptor());
    if (!info)
        return "OTLP/JSON reader does not support " + message.GetDescriptor()->full_name();

    // One parser per thread keeps its buffers between requests; an unusually large document's
    // buffers are released afterwards so a single big import does not pin that memory.
    thread_local simdjson::dom::parser parser;
    std::string error;
    {
        element document;
        const simdjson::error_code parseError
            = parser.parse(json.data(), json.size()).get(document);
        if (parseError) {
            error = std::string("invalid JSON: ") + simdjson::error_message(parseError);
        } else {
            JsonWalker walker;
            if (!walker.readMessage(document, message, *info))
                error = walker.error();
        }
    }
    constexpr std::size_t keptCapacity = 16 << 20;
    if (parser.capacity() > keptCapacity)
        parser = simdjson::dom::parser{};
    return error;
}

} // namespace kansoku
