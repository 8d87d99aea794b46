// A QTcpServer that sees request bytes before Qt 6.4's HTTP parser does, which buffers a whole
// request before anyone sees it: it cuts off a connection whose unanswered request grows far past
// the limit, and answers "Expect: 100-continue" (curl) at once. Lives on the HTTP receiver thread.
#pragma once

#include <QTcpServer>

class QTcpSocket;

namespace kansoku {

class HttpLimitedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    HttpLimitedTcpServer(std::int64_t maxBufferedBytes, QObject *parent = nullptr);

    // Called once a request on the socket has been answered: its bytes no longer count.
    static void markRequestHandled(QTcpSocket *socket);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void countArrivedBytes(QTcpSocket *socket);
    static void answerExpectContinue(QTcpSocket *socket);

    std::int64_t m_maxBufferedBytes;
};

} // namespace kansoku
