#include "analysis/connect_stall_detector.h"

#include "analysis/finding_examples.h"
#include "analysis/finding_text.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <set>

namespace kansoku {

namespace {

constexpr std::int64_t SecondNs = 1'000'000'000;

bool equalsIgnoringCase(std::string_view text, std::size_t at, std::string_view word)
{
    if (at + word.size() > text.size())
        return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[at + i])) != word[i])
            return false;
    }
    return true;
}

// "tcp.connect", "pg.connect", "Connect", "connectAsync", "reconnect": a span named for opening a
// connection. Not "disconnect", nor "getConnection", "isConnected" or "connector", which name
// other work around a connection.
bool namesConnect(std::string_view name)
{
    constexpr std::string_view word = "connect";
    for (std::size_t at = 0; at + word.size() <= name.size(); ++at) {
        if (!equalsIgnoringCase(name, at, word))
            continue;
        const std::size_t after = at + word.size();
        const bool disconnect = at >= 3 && equalsIgnoringCase(name, at - 3, "dis");
        const bool longerWord = equalsIgnoringCase(name, after, "ion")
                                || equalsIgnoringCase(name, after, "ed")
                                || equalsIgnoringCase(name, after, "or");
        if (!disconnect && !longerWord)
            return true;
    }
    return false;
}

// network.transport "tcp" (current), net.transport "ip_tcp" (older).
bool overTcp(const AnalysisSpan &span)
{
    const AnyValue *transport = findAttribute(span.attributes, "network.transport");
    if (transport && transport->type() == AnyValue::Type::String)
        return transport->stringValue() == "tcp";
    const AnyValue *older = findAttribute(span.attributes, "net.transport");
    return older && older->type() == AnyValue::Type::String && older->stringValue() == "ip_tcp";
}

const char *const LevelNames[ConnectStallDetector::StallLevels] = {"~1 s", "~3 s", "~7 s", "~15 s"};

} // namespace

ConnectStallDetector::ConnectStallDetector(const FindingThresholds &thresholds)
    : m_thresholds(thresholds)
{}

std::int64_t ConnectStallDetector::stallLevelNs(int level)
{
    // The RTO starts at 1 s and doubles on each retransmit: the connect succeeds after 1, 1 + 2,
    // 1 + 2 + 4, ... seconds.
    return ((std::int64_t(1) << (level + 1)) - 1) * SecondNs;
}

int ConnectStallDetector::stallLevelOf(std::int64_t durationNs) const
{
    for (int level = 0; level < StallLevels; ++level) {
        const std::int64_t stepNs = stallLevelNs(level);
        if (durationNs >= stepNs && durationNs < stepNs + m_thresholds.connectStallToleranceNs)
            return level;
    }
    return -1;
}

ConnectStallDetector::SpanClass ConnectStallDetector::classOf(const PreparedTrace &trace,
                                                              int index) const
{
    const AnalysisSpan &span = trace.span(index);
    const CallIdentity &call = trace.call(index);
    if (span.kind == SpanKind::Client
        && (call.kind == CallKind::Http || call.kind == CallKind::Rpc))
        return SpanClass::Call;
    if (span.kind != SpanKind::Client && span.kind != SpanKind::Internal
        && span.kind != SpanKind::Unspecified)
        return SpanClass::None;
    // A database client's connect ("pg.connect") is a connect; an HTTP or RPC call named
    // "/connect" is not.
    if (call.kind != CallKind::Http && call.kind != CallKind::Rpc
        && call.kind != CallKind::Messaging && namesConnect(span.name))
        return SpanClass::Connect;
    if (!call.isCall() && overTcp(span))
        return SpanClass::Connect;
    return SpanClass::None;
}

