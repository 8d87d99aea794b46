#include "otlp_export_client.h"

#include "opentelemetry/proto/collector/logs/v1/logs_service.grpc.pb.h"
#include "opentelemetry/proto/collector/metrics/v1/metrics_service.grpc.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"
#include "otlp_proto_encoder.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>
#include <grpcpp/grpcpp.h>

namespace kansoku {

namespace {

namespace collector = opentelemetry::proto::collector;

// The spec's retryable gRPC codes (RESOURCE_EXHAUSTED too: Kansoku's receiver answers it while its
// queue is full, with a retry delay).
bool isRetryable(grpc::StatusCode code)
{
    switch (code) {
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::OUT_OF_RANGE:
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
        return true;
    default:
        return false;
    }
}

bool isRetryableHttpStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

std::int64_t rejectedItems(const collector::trace::v1::ExportTraceServiceResponse &response)
{
    return response.partial_success().rejected_spans();
}
std::int64_t rejectedItems(const collector::metrics::v1::ExportMetricsServiceResponse &response)
{
    return response.partial_success().rejected_data_points();
}
std::int64_t rejectedItems(const collector::logs::v1::ExportLogsServiceResponse &response)
{
    return response.partial_success().rejected_log_records();
}

} // namespace

std::optional<OtlpExportTarget::Protocol> OtlpExportTarget::parseProtocol(const QString &text)
{
    if (text == QLatin1String("grpc"))
        return Protocol::Grpc;
    if (text == QLatin1String("http/protobuf"))
        return Protocol::HttpProtobuf;
    return std::nullopt;
}

QString OtlpExportTarget::protocolName(Protocol protocol)
{
    return protocol == Protocol::Grpc ? QStringLiteral("grpc") : QStringLiteral("http/protobuf");
}

QUrl OtlpExportTarget::defaultEndpoint(Protocol protocol)
{
    return QUrl(protocol == Protocol::Grpc ? QStringLiteral("http://127.0.0.1:4317")
                                           : QStringLiteral("http://127.0.0.1:4318"));
}

OtlpExportClient::OtlpExportClient(OtlpExportTarget target)
    : m_target(std::move(target))
{}

OtlpExportClient::~OtlpExportClient() = default;

OtlpExportOutcome OtlpExportClient::send(const TelemetryBatch &batch)
{
    OtlpExportOutcome total;
    total.ok = true;
    const auto add = [&total](const OtlpExportOutcome &outcome) {
        total.requests += outcome.requests;
        total.rejectedItems += outcome.rejectedItems;
        if (!outcome.ok) {
            total.ok = false;
            total.error = outcome.error;
        }
        return outcome.ok;
    };
    if (!batch.resourceSpans.empty()) {
        collector::trace::v1::ExportTraceServiceRequest request;
        OtlpProtoEncoder::encode(batch.resourceSpans, request);
        if (!add(sendSignal(Signal::Traces, request)))
            return total;
    }
    if (!batch.resourceMetrics.empty()) {
        collector::metrics::v1::ExportMetricsServiceRequest request;
        OtlpProtoEncoder::encode(batch.resourceMetrics, request);
        if (!add(sendSignal(Signal::Metrics, request)))
            return total;
    }
    if (!batch.resourceLogs.empty()) {
        collector::logs::v1::ExportLogsServiceRequest request;
        OtlpProtoEncoder::encode(batch.resourceLogs, request);
        add(sendSignal(Signal::Logs, request));
    }
    return total;
}

OtlpExportOutcome OtlpExportClient::sendSignal(Signal signal,
                                               const google::protobuf::Message &request)
{
    const bool grpc = m_target.protocol == OtlpExportTarget::Protocol::Grpc;
    const std::string body = grpc ? std::string() : request.SerializeAsString();
    OtlpExportOutcome outcome;
    std::chrono::milliseconds backoff{100};
    for (int attempt = 1;; ++attempt) {
        const Attempt result = grpc ? callGrpc(signal, request) : postHttp(signal, body);
        if (result.ok) {
            outcome.ok = true;
            outcome.requests = 1;
            outcome.rejectedItems = result.rejectedItems;
            return outcome;
        }
        outcome.error = result.error;
        if (!result.retryable || attempt >= m_target.maxAttempts)
            return outcome;
        QThread::msleep(static_cast<unsigned long>(backoff.count()));
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5'000));
    }
}

OtlpExportClient::Attempt OtlpExportClient::postHttp(Signal signal, const std::string &body)
{
    if (!m_network)
        m_network = std::make_unique<QNetworkAccessManager>();
    static constexpr const char *paths[] = {"v1/traces", "v1/metrics", "v1/logs"};
    QUrl url = m_target.endpoint;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    url.setPath(path + QLatin1String(paths[static_cast<int>(signal)]));

    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-protobuf"));
    request.setTransferTimeout(static_cast<int>(m_target.timeout.count()));
    for (const auto &[name, value] : m_target.headers)
        request.setRawHeader(name, value);

    QNetworkReply *reply
        = m_network->post(request, QByteArray(body.data(), static_cast<qsizetype>(body.size())));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    const std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> owner(
        reply, [](QNetworkReply *r) { r->deleteLater(); });

    Attempt attempt;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    if (status == 200) {
        attempt.ok = true;
        const std::string bytes = answer.toStdString();
        if (signal == Signal::Traces) {
            collector::trace::v1::ExportTraceServiceResponse response;
            if (response.ParseFromString(bytes))
                attempt.rejectedItems = rejectedItems(response);
        } else if (signal == Signal::Metrics) {
            collector::metrics::v1::ExportMetricsServiceResponse response;
            if (response.ParseFromString(bytes))
                attempt.rejectedItems = rejectedItems(response);
        } else {
            collector::logs::v1::ExportLogsServiceResponse response;
            if (response.ParseFromString(bytes))
                attempt.rejectedItems = rejectedItems(response);
        }
        return attempt;
    }
    if (status == 0) {
        attempt.error = QStringLiteral("%1: %2").arg(url.toString(), reply->errorString());
        attempt.retryable = true; // refused or reset: the receiver may be starting
        return attempt;
    }
    attempt.error = QStringLiteral("%1: HTTP %2").arg(url.toString()).arg(status);
    attempt.retryable = isRetryableHttpStatus(status);
    return attempt;
}

OtlpExportClient::Attempt OtlpExportClient::callGrpc(Signal signal,
                                                     const google::protobuf::Message &request)
{
    const std::string target = QStringLiteral("%1:%2")
                                   .arg(m_target.endpoint.host())
                                   .arg(m_target.endpoint.port(4317))
                                   .toStdString();
    if (!m_channel) {
        m_channel
            = grpc::CreateChannel(target, m_target.endpoint.scheme() == QLatin1String("https")
                                              ? grpc::SslCredentials(grpc::SslCredentialsOptions())
                                              : grpc::InsecureChannelCredentials());
    }
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + m_target.timeout);
    for (const auto &[name, value] : m_target.headers)
        context.AddMetadata(name.toLower().toStdString(), value.toStdString());

