#include "otlp_response_encoder.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/metrics/v1/metrics_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"

#include <google/protobuf/util/json_util.h>

namespace kansoku {

namespace {

std::string serialize(const google::protobuf::Message &message, OtlpEncoding encoding)
{
    std::string out;
    if (encoding == OtlpEncoding::Protobuf) {
        message.SerializeToString(&out);
    } else {
        // Default options give the OTLP/JSON form: lowerCamelCase names, int64 as strings, and
        // fields at their default value left out ({} for an empty message).
        const auto status = google::protobuf::util::MessageToJsonString(message, &out);
        if (!status.ok())
            out = "{}";
    }
    return out;
}

template<typename Response>
std::string exportResponseAs(OtlpEncoding encoding, std::int64_t rejectedItems,
                             const std::string &message, auto setRejected)
{
    Response response;
    if (rejectedItems > 0 || !message.empty()) {
        auto *partial = response.mutable_partial_success();
        setRejected(*partial, rejectedItems);
        partial->set_error_message(message);
    }
    return serialize(response, encoding);
}

} // namespace

std::string OtlpResponseEncoder::exportResponse(TelemetrySignal signal, OtlpEncoding encoding,
                                                std::int64_t rejectedItems,
                                                const std::string &message)
{
    namespace collector = opentelemetry::proto::collector;
    switch (signal) {
    case TelemetrySignal::Traces:
        return exportResponseAs<collector::trace::v1::ExportTraceServiceResponse>(
            encoding, rejectedItems, message,
            [](auto &partial, std::int64_t n) { partial.set_rejected_spans(n); });
    case TelemetrySignal::Metrics:
        return exportResponseAs<collector::metrics::v1::ExportMetricsServiceResponse>(
            encoding, rejectedItems, message,
            [](auto &partial, std::int64_t n) { partial.set_rejected_data_points(n); });
    case TelemetrySignal::Logs:
        return exportResponseAs<collector::logs::v1::ExportLogsServiceResponse>(
            encoding, rejectedItems, message,
            [](auto &partial, std::int64_t n) { partial.set_rejected_log_records(n); });
    }
    return {};
}

std::string OtlpResponseEncoder::status(OtlpEncoding encoding, int grpcCode,
                                        const std::string &message,
                                        std::optional<std::int64_t> retryDelayMs)
{
    google::rpc::Status status;
    status.set_code(grpcCode);
    status.set_message(message);
    if (retryDelayMs) {
        google::rpc::RetryInfo retryInfo;
        const std::int64_t delayMs = std::max<std::int64_t>(*retryDelayMs, 0);
        retryInfo.mutable_retry_delay()->set_seconds(delayMs / 1000);
        retryInfo.mutable_retry_delay()->set_nanos(static_cast<std::int32_t>(delayMs % 1000)
                                                   * 1000000);
        status.add_details()->PackFrom(retryInfo);
    }
    return serialize(status, encoding);
}

} // namespace kansoku
