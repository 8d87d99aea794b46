#include "analysis/n_plus_one_detector.h"

#include "analysis/finding_text.h"
#include "analysis/request_calls.h"
#include "analysis/runs_by_key.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace kansoku {

namespace {

// The N+1 calls of one statement under one parent.
struct Group
{
    int endpoint = -1;
    std::vector<int> spans; // start order
    CallGroupTiming timing;
};

} // namespace

NPlusOneDetector::NPlusOneDetector(const FindingThresholds &thresholds)
    : m_thresholds(thresholds)
{}

bool NPlusOneDetector::isNPlusOne(CallKind kind, std::size_t calls, const CallGroupTiming &timing,
                                  const FindingThresholds &thresholds)
{
    return RequestCalls::isMeasuredCall(kind)
           && calls >= std::size_t(std::max(thresholds.nPlusOneMinCalls, 2))
           && timing.averageConcurrency() <= thresholds.nPlusOneMaxAverageConcurrency;
}

void NPlusOneDetector::addTrace(const PreparedTrace &trace)
{
    // Each parent's calls split by statement, in start order.
    const std::size_t minCalls = std::size_t(std::max(m_thresholds.nPlusOneMinCalls, 2));
    const auto statementOf = [&](int span) -> const std::string & {
        return trace.call(span).statement;
    };
    std::vector<Group> groups;
    std::vector<int> calls;
    for (int parent = 0; parent < trace.spanCount(); ++parent) {
        if (trace.children(parent).size() < minCalls)
            continue;
        calls.clear();
        for (int child : trace.children(parent)) {
            if (RequestCalls::isMeasuredCall(trace.call(child).kind)
                && !trace.call(child).statement.empty())
                calls.push_back(child);
        }
        if (calls.size() < minCalls)
            continue;
        forEachRunByKey(calls, statementOf, [&](auto begin, auto end) {
            if (std::size_t(end - begin) < minCalls)
                return;
            Group group;
            group.endpoint = trace.endpoint(parent);
            group.spans.assign(begin, end);
            group.timing = CallGroupTiming::of(trace, group.spans);
            if (isNPlusOne(trace.call(*begin).kind, group.spans.size(), group.timing, m_thresholds))
                groups.push_back(std::move(group));
        });
    }
    if (groups.empty())
        return;

    // One tallied request per (endpoint span, statement): loops under different parents of one
    // request add up there, but never into one group.
    const auto requestKey = [&](const Group &group) {
        return std::forward_as_tuple(group.endpoint, trace.call(group.spans.front()).statement);
    };
    forEachRunByKey(groups, requestKey, [&](auto begin, auto end) {
        const CallIdentity &call = trace.call(begin->spans.front());
        TalliedRequest request;
        request.latencyNs = trace.span(begin->endpoint).durationNs();
        std::int64_t summedNs = 0;
        for (auto group = begin; group != end; ++group) {
            request.addGroup(trace, group->spans, group->timing.wallNs);
            summedNs += group->timing.summedNs;
        }
        const AnalysisSpan &endpoint = trace.span(begin->endpoint);
        Aggregate &aggregate
            = entryFor(m_aggregates, {endpoint.service, endpoint.name, call.statement});
        if (aggregate.kind == CallKind::None) {
            aggregate.kind = call.kind;
            aggregate.system = call.system;
        }
        aggregate.summedNs += summedNs;
        aggregate.tally.add(trace, request);
    });
}

std::vector<Finding> NPlusOneDetector::findings(const EndpointStatistics &endpoints) const
{
    std::vector<Finding> found;
    for (const auto &[key, aggregate] : m_aggregates) {
        const FindingTally &tally = aggregate.tally;
        Finding finding = tally.finding(FindingKind::NPlusOne, key.endpoint(), key.statement,
                                        endpoints, m_thresholds);
        const bool database = aggregate.kind == CallKind::Database;
        finding.title = key.operation + (database ? " runs `" : " calls `")
                        + abbreviatedStatement(key.statement) + "` "
                        + formatFactor(tally.callsPerRequest()) + " per request — N+1, ~"
                        + findingDurationText(std::llround(finding.costNsPerRequest))
                        + " per request, " + formatReach(finding);
        finding.facts = {
            {"calls per request", formatAverageAndMost(tally.callsPerRequest(), tally.maxCalls())},
            {"time per request", findingDurationText(std::llround(finding.costNsPerRequest))},
            {"share of request latency", formatShare(finding.latencyShare)},
            {"mean call duration",
             findingDurationText(std::llround(double(aggregate.summedNs) / double(tally.calls())))},
            {"traces affected", formatTracesAffected(finding)},
        };
        if (!aggregate.system.empty())
            finding.facts.push_back({"system", aggregate.system});
        finding.fixHint
            = database ? "Load the rows in one query instead of one per item: a JOIN, `WHERE id IN "
                         "(...)` with all the ids, or the ORM's eager loading."
                       : "Fetch the items in one call instead of one per item: a batch or bulk "
                         "endpoint that takes all the ids, or a DataLoader that collects them.";
        found.push_back(std::move(finding));
    }
    return found;
}

} // namespace kansoku
