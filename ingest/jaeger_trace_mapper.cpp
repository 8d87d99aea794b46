#include "jaeger_trace_mapper.h"

#include "trace_format_conventions.h"

#include <QByteArray>
#include <map>
#include <simdjson.h>

namespace kansoku {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

std::string_view stringOr(element parent, const char *key, std::string_view fallback = {})
{
    std::string_view value;
    if (parent[key].get(value) != simdjson::SUCCESS)
        return fallback;
    return value;
}

// Jaeger numbers are usually JSON numbers; some exporters write them as strings.
std::optional<std::int64_t> int64Of(simdjson::simdjson_result<element> field)
{
    std::int64_t value = 0;
    if (field.get(value) == simdjson::SUCCESS)
        return value;
    double real = 0;
    if (field.get(real) == simdjson::SUCCESS)
        return std::int64_t(real);
    std::string_view text;
    if (field.get(text) == simdjson::SUCCESS) {
        try {
            return std::stoll(std::string(text));
        } catch (...) {
        }
    }
    return std::nullopt;
}

// A Jaeger KeyValue: {"key","type","value"} with type string|bool|int64|float64|binary.
std::optional<KeyValue> typedTag(element tag)
{
    KeyValue entry;
    entry.key = std::string(stringOr(tag, "key"));
    if (entry.key.empty())
        return std::nullopt;
    const std::string_view type = stringOr(tag, "type", "string");
    const auto value = tag["value"];
    if (type == "bool") {
        bool flag = false;
        std::string_view text;
        if (value.get(flag) == simdjson::SUCCESS)
            entry.value = AnyValue::fromBool(flag);
        else if (value.get(text) == simdjson::SUCCESS)
            entry.value = AnyValue::fromBool(text == "true");
    } else if (type == "int64") {
        if (const std::optional<std::int64_t> number = int64Of(value))
            entry.value = AnyValue::fromInt(*number);
    } else if (type == "float64") {
        double number = 0;
        std::int64_t integer = 0;
        if (value.get(number) == simdjson::SUCCESS)
            entry.value = AnyValue::fromDouble(number);
        else if (value.get(integer) == simdjson::SUCCESS)
            entry.value = AnyValue::fromDouble(double(integer));
    } else if (type == "binary") {
        std::string_view text;
        if (value.get(text) == simdjson::SUCCESS) {
            const QByteArray bytes
                = QByteArray::fromBase64(QByteArray(text.data(), qsizetype(text.size())));
            entry.value = AnyValue::fromBytes(bytes.toStdString());
        }
    } else {
        // Any other JSON value is kept as its JSON text. A tag without "value" keeps an empty
        // one: the error result holds no element to print (a fuzzer found the null document).
        std::string_view text;
        element other;
        if (value.get(text) == simdjson::SUCCESS)
            entry.value = AnyValue::fromString(std::string(text));
        else if (value.get(other) == simdjson::SUCCESS)
            entry.value = AnyValue::fromString(simdjson::to_string(other));
    }
    return entry;
}

Attributes typedTags(simdjson::simdjson_result<element> tags)
{
    Attributes attributes;
    array list;
    if (tags.get(list) != simdjson::SUCCESS)
        return attributes;
    for (element tag : list) {
        if (std::optional<KeyValue> entry = typedTag(tag))
            attributes.push_back(std::move(*entry));
    }
    return attributes;
}

} // namespace

