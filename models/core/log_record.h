// One OTLP log record. Times are Unix epoch nanoseconds (0 = unknown).
#pragma once

#include "core/any_value.h"
#include "core/telemetry_ids.h"

namespace kansoku {

struct LogRecord
{
    std::int64_t timeNs = 0;
    std::int64_t observedTimeNs = 0;
    // OTLP SeverityNumber: 0 unspecified, 1-4 TRACE, 5-8 DEBUG, 9-12 INFO, 13-16 WARN,
    // 17-20 ERROR, 21-24 FATAL.
    std::int32_t severityNumber = 0;
    std::string severityText;
    AnyValue body;
    Attributes attributes;
    std::uint32_t droppedAttributesCount = 0;
    std::uint32_t flags = 0;
    TraceId traceId;
    SpanId spanId;
    std::string eventName;

    // timeNs when set, otherwise observedTimeNs (the OTLP rule for ordering logs).
    std::int64_t effectiveTimeNs() const { return timeNs != 0 ? timeNs : observedTimeNs; }
    bool operator==(const LogRecord &) const = default;
};

} // namespace kansoku
