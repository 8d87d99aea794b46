// Sends pre-encoded export requests as HTTP/1.1 POSTs (application/x-protobuf) over one
// keep-alive TCP connection, with plain blocking sockets to keep the generator cheap. One thread.
#pragma once

#include "load_client.h"

#include <cstdint>

namespace kansoku::bench {

class HttpLoadClient : public LoadClient
{
public:
    HttpLoadClient(std::string host, std::uint16_t port);
    ~HttpLoadClient() override;
    SendOutcome send(const std::string &signalPath, const std::string &body) override;
    std::string lastError() const override { return m_lastError; }

private:
    bool connectIfNeeded();
    void disconnect();
    bool writeAll(const char *data, std::size_t size);
    int readResponseStatus(); // -1 on a broken connection

    std::string m_host;
    std::uint16_t m_port;
    int m_socket = -1;
    std::string m_buffer;
    std::string m_lastError;
};

} // namespace kansoku::bench