MappedTelemetry JaegerTraceMapper::map(std::string_view traceJson)
{
    MappedTelemetry result;
    thread_local simdjson::dom::parser parser;
    element trace;
    if (const auto error = parser.parse(traceJson.data(), traceJson.size()).get(trace)) {
        result.error = std::string("invalid JSON: ") + simdjson::error_message(error);
        return result;
    }
    array spans;
    if (trace["spans"].get(spans) != simdjson::SUCCESS) {
        result.error = "a Jaeger trace needs a \"spans\" array";
        return result;
    }

    // processID -> index into resourceSpans; each process becomes one resource.
    std::map<std::string, std::size_t, std::less<>> resourceIndex;
    object processes;
    const bool haveProcesses = trace["processes"].get(processes) == simdjson::SUCCESS;
    const std::string_view traceIdText = stringOr(trace, "traceID");

    for (element jaegerSpan : spans) {
        const std::string_view processId = stringOr(jaegerSpan, "processID");
        auto found = resourceIndex.find(processId);
        if (found == resourceIndex.end()) {
            ResourceSpans resourceSpans;
            element process;
            if (haveProcesses && processes[processId].get(process) == simdjson::SUCCESS) {
                resourceSpans.resource.attributes = typedTags(process["tags"]);
                resourceSpans.resource.attributes.insert(
                    resourceSpans.resource.attributes.begin(),
                    {"service.name",
                     AnyValue::fromString(std::string(stringOr(process, "serviceName")))});
            } else if (element inlineProcess;
                       jaegerSpan["process"].get(inlineProcess) == simdjson::SUCCESS) {
                // The jaeger-query span format may carry the process inline.
                resourceSpans.resource.attributes = typedTags(inlineProcess["tags"]);
                resourceSpans.resource.attributes.insert(
                    resourceSpans.resource.attributes.begin(),
                    {"service.name",
                     AnyValue::fromString(std::string(stringOr(inlineProcess, "serviceName")))});
            }
            result.batch.resourceSpans.push_back(std::move(resourceSpans));
            found = resourceIndex
                        .emplace(std::string(processId), result.batch.resourceSpans.size() - 1)
                        .first;
        }

        Span span;
        const std::string_view spanTraceId = stringOr(jaegerSpan, "traceID", traceIdText);
        const std::optional<TraceId> traceId = TraceFormatConventions::traceIdFromHex(spanTraceId);
        const std::optional<SpanId> spanId
            = TraceFormatConventions::spanIdFromHex(stringOr(jaegerSpan, "spanID"));
        if (!traceId || !spanId || traceId->isZero() || spanId->isZero()) {
            result.problems.push_back("span \"" + std::string(stringOr(jaegerSpan, "spanID"))
                                      + "\" skipped: traceID/spanID is not a hex id");
            continue;
        }
        span.traceId = *traceId;
        span.spanId = *spanId;
        span.name = std::string(stringOr(jaegerSpan, "operationName"));
        const std::int64_t startMicros = int64Of(jaegerSpan["startTime"]).value_or(0);
        const std::int64_t durationMicros = int64Of(jaegerSpan["duration"]).value_or(0);
        span.startTimeNs = TraceFormatConventions::microsToNanos(startMicros);
        span.endTimeNs = TraceFormatConventions::microsToNanos(startMicros + durationMicros);

        span.attributes = typedTags(jaegerSpan["tags"]);
        if (const std::optional<AnyValue> kind
            = TraceFormatConventions::take(span.attributes, "span.kind");
            kind && kind->type() == AnyValue::Type::String) {
            span.kind = TraceFormatConventions::spanKindFromName(kind->stringValue())
                            .value_or(SpanKind::Unspecified);
        }
        span.status = TraceFormatConventions::takeStatus(span.attributes);
        if (const std::optional<AnyValue> state
            = TraceFormatConventions::take(span.attributes, "w3c.tracestate");
            state && state->type() == AnyValue::Type::String) {
            span.traceState = state->stringValue();
        }
        InstrumentationScope scope;
        for (const char *key : {"otel.scope.name", "otel.library.name"}) {
            if (const std::optional<AnyValue> name
                = TraceFormatConventions::take(span.attributes, key);
                name && name->type() == AnyValue::Type::String && scope.name.empty())
                scope.name = name->stringValue();
        }
        for (const char *key : {"otel.scope.version", "otel.library.version"}) {
            if (const std::optional<AnyValue> version
                = TraceFormatConventions::take(span.attributes, key);
                version && version->type() == AnyValue::Type::String && scope.version.empty())
                scope.version = version->stringValue();
        }

        array logs;
        if (jaegerSpan["logs"].get(logs) == simdjson::SUCCESS) {
            for (element log : logs) {
                SpanEvent event;
                event.timeNs
                    = TraceFormatConventions::microsToNanos(int64Of(log["timestamp"]).value_or(0));
                event.attributes = typedTags(log["fields"]);
                if (const std::optional<AnyValue> name
                    = TraceFormatConventions::take(event.attributes, "event");
                    name && name->type() == AnyValue::Type::String)
                    event.name = name->stringValue();
                span.events.push_back(std::move(event));
            }
        }

        array references;
        if (jaegerSpan["references"].get(references) == simdjson::SUCCESS) {
            for (element reference : references) {
                const std::optional<TraceId> refTrace = TraceFormatConventions::traceIdFromHex(
                    stringOr(reference, "traceID", spanTraceId));
                const std::optional<SpanId> refSpan
                    = TraceFormatConventions::spanIdFromHex(stringOr(reference, "spanID"));
                if (!refTrace || !refSpan)
                    continue;
                // The first CHILD_OF in the same trace is the parent; everything else (a second
                // parent, FOLLOWS_FROM) is a link, as in the Collector's Jaeger translator.
                if (stringOr(reference, "refType") == "CHILD_OF" && span.parentSpanId.isZero()
                    && *refTrace == span.traceId) {
                    span.parentSpanId = *refSpan;
                } else {
                    SpanLink link;
                    link.traceId = *refTrace;
                    link.spanId = *refSpan;
                    span.links.push_back(std::move(link));
                }
            }
        }
        // Older span formats give the parent directly.
        if (span.parentSpanId.isZero()) {
            if (const std::optional<SpanId> parent
                = TraceFormatConventions::spanIdFromHex(stringOr(jaegerSpan, "parentSpanID")))
                span.parentSpanId = *parent;
        }

        std::vector<ScopeSpans> &scopes = result.batch.resourceSpans[found->second].scopeSpans;
        auto scopeIt = std::find_if(scopes.begin(), scopes.end(),
                                    [&](const ScopeSpans &entry) { return entry.scope == scope; });
        if (scopeIt == scopes.end()) {
            scopes.push_back(ScopeSpans{std::move(scope), {}, {}});
            scopeIt = scopes.end() - 1;
        }
        scopeIt->spans.push_back(std::move(span));
    }
    std::erase_if(result.batch.resourceSpans,
                  [](const ResourceSpans &entry) { return entry.scopeSpans.empty(); });
    result.ok = true;
    return result;
}

} // namespace kansoku
