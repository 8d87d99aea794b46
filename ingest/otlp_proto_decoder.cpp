#include "otlp_proto_decoder.h"

#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/metrics/v1/metrics_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"
#include "otlp_item_checks.h"

#include <google/protobuf/io/coded_stream.h>

namespace kansoku {

namespace {

namespace otlp = opentelemetry::proto;
using google::protobuf::RepeatedPtrField;

using Rejections = OtlpItemChecks::Rejections;

AnyValue toAnyValue(const otlp::common::v1::AnyValue &value);

Attributes toAttributes(const RepeatedPtrField<otlp::common::v1::KeyValue> &keyValues)
{
    Attributes attributes;
    attributes.reserve(static_cast<std::size_t>(keyValues.size()));
    for (const auto &keyValue : keyValues)
        attributes.push_back(KeyValue{keyValue.key(), toAnyValue(keyValue.value())});
    return attributes;
}

AnyValue toAnyValue(const otlp::common::v1::AnyValue &value)
{
    using Proto = otlp::common::v1::AnyValue;
    switch (value.value_case()) {
    case Proto::kStringValue:
        return AnyValue::fromString(value.string_value());
    case Proto::kBoolValue:
        return AnyValue::fromBool(value.bool_value());
    case Proto::kIntValue:
        return AnyValue::fromInt(value.int_value());
    case Proto::kDoubleValue:
        return AnyValue::fromDouble(value.double_value());
    case Proto::kBytesValue:
        return AnyValue::fromBytes(value.bytes_value());
    case Proto::kArrayValue: {
        std::vector<AnyValue> items;
        items.reserve(static_cast<std::size_t>(value.array_value().values_size()));
        for (const auto &item : value.array_value().values())
            items.push_back(toAnyValue(item));
        return AnyValue::fromArray(std::move(items));
    }
    case Proto::kKvlistValue:
        return AnyValue::fromMap(toAttributes(value.kvlist_value().values()));
    case Proto::VALUE_NOT_SET:
        break;
    }
    return {};
}

Resource toResource(const otlp::resource::v1::Resource &resource)
{
    Resource result;
    result.attributes = toAttributes(resource.attributes());
    result.droppedAttributesCount = resource.dropped_attributes_count();
    return result;
}

InstrumentationScope toScope(const otlp::common::v1::InstrumentationScope &scope)
{
    InstrumentationScope result;
    result.name = scope.name();
    result.version = scope.version();
    result.attributes = toAttributes(scope.attributes());
    result.droppedAttributesCount = scope.dropped_attributes_count();
    return result;
}

// Appends each message as a length-delimited entry of `field`, exactly as protobuf writes that
// repeated field of the enclosing message.
template<typename Message>
void appendEntries(std::string &out, int field, const RepeatedPtrField<Message> &messages)
{
    using google::protobuf::io::CodedOutputStream;
    for (const Message &message : messages) {
        const std::size_t size = message.ByteSizeLong();
        const std::uint32_t lengthDelimited = 2; // the wire type
        const auto tag = static_cast<std::uint32_t>(field) << 3 | lengthDelimited;
        const std::size_t start = out.size();
        out.resize(start + CodedOutputStream::VarintSize32(tag)
                   + CodedOutputStream::VarintSize64(size) + size);
        auto *target = reinterpret_cast<std::uint8_t *>(out.data() + start);
        target = CodedOutputStream::WriteVarint32ToArray(tag, target);
        target = CodedOutputStream::WriteVarint64ToArray(size, target);
        message.SerializeWithCachedSizesToArray(target);
    }
}

// Where an item sits in its request, e.g. "resourceSpans[0].scopeSpans[1].spans[2]". Plain
// indices, rendered only for the first rejection of a request (see Rejections::add).
struct ItemPath
{
    const char *resourcesKey;
    const char *scopesKey;
    const char *itemsKey;
    int resource = 0;
    int scope = 0;
    int item = 0;

