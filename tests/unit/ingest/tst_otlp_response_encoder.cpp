// Tests OtlpResponseEncoder by parsing what it produces with the generated classes (protobuf and
// protobuf's own JSON parser) and checking every field, including the packed RetryInfo.
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/metrics/v1/metrics_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"
#include "otlp_response_encoder.h"

#include <QTest>
#include <google/protobuf/util/json_util.h>

using namespace kansoku;
namespace collector = opentelemetry::proto::collector;

Q_DECLARE_METATYPE(kansoku::TelemetrySignal)
Q_DECLARE_METATYPE(kansoku::OtlpEncoding)
Q_DECLARE_METATYPE(std::string)

namespace {

bool parse(OtlpEncoding encoding, const std::string &body, google::protobuf::Message &message)
{
    if (encoding == OtlpEncoding::Protobuf)
        return message.ParseFromString(body);
    return google::protobuf::util::JsonStringToMessage(body, &message).ok();
}

struct PartialSuccess
{
    bool present = false;
    std::int64_t rejected = 0;
    std::string message;
};

PartialSuccess parseExportResponse(TelemetrySignal signal, OtlpEncoding encoding,
                                   const std::string &body)
{
    PartialSuccess result;
    auto read = [&](auto response, auto rejected) {
        if (!parse(encoding, body, response))
            qFatal("response does not parse");
        result.present = response.has_partial_success();
        result.rejected = rejected(response.partial_success());
        result.message = response.partial_success().error_message();
    };
    switch (signal) {
    case TelemetrySignal::Traces:
        read(collector::trace::v1::ExportTraceServiceResponse(),
             [](const auto &p) { return p.rejected_spans(); });
        break;
    case TelemetrySignal::Metrics:
        read(collector::metrics::v1::ExportMetricsServiceResponse(),
             [](const auto &p) { return p.rejected_data_points(); });
        break;
    case TelemetrySignal::Logs:
        read(collector::logs::v1::ExportLogsServiceResponse(),
             [](const auto &p) { return p.rejected_log_records(); });
        break;
    }
    return result;
}

} // namespace

class TestOtlpResponseEncoder : public QObject
{
    Q_OBJECT

private slots:
    void exportResponse_data();
    void exportResponse();
    void exportResponseJsonShape();
    void status_data();
    void status();
    void statusJsonShape();
};

void TestOtlpResponseEncoder::exportResponse_data()
{
    QTest::addColumn<TelemetrySignal>("signal");
    QTest::addColumn<OtlpEncoding>("encoding");
    QTest::addColumn<std::int64_t>("rejected");
    QTest::addColumn<std::string>("message");
    QTest::addColumn<bool>("partial");
    for (TelemetrySignal signal :
         {TelemetrySignal::Traces, TelemetrySignal::Metrics, TelemetrySignal::Logs}) {
        for (OtlpEncoding encoding : {OtlpEncoding::Protobuf, OtlpEncoding::Json}) {
            const char *enc = encoding == OtlpEncoding::Protobuf ? "protobuf" : "json";
            QTest::addRow("%s/%s accepted", signalName(signal), enc)
                << signal << encoding << std::int64_t{0} << std::string() << false;
            QTest::addRow("%s/%s rejected", signalName(signal), enc)
                << signal << encoding << std::int64_t{5000000000}
                << std::string("2 spans rejected; first: x") << true;
            QTest::addRow("%s/%s warning only", signalName(signal), enc)
                << signal << encoding << std::int64_t{0} << std::string("slow down") << true;
        }
    }
}

void TestOtlpResponseEncoder::exportResponse()
{
    QFETCH(TelemetrySignal, signal);
    QFETCH(OtlpEncoding, encoding);
    QFETCH(std::int64_t, rejected);
    QFETCH(std::string, message);
    QFETCH(bool, partial);

    const std::string body
        = OtlpResponseEncoder::exportResponse(signal, encoding, rejected, message);
    const PartialSuccess parsed = parseExportResponse(signal, encoding, body);
    QCOMPARE(parsed.present, partial);
    QCOMPARE(parsed.rejected, rejected);
    QCOMPARE(parsed.message, message);
    if (!partial)
        QCOMPARE(body, encoding == OtlpEncoding::Json ? std::string("{}") : std::string());
}

