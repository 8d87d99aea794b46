#include "otlp_http_request_handler.h"

#include "bearer_token_check.h"
#include "http_body_decompressor.h"
#include "http_cors_policy.h"
#include "http_limited_tcp_server.h"
#include "otlp_response_encoder.h"
#include "receiver_export_handler.h"

#include <QHttpServerRequest>
#include <QTcpSocket>

namespace kansoku {

namespace {

// Headers and chunk framing on top of the body limit before a connection is cut off unanswered.
constexpr std::int64_t wireOverheadBytes = 1024 * 1024;

constexpr int grpcInvalidArgument = 3;
constexpr int grpcResourceExhausted = 8;
constexpr int grpcUnavailable = 14;
constexpr int grpcUnauthenticated = 16;

std::optional<TelemetrySignal> signalForPath(const QString &path)
{
    if (path == QLatin1String("/v1/traces"))
        return TelemetrySignal::Traces;
    if (path == QLatin1String("/v1/metrics"))
        return TelemetrySignal::Metrics;
    if (path == QLatin1String("/v1/logs"))
        return TelemetrySignal::Logs;
    return std::nullopt;
}

// "application/json; charset=utf-8" -> Json; nullopt for anything else.
std::optional<OtlpEncoding> encodingForContentType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray mediaType
        = (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    if (mediaType == "application/x-protobuf")
        return OtlpEncoding::Protobuf;
    if (mediaType == "application/json")
        return OtlpEncoding::Json;
    return std::nullopt;
}

QByteArray contentTypeFor(OtlpEncoding encoding)
{
    return encoding == OtlpEncoding::Json ? QByteArrayLiteral("application/json")
                                          : QByteArrayLiteral("application/x-protobuf");
}

QByteArray toBytes(const std::string &text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

bool wantsClose(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("Connection")).trimmed().toLower() == "close";
}

} // namespace

OtlpHttpRequestHandler::OtlpHttpRequestHandler(const ReceiverOptions &options,
                                               std::shared_ptr<TelemetrySink> sink,
                                               std::shared_ptr<IngestCounters> counters,
                                               std::shared_ptr<ClientStatistics> clients,
                                               QObject *parent)
    : QAbstractHttpServer(parent)
    , m_options(options)
    , m_sink(std::move(sink))
    , m_counters(std::move(counters))
    , m_clients(std::move(clients))
{}

quint16 OtlpHttpRequestHandler::listen(QString *error)
{
    auto *tcpServer = new HttpLimitedTcpServer(m_options.maxRequestBytes + wireOverheadBytes, this);
    if (!tcpServer->listen(m_options.listenAddress, m_options.httpPort)) {
        if (error) {
            QString host = m_options.listenAddress.toString();
            if (m_options.listenAddress.protocol() == QAbstractSocket::IPv6Protocol)
                host = QLatin1Char('[') + host + QLatin1Char(']');
            *error = QStringLiteral("OTLP/HTTP cannot listen on %1:%2: %3")
                         .arg(host)
                         .arg(m_options.httpPort)
                         .arg(tcpServer->errorString());
        }
        delete tcpServer;
        return 0;
    }
    bind(tcpServer);
    return tcpServer->serverPort();
}

bool OtlpHttpRequestHandler::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpLimitedTcpServer::markRequestHandled(socket);
    const QByteArray origin = request.value(QByteArrayLiteral("Origin"));
    const std::optional<TelemetrySignal> signal = signalForPath(request.url().path());
    if (!signal)
        return false;

    if (request.method() == QHttpServerRequest::Method::Options) {
        const HeaderList cors = HttpCorsPolicy::preflightHeaders(
            origin, request.value(QByteArrayLiteral("Access-Control-Request-Headers")));
        send(request, socket, StatusCode::NoContent, cors, {});
        return true;
    }

