#include "grpc_load_client.h"

#include <chrono>

namespace kansoku::bench {

GrpcLoadClient::GrpcLoadClient(const std::string &target)
{
    grpc::ChannelArguments arguments;
    arguments.SetMaxSendMessageSize(64 * 1024 * 1024);
    // A channel per client, so that concurrent clients really use separate connections.
    arguments.SetInt("grpc.use_local_subchannel_pool", 1);
    m_channel = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), arguments);
    m_stub = std::make_unique<grpc::GenericStub>(m_channel);
}

SendOutcome GrpcLoadClient::send(const std::string &signalPath, const std::string &body)
{
    static const std::string services[]
        = {"/opentelemetry.proto.collector.trace.v1.TraceService/Export",
           "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export",
           "/opentelemetry.proto.collector.logs.v1.LogsService/Export"};
    const std::string &method = signalPath == "/v1/traces"    ? services[0]
                                : signalPath == "/v1/metrics" ? services[1]
                                                              : services[2];
    grpc::Slice slice(body);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::Status status;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    auto call = m_stub->PrepareUnaryCall(&context, method, request, &m_queue);
    call->StartCall();
    call->Finish(&response, &status, this);
    void *tag = nullptr;
    bool ok = false;
    if (!m_queue.Next(&tag, &ok) || !ok) {
        m_lastError = "completion queue failed";
        return SendOutcome::Failed;
    }
    if (status.ok())
        return SendOutcome::Accepted;
    m_lastError = std::to_string(int(status.error_code())) + " " + status.error_message();
    return status.error_code() == grpc::StatusCode::UNAVAILABLE ? SendOutcome::Refused
                                                                : SendOutcome::Failed;
}

} // namespace kansoku::bench
