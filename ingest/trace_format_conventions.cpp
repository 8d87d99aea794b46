#include "trace_format_conventions.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace kansoku {

namespace {

template<std::size_t Size>
std::optional<FixedId<Size>> paddedId(std::string_view hex)
{
    if (hex.empty() || hex.size() > 2 * Size)
        return std::nullopt;
    std::string padded(2 * Size - hex.size(), '0');
    padded.append(hex);
    return idFromHex<Size>(padded);
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x))
                      == std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

std::optional<TraceId> TraceFormatConventions::traceIdFromHex(std::string_view hex)
{
    return paddedId<16>(hex);
}

std::optional<SpanId> TraceFormatConventions::spanIdFromHex(std::string_view hex)
{
    return paddedId<8>(hex);
}

std::optional<SpanKind> TraceFormatConventions::spanKindFromName(std::string_view name)
{
    if (equalsIgnoringCase(name, "server"))
        return SpanKind::Server;
    if (equalsIgnoringCase(name, "client"))
        return SpanKind::Client;
    if (equalsIgnoringCase(name, "producer"))
        return SpanKind::Producer;
    if (equalsIgnoringCase(name, "consumer"))
        return SpanKind::Consumer;
    if (equalsIgnoringCase(name, "internal"))
        return SpanKind::Internal;
    return std::nullopt;
}

std::optional<AnyValue> TraceFormatConventions::take(Attributes &attributes, std::string_view key)
{
    const auto it = std::find_if(attributes.begin(), attributes.end(),
                                 [&](const KeyValue &entry) { return entry.key == key; });
    if (it == attributes.end())
        return std::nullopt;
    AnyValue value = std::move(it->value);
    attributes.erase(it);
    return value;
}

SpanStatus TraceFormatConventions::takeStatus(Attributes &attributes)
{
    SpanStatus status;
    const std::optional<AnyValue> code = take(attributes, "otel.status_code");
    const std::optional<AnyValue> description = take(attributes, "otel.status_description");
    if (code && code->type() == AnyValue::Type::String) {
        if (equalsIgnoringCase(code->stringValue(), "ERROR"))
            status.code = StatusCode::Error;
        else if (equalsIgnoringCase(code->stringValue(), "OK"))
            status.code = StatusCode::Ok;
        if (description && description->type() == AnyValue::Type::String)
            status.message = description->stringValue();
        // With an explicit OTel status, "error" is an ordinary tag.
        return status;
    }
    const auto error = std::find_if(attributes.begin(), attributes.end(),
                                    [](const KeyValue &entry) { return entry.key == "error"; });
    if (error == attributes.end())
        return status;
    const AnyValue &value = error->value;
    if (value.type() == AnyValue::Type::Bool) {
        if (!value.boolValue())
            return status;
        status.code = StatusCode::Error;
    } else if (value.type() == AnyValue::Type::String) {
        // Jaeger writes "true"/"false" as text at times; Zipkin puts the error message here.
        if (value.stringValue() == "false")
            return status;
        status.code = StatusCode::Error;
        if (value.stringValue() != "true")
            status.message = value.stringValue();
    } else {
        return status;
    }
    if (description && description->type() == AnyValue::Type::String && status.message.empty())
        status.message = description->stringValue();
    attributes.erase(error);
    return status;
}

std::int64_t TraceFormatConventions::microsToNanos(std::int64_t micros)
{
    constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max() / 1000;
    return std::clamp(micros, -limit, limit) * 1000;
}

} // namespace kansoku
