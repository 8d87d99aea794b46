// Turns one OTLP export request body (protobuf or OTLP/JSON) into a TelemetryBatch.
// Stateless and thread-safe: call it from any receiver or import thread.
#pragma once

#include "core/telemetry_batch.h"
#include "core/telemetry_signal.h"
#include "otlp_encoding.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace kansoku {

struct OtlpDecodeResult
{
    bool ok = false;          // false: the whole request is malformed (HTTP 400 / INVALID_ARGUMENT)
    std::string errorMessage; // when !ok: what is wrong and where (JSON path)
    TelemetryBatchPtr batch;  // when ok: never null (may be empty)
    std::int64_t rejectedItems = 0; // items dropped one by one (partial success)
    std::string rejectionMessage;   // when rejectedItems > 0: first reason and the count
};

// How spans' attributes, events and links come out: as Kansoku values, or left in their OTLP
// protobuf form in ScopeSpans::encodedSpanFields, which is what the store keeps. Receivers and
// the importer hand batches straight to the store and use Encoded; it spares a third of their
// work per span.
enum class SpanFields { Decoded, Encoded };

class OtlpDecoder
{
public:
    // body = a serialized Export{Trace,Metrics,Logs}ServiceRequest (protobuf) or its OTLP/JSON
    // form.
    static OtlpDecodeResult decode(TelemetrySignal signal, OtlpEncoding encoding,
                                   std::string_view body,
                                   SpanFields spanFields = SpanFields::Decoded);
};

} // namespace kansoku
