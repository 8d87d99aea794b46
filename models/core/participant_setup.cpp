#include "core/participant_setup.h"

#include <QUrl>

namespace kansoku {

QString ParticipantSetup::headersValue(const QString &token)
{
    return QStringLiteral("authorization=Bearer%20")
           + QString::fromLatin1(QUrl::toPercentEncoding(token));
}

QStringList ParticipantSetup::lines(const QStringList &hosts, quint16 grpcPort, quint16 httpPort,
                                    const QString &token)
{
    if (token.isEmpty())
        return {};
    QStringList result{QStringLiteral("OTEL_EXPORTER_OTLP_HEADERS=") + headersValue(token)};
    for (const QString &host : hosts) {
        const QString shownHost
            = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
        result << QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT=http://%1:%2")
                      .arg(shownHost)
                      .arg(httpPort)
               << QStringLiteral(
                      "OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_EXPORTER_OTLP_ENDPOINT=http://%1:%2")
                      .arg(shownHost)
                      .arg(grpcPort);
    }
    return result;
}

} // namespace kansoku