    Attempt attempt;
    grpc::Status status;
    // request's type is the one signal names (sendSignal's contract).
    const auto call = [&](auto stub, const auto &typedRequest, auto response) {
        status = stub->Export(&context, typedRequest, &response);
        if (status.ok())
            attempt.rejectedItems = rejectedItems(response);
    };
    switch (signal) {
    case Signal::Traces:
        call(collector::trace::v1::TraceService::NewStub(m_channel),
             static_cast<const collector::trace::v1::ExportTraceServiceRequest &>(request),
             collector::trace::v1::ExportTraceServiceResponse());
        break;
    case Signal::Metrics:
        call(collector::metrics::v1::MetricsService::NewStub(m_channel),
             static_cast<const collector::metrics::v1::ExportMetricsServiceRequest &>(request),
             collector::metrics::v1::ExportMetricsServiceResponse());
        break;
    case Signal::Logs:
        call(collector::logs::v1::LogsService::NewStub(m_channel),
             static_cast<const collector::logs::v1::ExportLogsServiceRequest &>(request),
             collector::logs::v1::ExportLogsServiceResponse());
        break;
    }
    if (status.ok()) {
        attempt.ok = true;
        return attempt;
    }
    attempt.error = QStringLiteral("%1: gRPC %2: %3")
                        .arg(QString::fromStdString(target))
                        .arg(static_cast<int>(status.error_code()))
                        .arg(QString::fromStdString(status.error_message()));
    attempt.retryable = isRetryable(status.error_code());
    return attempt;
}

} // namespace kansoku
