#include "analysis/trace_outline.h"

#include "analysis/critical_path.h"
#include "analysis/telemetry_json.h"
#include "core/analysis_span.h"

#include <QJsonArray>
#include <set>

namespace kansoku {

namespace {

QString hex(const SpanId &id)
{
    return id.isZero() ? QString() : TelemetryJson::text(toHex(id));
}

// The attributes that say what a span did (route, method, status, statement, peer, error), as
// the findings detectors keep them: enough to read a trace, a fraction of its bytes.
QJsonObject keyAttributes(const Span &span)
{
    Attributes kept;
    for (const KeyValue &entry : span.attributes) {
        if (isAnalysisAttributeKey(entry.key))
            kept.push_back(entry);
    }
    return TelemetryJson::attributes(kept);
}

QJsonArray findingsOf(const SpanTree &tree, const std::vector<Finding> &findings,
                      const std::vector<std::int64_t> &criticalNs)
{
    QJsonArray result;
    const TraceId &traceId = tree.trace()->traceId;
    for (const Finding &finding : findings) {
        std::set<SpanId> spans;
        for (const FindingExample &example : finding.examples) {
            if (example.traceId == traceId)
                spans.insert(example.spanIds.begin(), example.spanIds.end());
        }
        if (spans.empty())
            continue;
        QJsonArray spanIds;
        bool onCriticalPath = false;
        for (const SpanId &id : spans) {
            spanIds.append(hex(id));
            const int node = tree.nodeForSpan(id);
            onCriticalPath = onCriticalPath || (node >= 0 && criticalNs[std::size_t(node)] > 0);
        }
        result.append(QJsonObject{
            {QStringLiteral("detector"), QLatin1String(findingKindId(finding.kind))},
            {QStringLiteral("severity"), QLatin1String(findingSeverityId(finding.severity))},
            {QStringLiteral("title"), TelemetryJson::text(finding.title)},
            {QStringLiteral("span_ids"), spanIds},
            {QStringLiteral("on_critical_path"), onCriticalPath}});
    }
    return result;
}

} // namespace

QJsonObject TraceOutline::build(const SpanTree &tree, const std::vector<Finding> &findings,
                                const TraceOutlineOptions &options)
{
    const Trace &trace = *tree.trace();
    const std::vector<CriticalPathSegment> path = CriticalPath::compute(tree);
    const std::vector<std::int64_t> criticalNs = CriticalPath::timePerNode(tree, path);

    QJsonArray spans;
    int omitted = 0;
    for (int node = 0; node < tree.nodeCount(); ++node) {
        const SpanTreeNode &info = tree.node(node);
        if (info.depth > options.maxDepth || spans.size() >= options.maxSpans) {
            ++omitted;
            continue;
        }
        const Span &span = tree.span(node);
        QJsonObject entry{
            {QStringLiteral("span_id"), hex(span.spanId)},
            {QStringLiteral("depth"), info.depth},
            {QStringLiteral("name"), TelemetryJson::text(span.name)},
            {QStringLiteral("service"), TelemetryJson::text(tree.serviceOf(node))},
            {QStringLiteral("kind"), TelemetryJson::spanKind(span.kind)},
            {QStringLiteral("start_offset_ms"),
             TelemetryJson::milliseconds(info.startTimeNs - tree.startTimeNs())},
            {QStringLiteral("duration_ms"), TelemetryJson::milliseconds(info.durationNs())},
            {QStringLiteral("self_ms"), TelemetryJson::milliseconds(info.selfTimeNs)},
            {QStringLiteral("status"), TelemetryJson::statusCode(span.status.code)},
            {QStringLiteral("attributes"), keyAttributes(span)}};
        if (!span.parentSpanId.isZero())
            entry.insert(QStringLiteral("parent_span_id"), hex(span.parentSpanId));
        if (!span.status.message.empty())
            entry.insert(QStringLiteral("status_message"),
                         TelemetryJson::text(span.status.message));
        if (criticalNs[std::size_t(node)] > 0)
            entry.insert(QStringLiteral("critical_path_ms"),
                         TelemetryJson::milliseconds(criticalNs[std::size_t(node)]));
        spans.append(entry);
    }

    // One entry per run of consecutive segments of a span: the chain as a person reads it.
    QJsonArray critical;
    for (std::size_t i = 0; i < path.size();) {
        const int node = path[i].node;
        std::int64_t onPathNs = 0;
        for (; i < path.size() && path[i].node == node; ++i)
            onPathNs += path[i].endNs - path[i].startNs;
        critical.append(
            QJsonObject{{QStringLiteral("span_id"), hex(tree.span(node).spanId)},
                        {QStringLiteral("name"), TelemetryJson::text(tree.span(node).name)},
                        {QStringLiteral("service"), TelemetryJson::text(tree.serviceOf(node))},
                        {QStringLiteral("ms"), TelemetryJson::milliseconds(onPathNs)}});
    }

    QJsonArray services;
    for (const std::string &service : tree.services())
        services.append(TelemetryJson::text(service));
    QJsonObject outline{{QStringLiteral("trace_id"), TelemetryJson::text(toHex(trace.traceId))},
                        {QStringLiteral("start"), TelemetryJson::time(tree.startTimeNs())},
                        {QStringLiteral("duration_ms"),
                         TelemetryJson::milliseconds(tree.endTimeNs() - tree.startTimeNs())},
                        {QStringLiteral("span_count"), tree.nodeCount()},
                        {QStringLiteral("error_spans"), tree.errorCount()},
                        {QStringLiteral("services"), services},
                        {QStringLiteral("spans"), spans},
                        {QStringLiteral("omitted_spans"), omitted},
                        {QStringLiteral("critical_path"), critical},
                        {QStringLiteral("findings"), findingsOf(tree, findings, criticalNs)}};
    return outline;
}

std::optional<QJsonObject> TraceOutline::span(const SpanTree &tree, const SpanId &spanId)
{
    const int node = tree.nodeForSpan(spanId);
    if (node < 0)
        return std::nullopt;
    const Trace &trace = *tree.trace();
    const TraceSpan &stored = tree.traceSpan(node);
    const Span &span = stored.span;
    QJsonArray events;
    for (const SpanEvent &event : span.events)
        events.append(QJsonObject{
            {QStringLiteral("time"), TelemetryJson::time(event.timeNs)},
            {QStringLiteral("name"), TelemetryJson::text(event.name)},
            {QStringLiteral("attributes"), TelemetryJson::attributes(event.attributes)}});
    QJsonArray links;
    for (const SpanLink &link : span.links)
        links.append(QJsonObject{
            {QStringLiteral("trace_id"), TelemetryJson::text(toHex(link.traceId))},
            {QStringLiteral("span_id"), hex(link.spanId)},
            {QStringLiteral("attributes"), TelemetryJson::attributes(link.attributes)}});
    const Resource &resource = trace.resources[std::size_t(stored.resourceIndex)];
    const InstrumentationScope &scope = trace.scopes[std::size_t(stored.scopeIndex)];
    QJsonObject whole{
        {QStringLiteral("trace_id"), TelemetryJson::text(toHex(span.traceId))},
        {QStringLiteral("span_id"), hex(span.spanId)},
        {QStringLiteral("name"), TelemetryJson::text(span.name)},
        {QStringLiteral("service"), TelemetryJson::text(resource.serviceName())},
        {QStringLiteral("kind"), TelemetryJson::spanKind(span.kind)},
        {QStringLiteral("start"), TelemetryJson::time(span.startTimeNs)},
        {QStringLiteral("end"), TelemetryJson::time(span.endTimeNs)},
        {QStringLiteral("duration_ms"), TelemetryJson::milliseconds(span.durationNs())},
        {QStringLiteral("self_ms"), TelemetryJson::milliseconds(tree.node(node).selfTimeNs)},
        {QStringLiteral("status"), TelemetryJson::statusCode(span.status.code)},
        {QStringLiteral("status_message"), TelemetryJson::text(span.status.message)},
        {QStringLiteral("attributes"), TelemetryJson::attributes(span.attributes)},
        {QStringLiteral("events"), events},
        {QStringLiteral("links"), links},
        {QStringLiteral("resource"), TelemetryJson::attributes(resource.attributes)},
        {QStringLiteral("scope"),
         QJsonObject{{QStringLiteral("name"), TelemetryJson::text(scope.name)},
                     {QStringLiteral("version"), TelemetryJson::text(scope.version)}}}};
    if (!span.parentSpanId.isZero())
        whole.insert(QStringLiteral("parent_span_id"), hex(span.parentSpanId));
    if (!span.traceState.empty())
        whole.insert(QStringLiteral("trace_state"), TelemetryJson::text(span.traceState));
    return whole;
}

} // namespace kansoku
