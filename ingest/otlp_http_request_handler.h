// Handles the OTLP/HTTP requests (POST /v1/traces, /v1/metrics, /v1/logs): content negotiation,
// decompression, CORS, OTLP status codes. Created, used and destroyed on the HTTP receiver's
// thread (OtlpHttpReceiver owns that thread); decoding happens here, never on the GUI thread.
#pragma once

#include "core/client_statistics.h"
#include "core/ingest_counters.h"
#include "core/telemetry_sink.h"
#include "otlp_encoding.h"
#include "receiver_options.h"

#include <QAbstractHttpServer>
#include <QHttpServerResponder>
#include <memory>
#include <optional>

namespace kansoku {

class OtlpHttpRequestHandler : public QAbstractHttpServer
{
    Q_OBJECT

public:
    OtlpHttpRequestHandler(const ReceiverOptions &options, std::shared_ptr<TelemetrySink> sink,
                           std::shared_ptr<IngestCounters> counters,
                           std::shared_ptr<ClientStatistics> clients = {},
                           QObject *parent = nullptr);

    // Binds options.listenAddress:options.httpPort. Returns the bound port, or 0 with *error set.
    quint16 listen(QString *error);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    using HeaderList = QList<QPair<QByteArray, QByteArray>>;
    using StatusCode = QHttpServerResponder::StatusCode;

    void handleExport(const QHttpServerRequest &request, QTcpSocket *socket, TelemetrySignal signal,
                      const HeaderList &corsHeaders);
    void sendStatus(const QHttpServerRequest &request, QTcpSocket *socket, StatusCode status,
                    std::optional<OtlpEncoding> encoding, int grpcCode, const std::string &message,
                    HeaderList headers);
    // What this request tells about its sender before decoding: peer host, encoding, compression.
    static ClientRequest clientRequest(const QHttpServerRequest &request, QTcpSocket *socket);
    // Records a request turned away before decoding (no services known).
    void recordRejection(const QHttpServerRequest &request, QTcpSocket *socket, std::string reason);
    static void send(const QHttpServerRequest &request, QTcpSocket *socket, StatusCode status,
                     const HeaderList &headers, const QByteArray &body);

    ReceiverOptions m_options;
    std::shared_ptr<TelemetrySink> m_sink;
    std::shared_ptr<IngestCounters> m_counters;
    std::shared_ptr<ClientStatistics> m_clients; // may be null: no per-sender statistics
};

} // namespace kansoku
