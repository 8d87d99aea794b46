#include "http_limited_tcp_server.h"

#include <QTcpSocket>
#include <QVariant>

namespace kansoku {

namespace {

constexpr char bufferedBytesProperty[] = "kansokuBufferedRequestBytes";

} // namespace

HttpLimitedTcpServer::HttpLimitedTcpServer(std::int64_t maxBufferedBytes, QObject *parent)
    : QTcpServer(parent)
    , m_maxBufferedBytes(maxBufferedBytes)
{}

void HttpLimitedTcpServer::markRequestHandled(QTcpSocket *socket)
{
    socket->setProperty(bufferedBytesProperty, QVariant::fromValue<qint64>(0));
}

void HttpLimitedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // Connected before the HTTP server connects its parser, so this runs first on every read and
    // sees the new bytes before the parser consumes them.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { countArrivedBytes(socket); });
    addPendingConnection(socket);
}

void HttpLimitedTcpServer::countArrivedBytes(QTcpSocket *socket)
{
    const qint64 buffered
        = socket->property(bufferedBytesProperty).toLongLong() + socket->bytesAvailable();
    socket->setProperty(bufferedBytesProperty, QVariant::fromValue<qint64>(buffered));
    if (buffered <= m_maxBufferedBytes)
        return;
    static const QByteArray response = "HTTP/1.1 413 Payload Too Large\r\n"
                                       "Content-Type: text/plain\r\n"
                                       "Content-Length: 25\r\n"
                                       "Connection: close\r\n\r\n"
                                       "request body is too large";
    socket->write(response);
    socket->flush();
    socket->abort();
}

} // namespace kansoku
