// Sends telemetry to an OTLP receiver — Kansoku's own, a Collector, any backend — as an SDK's
// exporter does: OTLP/gRPC or OTLP/HTTP with protobuf bodies, optional headers (an authorization
// token), retrying what the protocol marks retryable with backoff. Used by `kansoku scenario run`
// and replay, and by OtlpForwarder for request bodies as received (sendEncoded). send() blocks
// until the receiver answered: call it on a worker thread or a command's main thread, always the
// same one (the HTTP transport belongs to that thread).
#pragma once

#include "core/telemetry_batch.h"
#include "core/telemetry_signal.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>
#include <chrono>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace grpc {
class Channel;
}

namespace kansoku {

struct OtlpExportTarget
{
    enum class Protocol { Grpc, HttpProtobuf };

    // The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" (HTTP appends
    // /v1/traces, /v1/metrics, /v1/logs) or "http://127.0.0.1:4317" (gRPC uses host and port).
    QUrl endpoint;
    Protocol protocol = Protocol::HttpProtobuf;
    QList<QPair<QByteArray, QByteArray>> headers; // sent with every request
    std::chrono::milliseconds timeout{10'000};    // per attempt
    int maxAttempts = 5;                          // retryable failures are retried with backoff

    // "grpc" or "http/protobuf" (the OTEL_EXPORTER_OTLP_PROTOCOL values); nullopt otherwise.
    static std::optional<Protocol> parseProtocol(const QString &text);
    static QString protocolName(Protocol protocol);
    // The SDKs' default endpoint for a protocol on this machine.
    static QUrl defaultEndpoint(Protocol protocol);
    // An http:// or https:// URL with a host; nullopt otherwise.
    static std::optional<QUrl> parseEndpoint(const QString &text);
    // "NAME=VALUE" with a name (both trimmed); nullopt otherwise.
    static std::optional<QPair<QByteArray, QByteArray>> parseHeader(const QString &text);
};

struct OtlpExportOutcome
{
    bool ok = false;                // every signal's request was accepted (perhaps partially)
    QString error;                  // the last failure, when !ok
    std::int64_t rejectedItems = 0; // partial success: items the receiver refused
    int requests = 0;               // requests that were answered with success
    bool retryable = false;         // when !ok: the last failure may pass later (busy, unreachable)
};

class OtlpExportClient
{
public:
    explicit OtlpExportClient(OtlpExportTarget target);
    ~OtlpExportClient();
    OtlpExportClient(const OtlpExportClient &) = delete;
    OtlpExportClient &operator=(const OtlpExportClient &) = delete;

    // One request per signal the batch holds (traces, metrics, logs). Stops at the first signal
    // that fails after its retries.
    OtlpExportOutcome send(const TelemetryBatch &batch);

    // One request of signal whose body is a serialized Export*ServiceRequest, sent as it is (no
    // decoding, unknown fields kept), with the target's retries.
    OtlpExportOutcome sendEncoded(TelemetrySignal signal, const std::string &request);

    const OtlpExportTarget &target() const { return m_target; }

private:
    struct Attempt
    {
        bool ok = false;
        bool retryable = false;
        QString error;
        std::int64_t rejectedItems = 0;
    };

    Attempt postHttp(TelemetrySignal signal, const std::string &body);
    Attempt callGrpc(TelemetrySignal signal, const std::string &body);

    OtlpExportTarget m_target;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::shared_ptr<grpc::Channel> m_channel;
};

} // namespace kansoku
