#include "otlp_proto_encoder.h"

#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/metrics/v1/metrics_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"

namespace kansoku {

namespace {

namespace otlp = opentelemetry::proto;
using google::protobuf::RepeatedPtrField;

void toProto(const AnyValue &value, otlp::common::v1::AnyValue &out);

void toProto(const Attributes &attributes, RepeatedPtrField<otlp::common::v1::KeyValue> &out)
{
    out.Reserve(static_cast<int>(attributes.size()));
    for (const KeyValue &attribute : attributes) {
        auto *keyValue = out.Add();
        keyValue->set_key(attribute.key);
        toProto(attribute.value, *keyValue->mutable_value());
    }
}

void toProto(const AnyValue &value, otlp::common::v1::AnyValue &out)
{
    switch (value.type()) {
    case AnyValue::Type::Empty:
        break;
    case AnyValue::Type::String:
        out.set_string_value(value.stringValue());
        break;
    case AnyValue::Type::Bool:
        out.set_bool_value(value.boolValue());
        break;
    case AnyValue::Type::Int:
        out.set_int_value(value.intValue());
        break;
    case AnyValue::Type::Double:
        out.set_double_value(value.doubleValue());
        break;
    case AnyValue::Type::Bytes:
        out.set_bytes_value(value.bytesValue());
        break;
    case AnyValue::Type::Array: {
        // mutable_array_value() even for an empty array: it is what marks the value an array.
        auto *array = out.mutable_array_value();
        for (const AnyValue &item : value.arrayValue())
            toProto(item, *array->add_values());
        break;
    }
    case AnyValue::Type::Map:
        toProto(value.mapValue(), *out.mutable_kvlist_value()->mutable_values());
        break;
    }
}

void toProto(const Resource &resource, otlp::resource::v1::Resource &out)
{
    toProto(resource.attributes, *out.mutable_attributes());
    out.set_dropped_attributes_count(resource.droppedAttributesCount);
}

void toProto(const InstrumentationScope &scope, otlp::common::v1::InstrumentationScope &out)
{
    out.set_name(scope.name);
    out.set_version(scope.version);
    toProto(scope.attributes, *out.mutable_attributes());
    out.set_dropped_attributes_count(scope.droppedAttributesCount);
}

template<std::size_t Size>
std::string rawOrEmpty(const FixedId<Size> &id)
{
    return id.isZero() ? std::string() : std::string(id.raw());
}

void toProto(const ScopeSpans &scopeSpans, std::size_t index, otlp::trace::v1::Span &out)
{
    const Span &span = scopeSpans.spans[index];
    out.set_trace_id(std::string(span.traceId.raw()));
    out.set_span_id(std::string(span.spanId.raw()));
    out.set_parent_span_id(rawOrEmpty(span.parentSpanId));
    out.set_trace_state(span.traceState);
    out.set_flags(span.flags);
    out.set_name(span.name);
    out.set_kind(static_cast<otlp::trace::v1::Span::SpanKind>(span.kind));
    out.set_start_time_unix_nano(static_cast<std::uint64_t>(span.startTimeNs));
    out.set_end_time_unix_nano(static_cast<std::uint64_t>(span.endTimeNs));
    out.set_dropped_attributes_count(span.droppedAttributesCount);
    out.set_dropped_events_count(span.droppedEventsCount);
    out.set_dropped_links_count(span.droppedLinksCount);
    out.mutable_status()->set_code(
        static_cast<otlp::trace::v1::Status::StatusCode>(span.status.code));
    out.mutable_status()->set_message(span.status.message);
    if (scopeSpans.hasEncodedSpanFields()) {
        // The entries of fields 9, 11 and 13 exactly as they came: parsing them into the message
        // appends them to its repeated fields.
        for (int field = 0; field < ScopeSpans::EncodedSpanFieldCount; ++field) {
            const std::string_view bytes = scopeSpans.encodedSpanField(
                index, static_cast<ScopeSpans::EncodedSpanField>(field));
            out.MergeFromString(std::string(bytes));
        }
        return;
    }
    toProto(span.attributes, *out.mutable_attributes());
    for (const SpanEvent &event : span.events) {
        auto *protoEvent = out.add_events();
        protoEvent->set_time_unix_nano(static_cast<std::uint64_t>(event.timeNs));
        protoEvent->set_name(event.name);
        toProto(event.attributes, *protoEvent->mutable_attributes());
        protoEvent->set_dropped_attributes_count(event.droppedAttributesCount);
    }
    for (const SpanLink &link : span.links) {
        auto *protoLink = out.add_links();
        protoLink->set_trace_id(rawOrEmpty(link.traceId));
        protoLink->set_span_id(rawOrEmpty(link.spanId));
        protoLink->set_trace_state(link.traceState);
        toProto(link.attributes, *protoLink->mutable_attributes());
        protoLink->set_dropped_attributes_count(link.droppedAttributesCount);
        protoLink->set_flags(link.flags);
    }
}

void toProto(const LogRecord &log, otlp::logs::v1::LogRecord &out)
{
    out.set_time_unix_nano(static_cast<std::uint64_t>(log.timeNs));
    out.set_observed_time_unix_nano(static_cast<std::uint64_t>(log.observedTimeNs));
    out.set_severity_number(static_cast<otlp::logs::v1::SeverityNumber>(log.severityNumber));
    out.set_severity_text(log.severityText);
    if (!log.body.isEmpty())
        toProto(log.body, *out.mutable_body());
    toProto(log.attributes, *out.mutable_attributes());
    out.set_dropped_attributes_count(log.droppedAttributesCount);
    out.set_flags(log.flags);
    out.set_trace_id(rawOrEmpty(log.traceId));
    out.set_span_id(rawOrEmpty(log.spanId));
    out.set_event_name(log.eventName);
}

void toProto(const Exemplar &exemplar, otlp::metrics::v1::Exemplar &out)
{
    toProto(exemplar.filteredAttributes, *out.mutable_filtered_attributes());
    out.set_time_unix_nano(static_cast<std::uint64_t>(exemplar.timeNs));
    if (const auto *integer = std::get_if<std::int64_t>(&exemplar.value))
        out.set_as_int(*integer);
    else
        out.set_as_double(std::get<double>(exemplar.value));
    out.set_span_id(rawOrEmpty(exemplar.spanId));
    out.set_trace_id(rawOrEmpty(exemplar.traceId));
}

template<typename ProtoPoint>
void toProtoBase(const DataPointBase &point, ProtoPoint &out)
{
    toProto(point.attributes, *out.mutable_attributes());
    out.set_start_time_unix_nano(static_cast<std::uint64_t>(point.startTimeNs));
    out.set_time_unix_nano(static_cast<std::uint64_t>(point.timeNs));
    out.set_flags(point.flags);
    if constexpr (requires { out.add_exemplars(); }) {
        for (const Exemplar &exemplar : point.exemplars)
            toProto(exemplar, *out.add_exemplars());
    }
}

void toProto(const NumberDataPoint &point, otlp::metrics::v1::NumberDataPoint &out)
{
    toProtoBase(point, out);
    if (const auto *integer = std::get_if<std::int64_t>(&point.value))
        out.set_as_int(*integer);
    else
        out.set_as_double(std::get<double>(point.value));
}

void toProto(const HistogramDataPoint &point, otlp::metrics::v1::HistogramDataPoint &out)
{
    toProtoBase(point, out);
    out.set_count(point.count);
    if (point.sum)
        out.set_sum(*point.sum);
    for (std::uint64_t count : point.bucketCounts)
        out.add_bucket_counts(count);
    for (double bound : point.explicitBounds)
        out.add_explicit_bounds(bound);
    if (point.min)
        out.set_min(*point.min);
    if (point.max)
        out.set_max(*point.max);
}

void toProto(const ExponentialHistogramBuckets &buckets,
             otlp::metrics::v1::ExponentialHistogramDataPoint::Buckets &out)
{
    out.set_offset(buckets.offset);
    for (std::uint64_t count : buckets.bucketCounts)
        out.add_bucket_counts(count);
}

void toProto(const ExponentialHistogramDataPoint &point,
             otlp::metrics::v1::ExponentialHistogramDataPoint &out)
{
    toProtoBase(point, out);
    out.set_count(point.count);
    if (point.sum)
        out.set_sum(*point.sum);
    out.set_scale(point.scale);
    out.set_zero_count(point.zeroCount);
    toProto(point.positive, *out.mutable_positive());
    toProto(point.negative, *out.mutable_negative());
    if (point.min)
        out.set_min(*point.min);
    if (point.max)
        out.set_max(*point.max);
    out.set_zero_threshold(point.zeroThreshold);
}

void toProto(const SummaryDataPoint &point, otlp::metrics::v1::SummaryDataPoint &out)
{
    toProtoBase(point, out);
    out.set_count(point.count);
    out.set_sum(point.sum);
    for (const SummaryQuantile &quantile : point.quantileValues) {
        auto *protoQuantile = out.add_quantile_values();
        protoQuantile->set_quantile(quantile.quantile);
        protoQuantile->set_value(quantile.value);
    }
}

template<typename Point, typename ProtoPoints>
void pointsToProto(const std::vector<Point> &points, ProtoPoints &out)
{
    for (const Point &point : points)
        toProto(point, *out.Add());
}

otlp::metrics::v1::AggregationTemporality toProto(AggregationTemporality temporality)
{
    return static_cast<otlp::metrics::v1::AggregationTemporality>(temporality);
}

void toProto(const Metric &metric, otlp::metrics::v1::Metric &out)
{
    out.set_name(metric.name);
    out.set_description(metric.description);
    out.set_unit(metric.unit);
    toProto(metric.metadata, *out.mutable_metadata());
    switch (metric.type) {
    case MetricType::Gauge:
        pointsToProto(metric.numberPoints, *out.mutable_gauge()->mutable_data_points());
        break;
    case MetricType::Sum: {
        auto *sum = out.mutable_sum();
        sum->set_aggregation_temporality(toProto(metric.temporality));
        sum->set_is_monotonic(metric.isMonotonic);
        pointsToProto(metric.numberPoints, *sum->mutable_data_points());
        break;
    }
    case MetricType::Histogram: {
        auto *histogram = out.mutable_histogram();
        histogram->set_aggregation_temporality(toProto(metric.temporality));
        pointsToProto(metric.histogramPoints, *histogram->mutable_data_points());
        break;
    }
    case MetricType::ExponentialHistogram: {
        auto *histogram = out.mutable_exponential_histogram();
        histogram->set_aggregation_temporality(toProto(metric.temporality));
        pointsToProto(metric.exponentialHistogramPoints, *histogram->mutable_data_points());
        break;
    }
    case MetricType::Summary:
        pointsToProto(metric.summaryPoints, *out.mutable_summary()->mutable_data_points());
        break;
    }
}

} // namespace

void OtlpProtoEncoder::encode(const std::vector<ResourceSpans> &resourceSpans,
                              otlp::collector::trace::v1::ExportTraceServiceRequest &out)
{
    for (const ResourceSpans &resource : resourceSpans) {
        auto *protoResource = out.add_resource_spans();
        toProto(resource.resource, *protoResource->mutable_resource());
        protoResource->set_schema_url(resource.schemaUrl);
        for (const ScopeSpans &scope : resource.scopeSpans) {
            auto *protoScope = protoResource->add_scope_spans();
            toProto(scope.scope, *protoScope->mutable_scope());
            protoScope->set_schema_url(scope.schemaUrl);
            protoScope->mutable_spans()->Reserve(static_cast<int>(scope.spans.size()));
            for (std::size_t i = 0; i < scope.spans.size(); ++i)
                toProto(scope, i, *protoScope->add_spans());
        }
    }
}

void OtlpProtoEncoder::encode(const std::vector<ResourceMetrics> &resourceMetrics,
                              otlp::collector::metrics::v1::ExportMetricsServiceRequest &out)
{
    for (const ResourceMetrics &resource : resourceMetrics) {
        auto *protoResource = out.add_resource_metrics();
        toProto(resource.resource, *protoResource->mutable_resource());
        protoResource->set_schema_url(resource.schemaUrl);
        for (const ScopeMetrics &scope : resource.scopeMetrics) {
            auto *protoScope = protoResource->add_scope_metrics();
            toProto(scope.scope, *protoScope->mutable_scope());
            protoScope->set_schema_url(scope.schemaUrl);
            for (const Metric &metric : scope.metrics)
                toProto(metric, *protoScope->add_metrics());
        }
    }
}

void OtlpProtoEncoder::encode(const std::vector<ResourceLogs> &resourceLogs,
                              otlp::collector::logs::v1::ExportLogsServiceRequest &out)
{
    for (const ResourceLogs &resource : resourceLogs) {
        auto *protoResource = out.add_resource_logs();
        toProto(resource.resource, *protoResource->mutable_resource());
        protoResource->set_schema_url(resource.schemaUrl);
        for (const ScopeLogs &scope : resource.scopeLogs) {
            auto *protoScope = protoResource->add_scope_logs();
            toProto(scope.scope, *protoScope->mutable_scope());
            protoScope->set_schema_url(scope.schemaUrl);
            for (const LogRecord &log : scope.logRecords)
                toProto(log, *protoScope->add_log_records());
        }
    }
}

std::string OtlpProtoEncoder::serializeTraces(const std::vector<ResourceSpans> &resourceSpans)
{
    otlp::collector::trace::v1::ExportTraceServiceRequest request;
    encode(resourceSpans, request);
    return request.SerializeAsString();
}

std::string OtlpProtoEncoder::serializeMetrics(const std::vector<ResourceMetrics> &resourceMetrics)
{
    otlp::collector::metrics::v1::ExportMetricsServiceRequest request;
    encode(resourceMetrics, request);
    return request.SerializeAsString();
}

std::string OtlpProtoEncoder::serializeLogs(const std::vector<ResourceLogs> &resourceLogs)
{
    otlp::collector::logs::v1::ExportLogsServiceRequest request;
    encode(resourceLogs, request);
    return request.SerializeAsString();
}

} // namespace kansoku
