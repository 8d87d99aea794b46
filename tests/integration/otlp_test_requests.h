// Export request bodies for receiver tests: protobuf built with the generated OTLP classes (with
// a chosen number of valid and invalid items, for partial success) and hand-written OTLP/JSON.
// Also small gzip/zstd helpers. Header-only; used from the test thread.
#pragma once

#include "core/telemetry_signal.h"

#include <QByteArray>
#include <opentelemetry/proto/collector/logs/v1/logs_service.pb.h>
#include <opentelemetry/proto/collector/metrics/v1/metrics_service.pb.h>
#include <opentelemetry/proto/collector/trace/v1/trace_service.pb.h>
#include <stdexcept>
#include <string>
#include <zlib.h>
#include <zstd.h>

namespace kansoku::testing {

namespace otlpcollector = opentelemetry::proto::collector;

// validItems well-formed items plus invalidItems that the decoder rejects one by one (an id of
// the wrong length, or a metric without data).
inline std::string protobufRequest(TelemetrySignal signal, int validItems, int invalidItems = 0)
{
    const std::string traceId(16, '\x5b');
    const std::string spanId(8, '\x1e');
    const std::string badTraceId(3, '\x01');
    switch (signal) {
    case TelemetrySignal::Traces: {
        otlpcollector::trace::v1::ExportTraceServiceRequest request;
        auto *resource = request.add_resource_spans();
        auto *attribute = resource->mutable_resource()->add_attributes();
        attribute->set_key("service.name");
        attribute->mutable_value()->set_string_value("checkout");
        auto *scope = resource->add_scope_spans();
        scope->mutable_scope()->set_name("receiver-test");
        for (int i = 0; i < validItems + invalidItems; ++i) {
            auto *span = scope->add_spans();
            span->set_trace_id(i < validItems ? traceId : badTraceId);
            span->set_span_id(spanId);
            span->set_name("GET /cart/" + std::to_string(i));
            span->set_start_time_unix_nano(1'700'000'000'000'000'000ULL + std::uint64_t(i));
            span->set_end_time_unix_nano(1'700'000'000'100'000'000ULL + std::uint64_t(i));
        }
        return request.SerializeAsString();
    }
    case TelemetrySignal::Metrics: {
        otlpcollector::metrics::v1::ExportMetricsServiceRequest request;
        auto *scope = request.add_resource_metrics()->add_scope_metrics();
        for (int i = 0; i < validItems; ++i) {
            auto *metric = scope->add_metrics();
            metric->set_name("requests." + std::to_string(i));
            auto *point = metric->mutable_gauge()->add_data_points();
            point->set_as_int(i);
            point->set_time_unix_nano(1'700'000'000'000'000'000ULL);
        }
        for (int i = 0; i < invalidItems; ++i)
            scope->add_metrics()->set_name("no.data." + std::to_string(i));
        return request.SerializeAsString();
    }
    case TelemetrySignal::Logs: {
        otlpcollector::logs::v1::ExportLogsServiceRequest request;
        auto *scope = request.add_resource_logs()->add_scope_logs();
        for (int i = 0; i < validItems + invalidItems; ++i) {
            auto *log = scope->add_log_records();
            log->set_time_unix_nano(1'700'000'000'000'000'000ULL + std::uint64_t(i));
            log->mutable_body()->set_string_value("hello " + std::to_string(i));
            if (i >= validItems)
                log->set_trace_id(badTraceId);
        }
        return request.SerializeAsString();
    }
    }
    return {};
}

// One item per request in OTLP/JSON (hex ids, string-encoded 64-bit integers).
inline QByteArray jsonRequest(TelemetrySignal signal)
{
    switch (signal) {
    case TelemetrySignal::Traces:
        return R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name",
            "value":{"stringValue":"checkout"}}]},"scopeSpans":[{"scope":{"name":"receiver-test"},
            "spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
            "name":"GET /cart","kind":2,"startTimeUnixNano":"1700000000000000000",
            "endTimeUnixNano":"1700000000100000000"}]}]}]})";
    case TelemetrySignal::Metrics:
        return R"({"resourceMetrics":[{"resource":{},"scopeMetrics":[{"scope":{"name":"t"},
            "metrics":[{"name":"requests","gauge":{"dataPoints":[{"asInt":"5",
            "timeUnixNano":"1700000000000000000"}]}}]}]}]})";
    case TelemetrySignal::Logs:
        return R"({"resourceLogs":[{"resource":{},"scopeLogs":[{"scope":{"name":"t"},
            "logRecords":[{"timeUnixNano":"1700000000000000000","severityNumber":9,
            "body":{"stringValue":"hello"}}]}]}]})";
    }
    return {};
}

inline QByteArray gzipCompress(const QByteArray &data)
{
    z_stream stream{};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY)
        != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int status = deflate(&stream, Z_FINISH);
    deflateEnd(&stream);
    if (status != Z_STREAM_END)
        throw std::runtime_error("deflate failed");
    out.resize(qsizetype(stream.total_out));
    return out;
}

inline QByteArray zstdCompress(const QByteArray &data)
{
    QByteArray out(qsizetype(ZSTD_compressBound(std::size_t(data.size()))), Qt::Uninitialized);
    const std::size_t size = ZSTD_compress(out.data(), std::size_t(out.size()), data.constData(),
                                           std::size_t(data.size()), 3);
    if (ZSTD_isError(size))
        throw std::runtime_error("ZSTD_compress failed");
    out.resize(qsizetype(size));
    return out;
}

inline QByteArray toQByteArray(const std::string &bytes)
{
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

} // namespace kansoku::testing
