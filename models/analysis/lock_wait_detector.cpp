#include "analysis/lock_wait_detector.h"

#include "analysis/duration_sample.h"
#include "analysis/finding_examples.h"
#include "analysis/finding_text.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <set>
#include <tuple>
#include <utility>

namespace kansoku {

namespace {

// How many candidates a call looks at for the call it queued behind, or for its likely holder:
// enough for any real queue, and a bound on the work under heavy parallel traffic.
constexpr int MaxCandidates = 32;

// When each database call's request was ready to issue it (see LockCall::readyNs), into ready;
// the call's own start for a call without a parent. runningEnds is scratch space for a heap.
void fillReadyTimes(const PreparedTrace &trace, std::vector<std::int64_t> &ready,
                    std::vector<std::int64_t> &runningEnds)
{
    ready.resize(std::size_t(trace.spanCount()));
    for (int i = 0; i < trace.spanCount(); ++i)
        ready[std::size_t(i)] = trace.span(i).startTimeNs;
    for (int parent = 0; parent < trace.spanCount(); ++parent) {
        const std::vector<int> &children = trace.children(parent);
        const bool hasDatabaseChild = std::any_of(children.begin(), children.end(), [&](int c) {
            return trace.call(c).kind == CallKind::Database;
        });
        if (!hasDatabaseChild)
            continue;
        // The children come in start order; a min-heap of the running ones' ends tells which
        // had ended by each start.
        runningEnds.clear();
        std::int64_t endedNs = trace.span(parent).startTimeNs;
        for (int child : children) {
            const AnalysisSpan &span = trace.span(child);
            while (!runningEnds.empty() && runningEnds.front() <= span.startTimeNs) {
                endedNs = std::max(endedNs, runningEnds.front());
                std::pop_heap(runningEnds.begin(), runningEnds.end(), std::greater<>());
                runningEnds.pop_back();
            }
            ready[std::size_t(child)] = std::min(endedNs, span.startTimeNs);
            runningEnds.push_back(span.endTimeNs);
            std::push_heap(runningEnds.begin(), runningEnds.end(), std::greater<>());
        }
    }
}

} // namespace

LockWaitDetector::LockWaitDetector(const FindingThresholds &thresholds)
    : m_thresholds(thresholds)
{}

std::uint32_t LockWaitDetector::endpointId(const AnalysisSpan &request)
{
    m_keyBuffer.assign(request.service).append(1, '\n').append(request.name);
    auto found = m_endpointIds.find(m_keyBuffer);
    if (found == m_endpointIds.end()) {
        found = m_endpointIds.emplace(m_keyBuffer, std::uint32_t(m_endpoints.size())).first;
        m_endpoints.push_back({request.service, request.name});
    }
    return found->second;
}

std::uint32_t LockWaitDetector::versionId(const std::string &version)
{
    auto found = m_versionIds.find(version);
    if (found == m_versionIds.end()) {
        found = m_versionIds.emplace(version, std::uint32_t(m_versions.size())).first;
        m_versions.push_back(version);
    }
    return found->second;
}

void LockWaitDetector::addTrace(const PreparedTrace &trace)
{
    bool prepared = false;
    for (int i = 0; i < trace.spanCount(); ++i) {
        const CallIdentity &call = trace.call(i);
        const int request = trace.endpoint(i);
        if (call.kind != CallKind::Database || request == i)
            continue;
        if (!prepared) {
            fillReadyTimes(trace, m_readyNs, m_runningEnds);
            m_endpointOfSpan.assign(std::size_t(trace.spanCount()), NoId);
            m_lastVersion = nullptr;
            prepared = true;
        }
        const AnalysisSpan &span = trace.span(i);
        const AnalysisSpan &requestSpan = trace.span(request);
        std::uint32_t &endpoint = m_endpointOfSpan[std::size_t(request)];
        if (endpoint == NoId)
            endpoint = endpointId(requestSpan);
        // A trace's spans mostly share their version: look it up when it changes.
        if (!m_lastVersion || *m_lastVersion != span.serviceVersion) {
            m_lastVersion = &span.serviceVersion;
            m_lastVersionId = versionId(span.serviceVersion);
        }
        LockCall record;
        record.startNs = span.startTimeNs;
        record.endNs = span.endTimeNs;
        record.readyNs = m_readyNs[std::size_t(i)];
        record.requestStartNs = requestSpan.startTimeNs;
        record.requestEndNs = requestSpan.endTimeNs;
        record.traceId = trace.traceId();
        record.spanId = span.spanId;
        record.requestSpanId = requestSpan.spanId;
        record.endpoint = endpoint;
        record.version = m_lastVersionId;

        m_keyBuffer.assign(call.target).append(1, '\n').append(call.statement);
        auto found = m_statements.find(m_keyBuffer);
        if (found == m_statements.end()) {
            found = m_statements.emplace(m_keyBuffer, StatementCalls{}).first;
            found->second.target = call.target;
            found->second.statement = call.statement;
            found->second.isWrite = call.isWrite;
            found->second.takesLock = call.takesLock;
        }
        found->second.calls.push_back(record);
    }
}

std::vector<LockWaitDetector::Wait> LockWaitDetector::waitsOf(const StatementCalls &statement,
                                                              int &chains, int &longestChain) const
{
    const std::vector<LockCall> &calls = statement.calls;
    const int count = int(calls.size());
    std::vector<Wait> waits(static_cast<std::size_t>(count));
    chains = 0;
    longestChain = 0;
    const auto at = [&](int index) -> const LockCall & {
        return calls[std::size_t(index)];
    };
    const auto sameRequest = [&](int a, int b) {
        return at(a).traceId == at(b).traceId && at(a).requestSpanId == at(b).requestSpanId;
    };
    // (time, call) pairs sorted by time; equal times in trace and span id order, so the result
    // does not depend on the order the traces came in.
    using TimedCall = std::pair<std::int64_t, int>;
    const auto byTime = [&](const TimedCall &a, const TimedCall &b) {
        if (a.first != b.first)
            return a.first < b.first;
        return std::tie(at(a.second).traceId, at(a.second).spanId)
               < std::tie(at(b.second).traceId, at(b.second).spanId);
    };
    std::vector<TimedCall> starts;
    std::vector<TimedCall> ends;
    starts.reserve(std::size_t(count));
    ends.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        starts.emplace_back(at(i).startNs, i);
        ends.emplace_back(at(i).endNs, i);
    }
    std::sort(starts.begin(), starts.end(), byTime);
    std::sort(ends.begin(), ends.end(), byTime);
    std::vector<int> byStart(static_cast<std::size_t>(count));
    for (int rank = 0; rank < count; ++rank)
        byStart[std::size_t(rank)] = starts[std::size_t(rank)].second;

