// The conventions Jaeger and Zipkin data share when it is mapped to OTLP (as the OpenTelemetry
// Collector's Jaeger and Zipkin translators do): hex ids of 64 or 128 bits, span kinds as text,
// and status carried in tags. Stateless; any thread.
#pragma once

#include "core/span.h"

#include <optional>
#include <string_view>

namespace kansoku {

class TraceFormatConventions
{
public:
    // Hex of up to 32 (16) digits, left-padded with zeros: 64-bit trace ids and ids whose leading
    // zeros were dropped become OTLP's 128-bit (64-bit) ids. nullopt on other input.
    static std::optional<TraceId> traceIdFromHex(std::string_view hex);
    static std::optional<SpanId> spanIdFromHex(std::string_view hex);

    // "server", "CLIENT", ... (any case); nullopt for anything else.
    static std::optional<SpanKind> spanKindFromName(std::string_view name);

    // Takes the status conventions out of attributes and returns the status they describe:
    // otel.status_code ("OK"/"ERROR") with otel.status_description, else an "error" tag that is
    // true (Jaeger) or any text (Zipkin, where the text is the message). The consumed keys are
    // removed, so they do not show twice.
    static SpanStatus takeStatus(Attributes &attributes);

    // Removes the first attribute with key and returns its value (nullopt if absent).
    static std::optional<AnyValue> take(Attributes &attributes, std::string_view key);

    // Microseconds since the epoch to nanoseconds, saturating instead of overflowing.
    static std::int64_t microsToNanos(std::int64_t micros);
};

} // namespace kansoku
