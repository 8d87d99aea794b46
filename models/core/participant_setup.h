// The lines a training room's participants copy to point their OpenTelemetry SDK at Kansoku:
// the endpoints on each of the machine's addresses and the bearer token as the SDKs read it from
// OTEL_EXPORTER_OTLP_HEADERS. Pure functions; any thread.
#pragma once

#include <QString>
#include <QStringList>

namespace kansoku {

class ParticipantSetup
{
public:
    // First the headers line (every SDK and protocol), then per host the OTLP/HTTP endpoint and
    // the OTLP/gRPC endpoint with its protocol. hosts are IP addresses in the order to show
    // (IPv6 ones are bracketed here); none gives the headers line alone. Empty token: no lines.
    static QStringList lines(const QStringList &hosts, quint16 grpcPort, quint16 httpPort,
                             const QString &token);
    // `authorization=Bearer%20<token>`: the specification makes OTEL_EXPORTER_OTLP_HEADERS a
    // W3C Baggage list, so values are percent-encoded (the space too) and the SDKs decode them.
    static QString headersValue(const QString &token);
};

} // namespace kansoku