    // A lock lets one call in at a time: calls that overlap another call of the statement ran
    // side by side, so they are no part of a queue.
    std::vector<bool> overlapped(static_cast<std::size_t>(count), false);
    std::int64_t latestEndNs = std::numeric_limits<std::int64_t>::min();
    for (int rank = 0; rank < count; ++rank) {
        const LockCall &call = at(byStart[std::size_t(rank)]);
        if (call.startNs < latestEndNs
            || (rank + 1 < count && at(byStart[std::size_t(rank + 1)]).startNs < call.endNs))
            overlapped[std::size_t(byStart[std::size_t(rank)])] = true;
        latestEndNs = std::max(latestEndNs, call.endNs);
    }

    // Queues: B runs after A, starting within the gap after A's end, while B's request had been
    // ready through (lockMinWaitShare of) A. Each call queues behind the latest such A not yet
    // taken.
    std::vector<int> next(std::size_t(count), -1);
    std::vector<int> previous(std::size_t(count), -1);
    for (int b : byStart) {
        const LockCall &call = at(b);
        if (overlapped[std::size_t(b)])
            continue;
        const auto first = std::partition_point(ends.begin(), ends.end(), [&](const TimedCall &e) {
            return e.first < call.startNs - m_thresholds.lockChainGapNs;
        });
        auto last = std::partition_point(
            first, ends.end(), [&](const TimedCall &e) { return e.first <= call.startNs; });
        for (int looked = 0; last != first && looked < MaxCandidates; ++looked) {
            const int a = (--last)->second;
            const LockCall &ahead = at(a);
            const std::int64_t waitedDuringNs = ahead.endNs - std::max(call.readyNs, ahead.startNs);
            if (a == b
                || double(waitedDuringNs)
                       < m_thresholds.lockMinWaitShare * double(ahead.durationNs())
                || waitedDuringNs <= 0 || overlapped[std::size_t(a)] || next[std::size_t(a)] >= 0
                || sameRequest(a, b))
                continue;
            next[std::size_t(a)] = b;
            previous[std::size_t(b)] = a;
            break;
        }
    }
    for (int head : byStart) {
        if (previous[std::size_t(head)] >= 0 || next[std::size_t(head)] < 0)
            continue;
        int length = 1;
        for (int link = next[std::size_t(head)]; link >= 0; link = next[std::size_t(link)])
            ++length;
        if (length < m_thresholds.lockMinQueuedCalls)
            continue;
        ++chains;
        longestChain = std::max(longestChain, length);
        for (int link = next[std::size_t(head)]; link >= 0; link = next[std::size_t(link)]) {
            const LockCall &call = at(link);
            waits[std::size_t(link)]
                = {head, call.startNs - std::max(call.readyNs, at(head).startNs), true};
        }
    }

