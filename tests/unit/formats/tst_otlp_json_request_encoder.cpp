// OtlpJsonRequestEncoder, ExportBatchBuilder and CsvWriter: the exact text of small requests for
// every signal and point type, grouping of stored items by resource and scope, RFC 4180 quoting
// and the ISO 8601 time column.
#include "core/time_format.h"
#include "formats/csv_writer.h"
#include "formats/export_batch_builder.h"
#include "formats/otlp_json_request_encoder.h"

#include <QTest>
#include <limits>

using namespace kansoku;

namespace {

TraceId traceIdOf(std::uint8_t last)
{
    TraceId id;
    id.bytes[15] = last;
    return id;
}

SpanId spanIdOf(std::uint8_t last)
{
    SpanId id;
    id.bytes[7] = last;
    return id;
}

QByteArray text(const std::string &json)
{
    return QByteArray::fromStdString(json);
}

} // namespace

class TestOtlpJsonRequestEncoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void spanRequest();
    void logRequestOmitsZeroIds();
    void invalidUtf8IsReplaced();
    void metricPoints_data();
    void metricPoints();
    void traceGroupsByResourceAndScope();
    void logsGroupByResourceAndScope();
    void csvQuoting_data();
    void csvQuoting();
    void csvRow();
    void isoTimestamp_data();
    void isoTimestamp();
};

void TestOtlpJsonRequestEncoder::spanRequest()
{
    Span span;
    span.traceId = traceIdOf(1);
    span.spanId = spanIdOf(2);
    span.parentSpanId = spanIdOf(3);
    span.traceState = "a=b";
    span.flags = 257;
    span.name = "op";
    span.kind = SpanKind::Client;
    span.startTimeNs = 10;
    span.endTimeNs = std::numeric_limits<std::int64_t>::max();
    span.attributes = {{"i", AnyValue::fromInt(-5)}, {"d", AnyValue::fromDouble(2)}};
    span.droppedAttributesCount = 1;
    span.events = {{20, "ev", {{"b", AnyValue::fromBool(true)}}, 2}};
    span.droppedEventsCount = 3;
    span.links = {{traceIdOf(9), spanIdOf(8), "x=y", {}, 4, 1}};
    span.droppedLinksCount = 5;
    span.status = {StatusCode::Error, "bad"};
    Resource resource;
    resource.attributes = {{"service.name", AnyValue::fromString("svc")}};
    InstrumentationScope scope;
    scope.name = "lib";
    scope.version = "1";
    ResourceSpans resourceSpans{resource, "rs", {{scope, "ss", {span}}}};
    QCOMPARE(
        text(OtlpJsonRequestEncoder::encodeTraces({resourceSpans})),
        QByteArray(
            R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}],"droppedAttributesCount":0},)"
            R"("scopeSpans":[{"scope":{"name":"lib","version":"1","attributes":[],"droppedAttributesCount":0},"spans":[{)"
            R"("traceId":"00000000000000000000000000000001","spanId":"0000000000000002","traceState":"a=b",)"
            R"("parentSpanId":"0000000000000003","flags":257,"name":"op","kind":3,"startTimeUnixNano":"10",)"
            R"("endTimeUnixNano":"9223372036854775807","attributes":[{"key":"i","value":{"intValue":"-5"}},)"
            R"({"key":"d","value":{"doubleValue":2.0}}],"droppedAttributesCount":1,)"
            R"("events":[{"timeUnixNano":"20","name":"ev","attributes":[{"key":"b","value":{"boolValue":true}}],"droppedAttributesCount":2}],)"
            R"("droppedEventsCount":3,"links":[{"traceId":"00000000000000000000000000000009","spanId":"0000000000000008",)"
            R"("traceState":"x=y","attributes":[],"droppedAttributesCount":4,"flags":1}],"droppedLinksCount":5,)"
            R"("status":{"message":"bad","code":2}}],"schemaUrl":"ss"}],"schemaUrl":"rs"}]})"));
}

void TestOtlpJsonRequestEncoder::logRequestOmitsZeroIds()
{
    LogRecord record;
    record.timeNs = 0;
    record.observedTimeNs = 7;
    record.severityNumber = 9;
    record.severityText = "INFO";
    record.body = AnyValue::fromBytes(std::string("\x01\x02", 2));
    record.flags = 1;
    record.eventName = "e";
    ResourceLogs resourceLogs{Resource{}, "", {{InstrumentationScope{}, "", {record}}}};
    QCOMPARE(
        text(OtlpJsonRequestEncoder::encodeLogs({resourceLogs})),
        QByteArray(
            R"({"resourceLogs":[{"resource":{"attributes":[],"droppedAttributesCount":0},)"
            R"("scopeLogs":[{"scope":{"name":"","version":"","attributes":[],"droppedAttributesCount":0},"logRecords":[{)"
            R"("timeUnixNano":"0","observedTimeUnixNano":"7","severityNumber":9,"severityText":"INFO",)"
            R"("body":{"bytesValue":"AQI="},"attributes":[],"droppedAttributesCount":0,"flags":1,"eventName":"e"}],)"
            R"("schemaUrl":""}],"schemaUrl":""}]})"));
}

