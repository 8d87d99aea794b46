#include "http_load_client.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace kansoku::bench {

HttpLoadClient::HttpLoadClient(std::string host, std::uint16_t port)
    : m_host(std::move(host))
    , m_port(port)
{}

HttpLoadClient::~HttpLoadClient()
{
    disconnect();
}

bool HttpLoadClient::connectIfNeeded()
{
    if (m_socket >= 0)
        return true;
    m_socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_port);
    ::inet_pton(AF_INET, m_host.c_str(), &address.sin_addr);
    if (::connect(m_socket, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        m_lastError = std::string("connect: ") + std::strerror(errno);
        disconnect();
        return false;
    }
    const int noDelay = 1;
    ::setsockopt(m_socket, IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
    m_buffer.clear();
    return true;
}

void HttpLoadClient::disconnect()
{
    if (m_socket >= 0)
        ::close(m_socket);
    m_socket = -1;
}

bool HttpLoadClient::writeAll(const char *data, std::size_t size)
{
    while (size > 0) {
        const ssize_t written = ::send(m_socket, data, size, MSG_NOSIGNAL);
        if (written <= 0) {
            m_lastError = std::string("send: ") + std::strerror(errno);
            return false;
        }
        data += written;
        size -= std::size_t(written);
    }
    return true;
}

int HttpLoadClient::readResponseStatus()
{
    // Read until the header block is complete, then skip Content-Length bytes of body.
    std::size_t headerEnd;
    while ((headerEnd = m_buffer.find("\r\n\r\n")) == std::string::npos) {
        char chunk[16384];
        const ssize_t received = ::recv(m_socket, chunk, sizeof chunk, 0);
        if (received <= 0)
            return -1;
        m_buffer.append(chunk, std::size_t(received));
    }
    const std::string headers = m_buffer.substr(0, headerEnd);
    const int status = std::atoi(headers.c_str() + headers.find(' ') + 1);
    std::size_t contentLength = 0;
    for (const char *name : {"Content-Length:", "content-length:"}) {
        const std::size_t at = headers.find(name);
        if (at != std::string::npos)
            contentLength = std::size_t(std::atoll(headers.c_str() + at + std::strlen(name)));
    }
    const std::size_t total = headerEnd + 4 + contentLength;
    while (m_buffer.size() < total) {
        char chunk[16384];
        const ssize_t received = ::recv(m_socket, chunk, sizeof chunk, 0);
        if (received <= 0)
            return -1;
        m_buffer.append(chunk, std::size_t(received));
    }
    m_buffer.erase(0, total);
    return status;
}

SendOutcome HttpLoadClient::send(const std::string &signalPath, const std::string &body)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!connectIfNeeded())
            return SendOutcome::Failed;
        const std::string head = "POST " + signalPath + " HTTP/1.1\r\nHost: " + m_host
                                 + "\r\nContent-Type: application/x-protobuf\r\nContent-Length: "
                                 + std::to_string(body.size()) + "\r\n\r\n";
        int status = -1;
        if (writeAll(head.data(), head.size()) && writeAll(body.data(), body.size()))
            status = readResponseStatus();
        if (status < 0) {
            // The server may close an idle keep-alive connection; reconnect once.
            disconnect();
            m_lastError = "connection closed";
            continue;
        }
        if (status == 200)
            return SendOutcome::Accepted;
        m_lastError = "HTTP " + std::to_string(status);
        if (status == 503 || status == 429)
            return SendOutcome::Refused;
        return SendOutcome::Failed;
    }
    return SendOutcome::Failed;
}

} // namespace kansoku::bench
