#include "analysis/finding_tally.h"

#include <algorithm>
#include <limits>

namespace kansoku {

void TalliedRequest::addGroup(const PreparedTrace &trace, const std::vector<int> &group,
                              std::int64_t groupCostNs)
{
    if (calls == 0) {
        firstNs = std::numeric_limits<std::int64_t>::max();
        lastNs = std::numeric_limits<std::int64_t>::min();
    }
    for (int index : group) {
        firstNs = std::min(firstNs, trace.span(index).startTimeNs);
        lastNs = std::max(lastNs, trace.span(index).endTimeNs);
    }
    ++occurrences;
    calls += std::int64_t(group.size());
    costNs += groupCostNs;
    spans.insert(spans.end(), group.begin(), group.end());
}

void FindingTally::add(const PreparedTrace &trace, const TalliedRequest &request)
{
    if (m_requests == 0 || trace.traceId() != m_lastTrace) {
        ++m_traces;
        m_lastTrace = trace.traceId();
    }
    m_firstNs = m_requests == 0 ? request.firstNs : std::min(m_firstNs, request.firstNs);
    m_lastNs = m_requests == 0 ? request.lastNs : std::max(m_lastNs, request.lastNs);
    ++m_requests;
    m_occurrences += request.occurrences;
    m_calls += request.calls;
    m_maxCalls = std::max(m_maxCalls, request.calls);
    m_totalCostNs += request.costNs;
    m_latencyNs += request.latencyNs;

    if (!m_examples.admits(request.costNs))
        return;
    std::vector<int> spans = request.spans;
    std::sort(spans.begin(), spans.end(), [&](int a, int b) {
        return std::pair(trace.span(a).startTimeNs, a) < std::pair(trace.span(b).startTimeNs, b);
    });
    FindingExample example{trace.traceId(), {}, request.costNs};
    example.spanIds.reserve(spans.size());
    for (int span : spans)
        example.spanIds.push_back(trace.span(span).spanId);
    m_examples.offer(std::move(example));
}

double FindingTally::callsPerRequest() const
{
    return m_requests > 0 ? double(m_calls) / double(m_requests) : 0.0;
}

double FindingTally::costNsPerRequest() const
{
    return m_requests > 0 ? double(m_totalCostNs) / double(m_requests) : 0.0;
}

double FindingTally::latencyShare() const
{
    return m_latencyNs > 0 ? std::min(1.0, double(m_totalCostNs) / double(m_latencyNs)) : 0.0;
}

Finding FindingTally::finding(FindingKind kind, const EndpointKey &endpoint, std::string statement,
                              const EndpointStatistics &endpoints,
                              const FindingThresholds &thresholds) const
{
    Finding finding;
    finding.kind = kind;
    finding.service = endpoint.service;
    finding.operation = endpoint.operation;
    finding.statement = std::move(statement);
    finding.occurrences = m_occurrences;
    finding.affectedTraces = m_traces;
    finding.endpointTraces = endpoints.totals(endpoint).traces;
    finding.costNsPerRequest = costNsPerRequest();
    finding.totalCostNs = m_totalCostNs;
    finding.latencyShare = latencyShare();
    finding.severity = thresholds.severityFor(finding.costNsPerRequest, finding.latencyShare);
    finding.examples = m_examples.worstFirst();
    finding.range = {m_firstNs, m_lastNs};
    return finding;
}

} // namespace kansoku