    const HeaderList cors = HttpCorsPolicy::responseHeaders(origin);
    // Before the body is decompressed or decoded. The preflight above stays open: browsers never
    // send credentials on OPTIONS.
    const QByteArray authorization = request.value(QByteArrayLiteral("Authorization"));
    const BearerTokenCheck::Verdict verdict = BearerTokenCheck::check(
        m_options.bearerToken,
        std::string_view(authorization.constData(), std::size_t(authorization.size())));
    if (verdict != BearerTokenCheck::Verdict::Authorized) {
        m_counters->addUnauthorized(*signal, IngestTransport::Http);
        recordRejection(request, socket, BearerTokenCheck::message(verdict));
        HeaderList headers = cors;
        // RFC 6750 section 3: name the scheme; say "invalid_token" when one was sent.
        headers.emplaceBack("WWW-Authenticate",
                            verdict == BearerTokenCheck::Verdict::Wrong
                                ? QByteArrayLiteral("Bearer error=\"invalid_token\"")
                                : QByteArrayLiteral("Bearer"));
        sendStatus(request, socket, StatusCode::Unauthorized,
                   encodingForContentType(request.value(QByteArrayLiteral("Content-Type"))),
                   grpcUnauthenticated, BearerTokenCheck::message(verdict), headers);
        return true;
    }
    if (request.method() != QHttpServerRequest::Method::Post) {
        HeaderList headers = cors;
        headers.emplaceBack("Allow", "POST, OPTIONS");
        headers.emplaceBack("Content-Type", "text/plain; charset=utf-8");
        send(request, socket, StatusCode::MethodNotAllowed, headers,
             QByteArrayLiteral("method not allowed; use POST"));
        return true;
    }
    handleExport(request, socket, *signal, cors);
    return true;
}

void OtlpHttpRequestHandler::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    send(request, socket, StatusCode::NotFound, {{"Content-Type", "text/plain; charset=utf-8"}},
         QByteArrayLiteral("unknown path; OTLP/HTTP accepts /v1/traces, /v1/metrics and /v1/logs"));
}

void OtlpHttpRequestHandler::handleExport(const QHttpServerRequest &request, QTcpSocket *socket,
                                          TelemetrySignal signal, const HeaderList &corsHeaders)
{
    const QByteArray contentType = request.value(QByteArrayLiteral("Content-Type"));
    const std::optional<OtlpEncoding> encoding = encodingForContentType(contentType);
    if (!encoding) {
        HeaderList headers = corsHeaders;
        headers.emplaceBack("Content-Type", "text/plain; charset=utf-8");
        const QByteArray problem = contentType.isEmpty()
                                       ? QByteArrayLiteral("missing Content-Type")
                                       : "unsupported Content-Type '" + contentType + '\'';
        recordRejection(request, socket, problem.toStdString());
        send(request, socket, StatusCode::UnsupportedMediaType, headers,
             problem + "; accepted: application/x-protobuf, application/json");
        return;
    }

    const QByteArray body = request.body();
    if (body.size() > m_options.maxRequestBytes) {
        const std::string problem = "request body of " + std::to_string(body.size())
                                    + " bytes exceeds the limit of "
                                    + std::to_string(m_options.maxRequestBytes) + " bytes";
        recordRejection(request, socket, problem);
        sendStatus(request, socket, StatusCode::PayloadTooLarge, encoding, grpcResourceExhausted,
                   problem, corsHeaders);
        return;
    }

    const QByteArray contentEncoding = request.value(QByteArrayLiteral("Content-Encoding"));
    const HttpBodyDecompressor::Result decompressed
        = HttpBodyDecompressor::decompress(contentEncoding, body, m_options.maxRequestBytes);
    switch (decompressed.outcome) {
    case HttpBodyDecompressor::Outcome::Ok:
        break;
    case HttpBodyDecompressor::Outcome::UnsupportedEncoding:
        recordRejection(request, socket, decompressed.errorMessage);
        sendStatus(request, socket, StatusCode::UnsupportedMediaType, encoding, grpcInvalidArgument,
                   decompressed.errorMessage, corsHeaders);
        return;
    case HttpBodyDecompressor::Outcome::Malformed:
        m_counters->addMalformed(signal, IngestTransport::Http);
        recordRejection(request, socket, decompressed.errorMessage);
        sendStatus(request, socket, StatusCode::BadRequest, encoding, grpcInvalidArgument,
                   decompressed.errorMessage, corsHeaders);
        return;
    case HttpBodyDecompressor::Outcome::TooLarge:
        recordRejection(request, socket, decompressed.errorMessage);
        sendStatus(request, socket, StatusCode::PayloadTooLarge, encoding, grpcResourceExhausted,
                   decompressed.errorMessage, corsHeaders);
        return;
    }

    const ReceiverExportHandler::Result result = ReceiverExportHandler::handle(
        signal, IngestTransport::Http, *encoding,
        std::string_view(decompressed.body.constData(),
                         static_cast<std::size_t>(decompressed.body.size())),
        *m_sink, *m_counters, std::chrono::milliseconds(m_options.queuePatienceMs), m_clients.get(),
        m_clients ? clientRequest(request, socket) : ClientRequest(), m_options.control.get());
    switch (result.outcome) {
    case ReceiverExportHandler::Outcome::Accepted: {
        HeaderList headers = corsHeaders;
        headers.emplaceBack("Content-Type", contentTypeFor(*encoding));
        const std::string response = OtlpResponseEncoder::exportResponse(
            signal, *encoding, result.rejectedItems, result.message);
        send(request, socket, StatusCode::Ok, headers, toBytes(response));
        return;
    }
    case ReceiverExportHandler::Outcome::Malformed:
        sendStatus(request, socket, StatusCode::BadRequest, encoding, grpcInvalidArgument,
                   result.message, corsHeaders);
        return;
    case ReceiverExportHandler::Outcome::Refused:
    case ReceiverExportHandler::Outcome::Paused: {
        HeaderList headers = corsHeaders;
        headers.emplaceBack("Retry-After", QByteArray::number(m_options.retryAfterSeconds));
        sendStatus(request, socket, StatusCode::ServiceUnavailable, encoding, grpcUnavailable,
                   result.message, headers);
        return;
    }
    }
}

