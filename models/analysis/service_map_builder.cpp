#include "analysis/service_map_builder.h"

#include "analysis/call_identity.h"
#include "analysis/prepared_trace.h"
#include "analysis/span_failure.h"
#include "core/telemetry_queries.h"
#include "core/trace_analysis_span.h"

#include <algorithm>

namespace kansoku {

namespace {

// Spans of a resource without service.name: the name the SDKs give them.
const std::string unknownService = "unknown_service";

const std::string &serviceOf(const AnalysisSpan &span)
{
    return span.service.empty() ? unknownService : span.service;
}

bool isOutgoing(const AnalysisSpan &span)
{
    return span.kind == SpanKind::Client || span.kind == SpanKind::Producer;
}

} // namespace

ServiceMapBuilder::ServiceMapBuilder(std::int64_t rangeDurationNs)
    : m_rangeDurationNs(std::max<std::int64_t>(0, rangeDurationNs))
{}

std::pair<ServiceNodeKind, std::string> ServiceMapBuilder::peerOf(const AnalysisSpan &span)
{
    return peerOf(span, identifyCall(span));
}

std::pair<ServiceNodeKind, std::string> ServiceMapBuilder::peerOf(const AnalysisSpan &span,
                                                                  const CallIdentity &call)
{
    if (call.kind == CallKind::Database) {
        std::string name = call.system;
        const AnyValue *database = findAttribute(span.attributes, "db.namespace");
        if (!database || database->isEmpty())
            database = findAttribute(span.attributes, "db.name");
        if (name.empty())
            name = call.target;
        else if (database && !database->isEmpty())
            name += '/' + database->toDisplayString();
        return {ServiceNodeKind::Database, name};
    }
    // HTTP: server.address[:port], else the URL's host; otherwise the connection's peer.
    std::string name = call.kind == CallKind::Http ? call.target : std::string();
    if (name.empty())
        name = peerTarget(span);
    if (name.empty())
        name = call.target; // an RPC service or a messaging destination
    return {ServiceNodeKind::External, name};
}

void ServiceMapBuilder::addTrace(const AnalysisTrace &trace)
{
    addTrace(PreparedTrace(trace));
}

void ServiceMapBuilder::addTrace(const PreparedTrace &trace)
{
    ++m_traceCount;
    m_spanCount += trace.spanCount();
    for (int i = 0; i < trace.spanCount(); ++i) {
        const AnalysisSpan &span = trace.span(i);
        const NodeKey service{ServiceNodeKind::Service, serviceOf(span)};
        NodeTally &node = m_nodes[service];
        ++node.spanCount;
        const int parent = trace.parent(i);
        const bool served
            = span.kind == SpanKind::Server || span.kind == SpanKind::Consumer || parent < 0;
        if (served) {
            ++node.requestCount;
            if (spanFailed(span))
                ++node.failedRequestCount;
        }
        if (span.isRoot())
            node.isEntry = true;

        if (parent >= 0 && serviceOf(trace.span(parent)) != service.second) {
            // A call that crossed into this service. The called side's duration is the call's
            // (it is what the callee spent); a client span that gave up (timeout, 4xx) failed it
            // too, even when the server side did not notice.
            const AnalysisSpan &caller = trace.span(parent);
            const bool failed = spanFailed(span) || (isOutgoing(caller) && spanFailed(caller));
            addCall({ServiceNodeKind::Service, serviceOf(caller)}, service, span.durationNs(),
                    failed);
        }
        if (!isOutgoing(span))
            continue;
        // A client span whose server side is instrumented was counted above, from the server
        // span: counting the client span too would double the call.
        const std::vector<int> &children = trace.children(i);
        const bool calleeReported = std::any_of(children.begin(), children.end(), [&](int child) {
            return serviceOf(trace.span(child)) != service.second;
        });
        if (calleeReported)
            continue;
        NodeKey peer = peerOf(span, trace.call(i));
        if (peer.second.empty())
            continue;
        NodeTally &peerNode = m_nodes[peer];
        const bool failed = spanFailed(span);
        ++peerNode.spanCount;
        ++peerNode.requestCount;
        if (failed)
            ++peerNode.failedRequestCount;
        addCall(service, peer, span.durationNs(), failed);
    }
}

void ServiceMapBuilder::addCall(const NodeKey &caller, const NodeKey &callee,
                                std::int64_t durationNs, bool failed)
{
    EdgeTally &edge = m_edges[{caller, callee}];
    edge.durations.add(durationNs);
    if (failed)
        ++edge.failedCallCount;
}

ServiceMap ServiceMapBuilder::build() const
{
    ServiceMap map;
    map.traceCount = m_traceCount;
    map.spanCount = m_spanCount;
    map.hasRate = m_rangeDurationNs > 0;
    // std::map's order is (kind, name): services, then databases, then externals, by name.
    std::map<NodeKey, int> indexOf;
    for (const auto &[key, tally] : m_nodes) {
        indexOf.emplace(key, int(map.nodes.size()));
        map.nodes.push_back({.name = key.second,
                             .kind = key.first,
                             .spanCount = tally.spanCount,
                             .requestCount = tally.requestCount,
                             .failedRequestCount = tally.failedRequestCount,
                             .isEntry = tally.isEntry});
    }
    for (const auto &[key, tally] : m_edges) {
        ServiceMapEdge edge;
        edge.caller = indexOf.at(key.first);
        edge.callee = indexOf.at(key.second);
        edge.callCount = tally.durations.count();
        edge.failedCallCount = tally.failedCallCount;
        edge.p95DurationNs = tally.durations.quantileNs(0.95);
        if (map.hasRate)
            edge.callsPerSecond = double(edge.callCount) * 1e9 / double(m_rangeDurationNs);
        map.edges.push_back(edge);
    }
    std::sort(map.edges.begin(), map.edges.end(),
              [](const ServiceMapEdge &a, const ServiceMapEdge &b) {
                  return std::pair(a.caller, a.callee) < std::pair(b.caller, b.callee);
              });
    return map;
}

ServiceMap ServiceMapBuilder::ofTrace(const Trace &trace)
{
    // The map reads what an analysis reads: the spans as AnalysisSpans, with the attributes
    // that name calls.
    AnalysisTrace analysis;
    analysis.traceId = trace.traceId;
    analysis.spans.reserve(trace.spans.size());
    for (const TraceSpan &traceSpan : trace.spans)
        analysis.spans.push_back(toAnalysisSpan(trace, traceSpan));
    ServiceMapBuilder builder;
    builder.addTrace(analysis);
    return builder.build();
}

ServiceMap ServiceMapBuilder::buildFrom(const TelemetryQueries &queries, const TimeRange &range,
                                        std::int64_t rangeDurationNs, const std::string &service,
                                        const std::atomic<bool> &cancelled)
{
    ServiceMapBuilder builder(rangeDurationNs);
    try {
        queries.forEachAnalysisTrace(range, [&](const AnalysisTrace &trace) {
            if (cancelled.load(std::memory_order_relaxed))
                return false;
            const bool passesThrough = service.empty()
                                       || std::any_of(trace.spans.begin(), trace.spans.end(),
                                                      [&](const AnalysisSpan &span) {
                                                          return serviceOf(span) == service;
                                                      });
            if (passesThrough)
                builder.addTrace(trace);
            return true;
        });
    } catch (const std::exception &error) {
        ServiceMap failed;
        failed.error = error.what();
        return failed;
    }
    return builder.build();
}

} // namespace kansoku
