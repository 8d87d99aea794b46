#include "receiver_export_handler.h"

#include "otlp_decoder.h"

namespace kansoku {

ReceiverExportHandler::Result
ReceiverExportHandler::handle(TelemetrySignal signal, IngestTransport transport,
                              OtlpEncoding encoding, std::string_view body, TelemetrySink &sink,
                              IngestCounters &counters, std::chrono::milliseconds queuePatience)
{
    Result result;
    OtlpDecodeResult decoded = OtlpDecoder::decode(signal, encoding, body, SpanFields::Encoded);
    if (!decoded.ok) {
        counters.addMalformed(signal, transport);
        result.outcome = Outcome::Malformed;
        result.message = decoded.errorMessage.empty() ? std::string("malformed export request")
                                                      : std::move(decoded.errorMessage);
        return result;
    }

    const std::int64_t items
        = decoded.batch ? static_cast<std::int64_t>(decoded.batch->itemCount()) : 0;
    if (decoded.batch) {
        const OfferResult offered = sink.offerWaiting(decoded.batch, queuePatience);
        if (offered != OfferResult::Accepted) {
            counters.addRefused(signal, transport, items);
            result.outcome = Outcome::Refused;
            result.message = offered == OfferResult::QueueFull
                                 ? "ingest queue is full, retry later"
                                 : "receiver is shutting down, retry later";
            return result;
        }
    }
    counters.addReceived(signal, transport, items);
    if (decoded.rejectedItems > 0)
        counters.addRejected(signal, transport, decoded.rejectedItems);
    result.acceptedItems = items;
    result.rejectedItems = decoded.rejectedItems;
    result.message = std::move(decoded.rejectionMessage);
    return result;
}

} // namespace kansoku
