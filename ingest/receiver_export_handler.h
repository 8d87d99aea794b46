// The transport-independent part of one OTLP export: decode the body, offer the batch to the sink,
// count the outcome. Used by both receivers on their own threads; holds no state of its own.
#pragma once

#include "core/ingest_counters.h"
#include "core/telemetry_signal.h"
#include "core/telemetry_sink.h"
#include "otlp_encoding.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace kansoku {

class ReceiverExportHandler
{
public:
    enum class Outcome {
        Accepted,  // batch is in the sink; answer with an ExportResponse
        Malformed, // permanent error: HTTP 400 / INVALID_ARGUMENT
        Refused    // sink full or closing: HTTP 503 / UNAVAILABLE, the client retries
    };

    struct Result
    {
        Outcome outcome = Outcome::Accepted;
        std::int64_t acceptedItems = 0;
        std::int64_t rejectedItems = 0; // partial success: items the decoder dropped one by one
        std::string message;            // decoder error, refusal reason or partial success text
    };

    static Result handle(TelemetrySignal signal, IngestTransport transport, OtlpEncoding encoding,
                         std::string_view body, TelemetrySink &sink, IngestCounters &counters,
                         std::chrono::milliseconds queuePatience);
};

} // namespace kansoku
