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
    const qint64 bufferedBefore = socket->property(bufferedBytesProperty).toLongLong();
    if (bufferedBefore == 0)
        answerExpectContinue(socket);
    const qint64 buffered = bufferedBefore + socket->bytesAvailable();
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

void HttpLimitedTcpServer::answerExpectContinue(QTcpSocket *socket)
{
    // Only the start of a request is inspected, and only when its whole header block arrived in
    // one read (the normal case): the parser consumes earlier reads. A client we miss merely
    // waits for its own timeout (1 s for curl) before it sends the body anyway.
    constexpr qint64 maxHeaderBytes = 16 * 1024;
    const QByteArray start = socket->peek(maxHeaderBytes);
    const qsizetype headerEnd = start.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QByteArray head = start.left(headerEnd).toLower();
    if (!head.startsWith("post ") || !head.contains("\r\nexpect: 100-continue"))
        return;
    // Nothing of the body may be here yet; otherwise the client is not waiting for us.
    if (start.size() > headerEnd + 4)
        return;
    socket->write("HTTP/1.1 100 Continue\r\n\r\n");
}

} // namespace kansoku
