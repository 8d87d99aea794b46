// Builders of telemetry values shared by the storage tests and the crash-test writer.
#pragma once

#include "core/telemetry_batch.h"
#include "core/telemetry_sink.h"

#include <chrono>
#include <cstring>
#include <limits>

namespace kansoku::testdata {

inline TraceId traceId(std::uint64_t number)
{
    TraceId id;
    id.bytes[0] = 0xab;
    for (int i = 0; i < 8; ++i)
        id.bytes[15 - i] = static_cast<std::uint8_t>(number >> (8 * i));
    return id;
}

inline SpanId spanId(std::uint64_t number)
{
    SpanId id;
    id.bytes[0] = 0x5c;
    for (int i = 0; i < 7; ++i)
        id.bytes[7 - i] = static_cast<std::uint8_t>(number >> (8 * i));
    return id;
}

inline Resource resource(const std::string &service, Attributes extra = {})
{
    Resource result;
    result.attributes.push_back({"service.name", AnyValue::fromString(service)});
    for (KeyValue &entry : extra)
        result.attributes.push_back(std::move(entry));
    return result;
}

inline Span span(const TraceId &trace, const SpanId &id, const SpanId &parent, std::string name,
                 std::int64_t startNs, std::int64_t endNs, StatusCode status = StatusCode::Unset,
                 Attributes attributes = {})
{
    Span result;
    result.traceId = trace;
    result.spanId = id;
    result.parentSpanId = parent;
    result.name = std::move(name);
    result.kind = SpanKind::Server;
    result.startTimeNs = startNs;
    result.endTimeNs = endNs;
    result.status.code = status;
    result.attributes = std::move(attributes);
    return result;
}

// A span with every field set to something non-default.
inline Span fullSpan(const TraceId &trace, std::uint64_t number, const SpanId &parent)
{
    Span result = span(
        trace, spanId(number), parent, "operation ✓ " + std::to_string(number),
        1700000000000000000 + static_cast<std::int64_t>(number) * 1000,
        1700000000000500000 + static_cast<std::int64_t>(number) * 1000, StatusCode::Error,
        {{"http.method", AnyValue::fromString("GET")},
         {"n", AnyValue::fromInt(static_cast<std::int64_t>(number))},
         {"max", AnyValue::fromInt(std::numeric_limits<std::int64_t>::max())},
         {"nan", AnyValue::fromDouble(std::numeric_limits<double>::quiet_NaN())},
         {"bytes", AnyValue::fromBytes(std::string("\0\x01\xff", 3))},
         {"nested", AnyValue::fromMap(
                        {{"list", AnyValue::fromArray({AnyValue::fromBool(true), AnyValue()})}})},
         {"text", AnyValue::fromString("日本語 🚀")}});
    result.traceState = "vendor=value";
    result.flags = 0x101;
    result.kind = SpanKind::Client;
    result.droppedAttributesCount = 2;
    result.events.push_back({result.startTimeNs + 10,
                             "exception",
                             {{"exception.message", AnyValue::fromString("boom")}},
                             1});
    result.events.push_back({result.startTimeNs + 20, "retry", {}, 0});
    result.droppedEventsCount = 3;
    result.links.push_back(
        {traceId(999), spanId(998), "a=b", {{"link", AnyValue::fromInt(1)}}, 4, 1});
    result.droppedLinksCount = 5;
    result.status.message = "failed: ステータス";
    return result;
}

// The span with no attributes, events or links.
inline Span bareSpan(Span span)
{
    span.attributes.clear();
    span.events.clear();
    span.links.clear();
    return span;
}

inline InstrumentationScope scope(const std::string &name)
{
    InstrumentationScope result;
    result.name = name;
    result.version = "1.2.3";
    result.attributes = {{"scope.attr", AnyValue::fromBool(true)}};
    result.droppedAttributesCount = 1;
    return result;
}

inline TelemetryBatchPtr spanBatch(const Resource &resource, std::vector<Span> spans,
                                   const InstrumentationScope &spanScope = scope("test.scope"))
{
    auto batch = std::make_shared<TelemetryBatch>();
    ResourceSpans resourceSpans;
    resourceSpans.resource = resource;
    resourceSpans.schemaUrl = "https://opentelemetry.io/schemas/1.21.0";
    ScopeSpans scopeSpans;
    scopeSpans.scope = spanScope;
    scopeSpans.schemaUrl = "https://example.com/scope-schema";
    scopeSpans.spans = std::move(spans);
    resourceSpans.scopeSpans.push_back(std::move(scopeSpans));
    batch->resourceSpans.push_back(std::move(resourceSpans));
    return batch;
}

inline LogRecord log(std::int64_t timeNs, int severity, AnyValue body, Attributes attributes = {},
                     const TraceId &trace = {}, const SpanId &span = {})
{
    LogRecord record;
    record.timeNs = timeNs;
    record.observedTimeNs = timeNs + 5;
    record.severityNumber = severity;
    record.severityText = severity >= 17 ? "ERROR" : "INFO";
    record.body = std::move(body);
    record.attributes = std::move(attributes);
    record.traceId = trace;
    record.spanId = span;
    return record;
}

inline TelemetryBatchPtr logBatch(const Resource &resource, std::vector<LogRecord> records)
{
    auto batch = std::make_shared<TelemetryBatch>();
    ResourceLogs resourceLogs;
    resourceLogs.resource = resource;
    resourceLogs.schemaUrl = "https://opentelemetry.io/schemas/1.21.0";
    ScopeLogs scopeLogs;
    scopeLogs.scope = scope("log.scope");
    scopeLogs.logRecords = std::move(records);
    resourceLogs.scopeLogs.push_back(std::move(scopeLogs));
    batch->resourceLogs.push_back(std::move(resourceLogs));
    return batch;
}

inline TelemetryBatchPtr metricBatch(const Resource &resource, std::vector<Metric> metrics)
{
    auto batch = std::make_shared<TelemetryBatch>();
    ResourceMetrics resourceMetrics;
    resourceMetrics.resource = resource;
    ScopeMetrics scopeMetrics;
    scopeMetrics.scope = scope("metric.scope");
    scopeMetrics.metrics = std::move(metrics);
    resourceMetrics.scopeMetrics.push_back(std::move(scopeMetrics));
    batch->resourceMetrics.push_back(std::move(resourceMetrics));
    return batch;
}

// Offers a batch as the receivers do: while the store holds its durability bound of
// acknowledged-but-uncommitted items (a few thousand until it has measured its writer), waits
// for room instead of being refused. For tests that fill a store in a burst.
inline OfferResult offerPatiently(TelemetrySink &sink, TelemetryBatchPtr batch)
{
    return sink.offerWaiting(std::move(batch), std::chrono::seconds(60));
}

} // namespace kansoku::testdata
