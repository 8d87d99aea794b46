#include "analysis/endpoint_statistics.h"

#include "analysis/span_failure.h"

#include <set>

namespace kansoku {

void EndpointStatistics::addTrace(const PreparedTrace &trace)
{
    std::set<const EndpointKey *> seenInTrace;
    for (int spanIndex : trace.endpointSpans()) {
        const AnalysisSpan &span = trace.span(spanIndex);
        auto [entry, inserted] = m_totals.try_emplace(keyOf(trace, spanIndex));
        EndpointTotals &totals = entry->second;
        ++totals.requests;
        totals.totalLatencyNs += span.durationNs();
        if (spanFailed(span))
            ++totals.errors;
        if (seenInTrace.insert(&entry->first).second)
            ++totals.traces;
    }
}

EndpointTotals EndpointStatistics::totals(const EndpointKey &endpoint) const
{
    const auto found = m_totals.find(endpoint);
    return found == m_totals.end() ? EndpointTotals{} : found->second;
}

EndpointKey EndpointStatistics::keyOf(const PreparedTrace &trace, int endpointSpan)
{
    const AnalysisSpan &span = trace.span(endpointSpan);
    return {span.service, span.name};
}

} // namespace kansoku
