// kansoku_decode_bench: how fast OtlpDecoder turns one export request body into a TelemetryBatch,
// in memory on one thread, for each signal and encoding: 4,000 spans (span fields decoded, and
// encoded as receivers and the importer ask for them), 4,000 metric data points and 4,000 log
// records. Prints MB/s of body and items/s. Figures, not asserts.
#include "bench_request_factory.h"
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/metrics/v1/metrics_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"
#include "otlp_decoder.h"
#include "otlp_json_text.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>

using namespace kansoku;
namespace otlp = opentelemetry::proto;

namespace {

constexpr int itemsPerRequest = 4000;

void setString(otlp::common::v1::KeyValue *attribute, const char *key, const char *value)
{
    attribute->set_key(key);
    attribute->mutable_value()->set_string_value(value);
}

void setInt(otlp::common::v1::KeyValue *attribute, const char *key, std::int64_t value)
{
    attribute->set_key(key);
    attribute->mutable_value()->set_int_value(value);
}

// One scope of server spans with five attributes each; the same ids throughout, as the decoder's
// work does not depend on their values.
otlp::collector::trace::v1::ExportTraceServiceRequest traceRequest()
{
    const std::string traceId("\x5b\x8e\xfc\xf5\x6a\x30\x2b\x43\x00\x91\x2e\x11\xd7\x8a\x4e\x01",
                              16);
    const std::string spanId("\xa1\xb2\xc3\xd4\xe5\xf6\x07\x18", 8);
    const std::string parentSpanId("\x0b\x1c\x2d\x3e\x4f\x50\x61\x72", 8);
    otlp::collector::trace::v1::ExportTraceServiceRequest request;
    auto *scope = request.add_resource_spans()->add_scope_spans();
    for (int i = 0; i < itemsPerRequest; ++i) {
        auto *span = scope->add_spans();
        span->set_trace_id(traceId);
        span->set_span_id(spanId);
        span->set_parent_span_id(parentSpanId);
        span->set_name("GET /api/v1/orders/{id}");
        span->set_kind(otlp::trace::v1::Span::SPAN_KIND_SERVER);
        span->set_start_time_unix_nano(1700000000000000000ULL + std::uint64_t(i));
        span->set_end_time_unix_nano(1700000000000500000ULL + std::uint64_t(i));
        setString(span->add_attributes(), "http.request.method", "GET");
        setString(span->add_attributes(), "url.full", "https://shop.example.com/api/v1/orders/42");
        setString(span->add_attributes(), "user_agent.original", "Mozilla/5.0 (X11; Linux x86_64)");
        setInt(span->add_attributes(), "http.response.status_code", 200);
        setInt(span->add_attributes(), "server.port", 8443);
    }
    return request;
}

// 100 metrics of 40 points with three attributes each: half monotonic sums, half histograms of
// ten bounds, as an HTTP server's instrumentation exports them.
otlp::collector::metrics::v1::ExportMetricsServiceRequest metricRequest()
{
    constexpr int pointsPerMetric = 40;
    otlp::collector::metrics::v1::ExportMetricsServiceRequest request;
    auto *scope = request.add_resource_metrics()->add_scope_metrics();
    for (int m = 0; m < itemsPerRequest / pointsPerMetric; ++m) {
        auto *metric = scope->add_metrics();
        const bool histogram = m % 2 == 1;
        metric->set_name((histogram ? "http.server.request.duration." : "http.server.requests.")
                         + std::to_string(m));
        metric->set_unit(histogram ? "s" : "{request}");
        const auto cumulative = otlp::metrics::v1::AGGREGATION_TEMPORALITY_CUMULATIVE;
        if (histogram) {
            metric->mutable_histogram()->set_aggregation_temporality(cumulative);
        } else {
            metric->mutable_sum()->set_aggregation_temporality(cumulative);
            metric->mutable_sum()->set_is_monotonic(true);
        }
        for (int p = 0; p < pointsPerMetric; ++p) {
            const std::uint64_t startNs = 1700000000000000000ULL;
            const std::uint64_t timeNs = startNs + std::uint64_t(p) * 10'000'000'000ULL;
            const auto fillAttributes = [&](auto *point) {
                setString(point->add_attributes(), "http.request.method", "GET");
                setString(point->add_attributes(), "http.route", "/api/v1/orders/{id}");
                setInt(point->add_attributes(), "http.response.status_code", 200 + p % 3);
                point->set_start_time_unix_nano(startNs);
                point->set_time_unix_nano(timeNs);
            };
            if (histogram) {
                auto *point = metric->mutable_histogram()->add_data_points();
                fillAttributes(point);
                point->set_count(std::uint64_t(100 + p));
                point->set_sum(0.25 * (100 + p));
                for (int bound = 0; bound < 10; ++bound) {
                    point->add_explicit_bounds(0.005 * (1 << bound));
                    point->add_bucket_counts(std::uint64_t(bound + p));
                }
                point->add_bucket_counts(1);
            } else {
                auto *point = metric->mutable_sum()->add_data_points();
                fillAttributes(point);
                point->set_as_int(1000 + p);
            }
        }
    }
    return request;
}

otlp::collector::logs::v1::ExportLogsServiceRequest logRequest()
{
    otlp::collector::logs::v1::ExportLogsServiceRequest request;
    request.ParseFromString(
        bench::BenchRequestFactory(42).logRequest(itemsPerRequest).instantiate(0));
    return request;
}

struct Workload
{
    TelemetrySignal signal;
    SpanFields spanFields;
    const char *label; // what the figure is of, after the encoding
    const char *itemNoun;
    std::string json;
    std::string protobuf;
};

// Decodes body `rounds` times and prints the figures; false when a decode fails or loses items.
bool measure(const Workload &workload, OtlpEncoding encoding, int rounds)
{
    const std::string &body = encoding == OtlpEncoding::Json ? workload.json : workload.protobuf;
    QElapsedTimer timer;
    timer.start();
    for (int round = 0; round < rounds; ++round) {
        const OtlpDecodeResult result
            = OtlpDecoder::decode(workload.signal, encoding, body, workload.spanFields);
        if (!result.ok || result.batch->itemCount() != std::size_t(itemsPerRequest)) {
            std::fprintf(stderr, "%s: decode failed or incomplete: %s\n", workload.label,
                         result.errorMessage.c_str());
            return false;
        }
    }
    const double seconds = double(std::max<qint64>(timer.nsecsElapsed(), 1)) / 1e9;
    const double megabytes = double(body.size()) * rounds / 1e6;
    std::printf("%s decode, %s: %.1f MB/s, %.0f %s/s (%.2f MB per request)\n",
                encoding == OtlpEncoding::Json ? "OTLP/JSON" : "protobuf", workload.label,
                megabytes / seconds, double(itemsPerRequest) * rounds / seconds, workload.itemNoun,
                double(body.size()) / 1e6);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Benchmarks decoding OTLP requests (protobuf and OTLP/JSON) in memory."));
    parser.addHelpOption();
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
                                          QStringLiteral("Decodes per figure (default 5)."),
                                          QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption repeatOption(
        QStringLiteral("repeat"),
        QStringLiteral("Measure every figure this many times (default 1)."), QStringLiteral("n"),
        QStringLiteral("1"));
    parser.addOptions({roundsOption, repeatOption});
    parser.process(app);

    bool roundsOk = false;
    bool repeatOk = false;
    const int rounds = parser.value(roundsOption).toInt(&roundsOk);
    const int repeat = parser.value(repeatOption).toInt(&repeatOk);
    if (!roundsOk || !repeatOk || rounds < 1 || repeat < 1) {
        std::fprintf(stderr, "--rounds and --repeat: a whole number, 1 or more\n");
        return 2;
    }

    const auto traces = traceRequest();
    const auto metrics = metricRequest();
    const auto logs = logRequest();
    const std::string traceJson = bench::otlpJsonText(traces);
    const std::string traceProtobuf = traces.SerializeAsString();
    const std::vector<Workload> workloads = {
        {TelemetrySignal::Traces, SpanFields::Decoded, "span fields decoded", "spans", traceJson,
         traceProtobuf},
        {TelemetrySignal::Traces, SpanFields::Encoded, "span fields encoded", "spans", traceJson,
         traceProtobuf},
        {TelemetrySignal::Metrics, SpanFields::Decoded, "metrics", "data points",
         bench::otlpJsonText(metrics), metrics.SerializeAsString()},
        {TelemetrySignal::Logs, SpanFields::Decoded, "logs", "log records",
         bench::otlpJsonText(logs), logs.SerializeAsString()},
    };

    for (int run = 0; run < repeat; ++run) {
        if (run > 0)
            std::printf("\n");
        // JSON before protobuf, traces first: the order the trace figures always came in.
        for (const OtlpEncoding encoding : {OtlpEncoding::Json, OtlpEncoding::Protobuf}) {
            for (const Workload &workload : workloads) {
                if (!measure(workload, encoding, rounds))
                    return 1;
            }
        }
        std::fflush(stdout);
    }
    return 0;
}
