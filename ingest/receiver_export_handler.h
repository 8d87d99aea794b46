// The transport-independent part of one OTLP export: refuse it while receiving is paused, decode
// the body, offer the batch to the sink, hand an accepted body to the forwarder, count the outcome
// (per signal and, when given ClientStatistics, per sender). Used by both receivers on their own
// threads; holds no state of its own.
#pragma once

#include "core/client_statistics.h"
#include "core/ingest_counters.h"
#include "core/telemetry_signal.h"
#include "core/telemetry_sink.h"
#include "otlp_encoding.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace kansoku {

class ReceiverControl;

class ReceiverExportHandler
{
public:
    enum class Outcome {
        Accepted,  // batch is in the sink; answer with an ExportResponse
        Malformed, // permanent error: HTTP 400 / INVALID_ARGUMENT
        Refused,   // sink full or closing: HTTP 503 / UNAVAILABLE, the client retries
        Paused     // receiving is paused: answered as Refused, nothing decoded or counted as data
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
    // The same, then records the outcome for the request's senders into clients (if not null).
    // client carries what the receiver knows (peer host, compression); the handler adds the
    // transport, encoding, services and outcome. With control (may be null), a paused receiver
    // refuses the export before decoding it, and an accepted body goes to control's forwarder.
    static Result handle(TelemetrySignal signal, IngestTransport transport, OtlpEncoding encoding,
                         std::string_view body, TelemetrySink &sink, IngestCounters &counters,
                         std::chrono::milliseconds queuePatience, ClientStatistics *clients,
                         ClientRequest client, const ReceiverControl *control = nullptr);

    static const char *encodingName(OtlpEncoding encoding); // "protobuf", "json"
};

} // namespace kansoku
