#include "formats/otlp_json_request_encoder.h"

#include "formats/otlp_json_field_writer.h"

namespace kansoku {

namespace {

constexpr auto replaceInvalid = OtlpJsonFieldWriter::InvalidUtf8::Replace;

// ,"name": — every field but the first of an object goes through this.
void appendKey(std::string &out, const char *name, bool first = false)
{
    if (!first)
        out += ',';
    out += '"';
    out += name;
    out += "\":";
}

void appendAttributesField(std::string &out, const char *name, const Attributes &attributes,
                           bool first = false)
{
    appendKey(out, name, first);
    OtlpJsonFieldWriter::appendAttributes(out, attributes, replaceInvalid);
}

template<typename Item, typename AppendItem>
void appendArray(std::string &out, const std::vector<Item> &items, AppendItem appendItem)
{
    out += '[';
    bool first = true;
    for (const Item &item : items) {
        if (!first)
            out += ',';
        first = false;
        appendItem(out, item);
    }
    out += ']';
}

void appendOptionalDouble(std::string &out, const char *name, const std::optional<double> &value)
{
    if (!value)
        return;
    appendKey(out, name);
    OtlpJsonFieldWriter::appendDouble(out, *value);
}

void appendPointBase(std::string &out, const DataPointBase &point)
{
    appendAttributesField(out, "attributes", point.attributes, true);
    appendKey(out, "startTimeUnixNano");
    OtlpJsonFieldWriter::appendInt64String(out, point.startTimeNs);
    appendKey(out, "timeUnixNano");
    OtlpJsonFieldWriter::appendInt64String(out, point.timeNs);
    appendKey(out, "exemplars");
    OtlpJsonFieldWriter::appendExemplars(out, point.exemplars, replaceInvalid);
    appendKey(out, "flags");
    OtlpJsonFieldWriter::appendUnsigned(out, point.flags);
}

void appendNumberPoint(std::string &out, const NumberDataPoint &point)
{
    out += '{';
    appendPointBase(out, point);
    if (std::holds_alternative<double>(point.value)) {
        appendKey(out, "asDouble");
        OtlpJsonFieldWriter::appendDouble(out, std::get<double>(point.value));
    } else {
        appendKey(out, "asInt");
        OtlpJsonFieldWriter::appendInt64String(out, std::get<std::int64_t>(point.value));
    }
    out += '}';
}

void appendCounts(std::string &out, const std::vector<std::uint64_t> &counts)
{
    appendArray(out, counts, [](std::string &o, std::uint64_t count) {
        OtlpJsonFieldWriter::appendUInt64String(o, count);
    });
}

void appendHistogramPoint(std::string &out, const HistogramDataPoint &point)
{
    out += '{';
    appendPointBase(out, point);
    appendKey(out, "count");
    OtlpJsonFieldWriter::appendUInt64String(out, point.count);
    appendOptionalDouble(out, "sum", point.sum);
    appendKey(out, "bucketCounts");
    appendCounts(out, point.bucketCounts);
    appendKey(out, "explicitBounds");
    appendArray(out, point.explicitBounds, OtlpJsonFieldWriter::appendDouble);
    appendOptionalDouble(out, "min", point.min);
    appendOptionalDouble(out, "max", point.max);
    out += '}';
}

void appendBuckets(std::string &out, const ExponentialHistogramBuckets &buckets)
{
    out += "{\"offset\":";
    out += std::to_string(buckets.offset);
    appendKey(out, "bucketCounts");
    appendCounts(out, buckets.bucketCounts);
    out += '}';
}

void appendExponentialPoint(std::string &out, const ExponentialHistogramDataPoint &point)
{
    out += '{';
    appendPointBase(out, point);
    appendKey(out, "count");
    OtlpJsonFieldWriter::appendUInt64String(out, point.count);
    appendOptionalDouble(out, "sum", point.sum);
    appendKey(out, "scale");
    out += std::to_string(point.scale);
    appendKey(out, "zeroCount");
    OtlpJsonFieldWriter::appendUInt64String(out, point.zeroCount);
    appendKey(out, "positive");
    appendBuckets(out, point.positive);
    appendKey(out, "negative");
    appendBuckets(out, point.negative);
    appendOptionalDouble(out, "min", point.min);
    appendOptionalDouble(out, "max", point.max);
    appendKey(out, "zeroThreshold");
    OtlpJsonFieldWriter::appendDouble(out, point.zeroThreshold);
    out += '}';
}

void appendSummaryPoint(std::string &out, const SummaryDataPoint &point)
{
    out += '{';
    appendPointBase(out, point);
    appendKey(out, "count");
    OtlpJsonFieldWriter::appendUInt64String(out, point.count);
    appendKey(out, "sum");
    OtlpJsonFieldWriter::appendDouble(out, point.sum);
    appendKey(out, "quantileValues");
    appendArray(out, point.quantileValues, [](std::string &o, const SummaryQuantile &quantile) {
        o += "{\"quantile\":";
        OtlpJsonFieldWriter::appendDouble(o, quantile.quantile);
        appendKey(o, "value");
        OtlpJsonFieldWriter::appendDouble(o, quantile.value);
        o += '}';
    });
    out += '}';
}

void appendTemporality(std::string &out, AggregationTemporality temporality)
{
    appendKey(out, "aggregationTemporality");
    out += std::to_string(static_cast<int>(temporality));
}

// {"resource":...,"<scopesName>":[{"scope":...,"<itemsName>":[...],"schemaUrl":...}],
//  "schemaUrl":...} for each resource; Scopes/Items pick the vectors out of the batch types.
template<typename ResourceGroup, typename Scopes, typename Items, typename AppendItem>
std::string encodeRequest(const char *resourcesName, const std::vector<ResourceGroup> &resources,
                          const char *scopesName, Scopes scopes, const char *itemsName, Items items,
                          AppendItem appendItem)
{
    std::string out;
    out += '{';
    appendKey(out, resourcesName, true);
    appendArray(out, resources, [&](std::string &o, const ResourceGroup &resource) {
        o += '{';
        appendKey(o, "resource", true);
        OtlpJsonRequestEncoder::appendResource(o, resource.resource);
        appendKey(o, scopesName);
        appendArray(o, scopes(resource), [&](std::string &so, const auto &scope) {
            so += '{';
            appendKey(so, "scope", true);
            OtlpJsonRequestEncoder::appendScope(so, scope.scope);
            appendKey(so, itemsName);
            appendArray(so, items(scope), appendItem);
            appendKey(so, "schemaUrl");
            OtlpJsonFieldWriter::appendText(so, scope.schemaUrl);
            so += '}';
        });
        appendKey(o, "schemaUrl");
        OtlpJsonFieldWriter::appendText(o, resource.schemaUrl);
        o += '}';
    });
    out += '}';
    return out;
}

} // namespace

void OtlpJsonRequestEncoder::appendResource(std::string &out, const Resource &resource)
{
    out += '{';
    appendAttributesField(out, "attributes", resource.attributes, true);
    appendKey(out, "droppedAttributesCount");
    OtlpJsonFieldWriter::appendUnsigned(out, resource.droppedAttributesCount);
    out += '}';
}

void OtlpJsonRequestEncoder::appendScope(std::string &out, const InstrumentationScope &scope)
{
    out += '{';
    appendKey(out, "name", true);
    OtlpJsonFieldWriter::appendText(out, scope.name);
    appendKey(out, "version");
    OtlpJsonFieldWriter::appendText(out, scope.version);
    appendAttributesField(out, "attributes", scope.attributes);
    appendKey(out, "droppedAttributesCount");
    OtlpJsonFieldWriter::appendUnsigned(out, scope.droppedAttributesCount);
    out += '}';
}

void OtlpJsonRequestEncoder::appendSpan(std::string &out, const Span &span)
{
    out += '{';
    appendKey(out, "traceId", true);
    OtlpJsonFieldWriter::appendHexId(out, span.traceId);
    appendKey(out, "spanId");
    OtlpJsonFieldWriter::appendHexId(out, span.spanId);
    appendKey(out, "traceState");
    OtlpJsonFieldWriter::appendText(out, span.traceState);
    if (!span.parentSpanId.isZero()) {
        appendKey(out, "parentSpanId");
        OtlpJsonFieldWriter::appendHexId(out, span.parentSpanId);
    }
    appendKey(out, "flags");
    OtlpJsonFieldWriter::appendUnsigned(out, span.flags);
    appendKey(out, "name");
    OtlpJsonFieldWriter::appendText(out, span.name);
    appendKey(out, "kind");
    out += std::to_string(static_cast<int>(span.kind));
    appendKey(out, "startTimeUnixNano");
    OtlpJsonFieldWriter::appendInt64String(out, span.startTimeNs);
    appendKey(out, "endTimeUnixNano");
    OtlpJsonFieldWriter::appendInt64String(out, span.endTimeNs);
    appendAttributesField(out, "attributes", span.attributes);
    appendKey(out, "droppedAttributesCount");
    OtlpJsonFieldWriter::appendUnsigned(out, span.droppedAttributesCount);
    appendKey(out, "events");
    OtlpJsonFieldWriter::appendEvents(out, span.events, replaceInvalid);
    appendKey(out, "droppedEventsCount");
    OtlpJsonFieldWriter::appendUnsigned(out, span.droppedEventsCount);
    appendKey(out, "links");
    OtlpJsonFieldWriter::appendLinks(out, span.links, replaceInvalid);
    appendKey(out, "droppedLinksCount");
    OtlpJsonFieldWriter::appendUnsigned(out, span.droppedLinksCount);
    appendKey(out, "status");
    out += "{\"message\":";
    OtlpJsonFieldWriter::appendText(out, span.status.message);
    appendKey(out, "code");
    out += std::to_string(static_cast<int>(span.status.code));
    out += "}}";
}

void OtlpJsonRequestEncoder::appendLogRecord(std::string &out, const LogRecord &record)
{
    out += '{';
    appendKey(out, "timeUnixNano", true);
    OtlpJsonFieldWriter::appendInt64String(out, record.timeNs);
    appendKey(out, "observedTimeUnixNano");
    OtlpJsonFieldWriter::appendInt64String(out, record.observedTimeNs);
    appendKey(out, "severityNumber");
    out += std::to_string(record.severityNumber);
    appendKey(out, "severityText");
    OtlpJsonFieldWriter::appendText(out, record.severityText);
    appendKey(out, "body");
    OtlpJsonFieldWriter::appendAnyValue(out, record.body, replaceInvalid);
    appendAttributesField(out, "attributes", record.attributes);
    appendKey(out, "droppedAttributesCount");
    OtlpJsonFieldWriter::appendUnsigned(out, record.droppedAttributesCount);
    appendKey(out, "flags");
    OtlpJsonFieldWriter::appendUnsigned(out, record.flags);
    if (!record.traceId.isZero()) {
        appendKey(out, "traceId");
        OtlpJsonFieldWriter::appendHexId(out, record.traceId);
    }
    if (!record.spanId.isZero()) {
        appendKey(out, "spanId");
        OtlpJsonFieldWriter::appendHexId(out, record.spanId);
    }
    appendKey(out, "eventName");
    OtlpJsonFieldWriter::appendText(out, record.eventName);
    out += '}';
}

void OtlpJsonRequestEncoder::appendMetric(std::string &out, const Metric &metric)
{
    out += '{';
    appendKey(out, "name", true);
    OtlpJsonFieldWriter::appendText(out, metric.name);
    appendKey(out, "description");
    OtlpJsonFieldWriter::appendText(out, metric.description);
    appendKey(out, "unit");
    OtlpJsonFieldWriter::appendText(out, metric.unit);
    appendAttributesField(out, "metadata", metric.metadata);
    switch (metric.type) {
    case MetricType::Gauge:
        appendKey(out, "gauge");
        out += "{\"dataPoints\":";
        appendArray(out, metric.numberPoints, appendNumberPoint);
        break;
    case MetricType::Sum:
        appendKey(out, "sum");
        out += "{\"dataPoints\":";
        appendArray(out, metric.numberPoints, appendNumberPoint);
        appendTemporality(out, metric.temporality);
        appendKey(out, "isMonotonic");
        out += metric.isMonotonic ? "true" : "false";
        break;
    case MetricType::Histogram:
        appendKey(out, "histogram");
        out += "{\"dataPoints\":";
        appendArray(out, metric.histogramPoints, appendHistogramPoint);
        appendTemporality(out, metric.temporality);
        break;
    case MetricType::ExponentialHistogram:
        appendKey(out, "exponentialHistogram");
        out += "{\"dataPoints\":";
        appendArray(out, metric.exponentialHistogramPoints, appendExponentialPoint);
        appendTemporality(out, metric.temporality);
        break;
    case MetricType::Summary:
        appendKey(out, "summary");
        out += "{\"dataPoints\":";
        appendArray(out, metric.summaryPoints, appendSummaryPoint);
        break;
    }
    out += "}}";
}

std::string OtlpJsonRequestEncoder::encodeTraces(const std::vector<ResourceSpans> &resourceSpans)
{
    return encodeRequest(
        "resourceSpans", resourceSpans, "scopeSpans",
        [](const ResourceSpans &r) -> const auto & { return r.scopeSpans; }, "spans",
        [](const ScopeSpans &s) -> const auto & { return s.spans; }, appendSpan);
}

std::string OtlpJsonRequestEncoder::encodeLogs(const std::vector<ResourceLogs> &resourceLogs)
{
    return encodeRequest(
        "resourceLogs", resourceLogs, "scopeLogs",
        [](const ResourceLogs &r) -> const auto & { return r.scopeLogs; }, "logRecords",
        [](const ScopeLogs &s) -> const auto & { return s.logRecords; }, appendLogRecord);
}

std::string
OtlpJsonRequestEncoder::encodeMetrics(const std::vector<ResourceMetrics> &resourceMetrics)
{
    return encodeRequest(
        "resourceMetrics", resourceMetrics, "scopeMetrics",
        [](const ResourceMetrics &r) -> const auto & { return r.scopeMetrics; }, "metrics",
        [](const ScopeMetrics &s) -> const auto & { return s.metrics; }, appendMetric);
}

} // namespace kansoku