    std::string toString() const
    {
        return OtlpItemChecks::indexed(resourcesKey, resource) + '.'
               + OtlpItemChecks::indexed(scopesKey, scope) + '.'
               + OtlpItemChecks::indexed(itemsKey, item);
    }
};

// Empty when the span is valid, otherwise why it is rejected (relative path + reason). With
// encodedFields, the span's attributes, events and links are appended there in their protobuf
// form (ScopeSpans::encodedSpanFields) instead of being converted.
std::string toSpan(const otlp::trace::v1::Span &source, Span &span, PackedStrings *encodedFields)
{
    using ProtoSpan = otlp::trace::v1::Span;
    std::string reason;
    const auto traceId = OtlpItemChecks::checkedId<16>(source.trace_id(), true, "traceId", reason);
    if (!traceId)
        return reason;
    const auto spanId = OtlpItemChecks::checkedId<8>(source.span_id(), true, "spanId", reason);
    if (!spanId)
        return reason;
    const auto parentSpanId
        = OtlpItemChecks::checkedId<8>(source.parent_span_id(), false, "parentSpanId", reason);
    if (!parentSpanId)
        return reason;

    if (!encodedFields)
        span.links.reserve(static_cast<std::size_t>(source.links_size()));
    for (int i = 0; i < source.links_size(); ++i) {
        const auto &link = source.links(i);
        const auto linkTraceId
            = OtlpItemChecks::checkedId<16>(link.trace_id(), false, "traceId", reason);
        const auto linkSpanId
            = linkTraceId ? OtlpItemChecks::checkedId<8>(link.span_id(), false, "spanId", reason)
                          : std::nullopt;
        if (!linkTraceId || !linkSpanId)
            return OtlpItemChecks::indexed("links", i) + '.' + reason;
        if (!encodedFields) {
            span.links.push_back(SpanLink{*linkTraceId, *linkSpanId, link.trace_state(),
                                          toAttributes(link.attributes()),
                                          link.dropped_attributes_count(), link.flags()});
        }
    }

    span.traceId = *traceId;
    span.spanId = *spanId;
    span.parentSpanId = *parentSpanId;
    span.traceState = source.trace_state();
    span.flags = source.flags();
    span.name = source.name();
    span.kind = static_cast<SpanKind>(source.kind());
    span.startTimeNs = static_cast<std::int64_t>(source.start_time_unix_nano());
    span.endTimeNs = static_cast<std::int64_t>(source.end_time_unix_nano());
    span.droppedAttributesCount = source.dropped_attributes_count();
    span.droppedEventsCount = source.dropped_events_count();
    span.droppedLinksCount = source.dropped_links_count();

    if (encodedFields) {
        appendEntries(encodedFields->openValue(), ProtoSpan::kAttributesFieldNumber,
                      source.attributes());
        encodedFields->close();
        appendEntries(encodedFields->openValue(), ProtoSpan::kEventsFieldNumber, source.events());
        encodedFields->close();
        appendEntries(encodedFields->openValue(), ProtoSpan::kLinksFieldNumber, source.links());
        encodedFields->close();
    } else {
        span.attributes = toAttributes(source.attributes());
        span.events.reserve(static_cast<std::size_t>(source.events_size()));
        for (const auto &event : source.events()) {
            span.events.push_back(SpanEvent{static_cast<std::int64_t>(event.time_unix_nano()),
                                            event.name(), toAttributes(event.attributes()),
                                            event.dropped_attributes_count()});
        }
    }

    span.status.code = static_cast<StatusCode>(source.status().code());
    span.status.message = source.status().message();
    // Values outside the known range would break switch statements downstream.
    if (source.kind() < 0 || source.kind() > 5)
        span.kind = SpanKind::Unspecified;
    if (source.status().code() < 0 || source.status().code() > 2)
        span.status.code = StatusCode::Unset;
    return {};
}

std::string toLogRecord(const otlp::logs::v1::LogRecord &source, LogRecord &log)
{
    std::string reason;
    const auto traceId = OtlpItemChecks::checkedId<16>(source.trace_id(), false, "traceId", reason);
    if (!traceId)
        return reason;
    const auto spanId = OtlpItemChecks::checkedId<8>(source.span_id(), false, "spanId", reason);
    if (!spanId)
        return reason;
    log.timeNs = static_cast<std::int64_t>(source.time_unix_nano());
    log.observedTimeNs = static_cast<std::int64_t>(source.observed_time_unix_nano());
    log.severityNumber = source.severity_number();
    log.severityText = source.severity_text();
    log.body = toAnyValue(source.body());
    log.attributes = toAttributes(source.attributes());
    log.droppedAttributesCount = source.dropped_attributes_count();
    log.flags = source.flags();
    log.traceId = *traceId;
    log.spanId = *spanId;
    log.eventName = source.event_name();
    return {};
}

std::string toExemplar(const otlp::metrics::v1::Exemplar &source, Exemplar &exemplar)
{
    std::string reason;
    const auto traceId = OtlpItemChecks::checkedId<16>(source.trace_id(), false, "traceId", reason);
    if (!traceId)
        return reason;
    const auto spanId = OtlpItemChecks::checkedId<8>(source.span_id(), false, "spanId", reason);
    if (!spanId)
        return reason;
    exemplar.filteredAttributes = toAttributes(source.filtered_attributes());
    exemplar.timeNs = static_cast<std::int64_t>(source.time_unix_nano());
    if (source.value_case() == otlp::metrics::v1::Exemplar::kAsInt)
        exemplar.value = static_cast<std::int64_t>(source.as_int());
    else
        exemplar.value = source.as_double();
    exemplar.traceId = *traceId;
    exemplar.spanId = *spanId;
    return {};
}

// Fills the fields every point type shares; returns why the point is rejected, or empty.
template<typename Point>
std::string fillBase(const Point &source, DataPointBase &point)
{
    point.attributes = toAttributes(source.attributes());
    point.startTimeNs = static_cast<std::int64_t>(source.start_time_unix_nano());
    point.timeNs = static_cast<std::int64_t>(source.time_unix_nano());
    point.flags = source.flags();
    if constexpr (requires { source.exemplars(); }) {
        point.exemplars.reserve(static_cast<std::size_t>(source.exemplars_size()));
        for (int i = 0; i < source.exemplars_size(); ++i) {
            Exemplar exemplar;
            std::string reason = toExemplar(source.exemplars(i), exemplar);
            if (!reason.empty())
                return OtlpItemChecks::indexed("exemplars", i) + '.' + reason;
            point.exemplars.push_back(std::move(exemplar));
        }
    }
    return {};
}

void convertPoint(const otlp::metrics::v1::NumberDataPoint &source, NumberDataPoint &point)
{
    if (source.value_case() == otlp::metrics::v1::NumberDataPoint::kAsInt)
        point.value = static_cast<std::int64_t>(source.as_int());
    else
        point.value = source.as_double();
}

void convertPoint(const otlp::metrics::v1::HistogramDataPoint &source, HistogramDataPoint &point)
{
    point.count = source.count();
    if (source.has_sum())
        point.sum = source.sum();
    point.bucketCounts.assign(source.bucket_counts().begin(), source.bucket_counts().end());
    point.explicitBounds.assign(source.explicit_bounds().begin(), source.explicit_bounds().end());
    if (source.has_min())
        point.min = source.min();
    if (source.has_max())
        point.max = source.max();
}

ExponentialHistogramBuckets
toBuckets(const otlp::metrics::v1::ExponentialHistogramDataPoint::Buckets &source)
{
    ExponentialHistogramBuckets buckets;
    buckets.offset = source.offset();
    buckets.bucketCounts.assign(source.bucket_counts().begin(), source.bucket_counts().end());
    return buckets;
}

void convertPoint(const otlp::metrics::v1::ExponentialHistogramDataPoint &source,
                  ExponentialHistogramDataPoint &point)
{
    point.count = source.count();
    if (source.has_sum())
        point.sum = source.sum();
    point.scale = source.scale();
    point.zeroCount = source.zero_count();
    point.positive = toBuckets(source.positive());
    point.negative = toBuckets(source.negative());
    if (source.has_min())
        point.min = source.min();
    if (source.has_max())
        point.max = source.max();
    point.zeroThreshold = source.zero_threshold();
}

void convertPoint(const otlp::metrics::v1::SummaryDataPoint &source, SummaryDataPoint &point)
{
    point.count = source.count();
    point.sum = source.sum();
    point.quantileValues.reserve(static_cast<std::size_t>(source.quantile_values_size()));
    for (const auto &quantile : source.quantile_values())
        point.quantileValues.push_back(SummaryQuantile{quantile.quantile(), quantile.value()});
}

template<typename Point, typename ProtoPoint>
void convertPoints(const RepeatedPtrField<ProtoPoint> &sources, std::vector<Point> &points,
                   Rejections &rejections, const ItemPath &metricPath, const char *typeKey)
{
    points.reserve(static_cast<std::size_t>(sources.size()));
    for (int i = 0; i < sources.size(); ++i) {
        Point point;
        std::string reason = fillBase(sources.Get(i), point);
        if (!reason.empty()) {
            rejections.add(1, [&] {
                return metricPath.toString() + '.' + typeKey + '.'
                       + OtlpItemChecks::indexed("dataPoints", i) + ": " + reason;
            });
            continue;
        }
        convertPoint(sources.Get(i), point);
        points.push_back(std::move(point));
    }
}

AggregationTemporality toTemporality(otlp::metrics::v1::AggregationTemporality temporality)
{
    if (temporality < 0 || temporality > 2)
        return AggregationTemporality::Unspecified;
    return static_cast<AggregationTemporality>(temporality);
}

// Appends the metric to `metrics` unless it is rejected as a whole.
void convertMetric(const otlp::metrics::v1::Metric &source, std::vector<Metric> &metrics,
                   Rejections &rejections, const ItemPath &path)
{
    using Proto = otlp::metrics::v1::Metric;
    std::int64_t protoPoints = 0;
    switch (source.data_case()) {
    case Proto::kGauge:
        protoPoints = source.gauge().data_points_size();
        break;
    case Proto::kSum:
        protoPoints = source.sum().data_points_size();
        break;
    case Proto::kHistogram:
        protoPoints = source.histogram().data_points_size();
        break;
    case Proto::kExponentialHistogram:
        protoPoints = source.exponential_histogram().data_points_size();
        break;
    case Proto::kSummary:
        protoPoints = source.summary().data_points_size();
        break;
    case Proto::DATA_NOT_SET:
        rejections.add(1, [&] { return path.toString() + ": metric has no data type set"; });
        return;
    }
    if (source.name().empty()) {
        rejections.add(std::max<std::int64_t>(protoPoints, 1),
                       [&] { return path.toString() + ": metric name is empty"; });
        return;
    }

    Metric metric;
    metric.name = source.name();
    metric.description = source.description();
    metric.unit = source.unit();
    metric.metadata = toAttributes(source.metadata());
    switch (source.data_case()) {
    case Proto::kGauge:
        metric.type = MetricType::Gauge;
        convertPoints(source.gauge().data_points(), metric.numberPoints, rejections, path, "gauge");
        break;
    case Proto::kSum:
        metric.type = MetricType::Sum;
        metric.temporality = toTemporality(source.sum().aggregation_temporality());
        metric.isMonotonic = source.sum().is_monotonic();
        convertPoints(source.sum().data_points(), metric.numberPoints, rejections, path, "sum");
        break;
    case Proto::kHistogram:
        metric.type = MetricType::Histogram;
        metric.temporality = toTemporality(source.histogram().aggregation_temporality());
        convertPoints(source.histogram().data_points(), metric.histogramPoints, rejections, path,
                      "histogram");
        break;
    case Proto::kExponentialHistogram:
        metric.type = MetricType::ExponentialHistogram;
        metric.temporality
            = toTemporality(source.exponential_histogram().aggregation_temporality());
        convertPoints(source.exponential_histogram().data_points(),
                      metric.exponentialHistogramPoints, rejections, path, "exponentialHistogram");
        break;
    case Proto::kSummary:
        metric.type = MetricType::Summary;
        convertPoints(source.summary().data_points(), metric.summaryPoints, rejections, path,
                      "summary");
        break;
    case Proto::DATA_NOT_SET:
        break;
    }
    metrics.push_back(std::move(metric));
}

// What walk() needs to know of one signal: its keys in item paths, its noun in rejection
// messages, where its resources, scopes and items are in the request and in the batch, and how one
// item converts (appended to its scope, or counted as rejected).
struct SpanSignal
{
    static constexpr const char *resourcesKey = "resourceSpans";
    static constexpr const char *scopesKey = "scopeSpans";
    static constexpr const char *itemsKey = "spans";
    static constexpr const char *itemNoun = "span";
    static const auto &
    resources(const otlp::collector::trace::v1::ExportTraceServiceRequest &request)
    {
        return request.resource_spans();
    }
    static auto &resources(TelemetryBatch &batch) { return batch.resourceSpans; }
    static const auto &scopes(const otlp::trace::v1::ResourceSpans &resource)
    {
        return resource.scope_spans();
    }
    static auto &scopes(ResourceSpans &resource) { return resource.scopeSpans; }
    static const auto &items(const otlp::trace::v1::ScopeSpans &scope) { return scope.spans(); }
    static auto &items(ScopeSpans &scope) { return scope.spans; }

