// TelemetryJson: typed attribute values (integers beyond 2^53 as text, bytes as hex), trace
// summaries, logs, services, metrics grouped by name and chart series without their gaps.
#include "analysis/telemetry_json.h"

#include <QJsonDocument>
#include <QTest>
#include <cmath>

using namespace kansoku;

namespace {

constexpr std::int64_t baseNs = 1'796'292'000'000'000'000; // 2026-12-03T10:00:00Z

QByteArray compact(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
}

} // namespace

class TestTelemetryJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timesAndDurations();
    void typedValues();
    void traceSummary();
    void logRecord();
    void serviceStatistics();
    void metricsGroupedByName();
    void chartLeavesGapsOut();
};

void TestTelemetryJson::timesAndDurations()
{
    QCOMPARE(TelemetryJson::time(baseNs + 250'000'001),
             QStringLiteral("2026-12-03T10:00:00.250000001Z"));
    QCOMPARE(TelemetryJson::milliseconds(12'345'678), 12.346);
    QCOMPARE(TelemetryJson::milliseconds(0), 0.0);
}

void TestTelemetryJson::typedValues()
{
    const Attributes attributes{
        {"s", AnyValue::fromString("text")},
        {"b", AnyValue::fromBool(true)},
        {"i", AnyValue::fromInt(-42)},
        {"big", AnyValue::fromInt(9'007'199'254'740'993)},
        {"d", AnyValue::fromDouble(0.5)},
        {"nan", AnyValue::fromDouble(std::nan(""))},
        {"bytes", AnyValue::fromBytes(std::string("\x01\xff", 2))},
        {"array", AnyValue::fromArray({AnyValue::fromInt(1), AnyValue::fromString("x")})},
        {"map", AnyValue::fromMap({{"k", AnyValue::fromBool(false)}})},
        {"empty", AnyValue()}};
    const QJsonObject object = TelemetryJson::attributes(attributes);
    QCOMPARE(object.value(QLatin1String("s")), QJsonValue(QStringLiteral("text")));
    QCOMPARE(object.value(QLatin1String("b")), QJsonValue(true));
    QCOMPARE(object.value(QLatin1String("i")), QJsonValue(-42));
    QCOMPARE(object.value(QLatin1String("big")), QJsonValue(QStringLiteral("9007199254740993")));
    QCOMPARE(object.value(QLatin1String("d")), QJsonValue(0.5));
    QVERIFY(object.value(QLatin1String("nan")).isString());
    QCOMPARE(object.value(QLatin1String("bytes")), QJsonValue(QStringLiteral("01ff")));
    QCOMPARE(compact(object.value(QLatin1String("array"))), QByteArray(R"([1,"x"])"));
    QCOMPARE(compact(object.value(QLatin1String("map"))), QByteArray(R"({"k":false})"));
    QVERIFY(object.value(QLatin1String("empty")).isNull());
}

void TestTelemetryJson::traceSummary()
{
    TraceSummary trace;
    trace.traceId = *idFromHex<16>("5b8efcf56a302b4300912e11d78a4e01");
    trace.startTimeNs = baseNs;
    trace.durationNs = 1'500'000;
    trace.rootService = "frontend";
    trace.rootName = "GET /cart";
    trace.spanCount = 7;
    trace.errorCount = 1;
    trace.services = {"frontend", "backend"};
    QCOMPARE(compact(TelemetryJson::traceSummary(trace)),
             QByteArray(R"({"duration_ms":1.5,"errors":1,"root_operation":"GET /cart",)"
                        R"("root_service":"frontend","services":["frontend","backend"],"spans":7,)"
                        R"("start":"2026-12-03T10:00:00.000000000Z",)"
                        R"("trace_id":"5b8efcf56a302b4300912e11d78a4e01"})"));
}

void TestTelemetryJson::logRecord()
{
    StoredLog log;
    log.record.timeNs = 0; // the observed time stands in
    log.record.observedTimeNs = baseNs;
    log.record.severityNumber = 17;
    log.record.body = AnyValue::fromString("payment failed");
    log.record.attributes = {{"order.id", AnyValue::fromInt(12)}};
    log.record.traceId = *idFromHex<16>("5b8efcf56a302b4300912e11d78a4e01");
    log.resource.attributes = {{"service.name", AnyValue::fromString("payments")}};
    const QJsonObject object = TelemetryJson::log(log);
    QCOMPARE(object.value(QLatin1String("time")).toString(),
             QStringLiteral("2026-12-03T10:00:00.000000000Z"));
    QCOMPARE(object.value(QLatin1String("severity")).toString(), QStringLiteral("ERROR"));
    QCOMPARE(object.value(QLatin1String("severity_number")).toInt(), 17);
    QCOMPARE(object.value(QLatin1String("service")).toString(), QStringLiteral("payments"));
    QCOMPARE(object.value(QLatin1String("body")).toString(), QStringLiteral("payment failed"));
    QCOMPARE(object.value(QLatin1String("trace_id")).toString(),
             QStringLiteral("5b8efcf56a302b4300912e11d78a4e01"));
    QVERIFY(!object.contains(QLatin1String("span_id"))); // not set, so not shown
    QCOMPARE(object.value(QLatin1String("attributes")).toObject(),
             (QJsonObject{{QStringLiteral("order.id"), 12}}));
}

void TestTelemetryJson::serviceStatistics()
{
    ServiceStatistics service;
    service.name = "checkout";
    service.spans = 10;
    service.traces = 3;
    service.logRecords = 4;
    service.metricStreams = 2;
    service.dataPoints = 50;
    service.range = TimeRange{baseNs, baseNs + 2'000'000'001};
    QCOMPARE(compact(TelemetryJson::service(service)),
             QByteArray(R"({"data_points":50,"first":"2026-12-03T10:00:00.000000000Z",)"
                        R"("last":"2026-12-03T10:00:02.000000000Z","logs":4,"metric_streams":2,)"
                        R"("name":"checkout","spans":10,"traces":3})"));
    service.range.reset();
    QVERIFY(!TelemetryJson::service(service).contains(QLatin1String("first")));
}

void TestTelemetryJson::metricsGroupedByName()
{
    auto stream = [](const char *name, const char *service, std::int64_t points, std::int64_t first,
                     std::int64_t last) {
        MetricStream result;
        result.name = name;
        result.unit = "{request}";
        result.type = MetricType::Sum;
        result.isMonotonic = true;
        result.resource.attributes = {{"service.name", AnyValue::fromString(service)}};
        result.pointCount = points;
        result.firstTimeNs = first;
        result.lastTimeNs = last;
        return result;
    };
    const QJsonArray metrics
        = TelemetryJson::metrics({stream("requests", "b", 5, baseNs + 10, baseNs + 20),
                                  stream("latency", "a", 1, baseNs, baseNs),
                                  stream("requests", "a", 7, baseNs + 5, baseNs + 15)});
    QCOMPARE(metrics.size(), 2);
    const QJsonObject requests = metrics.at(1).toObject();
    QCOMPARE(requests.value(QLatin1String("name")).toString(), QStringLiteral("requests"));
    QCOMPARE(requests.value(QLatin1String("type")).toString(), QStringLiteral("sum"));
    QCOMPARE(requests.value(QLatin1String("monotonic")).toBool(), true);
    QCOMPARE(requests.value(QLatin1String("services")).toArray(),
             (QJsonArray{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(requests.value(QLatin1String("streams")).toInt(), 2);
    QCOMPARE(requests.value(QLatin1String("data_points")).toInt(), 12);
    QCOMPARE(requests.value(QLatin1String("first")).toString(), TelemetryJson::time(baseNs + 5));
    QCOMPARE(requests.value(QLatin1String("last")).toString(), TelemetryJson::time(baseNs + 20));
}

void TestTelemetryJson::chartLeavesGapsOut()
{
    MetricChart chart;
    chart.shown = QStringLiteral("rate /s");
    chart.valueUnit = QStringLiteral("{request}/s");
    chart.omittedSeries = 1;
    ChartSeries series;
    series.name = QStringLiteral("GET");
    series.timesNs = {baseNs, baseNs + 1'000'000'000, baseNs + 2'000'000'000};
    series.values = {1.5, std::nan(""), 3};
    chart.series = {series};
    QCOMPARE(compact(TelemetryJson::chart(chart)),
             QByteArray(R"({"omitted_series":1,"series":[{"name":"GET","points":[)"
                        R"(["2026-12-03T10:00:00.000000000Z",1.5],)"
                        R"(["2026-12-03T10:00:02.000000000Z",3]]}],"shown":"rate /s",)"
                        R"("unit":"{request}/s"})"));
}

QTEST_GUILESS_MAIN(TestTelemetryJson)
#include "tst_telemetry_json.moc"
