#include "analysis/fan_out_detector.h"

#include "analysis/call_group_timing.h"
#include "analysis/finding_text.h"
#include "analysis/n_plus_one_detector.h"
#include "analysis/runs_by_key.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace kansoku {

namespace {

// The children of one parent calling one target.
struct Group
{
    int parent = -1;
    std::vector<int> spans; // start order
    CallGroupTiming timing;
    const std::string *statement = nullptr; // null when the children run different statements
};

// The calls (one parent's to one target, in start order) less those that make an N+1 loop of
// one statement: the N+1 finding reports those, fan-out what is left.
std::vector<int> withoutNPlusOneLoops(const PreparedTrace &trace, const std::vector<int> &calls,
                                      const FindingThresholds &thresholds)
{
    std::vector<int> byStatement = calls;
    std::vector<int> loops;
    forEachRunByKey(
        byStatement, [&](int span) -> const std::string & { return trace.call(span).statement; },
        [&](auto begin, auto end) {
            if (end - begin < thresholds.nPlusOneMinCalls)
                return;
            const std::vector<int> run(begin, end);
            if (NPlusOneDetector::isNPlusOne(trace.call(run.front()).kind, run.size(),
                                             CallGroupTiming::of(trace, run), thresholds))
                loops.insert(loops.end(), run.begin(), run.end());
        });
    if (loops.empty())
        return calls;
    std::sort(loops.begin(), loops.end());
    std::vector<int> rest;
    for (int call : calls) {
        if (!std::binary_search(loops.begin(), loops.end(), call))
            rest.push_back(call);
    }
    return rest;
}

} // namespace

FanOutDetector::FanOutDetector(const FindingThresholds &thresholds)
    : m_thresholds(thresholds)
{}

void FanOutDetector::addTrace(const PreparedTrace &trace)
{
    const std::size_t minChildren = std::size_t(std::max(m_thresholds.fanOutMinChildren, 2));
    const auto targetOf = [&](int span) -> const std::string & {
        return trace.call(span).target;
    };
    std::vector<Group> groups;
    std::vector<int> calls;
    for (int parent = 0; parent < trace.spanCount(); ++parent) {
        const std::vector<int> &children = trace.children(parent);
        if (children.size() < minChildren)
            continue;
        calls.clear();
        for (int child : children) {
            if (trace.call(child).isCall() && !trace.call(child).target.empty())
                calls.push_back(child);
        }
        // Children are in start order, and stay so within each target.
        forEachRunByKey(calls, targetOf, [&](auto begin, auto end) {
            if (std::size_t(end - begin) < minChildren)
                return;
            Group group;
            group.parent = parent;
            group.spans = withoutNPlusOneLoops(trace, {begin, end}, m_thresholds);
            if (group.spans.size() < minChildren)
                return;
            group.timing = CallGroupTiming::of(trace, group.spans);
            const std::string &statement = trace.call(group.spans.front()).statement;
            if (std::all_of(group.spans.begin(), group.spans.end(),
                            [&](int span) { return trace.call(span).statement == statement; }))
                group.statement = &statement;
            groups.push_back(std::move(group));
        });
    }
    if (groups.empty())
        return;

    // One tallied request per (endpoint span, parent name, target).
    const auto requestKey = [&](const Group &group) {
        return std::tuple<int, const std::string &, const std::string &>(
            trace.endpoint(group.parent), trace.span(group.parent).name,
            trace.call(group.spans.front()).target);
    };
    forEachRunByKey(groups, requestKey, [&](auto begin, auto end) {
        const int endpointSpan = trace.endpoint(begin->parent);
        Aggregate &aggregate = m_aggregates[Key{EndpointStatistics::keyOf(trace, endpointSpan),
                                                trace.span(begin->parent).name,
                                                trace.call(begin->spans.front()).target}];
        TalliedRequest request;
        request.latencyNs = trace.span(endpointSpan).durationNs();
        for (auto group = begin; group != end; ++group) {
            request.addGroup(trace, group->spans, group->timing.wallNs);
            aggregate.maxConcurrency
                = std::max(aggregate.maxConcurrency, group->timing.maxConcurrency);
            if (!group->statement) {
                aggregate.mixedStatements = true;
            } else if (!aggregate.statementSeen) {
                aggregate.statement = *group->statement;
                aggregate.statementSeen = true;
            } else if (*group->statement != aggregate.statement) {
                aggregate.mixedStatements = true;
            }
        }
        aggregate.tally.add(trace, request);
    });
}

std::vector<Finding> FanOutDetector::findings(const EndpointStatistics &endpoints) const
{
    std::vector<Finding> found;
    for (const auto &[key, aggregate] : m_aggregates) {
        const FindingTally &tally = aggregate.tally;
        Finding finding
            = tally.finding(FindingKind::FanOut, key.endpoint,
                            aggregate.mixedStatements ? std::string() : aggregate.statement,
                            endpoints, m_thresholds);

        const std::string caller = key.parentName == key.endpoint.operation
                                       ? key.endpoint.operation
                                       : key.endpoint.operation + ": `" + key.parentName + "`";
        finding.title = caller + " makes " + formatCount(tally.callsPerRequest()) + " calls to "
                        + key.target + " per request, up to "
                        + std::to_string(aggregate.maxConcurrency) + " at once — fan-out, ~"
                        + findingDurationText(std::llround(finding.costNsPerRequest))
                        + " per request, " + formatReach(finding);
        finding.facts = {
            {"calls per request", formatAverageAndMost(tally.callsPerRequest(), tally.maxCalls())},
            {"most at once", std::to_string(aggregate.maxConcurrency)},
            {"wall time per request", findingDurationText(std::llround(finding.costNsPerRequest))},
            {"share of request latency", formatShare(finding.latencyShare)},
            {"traces affected", formatTracesAffected(finding)},
            {"parent span", key.parentName},
            {"downstream", key.target},
        };
        finding.fixHint = "Ask " + key.target
                          + " once for all of them: a batch or bulk endpoint (or one IN query); "
                            "and cap how many calls run at once so one request cannot flood it.";
        found.push_back(std::move(finding));
    }
    return found;
}

} // namespace kansoku