    void beginScope(ScopeSpans &scope, int spanCount) const
    {
        if (spanFields == SpanFields::Encoded) {
            scope.encodedSpanFields.reserve(static_cast<std::size_t>(spanCount)
                                            * ScopeSpans::EncodedSpanFieldCount);
        }
    }
    void convert(const otlp::trace::v1::Span &source, ScopeSpans &scope, Rejections &rejections,
                 const ItemPath &path) const
    {
        PackedStrings *encodedFields
            = spanFields == SpanFields::Encoded ? &scope.encodedSpanFields : nullptr;
        Span span;
        std::string reason = toSpan(source, span, encodedFields);
        if (reason.empty())
            scope.spans.push_back(std::move(span));
        else
            rejections.add(1, [&] { return path.toString() + ": " + reason; });
    }

    SpanFields spanFields;
};

struct MetricSignal
{
    static constexpr const char *resourcesKey = "resourceMetrics";
    static constexpr const char *scopesKey = "scopeMetrics";
    static constexpr const char *itemsKey = "metrics";
    static constexpr const char *itemNoun = "data point"; // rejections count points
    static const auto &
    resources(const otlp::collector::metrics::v1::ExportMetricsServiceRequest &request)
    {
        return request.resource_metrics();
    }
    static auto &resources(TelemetryBatch &batch) { return batch.resourceMetrics; }
    static const auto &scopes(const otlp::metrics::v1::ResourceMetrics &resource)
    {
        return resource.scope_metrics();
    }
    static auto &scopes(ResourceMetrics &resource) { return resource.scopeMetrics; }
    static const auto &items(const otlp::metrics::v1::ScopeMetrics &scope)
    {
        return scope.metrics();
    }
    static auto &items(ScopeMetrics &scope) { return scope.metrics; }

