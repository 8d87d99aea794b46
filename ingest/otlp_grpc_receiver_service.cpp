#include "otlp_grpc_receiver_service.h"

#include "bearer_token_check.h"
#include "otlp_response_encoder.h"
#include "receiver_control.h"
#include "receiver_export_handler.h"

#include <grpcpp/support/byte_buffer.h>
#include <optional>
#include <string>
#include <vector>

namespace kansoku {

namespace {

std::optional<TelemetrySignal> signalForMethod(const std::string &method)
{
    if (method == "/opentelemetry.proto.collector.trace.v1.TraceService/Export")
        return TelemetrySignal::Traces;
    if (method == "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export")
        return TelemetrySignal::Metrics;
    if (method == "/opentelemetry.proto.collector.logs.v1.LogsService/Export")
        return TelemetrySignal::Logs;
    return std::nullopt;
}

// Answers a call at once with an error status, without reading its message: an unknown method,
// or a call without the bearer token.
class RejectingReactor : public grpc::ServerGenericBidiReactor
{
public:
    explicit RejectingReactor(const grpc::Status &status) { Finish(status); }
    void OnDone() override { delete this; }
};

// The value of the call's `authorization` metadata (gRPC keys are lower case); empty if none.
std::string_view authorizationOf(const grpc::GenericCallbackServerContext &context)
{
    const auto &metadata = context.client_metadata();
    const auto found = metadata.find("authorization");
    if (found == metadata.end())
        return {};
    return std::string_view(found->second.data(), found->second.size());
}

// "ipv4:127.0.0.1:54321" -> "127.0.0.1", "ipv6:[::1]:54321" -> "::1"; anything else as it is.
std::string peerHost(const std::string &peer)
{
    const std::size_t scheme = peer.find(':');
    if (scheme == std::string::npos)
        return peer;
    const std::string_view address = std::string_view(peer).substr(scheme + 1);
    if (peer.compare(0, scheme, "ipv6") == 0 && !address.empty() && address.front() == '[') {
        const std::size_t close = address.find(']');
        if (close != std::string_view::npos)
            return std::string(address.substr(1, close - 1));
    }
    if (peer.compare(0, scheme, "ipv4") == 0 || peer.compare(0, scheme, "ipv6") == 0) {
        const std::size_t port = address.rfind(':');
        return std::string(address.substr(0, port));
    }
    return peer;
}

// What the call tells about its sender before decoding: its peer host. The compression stays
// unknown (empty): gRPC decompresses the message and takes `grpc-encoding` out of the metadata
// before a service sees the call, and grpc++ 1.51 has no public accessor for it.
ClientRequest clientRequest(const grpc::GenericCallbackServerContext &context)
{
    ClientRequest client;
    client.peerHost = peerHost(context.peer());
    client.transport = IngestTransport::Grpc;
    client.encoding = "protobuf";
    return client;
}

// One unary Export call: read the single request message, decode, offer, answer. Deletes itself
// when gRPC reports the call done.
class ExportReactor : public grpc::ServerGenericBidiReactor
{
public:
    ExportReactor(TelemetrySignal signal, TelemetrySink &sink, IngestCounters &counters,
                  ClientStatistics *clients, ClientRequest client, int retryAfterSeconds,
                  std::chrono::milliseconds queuePatience, const ReceiverControl *control)
        : m_signal(signal)
        , m_sink(sink)
        , m_counters(counters)
        , m_clients(clients)
        , m_client(std::move(client))
        , m_retryAfterSeconds(retryAfterSeconds)
        , m_queuePatience(queuePatience)
        , m_control(control)
    {
        StartRead(&m_request);
    }

