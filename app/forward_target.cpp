#include "forward_target.h"

#include <QRegularExpression>

namespace kansoku {

std::optional<OtlpExportTarget> ForwardTarget::parse(const QString &url, const QString &protocol,
                                                     const QStringList &headers, Problem *problem)
{
    OtlpExportTarget target;
    if (!protocol.isEmpty()) {
        const std::optional<OtlpExportTarget::Protocol> parsed
            = OtlpExportTarget::parseProtocol(protocol);
        if (!parsed) {
            *problem = {Field::Protocol,
                        QStringLiteral("\"%1\" is not grpc or http/protobuf").arg(protocol)};
            return std::nullopt;
        }
        target.protocol = *parsed;
    }
    const std::optional<QUrl> endpoint = OtlpExportTarget::parseEndpoint(url.trimmed());
    if (!endpoint) {
        *problem
            = {Field::Url, QStringLiteral("\"%1\" is not an http:// or https:// URL").arg(url)};
        return std::nullopt;
    }
    target.endpoint = *endpoint;
    for (const QString &header : headers) {
        const auto parsed = OtlpExportTarget::parseHeader(header);
        if (!parsed) {
            // Only what looks like the name ("authorization: Bearer X" shows "authorization"):
            // the rest may be a token.
            QString name = header.section(QLatin1Char('='), 0, 0);
            const qsizetype end = name.indexOf(QRegularExpression(QStringLiteral("[:\\s]")));
            if (end >= 0)
                name.truncate(end);
            *problem = {Field::Header, QStringLiteral("\"%1\" is not NAME=VALUE").arg(name)};
            return std::nullopt;
        }
        target.headers.append(*parsed);
    }
    return target;
}

QString ForwardTarget::loopProblem(const OtlpExportTarget &target,
                                   const QHostAddress &listenAddress, quint16 grpcPort,
                                   quint16 httpPort)
{
    const QString host = target.endpoint.host();
    const QHostAddress address(host);
    const bool local = host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
                       || address.isLoopback()
                       || (!address.isNull() && address.isEqual(listenAddress));
    if (!local)
        return {};
    // The port the client will use: gRPC's default, or the URL scheme's.
    const bool https = target.endpoint.scheme() == QLatin1String("https");
    const int port = target.endpoint.port(
        target.protocol == OtlpExportTarget::Protocol::Grpc ? 4317 : (https ? 443 : 80));
    if ((grpcPort != 0 && port == grpcPort) || (httpPort != 0 && port == httpPort))
        return QStringLiteral("%1 is this Kansoku's own receiver; forwarding there would send "
                              "every request around in a loop")
            .arg(target.endpoint.toString(QUrl::RemoveUserInfo));
    return {};
}

} // namespace kansoku
