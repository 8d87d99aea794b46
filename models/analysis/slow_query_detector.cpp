#include "analysis/slow_query_detector.h"

#include "analysis/finding_text.h"
#include "analysis/request_calls.h"

#include <algorithm>

namespace kansoku {

SlowQueryDetector::SlowQueryDetector(const FindingThresholds &thresholds)
    : m_thresholds(thresholds)
{}

void SlowQueryDetector::addTrace(const PreparedTrace &trace)
{
    ++m_traceNumber;
    const RequestCalls &requestCalls = trace.requestCalls();
    for (const RequestCalls::Group &group : requestCalls.groups()) {
        const AnalysisSpan &request = trace.span(group.request);
        StatementStats &stats
            = entryFor(m_statements, {request.service, request.name, group.statement});
        stats.callKind = group.kind;
        ++stats.requests;
        stats.requestLatencyNs += request.durationNs();
        if (stats.lastTrace != m_traceNumber) {
            stats.lastTrace = m_traceNumber;
            ++stats.traces;
        }
        // The calls come in start order: merge their intervals, clipped to the request.
        std::int64_t coveredUntilNs = request.startTimeNs;
        for (int index : requestCalls.calls(group)) {
            const AnalysisSpan &call = trace.span(index);
            stats.calls.add(call.durationNs());
            stats.firstStartNs = std::min(stats.firstStartNs, call.startTimeNs);
            stats.lastEndNs = std::max(stats.lastEndNs, call.endTimeNs);
            const std::int64_t from = std::max(call.startTimeNs, coveredUntilNs);
            const std::int64_t to = std::min(call.endTimeNs, request.endTimeNs);
            if (to > from) {
                stats.requestTimeNs += to - from;
                coveredUntilNs = to;
            }
            if (stats.slowest.admits(call.durationNs()))
                stats.slowest.offer({trace.traceId(), {call.spanId}, call.durationNs()});
        }
    }
}

std::vector<Finding> SlowQueryDetector::findings(const EndpointStatistics &endpoints) const
{
    std::vector<Finding> found;
    for (const auto &[key, stats] : m_statements) {
        if (stats.calls.count() < m_thresholds.slowMinCalls || stats.requests == 0)
            continue;
        const double share = stats.requestLatencyNs > 0
                                 ? double(stats.requestTimeNs) / double(stats.requestLatencyNs)
                                 : 0.0;
        const double perRequestNs = double(stats.requestTimeNs) / double(stats.requests);
        const bool slow = stats.calls.quantileNs(0.95) >= m_thresholds.slowQueryP95Ns;
        // Many cheap calls that add up to most of a request are the N+1 detector's finding, not
        // a slow statement: the share rule counts only statements run a few times per request.
        const double callsPerRequest = double(stats.calls.count()) / double(stats.requests);
        const bool dominant = share >= m_thresholds.slowShareOfLatency
                              && perRequestNs >= double(m_thresholds.slowShareMinNsPerRequest)
                              && callsPerRequest < double(m_thresholds.nPlusOneMinCalls);
        if (slow || dominant)
            found.push_back(findingFor(key, stats, endpoints));
    }
    return found;
}

Finding SlowQueryDetector::findingFor(const EndpointStatementKey &key, const StatementStats &stats,
                                      const EndpointStatistics &endpoints) const
{
    const std::int64_t p95 = stats.calls.quantileNs(0.95);
    Finding finding;
    finding.kind = FindingKind::SlowQuery;
    finding.service = key.service;
    finding.operation = key.operation;
    finding.statement = key.statement;
    finding.occurrences = stats.calls.count();
    finding.affectedTraces = stats.traces;
    finding.endpointTraces = endpoints.totals(key.endpoint()).traces;
    finding.costNsPerRequest = double(stats.requestTimeNs) / double(stats.requests);
    finding.totalCostNs = stats.requestTimeNs;
    finding.latencyShare = stats.requestLatencyNs > 0
                               ? double(stats.requestTimeNs) / double(stats.requestLatencyNs)
                               : 0.0;
    finding.severity = m_thresholds.severityFor(finding.costNsPerRequest, finding.latencyShare);
    finding.examples = stats.slowest.worstFirst();
    finding.range = {stats.firstStartNs, stats.lastEndNs};
    finding.title = key.operation + ": `" + abbreviatedStatement(key.statement) + "` p95 "
                    + findingDurationText(p95) + ", " + formatShare(finding.latencyShare)
                    + " of request latency — slow "
                    + (stats.callKind == CallKind::Database ? "query" : "call");
    finding.facts = {
        {"count", std::to_string(stats.calls.count())},
        {"p50", findingDurationText(stats.calls.quantileNs(0.5))},
        {"p95", findingDurationText(p95)},
        {"p99", findingDurationText(stats.calls.quantileNs(0.99))},
        {"max", findingDurationText(stats.calls.maxNs())},
        {"total", findingDurationText(stats.calls.totalNs())},
        {"share", formatShare(finding.latencyShare)},
    };
    finding.fixHint
        = stats.callKind == CallKind::Database
              ? "Run EXPLAIN (ANALYZE) on the statement and add an index on the columns it filters "
                "and joins on; paginate or limit large results."
              : "Open the slowest example to see where the downstream spends its time; cache, "
                "batch or parallelize the call, and give it a timeout.";
    return finding;
}

} // namespace kansoku
