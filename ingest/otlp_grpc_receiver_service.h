// The three OTLP collector Export methods as one generic gRPC callback service, so the receiver
// gets the raw request bytes and decodes them itself (a malformed message then yields
// INVALID_ARGUMENT with the decoder's message). Runs on gRPC's callback threads; owned by
// OtlpGrpcReceiver, which destroys the server before this service.
#pragma once

#include "ingest_counters.h"
#include "telemetry_sink.h"

#include <grpcpp/generic/async_generic_service.h>
#include <memory>

namespace kansoku {

class OtlpGrpcReceiverService : public grpc::CallbackGenericService
{
public:
    OtlpGrpcReceiverService(std::shared_ptr<TelemetrySink> sink,
                            std::shared_ptr<IngestCounters> counters, int retryAfterSeconds);

    grpc::ServerGenericBidiReactor *
    CreateReactor(grpc::GenericCallbackServerContext *context) override;

private:
    std::shared_ptr<TelemetrySink> m_sink;
    std::shared_ptr<IngestCounters> m_counters;
    int m_retryAfterSeconds;
};

} // namespace kansoku
