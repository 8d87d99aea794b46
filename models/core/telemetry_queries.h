// The read side of the store, as the UI and tests see it. Implemented in storage/. Every method is
// thread-safe and blocking: call it from a worker thread (QtConcurrent::run), never the GUI thread.
// Results are plain values, complete and immutable once returned.
#pragma once

#include "core/analysis_span.h"
#include "core/telemetry_batch.h"
#include "core/time_range.h"

#include <functional>
#include <optional>

namespace kansoku {

struct AttributeFilter
{
    std::string key;
    std::string value; // compared with the attribute's display text (AnyValue::toDisplayString)
};

enum class TraceSortOrder {
    StartTimeDescending,
    StartTimeAscending,
    DurationDescending,
    DurationAscending,
    SpanCountDescending,
    SpanCountAscending,
    ErrorCountDescending,
    ErrorCountAscending,
    // By name, case-insensitive; traces whose root span has not arrived come last either way.
    RootServiceAscending,
    RootServiceDescending,
    RootOperationAscending,
    RootOperationDescending
};

struct TraceQuery
{
    TimeRange range;       // on the trace's start time
    std::string service;   // any span of the trace from this service; empty = all
    std::string operation; // root span name; empty = all
    std::optional<std::int64_t> minDurationNs;
    std::optional<std::int64_t> maxDurationNs;
    bool errorsOnly = false;                       // at least one span with StatusCode::Error
    std::vector<AttributeFilter> attributeFilters; // each must match some span of the trace
    std::optional<TraceId> traceId;
    TraceSortOrder sortOrder = TraceSortOrder::StartTimeDescending;
    int limit = 200;
    int offset = 0;
};

struct TraceSummary
{
    TraceId traceId;
    std::int64_t startTimeNs = 0;
    std::int64_t durationNs = 0; // earliest start to latest end over all spans
    std::string rootService;     // empty while the root span has not arrived
    std::string rootName;
    std::int64_t spanCount = 0;
    std::int64_t errorCount = 0;
    std::vector<std::string> services;
    bool operator==(const TraceSummary &) const = default;
};

// A span as stored, with indexes into its trace's resource and scope lists.
struct TraceSpan
{
    Span span;
    int resourceIndex = 0;
    int scopeIndex = 0;
    std::string resourceSchemaUrl;
    std::string scopeSchemaUrl;
};

struct Trace
{
    TraceId traceId;
    std::vector<Resource> resources;
    std::vector<InstrumentationScope> scopes;
    std::vector<TraceSpan> spans; // ordered by start time
};

struct LogQuery
{
    TimeRange range;           // on LogRecord::effectiveTimeNs()
    std::string fullText;      // FTS5 query syntax over the body (and attribute values)
    int minSeverityNumber = 0; // 0 = all
    std::string service;
    std::optional<TraceId> traceId;
    std::optional<SpanId> spanId;
    std::vector<AttributeFilter> attributeFilters;
    int limit = 200;
    // Keyset paging, newest first: only logs stored before this row id.
    std::optional<std::int64_t> beforeRowId;
    // Live updates: only logs stored after this row id (still newest first, so a full page means
    // more may lie between it and this row).
    std::optional<std::int64_t> afterRowId;
};

struct StoredLog
{
    std::int64_t rowId = 0;
    LogRecord record;
    Resource resource;
    InstrumentationScope scope;
    std::string resourceSchemaUrl;
    std::string scopeSchemaUrl;
};

struct LogPage
{
    std::vector<StoredLog> logs;                 // newest first
    std::optional<std::int64_t> nextBeforeRowId; // set when more may follow
};

// One metric stream (a time series) without its points: the identity (metric name/type/unit +
// resource + point attributes) and how many points it holds over which times. With points it is
// analysis/MetricStreamWithPoints.
struct MetricStream
{
    std::int64_t streamId = 0;
    std::string name;
    std::string description;
    std::string unit;
    MetricType type = MetricType::Gauge;
    AggregationTemporality temporality = AggregationTemporality::Unspecified;
    bool isMonotonic = false;
    Resource resource;
    InstrumentationScope scope;
    std::string resourceSchemaUrl;
    std::string scopeSchemaUrl;
    Attributes attributes; // the point attributes that identify the stream
    std::int64_t pointCount = 0;
    std::int64_t firstTimeNs = 0;
    std::int64_t lastTimeNs = 0;
};

struct MetricStreamQuery
{
    std::string service;      // empty = all
    std::string nameContains; // case-insensitive; empty = all
    TimeRange range;          // streams with at least one point in range
};

struct MetricPointQuery
{
    std::int64_t streamId = 0;
    TimeRange range; // on the point's timeNs
    // 0 = every point. Otherwise one point per bucket of this width: the last point of the bucket,
    // except delta sums, whose values are added up over the bucket.
    std::int64_t resolutionNs = 0;
};

struct TelemetryTotals
{
    std::int64_t spans = 0;
    std::int64_t traces = 0;
    std::int64_t logRecords = 0;
    std::int64_t dataPoints = 0;
    std::int64_t metricStreams = 0;
    bool operator==(const TelemetryTotals &) const = default;
};

// What one service sent, over all signals.
struct ServiceStatistics
{
    std::string name;
    std::int64_t spans = 0;
    std::int64_t traces = 0; // traces with at least one span of the service
    std::int64_t logRecords = 0;
    std::int64_t metricStreams = 0;
    std::int64_t dataPoints = 0;
    std::optional<TimeRange> range; // earliest to latest item (half-open); nullopt when none
    bool operator==(const ServiceStatistics &) const = default;
};

class TelemetryQueries
{
public:
    virtual ~TelemetryQueries() = default;

    virtual std::vector<TraceSummary> traces(const TraceQuery &query) const = 0;
    virtual std::optional<Trace> trace(const TraceId &traceId) const = 0;
    virtual LogPage logs(const LogQuery &query) const = 0;
    virtual std::int64_t countLogs(const LogQuery &query) const = 0;
    virtual std::vector<MetricStream> metricStreams(const MetricStreamQuery &query) const = 0;
    // The stream's metric with its points in time order (only the vector for its type is filled).
    virtual std::optional<Metric> metricPoints(const MetricPointQuery &query) const = 0;
    virtual std::vector<std::string> services() const = 0; // sorted
    // Per service, sorted by name. Counts every span and log of the session: a scan, for tools
    // and scripts rather than for a view's refresh.
    virtual std::vector<ServiceStatistics> serviceStatistics() const = 0;
    virtual std::optional<TimeRange> timeBounds() const = 0; // over all signals; nullopt if empty
    virtual TelemetryTotals totals() const = 0;
    // Hands every trace whose start time lies in range to visit, one trace at a time in the order
    // they were stored, stopping early when visit returns false. For analyses over a whole session
    // (findings, run profiles) that must not hold the session in memory.
    virtual void
    forEachAnalysisTrace(const TimeRange &range,
                         const std::function<bool(const AnalysisTrace &)> &visit) const = 0;
};

} // namespace kansoku
