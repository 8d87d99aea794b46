// Runs the OTLP/gRPC endpoint (Trace/Metrics/LogsService Export). start() and stop() are called
// from the owning thread (usually the GUI thread); requests are decoded on gRPC's own threads.
// Owns the gRPC server and service; shares the sink and counters.
#pragma once

#include "core/client_statistics.h"
#include "core/ingest_counters.h"
#include "core/receiver_status.h"
#include "core/telemetry_sink.h"
#include "receiver_options.h"

#include <QString>
#include <memory>

namespace grpc {
class Server;
}

namespace kansoku {

class OtlpGrpcReceiverService;

class OtlpGrpcReceiver
{
public:
    OtlpGrpcReceiver(ReceiverOptions options, std::shared_ptr<TelemetrySink> sink,
                     std::shared_ptr<IngestCounters> counters,
                     std::shared_ptr<ClientStatistics> clients = {}); // clients: optional
    ~OtlpGrpcReceiver();
    OtlpGrpcReceiver(const OtlpGrpcReceiver &) = delete;
    OtlpGrpcReceiver &operator=(const OtlpGrpcReceiver &) = delete;

    // Binds options.listenAddress:options.grpcPort. On failure returns false and sets *error to a
    // message naming address:port; the receiver can then be started again.
    bool start(QString *error = nullptr);
    // Stops accepting calls, gives running calls a short grace period, then cancels them.
    // Idempotent.
    void stop();

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; } // the bound port (useful with grpcPort = 0)
    ReceiverStatus status() const;

private:
    QString endpoint(quint16 port) const;

    ReceiverOptions m_options;
    std::shared_ptr<TelemetrySink> m_sink;
    std::shared_ptr<IngestCounters> m_counters;
    std::shared_ptr<ClientStatistics> m_clients;
    std::unique_ptr<OtlpGrpcReceiverService> m_service; // outlives m_server
    std::unique_ptr<grpc::Server> m_server;
    quint16 m_port = 0;
    QString m_lastError;
};

} // namespace kansoku
