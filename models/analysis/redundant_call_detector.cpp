#include "analysis/redundant_call_detector.h"

#include "analysis/finding_text.h"
#include "analysis/request_calls.h"
#include "analysis/runs_by_key.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <tuple>

namespace kansoku {

RedundantCallDetector::RedundantCallDetector(const FindingThresholds &thresholds)
    : m_thresholds(thresholds)
{}

void RedundantCallDetector::addTrace(const PreparedTrace &trace)
{
    // A request's calls of one statement, split by their values. Only reads whose values are
    // known: a repeated write may be meant (INCR, an audit row), and an HTTP write's body is not
    // recorded, so equal URLs do not make equal calls.
    struct Entry
    {
        std::size_t hash; // of callWithValues: most comparisons end here
        int span;
    };
    const auto identity = [&](const Entry &entry) {
        return std::forward_as_tuple(entry.hash, trace.call(entry.span).callWithValues);
    };
    const std::size_t minCalls = std::size_t(std::max(m_thresholds.redundantMinCalls, 2));
    const RequestCalls &requestCalls = trace.requestCalls();
    std::vector<Entry> entries;
    std::vector<int> repeated;
    for (const RequestCalls::Group &group : requestCalls.groups()) {
        if (std::size_t(group.end - group.begin) < minCalls)
            continue;
        entries.clear();
        for (int index : requestCalls.calls(group)) {
            const CallIdentity &call = trace.call(index);
            if (!call.callWithValues.empty() && !call.isWrite)
                entries.push_back({std::hash<std::string>{}(call.callWithValues), index});
        }
        TalliedRequest request;
        request.latencyNs = trace.span(group.request).durationNs();
        // The calls are in start order, and stay so within each value.
        forEachRunByKey(entries, identity, [&](auto begin, auto end) {
            if (std::size_t(end - begin) < minCalls)
                return;
            repeated.clear();
            std::int64_t repeatsNs = 0; // the first call was needed; the repeats after it cost
            for (auto entry = begin; entry != end; ++entry) {
                repeated.push_back(entry->span);
                if (entry != begin)
                    repeatsNs += trace.span(entry->span).durationNs();
            }
            request.addGroup(trace, repeated, repeatsNs);
        });
        if (request.occurrences == 0)
            continue;
        const AnalysisSpan &endpoint = trace.span(group.request);
        Aggregate &aggregate
            = entryFor(m_aggregates, {endpoint.service, endpoint.name, group.statement});
        if (aggregate.kind == CallKind::None) {
            const CallIdentity &call = trace.call(request.spans.front());
            aggregate.kind = call.kind;
            aggregate.system = call.system;
        }
        aggregate.tally.add(trace, request);
    }
}

std::vector<Finding> RedundantCallDetector::findings(const EndpointStatistics &endpoints) const
{
    std::vector<Finding> found;
    for (const auto &[key, aggregate] : m_aggregates) {
        const FindingTally &tally = aggregate.tally;
        Finding finding = tally.finding(FindingKind::RedundantCall, key.endpoint(), key.statement,
                                        endpoints, m_thresholds);

        const double needed = double(tally.occurrences()) / double(tally.requests());
        finding.title = key.operation + " repeats `" + abbreviatedStatement(key.statement)
                        + "` identically — " + formatCount(tally.callsPerRequest())
                        + " calls where " + formatCount(needed) + " would do, ~"
                        + findingDurationText(std::llround(finding.costNsPerRequest))
                        + " per request, " + formatReach(finding);
        finding.facts = {
            {"identical calls per request",
             formatAverageAndMost(tally.callsPerRequest(), tally.maxCalls())},
            {"distinct calls per request", formatCount(needed)},
            {"time of the repeats per request",
             findingDurationText(std::llround(finding.costNsPerRequest))},
            {"share of request latency", formatShare(finding.latencyShare)},
            {"traces affected", formatTracesAffected(finding)},
        };
        if (!aggregate.system.empty())
            finding.facts.push_back({"system", aggregate.system});
        finding.fixHint = "Reuse the first answer instead of asking again: keep it for the rest "
                          "of the request (a request-scoped cache or memoization), or pass it to "
                          "the code that asks again.";
        found.push_back(std::move(finding));
    }
    return found;
}

} // namespace kansoku
