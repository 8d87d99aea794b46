// The unit that flows from ingest to storage: the decoded content of one export request (or one
// chunk of an imported file), in the OTLP resource -> scope -> item hierarchy. Created once by a
// decoder, then shared read-only between threads as std::shared_ptr<const TelemetryBatch>.
#pragma once

#include "core/log_record.h"
#include "core/metric.h"
#include "core/packed_strings.h"
#include "core/resource.h"
#include "core/span.h"

#include <memory>

namespace kansoku {

struct ScopeSpans
{
    InstrumentationScope scope;
    std::string schemaUrl;
    std::vector<Span> spans;
    // Empty, or three values per span when a decoder kept the spans' attributes, events and links
    // in their OTLP protobuf form (OtlpDecoder's SpanFields::Encoded): the entries of Span
    // fields 9, 11 and 13, back to back. Those spans' own attributes, events and links are then
    // empty. The store keeps exactly this form, so converting every attribute to AnyValue only to
    // encode it again would be wasted work on the ingest path.
    PackedStrings encodedSpanFields;
    enum EncodedSpanField { EncodedAttributes, EncodedEvents, EncodedLinks, EncodedSpanFieldCount };
    bool hasEncodedSpanFields() const { return !encodedSpanFields.empty(); }
    std::string_view encodedSpanField(std::size_t span, EncodedSpanField field) const
    {
        return encodedSpanFields.value(span * EncodedSpanFieldCount + field);
    }
    bool operator==(const ScopeSpans &) const = default;
};

struct ResourceSpans
{
    Resource resource;
    std::string schemaUrl;
    std::vector<ScopeSpans> scopeSpans;
    bool operator==(const ResourceSpans &) const = default;
};

struct ScopeMetrics
{
    InstrumentationScope scope;
    std::string schemaUrl;
    std::vector<Metric> metrics;
    bool operator==(const ScopeMetrics &) const = default;
};

struct ResourceMetrics
{
    Resource resource;
    std::string schemaUrl;
    std::vector<ScopeMetrics> scopeMetrics;
    bool operator==(const ResourceMetrics &) const = default;
};

struct ScopeLogs
{
    InstrumentationScope scope;
    std::string schemaUrl;
    std::vector<LogRecord> logRecords;
    bool operator==(const ScopeLogs &) const = default;
};

struct ResourceLogs
{
    Resource resource;
    std::string schemaUrl;
    std::vector<ScopeLogs> scopeLogs;
    bool operator==(const ResourceLogs &) const = default;
};

struct TelemetryBatch
{
    std::vector<ResourceSpans> resourceSpans;
    std::vector<ResourceMetrics> resourceMetrics;
    std::vector<ResourceLogs> resourceLogs;

    std::size_t spanCount() const;
    std::size_t dataPointCount() const;
    std::size_t logRecordCount() const;
    std::size_t itemCount() const { return spanCount() + dataPointCount() + logRecordCount(); }
    bool isEmpty() const { return itemCount() == 0; }
    bool operator==(const TelemetryBatch &) const = default;
};

using TelemetryBatchPtr = std::shared_ptr<const TelemetryBatch>;

} // namespace kansoku
