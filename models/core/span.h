// One OTLP span with its events, links and status. Times are Unix epoch nanoseconds.
#pragma once

#include "core/any_value.h"
#include "core/telemetry_ids.h"

namespace kansoku {

// Numeric values are the OTLP wire values.
enum class SpanKind : std::uint8_t {
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5
};

enum class StatusCode : std::uint8_t { Unset = 0, Ok = 1, Error = 2 };

struct SpanEvent
{
    std::int64_t timeNs = 0;
    std::string name;
    Attributes attributes;
    std::uint32_t droppedAttributesCount = 0;
    bool operator==(const SpanEvent &) const = default;
};

struct SpanLink
{
    TraceId traceId;
    SpanId spanId;
    std::string traceState;
    Attributes attributes;
    std::uint32_t droppedAttributesCount = 0;
    std::uint32_t flags = 0;
    bool operator==(const SpanLink &) const = default;
};

struct SpanStatus
{
    StatusCode code = StatusCode::Unset;
    std::string message;
    bool operator==(const SpanStatus &) const = default;
};

struct Span
{
    TraceId traceId;
    SpanId spanId;
    SpanId parentSpanId; // zero for a root span
    std::string traceState;
    std::uint32_t flags = 0;
    std::string name;
    SpanKind kind = SpanKind::Unspecified;
    std::int64_t startTimeNs = 0;
    std::int64_t endTimeNs = 0;
    Attributes attributes;
    std::uint32_t droppedAttributesCount = 0;
    std::vector<SpanEvent> events;
    std::uint32_t droppedEventsCount = 0;
    std::vector<SpanLink> links;
    std::uint32_t droppedLinksCount = 0;
    SpanStatus status;

    bool isRoot() const { return parentSpanId.isZero(); }
    std::int64_t durationNs() const { return endTimeNs - startTimeNs; }
    bool operator==(const Span &) const = default;
};

} // namespace kansoku
