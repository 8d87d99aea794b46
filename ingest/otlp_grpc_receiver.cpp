#include "otlp_grpc_receiver.h"

#include "otlp_grpc_receiver_service.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

namespace kansoku {

namespace {

constexpr std::chrono::milliseconds shutdownGrace{1000};

} // namespace

OtlpGrpcReceiver::OtlpGrpcReceiver(ReceiverOptions options, std::shared_ptr<TelemetrySink> sink,
                                   std::shared_ptr<IngestCounters> counters,
                                   std::shared_ptr<ClientStatistics> clients)
    : m_options(std::move(options))
    , m_sink(std::move(sink))
    , m_counters(std::move(counters))
    , m_clients(std::move(clients))
{}

OtlpGrpcReceiver::~OtlpGrpcReceiver()
{
    stop();
}

QString OtlpGrpcReceiver::endpoint(quint16 port) const
{
    QString host = m_options.listenAddress.toString();
    if (m_options.listenAddress.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return host + QLatin1Char(':') + QString::number(port);
}

bool OtlpGrpcReceiver::start(QString *error)
{
    if (m_server)
        return true;
    auto service = std::make_unique<OtlpGrpcReceiverService>(
        m_sink, m_counters, m_clients, m_options.retryAfterSeconds,
        std::chrono::milliseconds(m_options.queuePatienceMs), m_options.bearerToken,
        m_options.control);
    const QString address = endpoint(m_options.grpcPort);
    int selectedPort = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort(address.toStdString(), grpc::InsecureServerCredentials(),
                             &selectedPort);
    // gRPC sets SO_REUSEPORT by default, which would let a second receiver "bind" a port that is
    // already taken and silently split the traffic; a taken port must be an error instead.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.SetMaxReceiveMessageSize(
        static_cast<int>(std::clamp<std::int64_t>(m_options.maxRequestBytes, 0, INT_MAX)));
    builder.RegisterCallbackGenericService(service.get());
    std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
    if (!server || selectedPort == 0) {
        if (server)
            server->Shutdown();
        m_lastError = QStringLiteral("OTLP/gRPC cannot listen on %1: the address is in use or "
                                     "not available")
                          .arg(address);
        if (error)
            *error = m_lastError;
        return false;
    }
    m_service = std::move(service);
    m_server = std::move(server);
    m_port = static_cast<quint16>(selectedPort);
    m_lastError.clear();
    return true;
}

void OtlpGrpcReceiver::stop()
{
    if (!m_server)
        return;
    m_server->Shutdown(std::chrono::system_clock::now() + shutdownGrace);
    m_server->Wait();
    m_server.reset();
    m_service.reset();
    m_port = 0;
}

ReceiverStatus OtlpGrpcReceiver::status() const
{
    ReceiverStatus result;
    result.protocol = "OTLP/gRPC";
    result.endpoint = endpoint(m_port != 0 ? m_port : m_options.grpcPort).toStdString();
    result.listening = m_port != 0;
    result.error = m_lastError.toStdString();
    return result;
}

} // namespace kansoku
