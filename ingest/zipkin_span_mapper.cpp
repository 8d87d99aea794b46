#include "zipkin_span_mapper.h"

#include "trace_format_conventions.h"

#include <simdjson.h>

namespace kansoku {

namespace {

using simdjson::dom::element;

std::string_view stringOr(element parent, const char *key)
{
    std::string_view value;
    if (parent[key].get(value) != simdjson::SUCCESS)
        return {};
    return value;
}

std::optional<std::int64_t> int64Of(element parent, const char *key)
{
    std::int64_t value = 0;
    if (parent[key].get(value) == simdjson::SUCCESS)
        return value;
    double real = 0;
    if (parent[key].get(real) == simdjson::SUCCESS)
        return std::int64_t(real);
    return std::nullopt;
}

// Endpoint addresses as semantic-convention attributes, with a key prefix per side.
void addEndpoint(element endpoint, const char *addressKey, const char *portKey,
                 Attributes &attributes)
{
    std::string_view address = stringOr(endpoint, "ipv4");
    if (address.empty())
        address = stringOr(endpoint, "ipv6");
    if (!address.empty())
        attributes.push_back({addressKey, AnyValue::fromString(std::string(address))});
    if (const std::optional<std::int64_t> port = int64Of(endpoint, "port"); port && *port > 0)
        attributes.push_back({portKey, AnyValue::fromInt(*port)});
}

} // namespace

MappedTelemetry ZipkinSpanMapper::map(std::string_view spanJson)
{
    MappedTelemetry result;
    thread_local simdjson::dom::parser parser;
    element zipkin;
    if (const auto error = parser.parse(spanJson.data(), spanJson.size()).get(zipkin)) {
        result.error = std::string("invalid JSON: ") + simdjson::error_message(error);
        return result;
    }
    if (!zipkin.is_object()) {
        result.error = "a Zipkin span must be a JSON object";
        return result;
    }
    const std::optional<TraceId> traceId
        = TraceFormatConventions::traceIdFromHex(stringOr(zipkin, "traceId"));
    const std::optional<SpanId> spanId
        = TraceFormatConventions::spanIdFromHex(stringOr(zipkin, "id"));
    if (!traceId || !spanId || traceId->isZero() || spanId->isZero()) {
        result.error = "a Zipkin span needs hex \"traceId\" and \"id\"";
        return result;
    }

    Span span;
    span.traceId = *traceId;
    span.spanId = *spanId;
    if (const std::string_view parent = stringOr(zipkin, "parentId"); !parent.empty()) {
        if (const std::optional<SpanId> parentId = TraceFormatConventions::spanIdFromHex(parent))
            span.parentSpanId = *parentId;
    }
    span.name = std::string(stringOr(zipkin, "name"));
    // Zipkin: "When absent, the span is local or incomplete" - a local span is OTLP's internal.
    span.kind = TraceFormatConventions::spanKindFromName(stringOr(zipkin, "kind"))
                    .value_or(SpanKind::Internal);
    const std::int64_t startMicros = int64Of(zipkin, "timestamp").value_or(0);
    span.startTimeNs = TraceFormatConventions::microsToNanos(startMicros);
    span.endTimeNs = TraceFormatConventions::microsToNanos(
        startMicros + int64Of(zipkin, "duration").value_or(0));

    simdjson::dom::object tags;
    if (zipkin["tags"].get(tags) == simdjson::SUCCESS) {
        for (const auto field : tags) {
            std::string_view text;
            // v2 tags are strings; anything else is kept as its JSON text.
            std::string value = field.value.get(text) == simdjson::SUCCESS
                                    ? std::string(text)
                                    : simdjson::to_string(field.value);
            span.attributes.push_back(
                {std::string(field.key), AnyValue::fromString(std::move(value))});
        }
    }
    span.status = TraceFormatConventions::takeStatus(span.attributes);
    InstrumentationScope scope;
    for (const char *key : {"otel.scope.name", "otel.library.name"}) {
        if (const std::optional<AnyValue> name = TraceFormatConventions::take(span.attributes, key);
            name && scope.name.empty())
            scope.name = name->stringValue();
    }
    for (const char *key : {"otel.scope.version", "otel.library.version"}) {
        if (const std::optional<AnyValue> version
            = TraceFormatConventions::take(span.attributes, key);
            version && scope.version.empty())
            scope.version = version->stringValue();
    }

    element remote;
    if (zipkin["remoteEndpoint"].get(remote) == simdjson::SUCCESS) {
        if (const std::string_view service = stringOr(remote, "serviceName"); !service.empty())
            span.attributes.push_back({"peer.service", AnyValue::fromString(std::string(service))});
        addEndpoint(remote, "network.peer.address", "network.peer.port", span.attributes);
    }

    simdjson::dom::array annotations;
    if (zipkin["annotations"].get(annotations) == simdjson::SUCCESS) {
        for (element annotation : annotations) {
            SpanEvent event;
            event.timeNs = TraceFormatConventions::microsToNanos(
                int64Of(annotation, "timestamp").value_or(0));
            event.name = std::string(stringOr(annotation, "value"));
            span.events.push_back(std::move(event));
        }
    }

    ResourceSpans resourceSpans;
    element local;
    std::string serviceName;
    if (zipkin["localEndpoint"].get(local) == simdjson::SUCCESS) {
        serviceName = std::string(stringOr(local, "serviceName"));
        addEndpoint(local, "network.local.address", "network.local.port", span.attributes);
    }
    resourceSpans.resource.attributes.push_back(
        {"service.name", AnyValue::fromString(serviceName.empty() ? std::string("unknown_service")
                                                                  : std::move(serviceName))});
    resourceSpans.scopeSpans.push_back(ScopeSpans{std::move(scope), {}, {std::move(span)}});
    result.batch.resourceSpans.push_back(std::move(resourceSpans));
    result.ok = true;
    return result;
}

} // namespace kansoku