void TestOtlpJsonRequestEncoder::invalidUtf8IsReplaced()
{
    // Standard OTLP/JSON has no way to carry invalid UTF-8: readers get U+FFFD, never a private
    // base64 field they would ignore.
    std::string out;
    OtlpJsonRequestEncoder::appendScope(
        out, InstrumentationScope{"a\xff", "", {{"k\xfe", AnyValue::fromString("v\xc3")}}, 0});
    QCOMPARE(text(out),
             QByteArray("{\"name\":\"a\xef\xbf\xbd\",\"version\":\"\",\"attributes\":[{\"key\":\"k"
                        "\xef\xbf\xbd\",\"value\":{\"stringValue\":\"v\xef\xbf\xbd\"}}],"
                        "\"droppedAttributesCount\":0}"));
}

void TestOtlpJsonRequestEncoder::metricPoints_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray base
        = R"("attributes":[],"startTimeUnixNano":"1","timeUnixNano":"2","exemplars":[],"flags":0)";
    QTest::newRow("gauge") << int(MetricType::Gauge)
                           << QByteArray(R"("gauge":{"dataPoints":[{)" + base
                                         + R"(,"asDouble":"NaN"}]}})");
    QTest::newRow("sum")
        << int(MetricType::Sum)
        << QByteArray(R"("sum":{"dataPoints":[{)" + base
                      + R"(,"asInt":"-9"}],"aggregationTemporality":1,"isMonotonic":true}})");
    QTest::newRow("histogram")
        << int(MetricType::Histogram)
        << QByteArray(
               R"("histogram":{"dataPoints":[{)" + base
               + R"(,"count":"18446744073709551615","sum":1.5,"bucketCounts":["1","2"],"explicitBounds":[0.5],"max":"Infinity"}],"aggregationTemporality":2}})");
    QTest::newRow("exponential")
        << int(MetricType::ExponentialHistogram)
        << QByteArray(
               R"("exponentialHistogram":{"dataPoints":[{)" + base
               + R"(,"count":"3","scale":-1,"zeroCount":"1","positive":{"offset":-2,"bucketCounts":["2"]},"negative":{"offset":0,"bucketCounts":[]},"min":0.25,"zeroThreshold":0.0}],"aggregationTemporality":1}})");
    QTest::newRow("summary")
        << int(MetricType::Summary)
        << QByteArray(
               R"("summary":{"dataPoints":[{)" + base
               + R"(,"count":"4","sum":10.0,"quantileValues":[{"quantile":0.5,"value":2.5}]}]}})");
}

void TestOtlpJsonRequestEncoder::metricPoints()
{
    QFETCH(int, type);
    QFETCH(QByteArray, expected);
    Metric metric;
    metric.name = "m";
    metric.unit = "1";
    metric.type = static_cast<MetricType>(type);
    DataPointBase base;
    base.startTimeNs = 1;
    base.timeNs = 2;
    switch (metric.type) {
    case MetricType::Gauge: {
        NumberDataPoint point{base};
        point.value = std::numeric_limits<double>::quiet_NaN();
        metric.numberPoints = {point};
        break;
    }
    case MetricType::Sum: {
        metric.temporality = AggregationTemporality::Delta;
        metric.isMonotonic = true;
        NumberDataPoint point{base};
        point.value = std::int64_t{-9};
        metric.numberPoints = {point};
        break;
    }
    case MetricType::Histogram: {
        metric.temporality = AggregationTemporality::Cumulative;
        HistogramDataPoint point{base};
        point.count = std::numeric_limits<std::uint64_t>::max();
        point.sum = 1.5;
        point.bucketCounts = {1, 2};
        point.explicitBounds = {0.5};
        point.max = std::numeric_limits<double>::infinity();
        metric.histogramPoints = {point};
        break;
    }
    case MetricType::ExponentialHistogram: {
        metric.temporality = AggregationTemporality::Delta;
        ExponentialHistogramDataPoint point{base};
        point.count = 3;
        point.scale = -1;
        point.zeroCount = 1;
        point.positive = {-2, {2}};
        point.min = 0.25;
        metric.exponentialHistogramPoints = {point};
        break;
    }
    case MetricType::Summary: {
        SummaryDataPoint point{base};
        point.count = 4;
        point.sum = 10;
        point.quantileValues = {{0.5, 2.5}};
        metric.summaryPoints = {point};
        break;
    }
    }
    std::string out;
    OtlpJsonRequestEncoder::appendMetric(out, metric);
    QCOMPARE(text(out),
             QByteArray(R"({"name":"m","description":"","unit":"1","metadata":[],)") + expected);
}