    if (!statement.isWrite && !statement.takesLock)
        return waits;
    // Waits inside the call: the likely holder is the last call of another request that started
    // before it while its request was still running.
    std::vector<int> startRank(static_cast<std::size_t>(count));
    for (int rank = 0; rank < count; ++rank)
        startRank[std::size_t(byStart[std::size_t(rank)])] = rank;
    const auto likelyHolder = [&](int b) {
        for (int rank = startRank[std::size_t(b)] - 1, looked = 0;
             rank >= 0 && looked < MaxCandidates; --rank, ++looked) {
            const int a = byStart[std::size_t(rank)];
            if (!sameRequest(a, b) && at(a).startNs < at(b).startNs
                && at(a).requestEndNs > at(b).startNs)
                return a;
        }
        return -1;
    };
    DurationSample durations;
    for (const LockCall &call : calls)
        durations.add(call.durationNs());
    const std::int64_t medianNs = durations.medianNs();
    const std::int64_t fastestNs = durations.quantileNs(0.0);
    const bool outliersCount = count >= m_thresholds.lockOutlierMinCalls && medianNs > 0;
    for (int b : byStart) {
        Wait &wait = waits[std::size_t(b)];
        if (wait.waitNs > 0)
            continue;
        const std::int64_t durationNs = at(b).durationNs();
        if (outliersCount
            && double(durationNs) >= m_thresholds.lockOutlierFactor * double(medianNs))
            wait = {likelyHolder(b), durationNs - medianNs, false};
        else if (statement.takesLock && durationNs >= m_thresholds.lockSlowCallNs
                 && durationNs > fastestNs)
            wait = {likelyHolder(b), durationNs - fastestNs, false};
    }
    return waits;
}

std::vector<Finding> LockWaitDetector::findings(const EndpointStatistics &endpoints) const
{
    std::vector<Finding> found;
    for (const auto &entry : m_statements) {
        const StatementCalls &statement = entry.second;
        int chains = 0;
        int longestChain = 0;
        const std::vector<Wait> waits = waitsOf(statement, chains, longestChain);
        if (std::any_of(waits.begin(), waits.end(), [](const Wait &w) { return w.waitNs > 0; }))
            found.push_back(findingFor(statement, waits, chains, longestChain, endpoints));
    }
    return found;
}