void ConnectStallDetector::add(const PreparedTrace &trace, int index, TargetSpans &spans)
{
    const AnalysisSpan &span = trace.span(index);
    const std::int64_t durationNs = span.durationNs();
    ++spans.count;
    const int level = stallLevelOf(durationNs);
    if (level < 0) {
        spans.normal.add(durationNs);
        // A stalled connect jumps from milliseconds to a second: slow spans from half a second up
        // that miss the windows say the durations spread rather than step.
        if (durationNs >= stallLevelNs(0) / 2)
            ++spans.offStep;
        return;
    }
    const int request = trace.endpoint(index);
    const AnalysisSpan &requestSpan = trace.span(request);
    spans.stalled.push_back({trace.traceId(), span.spanId, requestSpan.spanId, span.startTimeNs,
                             span.endTimeNs, requestSpan.durationNs(), level});
    ++spans.stalledByEndpoint[EndpointStatistics::keyOf(trace, request)];
}

void ConnectStallDetector::addTrace(const PreparedTrace &trace)
{
    const int count = trace.spanCount();
    m_classes.assign(std::size_t(count), SpanClass::None);
    if (m_spanTargets.size() < std::size_t(count))
        m_spanTargets.resize(std::size_t(count));
    bool any = false;
    for (int i = 0; i < count; ++i) {
        const SpanClass spanClass = classOf(trace, i);
        m_classes[std::size_t(i)] = spanClass;
        if (spanClass == SpanClass::None)
            continue;
        any = true;
        m_spanTargets[std::size_t(i)]
            = spanClass == SpanClass::Call ? trace.call(i).target : peerTarget(trace.span(i));
    }
    if (!any)
        return;
    for (int i = 0; i < count; ++i) {
        const SpanClass spanClass = m_classes[std::size_t(i)];
        if (spanClass == SpanClass::None)
            continue;
        const int parent = trace.parent(i);
        const SpanClass parentClass
            = parent >= 0 ? m_classes[std::size_t(parent)] : SpanClass::None;
        std::string &target = m_spanTargets[std::size_t(i)];
        // A connect without a peer opens the connection of the call around it.
        if (target.empty() && parent >= 0)
            target = parentClass != SpanClass::None ? m_spanTargets[std::size_t(parent)]
                                                    : trace.call(parent).target;
        if (target.empty())
            continue;
        // Two instrumentations of one call or connect (an HTTP client span inside another):
        // the outer one counts.
        if (parentClass == spanClass && m_spanTargets[std::size_t(parent)] == target)
            continue;
        Target &entry = m_targets[{trace.span(i).service, target}];
        add(trace, i, spanClass == SpanClass::Connect ? entry.connects : entry.calls);
    }
}

std::vector<Finding> ConnectStallDetector::findings(const EndpointStatistics &endpoints) const
{
    std::vector<Finding> found;
    for (const auto &[key, target] : m_targets) {
        // Where connects are recorded they decide: a call's time also holds the server's work,
        // and calls on a kept-alive connection do not connect at all.
        const bool connects = target.connects.count > 0;
        const TargetSpans &spans = connects ? target.connects : target.calls;
        const auto stalled = std::int64_t(spans.stalled.size());
        if (stalled < m_thresholds.connectStallMinSpans
            || double(stalled) < m_thresholds.connectStallMinShare * double(spans.count)
            || double(stalled)
                   < m_thresholds.connectStallMinStepShare * double(stalled + spans.offStep))
            continue;
        // The normal connects show what a connect takes without retransmits; when they take
        // the tolerance or longer, a window no longer tells a stall from a slow answer.
        if (spans.normal.count() < m_thresholds.connectStallMinSpans
            || spans.normal.medianNs() >= m_thresholds.connectStallToleranceNs)
            continue;
        found.push_back(findingFor(key, spans, connects, endpoints));
    }
    return found;
}

