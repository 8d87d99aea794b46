#include "mcp_server.h"

#include "telemetry_tool_catalog.h"
#include "telemetry_tools.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kansoku {

namespace {

enum ErrorCode {
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
};

QByteArray line(const QJsonObject &message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

QByteArray errorReply(const QJsonValue &id, int code, const QString &message)
{
    return line({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                 {QStringLiteral("id"), id},
                 {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                       {QStringLiteral("message"), message}}}});
}

QByteArray resultReply(const QJsonValue &id, const QJsonObject &result)
{
    return line({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                 {QStringLiteral("id"), id},
                 {QStringLiteral("result"), result}});
}

QJsonObject textContent(const QString &text)
{
    return {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}};
}

} // namespace

QStringList McpServer::supportedProtocolVersions()
{
    return {QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18"),
            QStringLiteral("2025-03-26"), QStringLiteral("2024-11-05")};
}

QByteArray McpServer::handleMessage(const QByteArray &text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return errorReply(QJsonValue::Null, ParseError,
                          QStringLiteral("Parse error: %1 at offset %2")
                              .arg(parseError.errorString())
                              .arg(parseError.offset));
    if (!document.isObject())
        return errorReply(QJsonValue::Null, InvalidRequest,
                          QStringLiteral("Invalid Request: a message is one JSON object"));
    const QJsonObject message = document.object();
    const QJsonValue id = message.value(QLatin1String("id"));
    const bool hasId = message.contains(QLatin1String("id"));
    const QJsonValue method = message.value(QLatin1String("method"));
    if (message.value(QLatin1String("jsonrpc")).toString() != QLatin1String("2.0"))
        return errorReply(hasId ? id : QJsonValue::Null, InvalidRequest,
                          QStringLiteral("Invalid Request: \"jsonrpc\" must be \"2.0\""));
    if (!message.contains(QLatin1String("method"))) {
        // A response to a request of ours: we send none, so there is nothing to match it with.
        if (message.contains(QLatin1String("result")) || message.contains(QLatin1String("error")))
            return {};
        return errorReply(hasId ? id : QJsonValue::Null, InvalidRequest,
                          QStringLiteral("Invalid Request: no \"method\""));
    }
    if (!method.isString())
        return errorReply(hasId ? id : QJsonValue::Null, InvalidRequest,
                          QStringLiteral("Invalid Request: \"method\" must be a string"));
    // Notifications (initialized, cancelled, ...) take no reply; none changes what we do.
    if (!hasId)
        return {};
    if (!id.isString() && !id.isDouble())
        return errorReply(QJsonValue::Null, InvalidRequest,
                          QStringLiteral("Invalid Request: \"id\" must be a string or a number"));
    const QJsonValue params = message.value(QLatin1String("params"));
    if (!params.isUndefined() && !params.isObject())
        return errorReply(id, InvalidParams, QStringLiteral("Invalid params: must be an object"));
    const QString name = method.toString();
    const QJsonObject paramsObject = params.toObject();

    if (name == QLatin1String("initialize")) {
        if (!paramsObject.value(QLatin1String("protocolVersion")).isString())
            return errorReply(id, InvalidParams,
                              QStringLiteral("Invalid params: initialize needs protocolVersion"));
        return resultReply(id, initialize(paramsObject));
    }
    if (name == QLatin1String("ping"))
        return resultReply(id, {});
    if (name == QLatin1String("tools/list") || name == QLatin1String("tools/call")) {
        if (!isInitialized())
            return errorReply(id, InvalidRequest,
                              QStringLiteral("Invalid Request: send initialize first"));
        if (name == QLatin1String("tools/list"))
            return resultReply(id, {{QStringLiteral("tools"), TelemetryToolCatalog::tools()}});
        QJsonObject error;
        const QJsonObject result = callTool(paramsObject, &error);
        if (!error.isEmpty())
            return errorReply(id, error.value(QLatin1String("code")).toInt(),
                              error.value(QLatin1String("message")).toString());
        return resultReply(id, result);
    }
    return errorReply(id, MethodNotFound, QStringLiteral("Method not found: %1").arg(name));
}

QJsonObject McpServer::initialize(const QJsonObject &params)
{
    const QString requested = params.value(QLatin1String("protocolVersion")).toString();
    const QStringList supported = supportedProtocolVersions();
    m_protocolVersion = supported.contains(requested) ? requested : supported.constFirst();
    return {{QStringLiteral("protocolVersion"), m_protocolVersion},
            {QStringLiteral("capabilities"),
             QJsonObject{
                 {QStringLiteral("tools"), QJsonObject{{QStringLiteral("listChanged"), false}}}}},
            {QStringLiteral("serverInfo"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("kansoku")},
                         {QStringLiteral("title"), QStringLiteral("Kansoku")},
                         {QStringLiteral("version"), QStringLiteral(KANSOKU_VERSION)}}},
            {QStringLiteral("instructions"),
             QStringLiteral("Read-only access to one Kansoku session of OpenTelemetry traces, logs "
                            "and metrics. Start with list_services; search_traces and get_trace to "
                            "look into requests; list_findings for performance problems.")}};
}

QJsonObject McpServer::callTool(const QJsonObject &params, QJsonObject *error) const
{
    const QString name = params.value(QLatin1String("name")).toString();
    const QJsonValue arguments = params.value(QLatin1String("arguments"));
    const auto invalid = [error](const QString &message) {
        *error = {{QStringLiteral("code"), InvalidParams}, {QStringLiteral("message"), message}};
        return QJsonObject();
    };
    if (!params.value(QLatin1String("name")).isString())
        return invalid(QStringLiteral("Invalid params: tools/call needs a tool name"));
    if (!TelemetryTools::hasTool(name))
        return invalid(QStringLiteral("Unknown tool: %1").arg(name));
    if (!arguments.isUndefined() && !arguments.isNull() && !arguments.isObject())
        return invalid(QStringLiteral("Invalid params: arguments must be an object"));
    const ToolOutcome outcome = m_tools.call(name, arguments.toObject());
    if (outcome.failed())
        return {{QStringLiteral("content"), QJsonArray{textContent(outcome.error)}},
                {QStringLiteral("isError"), true}};
    const QString text
        = QString::fromUtf8(QJsonDocument(outcome.result).toJson(QJsonDocument::Compact));
    return {{QStringLiteral("content"), QJsonArray{textContent(text)}},
            {QStringLiteral("structuredContent"), outcome.result},
            {QStringLiteral("isError"), false}};
}

} // namespace kansoku
