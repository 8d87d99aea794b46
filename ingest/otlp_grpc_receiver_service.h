// The three OTLP collector Export methods as one generic gRPC callback service, so the receiver
// gets the raw request bytes and decodes them itself (a malformed message then yields
// INVALID_ARGUMENT with the decoder's message). Runs on gRPC's callback threads; owned by
// OtlpGrpcReceiver, which destroys the server before this service. An export may block its
// callback thread for up to the queue patience while the queue is full: that wait depends only on
// the storage writer, never on another call, so it cannot deadlock the server. With a bearer
// token, a call without it is answered UNAUTHENTICATED before its message is read. While receiving
// is paused (ReceiverControl) an export is answered UNAVAILABLE with a retry delay.
#pragma once

#include "core/client_statistics.h"
#include "core/ingest_counters.h"
#include "core/telemetry_sink.h"

#include <chrono>
#include <grpcpp/generic/async_generic_service.h>
#include <memory>
#include <string>

namespace kansoku {

class ReceiverControl;

class OtlpGrpcReceiverService : public grpc::CallbackGenericService
{
public:
    OtlpGrpcReceiverService(std::shared_ptr<TelemetrySink> sink,
                            std::shared_ptr<IngestCounters> counters,
                            std::shared_ptr<ClientStatistics> clients, int retryAfterSeconds,
                            std::chrono::milliseconds queuePatience, std::string bearerToken,
                            std::shared_ptr<const ReceiverControl> control = {});

    grpc::ServerGenericBidiReactor *
    CreateReactor(grpc::GenericCallbackServerContext *context) override;

private:
    std::shared_ptr<TelemetrySink> m_sink;
    std::shared_ptr<IngestCounters> m_counters;
    std::shared_ptr<ClientStatistics> m_clients; // may be null: no per-sender statistics
    int m_retryAfterSeconds;
    std::chrono::milliseconds m_queuePatience;
    std::string m_bearerToken;                        // empty: no check
    std::shared_ptr<const ReceiverControl> m_control; // may be null: never paused, no forwarding
};

} // namespace kansoku
