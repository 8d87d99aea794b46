// Whether a span failed and why, on the OpenTelemetry semantic conventions' rules: the status the
// instrumentation set decides; where it left the status unset, an HTTP server span failed with a
// 5xx response and an HTTP client span with a 4xx or 5xx one, a gRPC server span with a status
// that means a server error and a gRPC client span with any status but OK. Pure functions, any
// thread.
#pragma once

#include "core/analysis_span.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace kansoku {

// What names the cause of a failure, in the order it is chosen.
enum class FailureCauseKind {
    ExceptionType, // exception.type of the span's first exception event
    StatusMessage, // the status message, normalized (normalizeErrorMessage)
    HttpStatus,    // only an HTTP status code: "HTTP 503"
    GrpcStatus,    // only a gRPC status code: "gRPC DEADLINE_EXCEEDED"
    Unspecified    // an error status without type, message or status code
};

struct FailureCause
{
    FailureCauseKind kind = FailureCauseKind::Unspecified;
    // The exception type, normalized message, "HTTP 503", "gRPC UNAVAILABLE" or "unexplained
    // error".
    std::string text;
    bool operator==(const FailureCause &) const = default;
};

// http.response.status_code (or the older http.status_code) as a number, 0 when absent or not a
// number.
std::int64_t httpStatusCodeOf(const AnalysisSpan &span);

// The gRPC status code (0 OK … 16 UNAUTHENTICATED) of rpc.grpc.status_code, or of the newer
// rpc.response.status_code (its name, "DEADLINE_EXCEEDED", or its number); -1 when the span has
// neither or it is no gRPC status.
int grpcStatusCodeOf(const AnalysisSpan &span);
// "DEADLINE_EXCEEDED" for 4; empty for a number outside 0…16.
std::string_view grpcStatusName(int code);

// StatusCode::Error fails and StatusCode::Ok never does. With the status unset, a server span
// fails on an HTTP status >= 500, a client span on one >= 400 (4xx is the caller's fault, not the
// server's); a gRPC server span on UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL,
// UNAVAILABLE or DATA_LOSS, a gRPC client span on any status but OK; spans of other kinds, or
// without a status code, do not fail.
bool spanFailed(const AnalysisSpan &span);

// The cause of a failed span, for grouping failures: the exception type, else the normalized
// status message, else the HTTP status code, else the gRPC status.
FailureCause failureCauseOf(const AnalysisSpan &span);

// A status message with its values taken out, so messages that differ only in numbers, ids or
// quoted names group together: its first non-blank line, every word holding a digit (numbers, ids,
// UUIDs, addresses, "1203ms") and every quoted text become "?", runs of white space one space, and
// the result is cut to 160 bytes (on a UTF-8 character boundary, then "…"). "timeout after 1203 ms"
// -> "timeout after ? ms"; "user 'bob' not found" -> "user '?' not found".
std::string normalizeErrorMessage(std::string_view message);
// A message as sent, shortened for showing: its first line, trimmed, cut like the normalized one.
std::string errorMessageLine(std::string_view message);

} // namespace kansoku
