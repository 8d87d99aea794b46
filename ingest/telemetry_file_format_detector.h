// Recognises what an exported telemetry file holds from its first (decompressed) bytes, never from
// its name: OTLP JSON (one request, or JSON lines), length-delimited OTLP protobuf, Jaeger JSON or
// Zipkin v2 JSON. Also finds the signal of one OTLP/JSON request. Stateless; any thread.
#pragma once

#include "core/telemetry_signal.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace kansoku {

enum class TelemetryFileFormat {
    Unknown,
    OtlpJsonLines,    // one Export*ServiceRequest per line (the Collector file exporter's default)
    OtlpJsonDocument, // requests as JSON values spread over several lines (e.g. pretty-printed)
    OtlpProtobuf,     // messages each preceded by a 4-byte big-endian length
    JaegerJson,       // the Jaeger UI's download: {"data":[{"traceID","spans","processes"}]}
    ZipkinJson        // Zipkin v2: an array of spans
};

class TelemetryFileFormatDetector
{
public:
    // head: the first bytes of the (decompressed) content, up to a few tens of KiB; atEnd: head is
    // the whole content.
    static TelemetryFileFormat detect(std::string_view head, bool atEnd);

    // The signal of one OTLP/JSON request object, from its first top-level key that names one
    // (resourceSpans / resourceMetrics / resourceLogs, or their snake_case forms). nullopt when the
    // object has none (an empty request, or not OTLP at all).
    static std::optional<TelemetrySignal> otlpJsonSignal(std::string_view object);

    // A plausible message length prefix: big-endian, non-zero, at most maxMessageBytes.
    static constexpr std::uint32_t maxMessageBytes = 256u << 20;

    static const char *formatName(TelemetryFileFormat format);
    // For "not a telemetry file" messages.
    static const char *supportedFormatsText();
};

} // namespace kansoku
