#include "otlp_http_receiver.h"

#include "otlp_http_request_handler.h"

#include <QMetaObject>

namespace kansoku {

OtlpHttpReceiver::OtlpHttpReceiver(ReceiverOptions options, std::shared_ptr<TelemetrySink> sink,
                                   std::shared_ptr<IngestCounters> counters,
                                   std::shared_ptr<ClientStatistics> clients)
    : m_options(std::move(options))
    , m_sink(std::move(sink))
    , m_counters(std::move(counters))
    , m_clients(std::move(clients))
    , m_threadContext(std::make_unique<QObject>())
{
    m_thread.setObjectName(QStringLiteral("OTLP/HTTP receiver"));
    m_threadContext->moveToThread(&m_thread);
}

OtlpHttpReceiver::~OtlpHttpReceiver()
{
    stop();
}

bool OtlpHttpReceiver::start(QString *error)
{
    if (m_port != 0)
        return true;
    m_thread.start();
    // The server and its QTcpServer must be created on the thread whose event loop serves them.
    QString bindError;
    OtlpHttpRequestHandler *server = nullptr;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_threadContext.get(),
        [&] {
            server = new OtlpHttpRequestHandler(m_options, m_sink, m_counters, m_clients);
            port = server->listen(&bindError);
            if (port == 0) {
                delete server;
                server = nullptr;
            }
        },
        Qt::BlockingQueuedConnection);
    if (port == 0) {
        m_thread.quit();
        m_thread.wait();
        m_lastError = bindError;
        if (error)
            *error = bindError;
        return false;
    }
    m_server = server;
    m_port = port;
    m_lastError.clear();
    return true;
}

void OtlpHttpReceiver::stop()
{
    if (m_server) {
        OtlpHttpRequestHandler *server = m_server;
        QMetaObject::invokeMethod(
            m_threadContext.get(), [server] { delete server; }, Qt::BlockingQueuedConnection);
        m_server = nullptr;
    }
    m_port = 0;
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    }
}

ReceiverStatus OtlpHttpReceiver::status() const
{
    ReceiverStatus result;
    result.protocol = "OTLP/HTTP";
    const quint16 shownPort = m_port != 0 ? m_port : m_options.httpPort;
    QString host = m_options.listenAddress.toString();
    if (m_options.listenAddress.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    result.endpoint = QString(host + QLatin1Char(':') + QString::number(shownPort)).toStdString();
    result.listening = m_port != 0;
    result.error = m_lastError.toStdString();
    return result;
}

} // namespace kansoku
