#include "core/trace_analysis_span.h"

namespace kansoku {

AnalysisSpan toAnalysisSpan(const Trace &trace, const TraceSpan &traceSpan)
{
    const Span &span = traceSpan.span;
    AnalysisSpan out{.spanId = span.spanId,
                     .parentSpanId = span.parentSpanId,
                     .name = span.name,
                     .kind = span.kind,
                     .startTimeNs = span.startTimeNs,
                     .endTimeNs = span.endTimeNs,
                     .statusCode = span.status.code,
                     .statusMessage = span.status.message};
    const auto resource = std::size_t(traceSpan.resourceIndex);
    if (resource < trace.resources.size()) {
        out.service = trace.resources[resource].serviceName();
        if (const AnyValue *version
            = findAttribute(trace.resources[resource].attributes, "service.version"))
            out.serviceVersion = version->toDisplayString();
    }
    for (const KeyValue &attribute : span.attributes) {
        if (isAnalysisAttributeKey(attribute.key))
            out.attributes.push_back(attribute);
    }
    for (const SpanEvent &event : span.events) {
        if (event.name != "exception")
            continue;
        if (const AnyValue *type = findAttribute(event.attributes, "exception.type"))
            out.exceptionType = type->toDisplayString();
        break;
    }
    return out;
}

} // namespace kansoku
