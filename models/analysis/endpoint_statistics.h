// Requests per endpoint (service + operation of a server or root span) over the analysed traces:
// how many, in how many traces, their total latency. Detectors divide by these to say "in 100% of
// these requests" and "a third of their latency". Filled and read on one worker thread.
#pragma once

#include "analysis/prepared_trace.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace kansoku {

struct EndpointKey
{
    std::string service;
    std::string operation;
    auto operator<=>(const EndpointKey &) const = default;
};

struct EndpointTotals
{
    std::int64_t requests = 0; // endpoint spans
    std::int64_t traces = 0;   // traces with at least one request of the endpoint
    std::int64_t totalLatencyNs = 0;
    std::int64_t errors = 0; // requests whose span failed (spanFailed)
};

class EndpointStatistics
{
public:
    void addTrace(const PreparedTrace &trace);

    // Zero totals for an endpoint never seen.
    EndpointTotals totals(const EndpointKey &endpoint) const;
    const std::map<EndpointKey, EndpointTotals> &all() const { return m_totals; }

    static EndpointKey keyOf(const PreparedTrace &trace, int endpointSpan);

private:
    std::map<EndpointKey, EndpointTotals> m_totals;
};

} // namespace kansoku