Finding ConnectStallDetector::findingFor(const std::pair<std::string, std::string> &key,
                                         const TargetSpans &spans, bool connects,
                                         const EndpointStatistics &endpoints) const
{
    const std::int64_t normalNs = spans.normal.medianNs();
    struct Request
    {
        TraceId traceId;
        std::int64_t latencyNs = 0;
        std::int64_t costNs = 0;
        std::vector<SpanId> spans;
    };
    // By (trace, request span): every request that had a stalled connect.
    std::map<std::pair<TraceId, SpanId>, Request> requests;
    std::set<TraceId> traces;
    std::int64_t levels[StallLevels] = {};
    std::int64_t totalCostNs = 0;
    TimeRange range{std::numeric_limits<std::int64_t>::max(),
                    std::numeric_limits<std::int64_t>::min()};
    for (const StalledSpan &stall : spans.stalled) {
        Request &request = requests[{stall.traceId, stall.requestSpanId}];
        const std::int64_t costNs = std::max<std::int64_t>(0, stall.durationNs() - normalNs);
        request.traceId = stall.traceId;
        request.latencyNs = stall.requestLatencyNs;
        request.costNs += costNs;
        request.spans.push_back(stall.spanId);
        traces.insert(stall.traceId);
        ++levels[stall.level];
        totalCostNs += costNs;
        range.startNs = std::min(range.startNs, stall.startNs);
        range.endNs = std::max(range.endNs, stall.endNs);
    }
    std::int64_t latencyNs = 0;
    FindingExamples examples;
    for (auto &entry : requests) {
        Request &request = entry.second;
        latencyNs += request.latencyNs;
        if (examples.admits(request.costNs))
            examples.offer({request.traceId, std::move(request.spans), request.costNs});
    }
    // The endpoint whose requests stalled most (the first of equal ones).
    const auto worstEndpoint
        = std::max_element(spans.stalledByEndpoint.begin(), spans.stalledByEndpoint.end(),
                           [](const auto &a, const auto &b) { return a.second < b.second; });

    const auto stalled = std::int64_t(spans.stalled.size());
    const std::string noun = connects ? "connects" : "calls";
    std::string stallTimes;
    for (int level = 0; level < StallLevels; ++level) {
        if (levels[level] > 0)
            stallTimes += (stallTimes.empty() ? "" : " / ") + std::string(LevelNames[level]);
    }

    Finding finding;
    finding.kind = FindingKind::ConnectStall;
    finding.service = key.first;
    finding.operation = worstEndpoint->first.operation;
    finding.statement = key.second;
    finding.occurrences = stalled;
    finding.affectedTraces = std::int64_t(traces.size());
    finding.endpointTraces = endpoints.totals(worstEndpoint->first).traces;
    finding.costNsPerRequest = double(totalCostNs) / double(requests.size());
    finding.totalCostNs = totalCostNs;
    finding.latencyShare
        = latencyNs > 0 ? std::min(1.0, double(totalCostNs) / double(latencyNs)) : 0.0;
    finding.severity = m_thresholds.severityFor(finding.costNsPerRequest, finding.latencyShare);
    finding.examples = examples.worstFirst();
    finding.range = range;
    finding.title = key.first + "'s " + noun + " to " + key.second + " stall " + stallTimes
                    + " (SYN retransmits) in " + std::to_string(stalled) + " of "
                    + std::to_string(spans.count) + " " + noun
                    + " — the server's listen queue is full";
    for (int level = 0; level < StallLevels; ++level) {
        if (levels[level] > 0)
            finding.facts.push_back(
                {std::string("stalled at ") + LevelNames[level], std::to_string(levels[level])});
    }
    finding.facts.push_back(
        {"stalled", std::to_string(stalled) + " of " + std::to_string(spans.count) + " " + noun});
    finding.facts.push_back({"share", formatShare(double(stalled) / double(spans.count))});
    finding.facts.push_back({"normal " + std::string(connects ? "connect" : "call") + " p50",
                             findingDurationText(normalNs)});
    finding.facts.push_back({"target", key.second});
    finding.fixHint
        = "The server accepts connections slower than they arrive, so its listen queue overflows "
          "and SYNs are dropped: accept faster (more workers or acceptor threads), raise the "
          "listen backlog and net.core.somaxconn and net.ipv4.tcp_max_syn_backlog; confirm with "
          "`nstat -az TcpExtListenOverflows TcpExtListenDrops` on the server, or its host metric "
          "of listen overflows and dropped SYNs.";
    return finding;
}

} // namespace kansoku
