// Tests OtlpProtoSignalDetector's rule on serialized requests: full and minimal items of every
// type, metrics of every data type (with names shaped like ids), logs whose body looks like a
// gauge, requests without items, and garbage.
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/metrics/v1/metrics_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"
#include "otlp_proto_signal_detector.h"

#include <QFile>
#include <QTest>
#include <QtEndian>
#include <optional>

using namespace kansoku;
namespace collector = opentelemetry::proto::collector;

Q_DECLARE_METATYPE(std::optional<kansoku::TelemetrySignal>)

namespace {

const std::string traceId("0123456789abcdef", 16); // 16 bytes of text: also a valid metric name
const std::string spanId("01234567", 8);

std::string fullSpanRequest()
{
    collector::trace::v1::ExportTraceServiceRequest request;
    auto *span = request.add_resource_spans()->add_scope_spans()->add_spans();
    span->set_trace_id(traceId);
    span->set_span_id(spanId);
    span->set_name("GET /orders");
    span->set_kind(opentelemetry::proto::trace::v1::Span::SPAN_KIND_SERVER);
    span->set_start_time_unix_nano(1);
    span->set_end_time_unix_nano(2);
    auto *attribute = span->add_attributes();
    attribute->set_key("k");
    attribute->mutable_value()->set_string_value("v");
    span->add_events()->set_name("event");
    span->mutable_status()->set_code(opentelemetry::proto::trace::v1::Status::STATUS_CODE_ERROR);
    return request.SerializeAsString();
}

std::string minimalSpanRequest()
{
    collector::trace::v1::ExportTraceServiceRequest request;
    auto *span = request.add_resource_spans()->add_scope_spans()->add_spans();
    span->set_trace_id(traceId);
    span->set_span_id(spanId);
    span->set_start_time_unix_nano(5);
    return request.SerializeAsString();
}

std::string metricRequest(int dataType)
{
    collector::metrics::v1::ExportMetricsServiceRequest request;
    auto *metric = request.add_resource_metrics()->add_scope_metrics()->add_metrics();
    metric->set_name(traceId);       // shaped like a trace id
    metric->set_description(spanId); // shaped like a span id
    metric->set_unit("ms");
    switch (dataType) {
    case 0:
        metric->mutable_gauge()->add_data_points()->set_as_double(1.5);
        break;
    case 1:
        metric->mutable_sum()->add_data_points()->set_as_int(3);
        break;
    case 2:
        metric->mutable_histogram()->add_data_points()->set_count(2);
        break;
    case 3:
        metric->mutable_exponential_histogram()->add_data_points()->set_count(2);
        break;
    default:
        metric->mutable_summary()->add_data_points()->set_count(2);
        break;
    }
    return request.SerializeAsString();
}

std::string logRequest(bool withTimes)
{
    collector::logs::v1::ExportLogsServiceRequest request;
    auto *record = request.add_resource_logs()->add_scope_logs()->add_log_records();
    record->mutable_body()->set_string_value("hello"); // starts with 0x0a, like a gauge
    if (withTimes) {
        record->set_time_unix_nano(10);
        record->set_observed_time_unix_nano(11);
    }
    record->set_severity_number(opentelemetry::proto::logs::v1::SEVERITY_NUMBER_INFO);
    record->set_trace_id(traceId);
    return request.SerializeAsString();
}

std::string emptyTraceRequest()
{
    collector::trace::v1::ExportTraceServiceRequest request;
    request.add_resource_spans()->add_scope_spans();
    return request.SerializeAsString();
}

} // namespace

class TestOtlpProtoSignalDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detects_data();
    void detects();
    void detectsEveryJsSdkMessage();
};

void TestOtlpProtoSignalDetector::detects_data()
{
    using Signal = std::optional<TelemetrySignal>;
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<Signal>("expected");
    auto row = [](const char *name, const std::string &bytes, Signal expected) {
        QTest::newRow(name) << QByteArray::fromStdString(bytes) << expected;
    };
    row("full span", fullSpanRequest(), TelemetrySignal::Traces);
    row("span with ids and a start time only", minimalSpanRequest(), TelemetrySignal::Traces);
    row("gauge", metricRequest(0), TelemetrySignal::Metrics);
    row("sum", metricRequest(1), TelemetrySignal::Metrics);
    row("histogram", metricRequest(2), TelemetrySignal::Metrics);
    row("exponential histogram", metricRequest(3), TelemetrySignal::Metrics);
    row("summary", metricRequest(4), TelemetrySignal::Metrics);
    row("log with times", logRequest(true), TelemetrySignal::Logs);
    row("log with severity only", logRequest(false), TelemetrySignal::Logs);
    row("request without items", emptyTraceRequest(), std::nullopt);
    row("empty message", std::string(), std::nullopt);
    row("garbage", std::string("\x0a\xff\xff\xff\xff\x0f\x01\x02", 8), std::nullopt);
}

void TestOtlpProtoSignalDetector::detects()
{
    QFETCH(QByteArray, message);
    QFETCH(std::optional<TelemetrySignal>, expected);
    QCOMPARE(OtlpProtoSignalDetector::detect(message.toStdString()), expected);
}

void TestOtlpProtoSignalDetector::detectsEveryJsSdkMessage()
{
    // The fixture's messages are in the order of the JSON lines file's requests.
    QFile protobuf(QStringLiteral(KANSOKU_TEST_DATA_DIR "/files/js_sdk_mixed.binpb"));
    QFile json(QStringLiteral(KANSOKU_TEST_DATA_DIR "/files/js_sdk_mixed.jsonl"));
    QVERIFY(protobuf.open(QIODevice::ReadOnly) && json.open(QIODevice::ReadOnly));
    const QByteArray bytes = protobuf.readAll();
    const QList<QByteArray> lines = json.readAll().trimmed().split('\n');
    qsizetype offset = 0;
    int index = 0;
    while (offset < bytes.size()) {
        const auto length = qsizetype(qFromBigEndian<quint32>(bytes.constData() + offset));
        const std::string message = bytes.mid(offset + 4, length).toStdString();
        offset += 4 + length;
        const QByteArray &line = lines.at(index++);
        const TelemetrySignal expected
            = line.startsWith("{\"resourceSpans\"")     ? TelemetrySignal::Traces
              : line.startsWith("{\"resourceMetrics\"") ? TelemetrySignal::Metrics
                                                        : TelemetrySignal::Logs;
        QCOMPARE(OtlpProtoSignalDetector::detect(message), std::optional(expected));
    }
    QCOMPARE(index, lines.size());
}

QTEST_GUILESS_MAIN(TestOtlpProtoSignalDetector)
#include "tst_otlp_proto_signal_detector.moc"