    void OnReadDone(bool ok) override
    {
        if (!ok) {
            // The client half-closed without a message, or the read failed (e.g. the message was
            // over the size limit, in which case gRPC has already chosen the status).
            recordRejection("export call carried no request message");
            Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                "export call carried no request message"));
            return;
        }
        std::string body;
        if (!readBody(&body)) {
            recordRejection("cannot read the request message");
            Finish(grpc::Status(grpc::StatusCode::INTERNAL, "cannot read the request message"));
            return;
        }
        const ReceiverExportHandler::Result result = ReceiverExportHandler::handle(
            m_signal, IngestTransport::Grpc, OtlpEncoding::Protobuf, body, m_sink, m_counters,
            m_queuePatience, m_clients, std::move(m_client), m_control);
        switch (result.outcome) {
        case ReceiverExportHandler::Outcome::Accepted: {
            const std::string response = OtlpResponseEncoder::exportResponse(
                m_signal, OtlpEncoding::Protobuf, result.rejectedItems, result.message);
            grpc::Slice slice(response);
            m_response = grpc::ByteBuffer(&slice, 1);
            StartWriteAndFinish(&m_response, grpc::WriteOptions(), grpc::Status::OK);
            return;
        }
        case ReceiverExportHandler::Outcome::Malformed:
            Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, result.message));
            return;
        case ReceiverExportHandler::Outcome::Refused:
        case ReceiverExportHandler::Outcome::Paused:
            // grpc-status-details-bin carries google.rpc.Status with RetryInfo, as OTLP asks.
            Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, result.message,
                                OtlpResponseEncoder::status(
                                    OtlpEncoding::Protobuf, grpc::StatusCode::UNAVAILABLE,
                                    result.message, std::int64_t(m_retryAfterSeconds) * 1000)));
            return;
        }
    }

    void OnDone() override { delete this; }

private:
    void recordRejection(std::string reason)
    {
        if (!m_clients)
            return;
        m_client.rejected = true;
        m_client.reason = std::move(reason);
        m_clients->record(m_client);
    }

    bool readBody(std::string *body)
    {
        std::vector<grpc::Slice> slices;
        if (!m_request.Dump(&slices).ok())
            return false;
        body->reserve(m_request.Length());
        for (const grpc::Slice &slice : slices)
            body->append(reinterpret_cast<const char *>(slice.begin()), slice.size());
        return true;
    }

    TelemetrySignal m_signal;
    TelemetrySink &m_sink;
    IngestCounters &m_counters;
    ClientStatistics *m_clients; // null: no per-sender statistics
    ClientRequest m_client;
    int m_retryAfterSeconds;
    std::chrono::milliseconds m_queuePatience;
    const ReceiverControl *m_control; // null: never paused, no forwarding
    grpc::ByteBuffer m_request;
    grpc::ByteBuffer m_response;
};

} // namespace

OtlpGrpcReceiverService::OtlpGrpcReceiverService(std::shared_ptr<TelemetrySink> sink,
                                                 std::shared_ptr<IngestCounters> counters,
                                                 std::shared_ptr<ClientStatistics> clients,
                                                 int retryAfterSeconds,
                                                 std::chrono::milliseconds queuePatience,
                                                 std::string bearerToken,
                                                 std::shared_ptr<const ReceiverControl> control)
    : m_sink(std::move(sink))
    , m_counters(std::move(counters))
    , m_clients(std::move(clients))
    , m_retryAfterSeconds(retryAfterSeconds)
    , m_queuePatience(queuePatience)
    , m_bearerToken(std::move(bearerToken))
    , m_control(std::move(control))
{}

grpc::ServerGenericBidiReactor *
OtlpGrpcReceiverService::CreateReactor(grpc::GenericCallbackServerContext *context)
{
    const std::optional<TelemetrySignal> signal = signalForMethod(context->method());
    if (!signal)
        return new RejectingReactor(
            grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                         "unknown method " + context->method() + "; this is an OTLP receiver"));
    const BearerTokenCheck::Verdict verdict
        = BearerTokenCheck::check(m_bearerToken, authorizationOf(*context));
    if (verdict != BearerTokenCheck::Verdict::Authorized) {
        m_counters->addUnauthorized(*signal, IngestTransport::Grpc);
        if (m_clients) {
            ClientRequest client = clientRequest(*context);
            client.rejected = true;
            client.reason = BearerTokenCheck::message(verdict);
            m_clients->record(client);
        }
        return new RejectingReactor(
            grpc::Status(grpc::StatusCode::UNAUTHENTICATED, BearerTokenCheck::message(verdict)));
    }
    return new ExportReactor(*signal, *m_sink, *m_counters, m_clients.get(),
                             m_clients ? clientRequest(*context) : ClientRequest(),
                             m_retryAfterSeconds, m_queuePatience, m_control.get());
}

} // namespace kansoku
