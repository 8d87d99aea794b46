#include "receiver_export_handler.h"

#include "otlp_decoder.h"
#include "otlp_forwarder.h"
#include "receiver_control.h"

namespace kansoku {

namespace {

// Per resource, never per item: metrics add up their points per metric.
std::int64_t itemCount(const ResourceSpans &resource)
{
    std::size_t count = 0;
    for (const ScopeSpans &scope : resource.scopeSpans)
        count += scope.spans.size();
    return std::int64_t(count);
}

std::int64_t itemCount(const ResourceMetrics &resource)
{
    std::size_t count = 0;
    for (const ScopeMetrics &scope : resource.scopeMetrics) {
        for (const Metric &metric : scope.metrics)
            count += metric.pointCount();
    }
    return std::int64_t(count);
}

std::int64_t itemCount(const ResourceLogs &resource)
{
    std::size_t count = 0;
    for (const ScopeLogs &scope : resource.scopeLogs)
        count += scope.logRecords.size();
    return std::int64_t(count);
}

// The batch's services; items count only when the batch was accepted.
template<typename ResourceList>
void appendServices(const ResourceList &resources, bool accepted,
                    std::vector<ClientService> &services)
{
    for (const auto &resource : resources)
        services.push_back(
            ClientService::fromResource(resource.resource, accepted ? itemCount(resource) : 0));
}

struct Processed
{
    ReceiverExportHandler::Result result;
    TelemetryBatchPtr batch; // null when the body could not be decoded
};

Processed process(TelemetrySignal signal, IngestTransport transport, OtlpEncoding encoding,
                  std::string_view body, TelemetrySink &sink, IngestCounters &counters,
                  std::chrono::milliseconds queuePatience, const ReceiverControl *control)
{
    using Outcome = ReceiverExportHandler::Outcome;
    Processed processed;
    ReceiverExportHandler::Result &result = processed.result;
    if (control && control->isPaused()) {
        // Before decoding: a paused Kansoku spends nothing on what it will not keep.
        counters.addPaused(signal, transport);
        result.outcome = Outcome::Paused;
        result.message = "receiving is paused in Kansoku, retry later";
        return processed;
    }
    OtlpDecodeResult decoded = OtlpDecoder::decode(signal, encoding, body, SpanFields::Encoded);
    if (!decoded.ok) {
        counters.addMalformed(signal, transport);
        result.outcome = Outcome::Malformed;
        result.message = decoded.errorMessage.empty() ? std::string("malformed export request")
                                                      : std::move(decoded.errorMessage);
        return processed;
    }

    processed.batch = decoded.batch;
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
            return processed;
        }
    }
    counters.addReceived(signal, transport, items);
    if (decoded.rejectedItems > 0)
        counters.addRejected(signal, transport, decoded.rejectedItems);
    result.acceptedItems = items;
    result.rejectedItems = decoded.rejectedItems;
    result.message = std::move(decoded.rejectionMessage);
    // Only what was accepted goes on, as it arrived (the upstream decides about rejected items).
    if (control && !body.empty()) {
        if (const std::shared_ptr<OtlpForwarder> forwarder = control->forwarder())
            forwarder->offer(signal, encoding, body, items + decoded.rejectedItems);
    }
    return processed;
}

} // namespace

ReceiverExportHandler::Result
ReceiverExportHandler::handle(TelemetrySignal signal, IngestTransport transport,
                              OtlpEncoding encoding, std::string_view body, TelemetrySink &sink,
                              IngestCounters &counters, std::chrono::milliseconds queuePatience)
{
    return process(signal, transport, encoding, body, sink, counters, queuePatience, nullptr)
        .result;
}

ReceiverExportHandler::Result ReceiverExportHandler::handle(
    TelemetrySignal signal, IngestTransport transport, OtlpEncoding encoding, std::string_view body,
    TelemetrySink &sink, IngestCounters &counters, std::chrono::milliseconds queuePatience,
    ClientStatistics *clients, ClientRequest client, const ReceiverControl *control)
{
    Processed processed
        = process(signal, transport, encoding, body, sink, counters, queuePatience, control);
    if (!clients)
        return std::move(processed.result);
    const Result &result = processed.result;
    client.transport = transport;
    client.encoding = encodingName(encoding);
    if (processed.batch) {
        const bool accepted = result.outcome == Outcome::Accepted;
        appendServices(processed.batch->resourceSpans, accepted, client.services);
        appendServices(processed.batch->resourceMetrics, accepted, client.services);
        appendServices(processed.batch->resourceLogs, accepted, client.services);
    }
    client.rejected = result.outcome != Outcome::Accepted || result.rejectedItems > 0;
    if (client.rejected)
        client.reason = result.message;
    clients->record(client);
    return std::move(processed.result);
}

const char *ReceiverExportHandler::encodingName(OtlpEncoding encoding)
{
    return encoding == OtlpEncoding::Json ? "json" : "protobuf";
}

} // namespace kansoku
