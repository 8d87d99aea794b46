// Sends raw, pre-encoded export requests over one gRPC channel with a generic stub, so the load
// generator spends no time serializing. One thread.
#pragma once

#include "load_client.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <memory>

namespace kansoku::bench {

class GrpcLoadClient : public LoadClient
{
public:
    explicit GrpcLoadClient(const std::string &target);
    SendOutcome send(const std::string &signalPath, const std::string &body) override;
    std::string lastError() const override { return m_lastError; }

private:
    std::shared_ptr<grpc::Channel> m_channel;
    std::unique_ptr<grpc::GenericStub> m_stub;
    grpc::CompletionQueue m_queue;
    std::string m_lastError;
};

} // namespace kansoku::bench
