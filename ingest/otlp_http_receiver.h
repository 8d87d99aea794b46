// Runs the OTLP/HTTP endpoint on its own thread. The receiver object itself lives on (and is
// started and stopped from) the thread that created it, usually the GUI thread; the HTTP server,
// its sockets and all decoding live on the internal thread. Shares the sink and counters.
#pragma once

#include "core/client_statistics.h"
#include "core/ingest_counters.h"
#include "core/receiver_status.h"
#include "core/telemetry_sink.h"
#include "receiver_options.h"

#include <QString>
#include <QThread>
#include <memory>

namespace kansoku {

class OtlpHttpRequestHandler;

class OtlpHttpReceiver
{
public:
    OtlpHttpReceiver(ReceiverOptions options, std::shared_ptr<TelemetrySink> sink,
                     std::shared_ptr<IngestCounters> counters,
                     std::shared_ptr<ClientStatistics> clients = {}); // clients: optional
    ~OtlpHttpReceiver();
    OtlpHttpReceiver(const OtlpHttpReceiver &) = delete;
    OtlpHttpReceiver &operator=(const OtlpHttpReceiver &) = delete;

    // Blocks until the socket is bound. On failure returns false and sets *error to a message
    // naming address:port; the receiver can then be started again (e.g. on another port).
    bool start(QString *error = nullptr);
    // Closes the listening socket and every connection, then joins the thread. Idempotent.
    void stop();

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; } // the bound port (useful with httpPort = 0)
    ReceiverStatus status() const;

private:
    ReceiverOptions m_options;
    std::shared_ptr<TelemetrySink> m_sink;
    std::shared_ptr<IngestCounters> m_counters;
    std::shared_ptr<ClientStatistics> m_clients;
    QThread m_thread;
    // Target of the calls that must run on m_thread; affine to it for the receiver's lifetime.
    std::unique_ptr<QObject> m_threadContext;
    OtlpHttpRequestHandler *m_server = nullptr; // owned; created and deleted on m_thread
    quint16 m_port = 0;
    QString m_lastError;
};

} // namespace kansoku
