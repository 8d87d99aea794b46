// Adds up one finding's evidence request by request (the calls, the time they cost, the latency
// of the requests they happened in, the worst examples), and makes the Finding with the fields
// every repeated-call detector shares. Bounded: sums and a few examples. One worker thread.
#pragma once

#include "analysis/endpoint_statistics.h"
#include "analysis/finding.h"
#include "analysis/finding_examples.h"
#include "analysis/finding_thresholds.h"

#include <cstdint>
#include <vector>

namespace kansoku {

// What one request (an endpoint span, or a trace's requests of one endpoint) showed: the groups
// of calls that make the problem in it.
struct TalliedRequest
{
    std::int64_t latencyNs = 0;   // the request's latency
    std::int64_t occurrences = 0; // groups
    std::int64_t calls = 0;       // the calls in them
    std::int64_t costNs = 0;      // what they cost the request
    std::int64_t firstNs = 0;     // the first call's start
    std::int64_t lastNs = 0;      // the last call's end
    std::vector<int> spans;       // the calls, indices into the trace

    // Adds one group of calls (indices into trace) that cost the request groupCostNs.
    void addGroup(const PreparedTrace &trace, const std::vector<int> &group,
                  std::int64_t groupCostNs);
};

class FindingTally
{
public:
    // A request of trace. Requests of one trace come one after another (detectors see a trace at
    // a time), so counting traces needs only the last one's id.
    void add(const PreparedTrace &trace, const TalliedRequest &request);

    std::int64_t requests() const { return m_requests; }
    std::int64_t calls() const { return m_calls; }
    std::int64_t maxCalls() const { return m_maxCalls; }
    std::int64_t occurrences() const { return m_occurrences; }
    std::int64_t affectedTraces() const { return m_traces; }
    std::int64_t totalCostNs() const { return m_totalCostNs; }
    double callsPerRequest() const;
    double costNsPerRequest() const;
    // The cost over the latency of the requests it happened in, 0..1.
    double latencyShare() const;

    // A finding of the endpoint with kind, service, operation, statement, occurrences,
    // affectedTraces, endpointTraces, costNsPerRequest, totalCostNs, latencyShare, severity,
    // examples (the calls' span ids in start order) and range; the detector adds title, facts
    // and fix hint.
    Finding finding(FindingKind kind, const EndpointKey &endpoint, std::string statement,
                    const EndpointStatistics &endpoints, const FindingThresholds &thresholds) const;

private:
    std::int64_t m_requests = 0;
    std::int64_t m_occurrences = 0;
    std::int64_t m_calls = 0;
    std::int64_t m_maxCalls = 0;
    std::int64_t m_traces = 0;
    std::int64_t m_totalCostNs = 0;
    std::int64_t m_latencyNs = 0;
    std::int64_t m_firstNs = 0;
    std::int64_t m_lastNs = 0;
    TraceId m_lastTrace;
    FindingExamples m_examples;
};

} // namespace kansoku
