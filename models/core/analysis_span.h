// A span reduced to what the findings detectors and the run profile read: identity, timing,
// status, its service (and version), the semantic-convention attributes that name a call, and the
// exception type of its first exception event. Storage produces these a trace at a time
// (TelemetryQueries::forEachAnalysisTrace); plain values, safe to copy across threads.
#pragma once

#include "core/span.h"

#include <string>
#include <string_view>
#include <vector>

namespace kansoku {

struct AnalysisSpan
{
    SpanId spanId;
    SpanId parentSpanId; // zero for a root span
    std::string name;
    SpanKind kind = SpanKind::Unspecified;
    std::int64_t startTimeNs = 0;
    std::int64_t endTimeNs = 0;
    StatusCode statusCode = StatusCode::Unset;
    std::string statusMessage;
    std::string service;        // the resource's service.name
    std::string serviceVersion; // the resource's service.version; empty when not sent
    // Only the attributes isAnalysisAttributeKey() accepts, in the order they were sent.
    Attributes attributes;
    std::string exceptionType; // exception.type of the first "exception" event; empty when none

    std::int64_t durationNs() const { return endTimeNs - startTimeNs; }
    bool isRoot() const { return parentSpanId.isZero(); }
};

struct AnalysisTrace
{
    TraceId traceId;
    std::vector<AnalysisSpan> spans; // ordered by start time
};

// The span attributes analyses read (database, HTTP, RPC and messaging calls, and the peer and
// transport of the connections they open, in the current semantic-convention names and the older
// ones still common, plus db.query.parameter.*). Loaders keep only these, so a trace of a million
// spans does not carry every attribute into the analysis.
bool isAnalysisAttributeKey(std::string_view key);

} // namespace kansoku
