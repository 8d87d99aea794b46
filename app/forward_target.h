// The upstream that received telemetry is forwarded to, as the user gives it: the command line
// (--forward, --forward-protocol, --forward-header) or the window's forwarding dialog. Checked in
// one place so both say the same about a bad URL, protocol or header. Stateless; any thread.
#pragma once

#include "otlp_export_client.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <optional>

namespace kansoku {

class ForwardTarget
{
public:
    enum class Field { Url, Protocol, Header };
    struct Problem
    {
        Field field = Field::Url;
        QString message; // what is wrong, without the field's name
    };

    // url: http:// or https://; protocol: "grpc" or "http/protobuf" (empty: http/protobuf);
    // headers: NAME=VALUE each. nullopt and *problem otherwise.
    static std::optional<OtlpExportTarget> parse(const QString &url, const QString &protocol,
                                                 const QStringList &headers, Problem *problem);
    // Non-empty when target is this Kansoku's own receiver (a loopback or the listen address, on
    // one of its ports): every forwarded request would come back to be forwarded again.
    static QString loopProblem(const OtlpExportTarget &target, const QHostAddress &listenAddress,
                               quint16 grpcPort, quint16 httpPort);
};

} // namespace kansoku