void TestOtlpResponseEncoder::exportResponseJsonShape()
{
    QCOMPARE(OtlpResponseEncoder::exportResponse(TelemetrySignal::Traces, OtlpEncoding::Json, 2,
                                                 "bad ids"),
             std::string(R"({"partialSuccess":{"rejectedSpans":"2","errorMessage":"bad ids"}})"));
    QCOMPARE(
        OtlpResponseEncoder::exportResponse(TelemetrySignal::Metrics, OtlpEncoding::Json, 3, ""),
        std::string(R"({"partialSuccess":{"rejectedDataPoints":"3"}})"));
    QCOMPARE(OtlpResponseEncoder::exportResponse(TelemetrySignal::Logs, OtlpEncoding::Json, 1, "x"),
             std::string(R"({"partialSuccess":{"rejectedLogRecords":"1","errorMessage":"x"}})"));
}

void TestOtlpResponseEncoder::status_data()
{
    QTest::addColumn<OtlpEncoding>("encoding");
    QTest::addColumn<int>("code");
    QTest::addColumn<std::string>("message");
    QTest::addColumn<std::optional<std::int64_t>>("retryDelayMs");
    for (OtlpEncoding encoding : {OtlpEncoding::Protobuf, OtlpEncoding::Json}) {
        const char *enc = encoding == OtlpEncoding::Protobuf ? "protobuf" : "json";
        QTest::addRow("%s invalid argument", enc)
            << encoding << 3 << std::string("resourceSpans[0]: expected an object")
            << std::optional<std::int64_t>();
        QTest::addRow("%s unavailable with retry", enc)
            << encoding << 14 << std::string("queue full") << std::optional<std::int64_t>(1500);
        QTest::addRow("%s resource exhausted, zero delay", enc)
            << encoding << 8 << std::string("too big") << std::optional<std::int64_t>(0);
    }
}

void TestOtlpResponseEncoder::status()
{
    QFETCH(OtlpEncoding, encoding);
    QFETCH(int, code);
    QFETCH(std::string, message);
    QFETCH(std::optional<std::int64_t>, retryDelayMs);

    const std::string body = OtlpResponseEncoder::status(encoding, code, message, retryDelayMs);
    google::rpc::Status status;
    QVERIFY(parse(encoding, body, status));
    QCOMPARE(status.code(), code);
    QCOMPARE(status.message(), message);
    QCOMPARE(status.details_size(), retryDelayMs ? 1 : 0);
    if (retryDelayMs) {
        QVERIFY(status.details(0).Is<google::rpc::RetryInfo>());
        QCOMPARE(status.details(0).type_url(),
                 std::string("type.googleapis.com/google.rpc.RetryInfo"));
        google::rpc::RetryInfo retryInfo;
        QVERIFY(status.details(0).UnpackTo(&retryInfo));
        QVERIFY(retryInfo.has_retry_delay());
        QCOMPARE(retryInfo.retry_delay().seconds() * 1000
                     + retryInfo.retry_delay().nanos() / 1000000,
                 *retryDelayMs);
    }
}

void TestOtlpResponseEncoder::statusJsonShape()
{
    QCOMPARE(OtlpResponseEncoder::status(OtlpEncoding::Json, 14, "queue full", 1500),
             std::string(R"({"code":14,"message":"queue full","details":[{"@type":)"
                         R"("type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.500s"}]})"));
    QCOMPARE(OtlpResponseEncoder::status(OtlpEncoding::Json, 3, "bad"),
             std::string(R"({"code":3,"message":"bad"})"));
}

QTEST_GUILESS_MAIN(TestOtlpResponseEncoder)
#include "tst_otlp_response_encoder.moc"
