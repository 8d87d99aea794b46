// A telemetry batch that sets every field the model holds, with every AnyValue type and all five
// metric point types, for the export tests.
#pragma once

#include "core/telemetry_batch.h"

#include <limits>

namespace kansoku::exporttest {

template<std::size_t Size>
FixedId<Size> id(std::uint8_t seed)
{
    FixedId<Size> result;
    for (std::size_t i = 0; i < Size; ++i)
        result.bytes[i] = static_cast<std::uint8_t>(seed + i * 17);
    return result;
}

inline Attributes everyValueType()
{
    return {
        {"text", AnyValue::fromString("caf\xc3\xa9 \"quoted\" back\\slash\nline\t\x01")},
        {"flag", AnyValue::fromBool(true)},
        {"int.min", AnyValue::fromInt(std::numeric_limits<std::int64_t>::min())},
        {"int.max", AnyValue::fromInt(std::numeric_limits<std::int64_t>::max())},
        {"double", AnyValue::fromDouble(-0.125)},
        {"double.integral", AnyValue::fromDouble(3.0)},
        {"double.inf", AnyValue::fromDouble(std::numeric_limits<double>::infinity())},
        {"bytes", AnyValue::fromBytes(std::string("\x00\xff\x10", 3))},
        {"array", AnyValue::fromArray({AnyValue::fromInt(1), AnyValue::fromString("two"),
                                       AnyValue::fromArray({}), AnyValue()})},
        {"map",
         AnyValue::fromMap({{"nested", AnyValue::fromMap({{"x", AnyValue::fromBool(false)}})},
                            {"empty", AnyValue()}})},
        {"empty", AnyValue()},
    };
}

inline Exemplar exemplar(std::variant<double, std::int64_t> value, std::int64_t timeNs)
{
    Exemplar result;
    result.filteredAttributes = {{"exemplar.key", AnyValue::fromString("v")}};
    result.timeNs = timeNs;
    result.value = value;
    result.spanId = id<8>(0x31);
    result.traceId = id<16>(0x41);
    return result;
}

template<typename Point>
Point pointBase(std::int64_t timeNs, std::uint32_t flags = 0)
{
    Point point;
    point.attributes = {{"route", AnyValue::fromString("/pay")}, {"code", AnyValue::fromInt(200)}};
    point.startTimeNs = timeNs - 60'000'000'000;
    point.timeNs = timeNs;
    point.flags = flags;
    return point;
}

inline TelemetryBatch everyFieldBatch(std::int64_t baseNs)
{
    TelemetryBatch batch;
    Resource resource;
    resource.attributes = everyValueType();
    resource.attributes.insert(resource.attributes.begin(),
                               {"service.name", AnyValue::fromString("export-test")});
    resource.droppedAttributesCount = 3;
    InstrumentationScope scope;
    scope.name = "export.scope";
    scope.version = "2.0.1";
    scope.attributes = {{"scope.attr", AnyValue::fromDouble(1.5)}};
    scope.droppedAttributesCount = 2;

    Span root;
    root.traceId = id<16>(1);
    root.spanId = id<8>(2);
    root.traceState = "vendor=a,other=b";
    root.flags = 0x301;
    root.name = "GET /pay \xe2\x86\x92 ok";
    root.kind = SpanKind::Server;
    root.startTimeNs = baseNs;
    root.endTimeNs = baseNs + 5'000'123;
    root.attributes = everyValueType();
    root.droppedAttributesCount = 4;
    root.events = {{baseNs + 10, "exception", {{"exception.type", AnyValue::fromString("E")}}, 1},
                   {baseNs + 20, "bare", {}, 0}};
    root.droppedEventsCount = 5;
    root.links = {{id<16>(9), id<8>(8), "k=v", {{"link.attr", AnyValue::fromInt(-7)}}, 6, 1}};
    root.droppedLinksCount = 7;
    root.status = {StatusCode::Error, "it \"failed\""};
    Span child = root;
    child.spanId = id<8>(3);
    child.parentSpanId = root.spanId;
    child.name = "child";
    child.kind = SpanKind::Client;
    child.startTimeNs = baseNs + 100;
    child.endTimeNs = baseNs + 200;
    child.events.clear();
    child.links.clear();
    child.status = {StatusCode::Ok, ""};
    batch.resourceSpans.push_back(
        {resource,
         "https://opentelemetry.io/schemas/1.24.0",
         {{scope, "https://opentelemetry.io/schemas/1.21.0", {root, child}}}});

    LogRecord log;
    log.timeNs = baseNs + 300;
    log.observedTimeNs = baseNs + 301;
    log.severityNumber = 17;
    log.severityText = "ERROR";
    log.body = AnyValue::fromMap({{"message", AnyValue::fromString("payment, \"declined\"")},
                                  {"amount", AnyValue::fromDouble(12.5)}});
    log.attributes = everyValueType();
    log.droppedAttributesCount = 2;
    log.flags = 1;
    log.traceId = root.traceId;
    log.spanId = root.spanId;
    log.eventName = "payment.declined";
    LogRecord bare;
    bare.observedTimeNs = baseNs + 400;
    bare.body = AnyValue::fromString("observed only");
    batch.resourceLogs.push_back(
        {resource,
         "https://opentelemetry.io/schemas/1.24.0",
         {{scope, "https://opentelemetry.io/schemas/1.21.0", {log, bare}}}});

    std::vector<Metric> metrics;
    Metric gauge;
    gauge.name = "export.gauge";
    gauge.description = "A gauge";
    gauge.unit = "By";
    gauge.metadata = {{"meta", AnyValue::fromString("data")}};
    gauge.type = MetricType::Gauge;
    auto gaugePoint = pointBase<NumberDataPoint>(baseNs + 1000);
    gaugePoint.value = 0.1;
    gaugePoint.exemplars = {exemplar(2.5, baseNs + 990), exemplar(std::int64_t{-3}, baseNs + 995)};
    auto gaugeSecond = pointBase<NumberDataPoint>(baseNs + 2000, 1);
    gaugeSecond.value = 42.0;
    gauge.numberPoints = {gaugePoint, gaugeSecond};
    metrics.push_back(gauge);

    Metric sum;
    sum.name = "export.sum";
    sum.unit = "{request}";
    sum.type = MetricType::Sum;
    sum.temporality = AggregationTemporality::Cumulative;
    sum.isMonotonic = true;
    auto sumPoint = pointBase<NumberDataPoint>(baseNs + 1000);
    sumPoint.value = std::numeric_limits<std::int64_t>::max();
    sum.numberPoints = {sumPoint};
    metrics.push_back(sum);

    Metric histogram;
    histogram.name = "export.histogram";
    histogram.unit = "ms";
    histogram.type = MetricType::Histogram;
    histogram.temporality = AggregationTemporality::Delta;
    auto histogramPoint = pointBase<HistogramDataPoint>(baseNs + 1000);
    histogramPoint.count = 9;
    histogramPoint.sum = 123.25;
    histogramPoint.bucketCounts = {1, 0, 8, std::numeric_limits<std::uint64_t>::max()};
    histogramPoint.explicitBounds = {0.5, 10, 250.75};
    histogramPoint.min = 0.25;
    histogramPoint.max = 300;
    histogramPoint.exemplars = {exemplar(7.0, baseNs + 999)};
    auto histogramBare = pointBase<HistogramDataPoint>(baseNs + 2000);
    histogramBare.count = 0;
    histogram.histogramPoints = {histogramPoint, histogramBare};
    metrics.push_back(histogram);

    Metric exponential;
    exponential.name = "export.exponential";
    exponential.type = MetricType::ExponentialHistogram;
    exponential.temporality = AggregationTemporality::Cumulative;
    auto exponentialPoint = pointBase<ExponentialHistogramDataPoint>(baseNs + 1000);
    exponentialPoint.count = 12;
    exponentialPoint.sum = -4.5;
    exponentialPoint.scale = -2;
    exponentialPoint.zeroCount = 3;
    exponentialPoint.positive = {-3, {1, 2, 0, 4}};
    exponentialPoint.negative = {5, {2}};
    exponentialPoint.min = -8;
    exponentialPoint.max = 20;
    exponentialPoint.zeroThreshold = 1e-9;
    exponential.exponentialHistogramPoints = {exponentialPoint};
    metrics.push_back(exponential);

    Metric summary;
    summary.name = "export.summary";
    summary.type = MetricType::Summary;
    auto summaryPoint = pointBase<SummaryDataPoint>(baseNs + 1000);
    summaryPoint.count = 100;
    summaryPoint.sum = 2048.5;
    summaryPoint.quantileValues = {{0.0, 1.0}, {0.5, 10.25}, {0.99, 99.5}, {1.0, 120.0}};
    summary.summaryPoints = {summaryPoint};
    metrics.push_back(summary);

    batch.resourceMetrics.push_back(
        {resource,
         "https://opentelemetry.io/schemas/1.24.0",
         {{scope, "https://opentelemetry.io/schemas/1.21.0", std::move(metrics)}}});
    return batch;
}

} // namespace kansoku::exporttest
