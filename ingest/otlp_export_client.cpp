#include "otlp_export_client.h"

#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/metrics/v1/metrics_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"
#include "otlp_proto_encoder.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>
#include <future>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <vector>

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

// The partial success of a serialized Export*ServiceResponse; 0 when there is none.
std::int64_t rejectedItems(TelemetrySignal signal, const std::string &answer)
{
    switch (signal) {
    case TelemetrySignal::Traces: {
        collector::trace::v1::ExportTraceServiceResponse response;
        return response.ParseFromString(answer) ? response.partial_success().rejected_spans() : 0;
    }
    case TelemetrySignal::Metrics: {
        collector::metrics::v1::ExportMetricsServiceResponse response;
        return response.ParseFromString(answer) ? response.partial_success().rejected_data_points()
                                                : 0;
    }
    case TelemetrySignal::Logs: {
        collector::logs::v1::ExportLogsServiceResponse response;
        return response.ParseFromString(answer) ? response.partial_success().rejected_log_records()
                                                : 0;
    }
    }
    return 0;
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

std::optional<QUrl> OtlpExportTarget::parseEndpoint(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return std::nullopt;
    return url;
}

std::optional<QPair<QByteArray, QByteArray>> OtlpExportTarget::parseHeader(const QString &text)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    if (equals <= 0 || text.left(equals).trimmed().isEmpty())
        return std::nullopt;
    return QPair<QByteArray, QByteArray>{text.left(equals).trimmed().toUtf8(),
                                         text.mid(equals + 1).trimmed().toUtf8()};
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
            total.retryable = outcome.retryable;
        }
        return outcome.ok;
    };
    if (!batch.resourceSpans.empty()) {
        collector::trace::v1::ExportTraceServiceRequest request;
        OtlpProtoEncoder::encode(batch.resourceSpans, request);
        if (!add(sendEncoded(TelemetrySignal::Traces, request.SerializeAsString())))
            return total;
    }
    if (!batch.resourceMetrics.empty()) {
        collector::metrics::v1::ExportMetricsServiceRequest request;
        OtlpProtoEncoder::encode(batch.resourceMetrics, request);
        if (!add(sendEncoded(TelemetrySignal::Metrics, request.SerializeAsString())))
            return total;
    }
    if (!batch.resourceLogs.empty()) {
        collector::logs::v1::ExportLogsServiceRequest request;
        OtlpProtoEncoder::encode(batch.resourceLogs, request);
        add(sendEncoded(TelemetrySignal::Logs, request.SerializeAsString()));
    }
    return total;
}

OtlpExportOutcome OtlpExportClient::sendEncoded(TelemetrySignal signal, const std::string &request)
{
    const bool grpc = m_target.protocol == OtlpExportTarget::Protocol::Grpc;
    OtlpExportOutcome outcome;
    std::chrono::milliseconds backoff{100};
    for (int attempt = 1;; ++attempt) {
        const Attempt result = grpc ? callGrpc(signal, request) : postHttp(signal, request);
        if (result.ok) {
            outcome.ok = true;
            outcome.requests = 1;
            outcome.rejectedItems = result.rejectedItems;
            return outcome;
        }
        outcome.error = result.error;
        outcome.retryable = result.retryable;
        if (!result.retryable || attempt >= m_target.maxAttempts)
            return outcome;
        QThread::msleep(static_cast<unsigned long>(backoff.count()));
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5'000));
    }
}

OtlpExportClient::Attempt OtlpExportClient::postHttp(TelemetrySignal signal,
                                                     const std::string &body)
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
        attempt.rejectedItems = rejectedItems(signal, answer.toStdString());
        return attempt;
    }
    if (status == 0) {
        attempt.error = QStringLiteral("%1: %2").arg(url.toString(QUrl::RemovePassword),
                                                     reply->errorString());
        attempt.retryable = true; // refused or reset: the receiver may be starting
        return attempt;
    }
    attempt.error
        = QStringLiteral("%1: HTTP %2").arg(url.toString(QUrl::RemovePassword)).arg(status);
    attempt.retryable = isRetryableHttpStatus(status);
    return attempt;
}

OtlpExportClient::Attempt OtlpExportClient::callGrpc(TelemetrySignal signal,
                                                     const std::string &body)
{
    static constexpr const char *methods[]
        = {"/opentelemetry.proto.collector.trace.v1.TraceService/Export",
           "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export",
           "/opentelemetry.proto.collector.logs.v1.LogsService/Export"};
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

    // The generic stub sends the serialized request as it is: what a receiver got is forwarded
    // byte for byte, and no message is parsed just to be serialized again.
    grpc::Slice slice(body);
    const grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    grpc::GenericStub stub(m_channel);
    stub.UnaryCall(&context, methods[static_cast<int>(signal)], grpc::StubOptions(), &request,
                   &response, [&done](grpc::Status status) { done.set_value(std::move(status)); });
    const grpc::Status status = done.get_future().get();

    Attempt attempt;
    if (status.ok()) {
        attempt.ok = true;
        std::vector<grpc::Slice> slices;
        std::string answer;
        if (response.Dump(&slices).ok()) {
            for (const grpc::Slice &part : slices)
                answer.append(reinterpret_cast<const char *>(part.begin()), part.size());
        }
        attempt.rejectedItems = rejectedItems(signal, answer);
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
