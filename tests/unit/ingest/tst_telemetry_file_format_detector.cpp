// Tests TelemetryFileFormatDetector: content decides, not names; JSON lines vs a multi-line
// document; Jaeger and Zipkin shapes; protobuf length plausibility; per-object OTLP/JSON signals.
#include "telemetry_file_format_detector.h"

#include <QTest>

using namespace kansoku;

Q_DECLARE_METATYPE(kansoku::TelemetryFileFormat)
Q_DECLARE_METATYPE(std::optional<kansoku::TelemetrySignal>)

namespace {

QByteArray delimited(const QByteArray &message)
{
    const auto length = quint32(message.size());
    QByteArray prefix(4, '\0');
    prefix[0] = char(length >> 24);
    prefix[1] = char(length >> 16);
    prefix[2] = char(length >> 8);
    prefix[3] = char(length);
    return prefix + message;
}

} // namespace

class TestTelemetryFileFormatDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detect_data();
    void detect();
    void otlpJsonSignal_data();
    void otlpJsonSignal();
};

void TestTelemetryFileFormatDetector::detect_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("atEnd");
    QTest::addColumn<TelemetryFileFormat>("expected");
    const QByteArray message = QByteArrayLiteral("\x0a\x03\x0a\x01\x00");
    QTest::newRow("json lines") << QByteArrayLiteral(
        "{\"resourceSpans\":[]}\n{\"resourceLogs\":[]}\n")
                                << true << TelemetryFileFormat::OtlpJsonLines;
    QTest::newRow("json lines, head ends inside the first line")
        << QByteArrayLiteral("{\"resourceMetrics\":[{\"resource\":{") << false
        << TelemetryFileFormat::OtlpJsonLines;
    QTest::newRow("pretty document")
        << QByteArrayLiteral("\xEF\xBB\xBF{\n  \"resourceLogs\": [\n  ]\n}\n") << true
        << TelemetryFileFormat::OtlpJsonDocument;
    QTest::newRow("snake case key") << QByteArrayLiteral("{\"resource_spans\":[]}") << true
                                    << TelemetryFileFormat::OtlpJsonLines;
    QTest::newRow("empty request")
        << QByteArrayLiteral("{}") << true << TelemetryFileFormat::OtlpJsonLines;
    QTest::newRow("jaeger") << QByteArrayLiteral("{\"data\":[{\"traceID\":\"1\",\"spans\":[]}]}")
                            << true << TelemetryFileFormat::JaegerJson;
    QTest::newRow("zipkin") << QByteArrayLiteral(
        "[\n {\"traceId\":\"5b8efcf56a302b43\",\"id\":\"a1b2c3d4e5f60718\"}]")
                            << true << TelemetryFileFormat::ZipkinJson;
    QTest::newRow("zipkin, empty")
        << QByteArrayLiteral("[]") << true << TelemetryFileFormat::ZipkinJson;
    QTest::newRow("protobuf, two messages")
        << delimited(message) + delimited(message) << true << TelemetryFileFormat::OtlpProtobuf;
    QTest::newRow("protobuf, zstd message")
        << delimited(QByteArrayLiteral("\x28\xb5\x2f\xfd\x00\x00")) << true
        << TelemetryFileFormat::OtlpProtobuf;
    QTest::newRow("protobuf, first message longer than the head")
        << QByteArrayLiteral("\x00\x01\x00\x00\x0a\x05") << false
        << TelemetryFileFormat::OtlpProtobuf;
    QTest::newRow("protobuf length beyond the file")
        << QByteArrayLiteral("\x00\x01\x00\x00\x0a\x05") << true << TelemetryFileFormat::Unknown;
    QTest::newRow("protobuf, wrong first tag")
        << delimited(QByteArrayLiteral("\x12\x00")) << true << TelemetryFileFormat::Unknown;
    QTest::newRow("protobuf, bad second length")
        << delimited(message) + QByteArrayLiteral("\xff\xff\xff\xff\x0a") << true
        << TelemetryFileFormat::Unknown;
    QTest::newRow("other json") << QByteArrayLiteral("{\"name\":\"x\"}") << true
                                << TelemetryFileFormat::Unknown;
    QTest::newRow("numbers array")
        << QByteArrayLiteral("[1,2]") << true << TelemetryFileFormat::Unknown;
    QTest::newRow("text") << QByteArrayLiteral("hello") << true << TelemetryFileFormat::Unknown;
}

void TestTelemetryFileFormatDetector::detect()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, atEnd);
    QFETCH(TelemetryFileFormat, expected);
    QCOMPARE(TelemetryFileFormatDetector::detect(head.toStdString(), atEnd), expected);
}

void TestTelemetryFileFormatDetector::otlpJsonSignal_data()
{
    QTest::addColumn<QByteArray>("object");
    QTest::addColumn<std::optional<TelemetrySignal>>("expected");
    QTest::newRow("traces") << QByteArrayLiteral("{\"resourceSpans\":[]}")
                            << std::optional(TelemetrySignal::Traces);
    QTest::newRow("metrics after another key")
        << QByteArrayLiteral("{\"x\":{\"resourceLogs\":1},\"resourceMetrics\":[]}")
        << std::optional(TelemetrySignal::Metrics);
    QTest::newRow("logs, snake case")
        << QByteArrayLiteral(" { \"resource_logs\" : [] }") << std::optional(TelemetrySignal::Logs);
    QTest::newRow("key text inside a value")
        << QByteArrayLiteral("{\"note\":\"\\\"resourceSpans\\\"\"}")
        << std::optional<TelemetrySignal>();
    QTest::newRow("empty") << QByteArrayLiteral("{}") << std::optional<TelemetrySignal>();
}

void TestTelemetryFileFormatDetector::otlpJsonSignal()
{
    QFETCH(QByteArray, object);
    QFETCH(std::optional<TelemetrySignal>, expected);
    QCOMPARE(TelemetryFileFormatDetector::otlpJsonSignal(object.toStdString()), expected);
}

QTEST_GUILESS_MAIN(TestTelemetryFileFormatDetector)
#include "tst_telemetry_file_format_detector.moc"