void TestOtlpJsonRequestEncoder::traceGroupsByResourceAndScope()
{
    Trace trace;
    trace.resources = {Resource{{{"service.name", AnyValue::fromString("a")}}, 0},
                       Resource{{{"service.name", AnyValue::fromString("b")}}, 0}};
    trace.scopes = {InstrumentationScope{"s1", "", {}, 0}, InstrumentationScope{"s2", "", {}, 0}};
    const auto spanNamed = [](const char *name, int resource, int scope) {
        TraceSpan stored;
        stored.span.name = name;
        stored.resourceIndex = resource;
        stored.scopeIndex = scope;
        stored.resourceSchemaUrl = "r";
        return stored;
    };
    trace.spans
        = {spanNamed("1", 0, 0), spanNamed("2", 1, 1), spanNamed("3", 0, 1), spanNamed("4", 0, 0)};
    const std::vector<ResourceSpans> grouped = ExportBatchBuilder::fromTrace(trace);
    QCOMPARE(grouped.size(), std::size_t(2));
    QVERIFY(grouped[0].resource == trace.resources[0]);
    QCOMPARE(grouped[0].schemaUrl, std::string("r"));
    QCOMPARE(grouped[0].scopeSpans.size(), std::size_t(2));
    QCOMPARE(grouped[0].scopeSpans[0].scope.name, std::string("s1"));
    QCOMPARE(grouped[0].scopeSpans[0].spans.size(), std::size_t(2));
    QCOMPARE(grouped[0].scopeSpans[0].spans[1].name, std::string("4"));
    QCOMPARE(grouped[0].scopeSpans[1].spans[0].name, std::string("3"));
    QVERIFY(grouped[1].resource == trace.resources[1]);
    QCOMPARE(grouped[1].scopeSpans[0].spans[0].name, std::string("2"));
}

void TestOtlpJsonRequestEncoder::logsGroupByResourceAndScope()
{
    const auto stored
        = [](const char *service, const char *scope, const char *schema, std::int64_t time) {
              StoredLog log;
              log.resource.attributes = {{"service.name", AnyValue::fromString(service)}};
              log.scope.name = scope;
              log.scopeSchemaUrl = schema;
              log.record.timeNs = time;
              return log;
          };
    const std::vector<ResourceLogs> grouped
        = ExportBatchBuilder::fromLogs({stored("a", "x", "", 1), stored("b", "x", "", 2),
                                        stored("a", "x", "", 3), stored("a", "x", "other", 4)});
    QCOMPARE(grouped.size(), std::size_t(2));
    QCOMPARE(grouped[0].scopeLogs.size(), std::size_t(2)); // the schema URL splits the scope
    QCOMPARE(grouped[0].scopeLogs[0].logRecords.size(), std::size_t(2));
    QCOMPARE(grouped[0].scopeLogs[0].logRecords[1].timeNs, std::int64_t(3));
    QCOMPARE(grouped[0].scopeLogs[1].schemaUrl, std::string("other"));
    QCOMPARE(grouped[1].scopeLogs[0].logRecords[0].timeNs, std::int64_t(2));
}

void TestOtlpJsonRequestEncoder::csvQuoting_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("abc");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
    QTest::newRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
    QTest::newRow("spaces kept") << QStringLiteral(" a ") << QStringLiteral(" a ");
    QTest::newRow("unicode") << QStringLiteral("café → ok") << QStringLiteral("café → ok");
}

void TestOtlpJsonRequestEncoder::csvQuoting()
{
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QCOMPARE(CsvWriter::field(field), expected);
}

void TestOtlpJsonRequestEncoder::csvRow()
{
    QCOMPARE(CsvWriter::row(
                 {QStringLiteral("a"), QStringLiteral("b,c"), QString(), QStringLiteral("é")}),
             QByteArray("a,\"b,c\",,\xc3\xa9\r\n"));
}

void TestOtlpJsonRequestEncoder::isoTimestamp_data()
{
    QTest::addColumn<qint64>("epochNs");
    QTest::addColumn<QString>("expected");
    QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01T00:00:00.000000000Z");
    QTest::newRow("ns") << qint64(1'700'000'000'123'456'789)
                        << QStringLiteral("2023-11-14T22:13:20.123456789Z");
    QTest::newRow("before 1970") << qint64(-1) << QStringLiteral("1969-12-31T23:59:59.999999999Z");
}

void TestOtlpJsonRequestEncoder::isoTimestamp()
{
    QFETCH(qint64, epochNs);
    QFETCH(QString, expected);
    QCOMPARE(formatIsoTimestampNs(epochNs), expected);
}

QTEST_GUILESS_MAIN(TestOtlpJsonRequestEncoder)
#include "tst_otlp_json_request_encoder.moc"
