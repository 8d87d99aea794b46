// Builds the RunProfile of a run while its traces stream past, fed like the findings detectors (one
// PreparedTrace at a time, never kept), plus the findings the caller got from FindingsAnalyzer.
// Memory grows with the distinct (service, operation, statement) keys and 8 bytes per endpoint
// span and call (the durations kept for percentiles): ~8 MB for a million spans. One worker thread.
#pragma once

#include "analysis/duration_sample.h"
#include "analysis/endpoint_statistics.h"
#include "analysis/finding.h"
#include "analysis/prepared_trace.h"
#include "analysis/run_profile.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kansoku {

class RunProfileBuilder
{
public:
    // Counts the trace's endpoint spans (EndpointStatistics' endpoints) and, under each, the spans
    // that make a call (CallIdentity::isCall()) other than the endpoint span itself.
    void addTrace(const PreparedTrace &trace);
    // The findings of the same traces (FindingsAnalyzer::findings()); several findings with one
    // FindingKey keep the worst (FindingSummary::isWorseThan). May be called more than once.
    void addFindings(const std::vector<Finding> &findings);

    RunProfile profile() const;

private:
    struct StatementAccumulator
    {
        CallKind callKind = CallKind::None;
        std::string system;
        DurationSample durations;
        std::int64_t errors = 0;
    };
    struct EndpointAccumulator
    {
        DurationSample latencies;
        std::int64_t errors = 0;
        std::unordered_map<std::string, StatementAccumulator> statements;
    };
    // Looks endpoints up by views of the span's strings: no copies per request.
    struct EndpointKeyView
    {
        std::string_view service;
        std::string_view operation;
    };
    struct EndpointKeyHash
    {
        using is_transparent = void;
        std::size_t operator()(const EndpointKeyView &key) const;
        std::size_t operator()(const EndpointKey &key) const
        {
            return (*this)(EndpointKeyView{key.service, key.operation});
        }
    };
    struct EndpointKeyEqual
    {
        using is_transparent = void;
        template<typename A, typename B>
        bool operator()(const A &a, const B &b) const
        {
            return std::string_view(a.service) == std::string_view(b.service)
                   && std::string_view(a.operation) == std::string_view(b.operation);
        }
    };

    // Nodes of an unordered_map keep their address, so m_endpointOfSpan can point into it.
    std::unordered_map<EndpointKey, EndpointAccumulator, EndpointKeyHash, EndpointKeyEqual>
        m_endpoints;
    std::vector<EndpointAccumulator *> m_endpointOfSpan; // per span of the trace being added
    std::map<FindingKey, FindingSummary> m_findings;
    std::int64_t m_traceCount = 0;
    std::int64_t m_spanCount = 0;
    std::int64_t m_firstStartNs = std::numeric_limits<std::int64_t>::max();
    std::int64_t m_lastEndNs = std::numeric_limits<std::int64_t>::min();
};

} // namespace kansoku
