// Builds OTLP response bodies (export responses with partial success, google.rpc.Status errors)
// in protobuf or OTLP/JSON. Stateless and thread-safe.
#pragma once

#include "core/telemetry_signal.h"
#include "otlp_encoding.h"

#include <cstdint>
#include <optional>
#include <string>

namespace kansoku {

class OtlpResponseEncoder
{
public:
    // Export{Trace,Metrics,Logs}ServiceResponse; partial_success is set only when
    // rejectedItems > 0 or message is non-empty. JSON uses the OTLP/JSON field names
    // ({"partialSuccess":{"rejectedSpans":"2","errorMessage":"..."}}, {} when fully accepted).
    static std::string exportResponse(TelemetrySignal signal, OtlpEncoding encoding,
                                      std::int64_t rejectedItems, const std::string &message);
    // google.rpc.Status {code, message, details}; when retryDelayMs is set, details holds one
    // google.protobuf.Any packing google.rpc.RetryInfo{retry_delay}. grpcCode is the gRPC status
    // code number (3 INVALID_ARGUMENT, 8 RESOURCE_EXHAUSTED, 14 UNAVAILABLE...). The protobuf form
    // is also what a gRPC server puts in grpc::Status's binary error details.
    static std::string status(OtlpEncoding encoding, int grpcCode, const std::string &message,
                              std::optional<std::int64_t> retryDelayMs = std::nullopt);
};

} // namespace kansoku
