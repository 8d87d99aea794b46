// The Model Context Protocol on top of TelemetryTools: JSON-RPC 2.0 messages, one per line (the
// MCP stdio transport), the lifecycle (initialize, version negotiation, ping) and the tools
// methods (tools/list, tools/call). Errors are the protocol's: -32700 bad JSON, -32600 not a
// request, -32601 unknown method, -32602 bad params; a tool that fails answers a result with
// isError. Transport-free, so tests drive it line by line; used on one thread (McpCommand's).
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace kansoku {

class TelemetryTools;

class McpServer
{
public:
    explicit McpServer(const TelemetryTools &tools)
        : m_tools(tools)
    {}

    // Newest first; a client asking for another version is answered with the newest.
    static QStringList supportedProtocolVersions();

    // One message (a line, without its newline) in; the reply as one line of compact JSON
    // (without a newline) out, or empty for messages that take no reply (notifications and
    // responses).
    QByteArray handleMessage(const QByteArray &line);

    bool isInitialized() const { return !m_protocolVersion.isEmpty(); }
    const QString &protocolVersion() const { return m_protocolVersion; }

private:
    QJsonObject initialize(const QJsonObject &params);
    QJsonObject callTool(const QJsonObject &params, QJsonObject *error) const;

    const TelemetryTools &m_tools;
    QString m_protocolVersion; // empty until initialize
};

} // namespace kansoku