Finding LockWaitDetector::findingFor(const StatementCalls &statement,
                                     const std::vector<Wait> &waits, int chains, int longestChain,
                                     const EndpointStatistics &endpoints) const
{
    const std::vector<LockCall> &calls = statement.calls;
    std::int64_t blockedCalls = 0;
    std::int64_t outliers = 0;
    std::int64_t totalWaitNs = 0;
    std::int64_t maxWaitNs = 0;
    std::set<TraceId> traces;
    std::map<std::pair<TraceId, SpanId>, std::int64_t> requestLatencies;
    std::map<std::uint32_t, std::int64_t> waitByEndpoint;
    std::map<int, std::int64_t> waitCausedBy; // by blocker
    std::set<std::string> versions;
    TimeRange range{std::numeric_limits<std::int64_t>::max(),
                    std::numeric_limits<std::int64_t>::min()};
    const auto involve = [&](const LockCall &call) {
        range.startNs = std::min(range.startNs, call.startNs);
        range.endNs = std::max(range.endNs, call.endNs);
        if (!m_versions[call.version].empty())
            versions.insert(m_versions[call.version]);
    };
    FindingExamples examples;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const Wait &wait = waits[i];
        if (wait.waitNs <= 0)
            continue;
        const LockCall &call = calls[i];
        ++blockedCalls;
        if (!wait.inChain)
            ++outliers;
        totalWaitNs += wait.waitNs;
        maxWaitNs = std::max(maxWaitNs, wait.waitNs);
        traces.insert(call.traceId);
        requestLatencies[{call.traceId, call.requestSpanId}]
            = call.requestEndNs - call.requestStartNs;
        waitByEndpoint[call.endpoint] += wait.waitNs;
        involve(call);
        examples.offer({call.traceId, {call.spanId}, wait.waitNs});
        if (wait.blocker >= 0) {
            waitCausedBy[wait.blocker] += wait.waitNs;
            involve(calls[std::size_t(wait.blocker)]);
        }
    }
    // The blocking calls are examples too, costing what they made the others wait.
    int worstBlocker = -1;
    for (const auto &[blocker, causedNs] : waitCausedBy) {
        const LockCall &call = calls[std::size_t(blocker)];
        examples.offer({call.traceId, {call.spanId}, causedNs});
        if (worstBlocker < 0 || causedNs > waitCausedBy.at(worstBlocker))
            worstBlocker = blocker;
    }
    std::int64_t requestLatencyNs = 0;
    for (const auto &latency : requestLatencies)
        requestLatencyNs += latency.second;
    const auto worstEndpoint = std::max_element(
        waitByEndpoint.begin(), waitByEndpoint.end(), [&](const auto &a, const auto &b) {
            return a.second != b.second ? a.second < b.second
                                        : m_endpoints[b.first] < m_endpoints[a.first];
        });
    const EndpointKey &endpoint = m_endpoints[worstEndpoint->first];

    Finding finding;
    finding.kind = FindingKind::LockWait;
    finding.service = endpoint.service;
    finding.operation = endpoint.operation;
    finding.statement = statement.statement;
    finding.occurrences = blockedCalls;
    finding.affectedTraces = std::int64_t(traces.size());
    finding.endpointTraces = endpoints.totals(endpoint).traces;
    finding.costNsPerRequest = double(totalWaitNs) / double(requestLatencies.size());
    finding.totalCostNs = totalWaitNs;
    finding.latencyShare
        = requestLatencyNs > 0 ? double(totalWaitNs) / double(requestLatencyNs) : 0.0;
    finding.severity = m_thresholds.severityFor(finding.costNsPerRequest, finding.latencyShare);
    finding.examples = examples.worstFirst();
    finding.range = range;
    finding.title = endpoint.operation + ": `" + abbreviatedStatement(statement.statement)
                    + "` waited " + findingDurationText(totalWaitNs) + " behind other requests in "
                    + std::to_string(blockedCalls) + (blockedCalls == 1 ? " call" : " calls")
                    + " (max " + findingDurationText(maxWaitNs) + ") — likely lock wait";
    finding.facts = {
        {"blocked calls", std::to_string(blockedCalls)},
        {"total wait", findingDurationText(totalWaitNs)},
        {"max wait", findingDurationText(maxWaitNs)},
        {"queues", std::to_string(chains)},
        {"longest queue", std::to_string(longestChain)},
        {"slow outliers", std::to_string(outliers)},
        {"target", statement.target},
    };
    if (worstBlocker >= 0)
        finding.facts.push_back(
            {"blocking trace", toHex(calls[std::size_t(worstBlocker)].traceId)});
    if (!versions.empty()) {
        std::string list;
        for (const std::string &version : versions)
            list += (list.empty() ? "" : ", ") + version;
        finding.facts.push_back({"versions", list});
    }
    finding.fixHint = "Keep the transaction that takes this lock short (commit before slow work), "
                      "take locks in one order, or use SKIP LOCKED or optimistic updates; the "
                      "blocking example shows who held it.";
    return finding;
}

} // namespace kansoku