    void convert(const otlp::metrics::v1::Metric &source, ScopeMetrics &scope,
                 Rejections &rejections, const ItemPath &path) const
    {
        convertMetric(source, scope.metrics, rejections, path);
    }
};

struct LogSignal
{
    static constexpr const char *resourcesKey = "resourceLogs";
    static constexpr const char *scopesKey = "scopeLogs";
    static constexpr const char *itemsKey = "logRecords";
    static constexpr const char *itemNoun = "log record";
    static const auto &resources(const otlp::collector::logs::v1::ExportLogsServiceRequest &request)
    {
        return request.resource_logs();
    }
    static auto &resources(TelemetryBatch &batch) { return batch.resourceLogs; }
    static const auto &scopes(const otlp::logs::v1::ResourceLogs &resource)
    {
        return resource.scope_logs();
    }
    static auto &scopes(ResourceLogs &resource) { return resource.scopeLogs; }
    static const auto &items(const otlp::logs::v1::ScopeLogs &scope) { return scope.log_records(); }
    static auto &items(ScopeLogs &scope) { return scope.logRecords; }

    void convert(const otlp::logs::v1::LogRecord &source, ScopeLogs &scope, Rejections &rejections,
                 const ItemPath &path) const
    {
        LogRecord log;
        std::string reason = toLogRecord(source, log);
        if (reason.empty())
            scope.logRecords.push_back(std::move(log));
        else
            rejections.add(1, [&] { return path.toString() + ": " + reason; });
    }
};

// The resource -> scope -> item walk of every signal: copies each resource and scope, and hands
// each item to signal.convert() with its path.
template<typename Signal, typename Request>
OtlpDecodeResult walk(const Request &request, const Signal &signal)
{
    auto batch = std::make_shared<TelemetryBatch>();
    Rejections rejections;
    ItemPath path{Signal::resourcesKey, Signal::scopesKey, Signal::itemsKey};
    const auto &sourceResources = Signal::resources(request);
    auto &resources = Signal::resources(*batch);
    resources.reserve(static_cast<std::size_t>(sourceResources.size()));
    for (path.resource = 0; path.resource < sourceResources.size(); ++path.resource) {
        const auto &sourceResource = sourceResources.Get(path.resource);
        auto &resource = resources.emplace_back();
        resource.resource = toResource(sourceResource.resource());
        resource.schemaUrl = sourceResource.schema_url();
        const auto &sourceScopes = Signal::scopes(sourceResource);
        auto &scopes = Signal::scopes(resource);
        scopes.reserve(static_cast<std::size_t>(sourceScopes.size()));
        for (path.scope = 0; path.scope < sourceScopes.size(); ++path.scope) {
            const auto &sourceScope = sourceScopes.Get(path.scope);
            auto &scope = scopes.emplace_back();
            scope.scope = toScope(sourceScope.scope());
            scope.schemaUrl = sourceScope.schema_url();
            const auto &sourceItems = Signal::items(sourceScope);
            Signal::items(scope).reserve(static_cast<std::size_t>(sourceItems.size()));
            if constexpr (requires { signal.beginScope(scope, sourceItems.size()); })
                signal.beginScope(scope, sourceItems.size());
            for (path.item = 0; path.item < sourceItems.size(); ++path.item)
                signal.convert(sourceItems.Get(path.item), scope, rejections, path);
        }
    }
    return rejections.success(std::move(batch), Signal::itemNoun);
}

} // namespace

OtlpDecodeResult
OtlpProtoDecoder::convert(const otlp::collector::trace::v1::ExportTraceServiceRequest &request,
                          SpanFields spanFields)
{
    return walk(request, SpanSignal{spanFields});
}

OtlpDecodeResult
OtlpProtoDecoder::convert(const otlp::collector::metrics::v1::ExportMetricsServiceRequest &request)
{
    return walk(request, MetricSignal{});
}

OtlpDecodeResult
OtlpProtoDecoder::convert(const otlp::collector::logs::v1::ExportLogsServiceRequest &request)
{
    return walk(request, LogSignal{});
}

Resource OtlpProtoDecoder::convert(const otlp::resource::v1::Resource &resource)
{
    return toResource(resource);
}

InstrumentationScope OtlpProtoDecoder::convert(const otlp::common::v1::InstrumentationScope &scope)
{
    return toScope(scope);
}

} // namespace kansoku