ClientRequest OtlpHttpRequestHandler::clientRequest(const QHttpServerRequest &request,
                                                    QTcpSocket *socket)
{
    ClientRequest client;
    QHostAddress peer = socket->peerAddress();
    bool isIpv4 = false;
    const quint32 ipv4 = peer.toIPv4Address(&isIpv4); // a dual-stack socket maps IPv4 into IPv6
    if (isIpv4)
        peer = QHostAddress(ipv4);
    client.peerHost = peer.toString().toStdString();
    client.transport = IngestTransport::Http;
    const std::optional<OtlpEncoding> encoding
        = encodingForContentType(request.value(QByteArrayLiteral("Content-Type")));
    if (encoding)
        client.encoding = ReceiverExportHandler::encodingName(*encoding);
    const QByteArray compression
        = request.value(QByteArrayLiteral("Content-Encoding")).trimmed().toLower();
    client.compression = compression.isEmpty() || compression == "identity"
                             ? std::string("none")
                             : compression.toStdString();
    return client;
}

void OtlpHttpRequestHandler::recordRejection(const QHttpServerRequest &request, QTcpSocket *socket,
                                             std::string reason)
{
    if (!m_clients)
        return;
    ClientRequest client = clientRequest(request, socket);
    client.rejected = true;
    client.reason = std::move(reason);
    m_clients->record(client);
}

void OtlpHttpRequestHandler::sendStatus(const QHttpServerRequest &request, QTcpSocket *socket,
                                        StatusCode status, std::optional<OtlpEncoding> encoding,
                                        int grpcCode, const std::string &message,
                                        HeaderList headers)
{
    const OtlpEncoding bodyEncoding = encoding.value_or(OtlpEncoding::Protobuf);
    std::optional<std::int64_t> retryDelayMs;
    if (grpcCode == grpcUnavailable)
        retryDelayMs = std::int64_t(m_options.retryAfterSeconds) * 1000;
    headers.emplaceBack("Content-Type", contentTypeFor(bodyEncoding));
    send(request, socket, status, headers,
         toBytes(OtlpResponseEncoder::status(bodyEncoding, grpcCode, message, retryDelayMs)));
}

void OtlpHttpRequestHandler::send(const QHttpServerRequest &request, QTcpSocket *socket,
                                  StatusCode status, const HeaderList &headers,
                                  const QByteArray &body)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    const bool close = wantsClose(request);
    responder.writeStatusLine(status);
    for (const auto &[name, value] : headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    if (close)
        responder.writeHeader("Connection", "close");
    responder.writeBody(body);
    if (close)
        socket->disconnectFromHost();
}

} // namespace kansoku
