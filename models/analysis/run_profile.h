// What one run of a system did, per endpoint and per call it made: requests, latency percentiles,
// error rates, calls per request, and the findings seen in it. A plain value made by
// RunProfileBuilder on a worker thread; safe to copy across threads. RunComparison compares two.
#pragma once

#include "analysis/call_identity.h"
#include "analysis/finding.h"
#include "core/time_range.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kansoku {

// An endpoint: the server (or consumer, or top) spans of one service and name.
struct OperationProfile
{
    std::string service;
    std::string operation;
    std::int64_t requests = 0;       // endpoint spans
    std::int64_t errors = 0;         // failed requests (spanFailed)
    std::int64_t calls = 0;          // calls its requests made: the sum over its statements
    std::int64_t totalLatencyNs = 0; // over all requests
    std::int64_t p50Ns = 0;
    std::int64_t p95Ns = 0;

    double errorRate() const;       // errors / requests, 0..1
    double callsPerRequest() const; // calls / requests
    double meanLatencyNs() const;   // totalLatencyNs / requests
};

// One call shape (CallIdentity::statement) made under one endpoint, counted over all of the
// endpoint's requests (also those that never made it).
struct StatementProfile
{
    std::string service;   // the endpoint's service
    std::string operation; // the endpoint's operation
    std::string statement; // normalized: "SELECT * FROM items WHERE id = ?"
    CallKind callKind = CallKind::None;
    std::string system;                // of the first call seen: "postgresql", "http", ...
    std::int64_t endpointRequests = 0; // the endpoint's requests: the denominator per request
    std::int64_t calls = 0;
    std::int64_t errors = 0;          // failed calls (spanFailed)
    std::int64_t totalDurationNs = 0; // over all calls
    std::int64_t p50Ns = 0;           // of one call
    std::int64_t p95Ns = 0;

    double callsPerRequest() const;  // calls / endpointRequests
    double errorRate() const;        // errors / calls, 0..1
    double timePerRequestNs() const; // totalDurationNs / endpointRequests
};

// What identifies "the same problem" in two runs.
struct FindingKey
{
    FindingKind kind = FindingKind::NPlusOne;
    std::string service;
    std::string operation;
    std::string statement;
    auto operator<=>(const FindingKey &) const = default;
};

// The part of a Finding a comparison needs and shows.
struct FindingSummary
{
    FindingKey key;
    std::string title;
    FindingSeverity severity = FindingSeverity::Info;
    double costNsPerRequest = 0;
    std::int64_t occurrences = 0;
    std::int64_t affectedTraces = 0;

    static FindingSummary of(const Finding &finding);
    // Of two findings with one key, the one kept: higher severity, then higher cost, then the
    // smaller title (so the choice does not depend on the order they came in).
    bool isWorseThan(const FindingSummary &other) const;
    bool operator==(const FindingSummary &) const = default;
};

struct RunProfile
{
    std::int64_t traceCount = 0;
    std::int64_t spanCount = 0;
    TimeRange range{0, 0}; // earliest span start to latest span end; {0, 0} with no span

    std::vector<OperationProfile> operations; // sorted by (service, operation)
    std::vector<StatementProfile> statements; // sorted by (service, operation, statement)
    std::vector<FindingSummary> findings;     // one per key, sorted by key

    // nullptr when the run has no such row. Binary search.
    const OperationProfile *findOperation(const std::string &service,
                                          const std::string &operation) const;
    const StatementProfile *findStatement(const std::string &service, const std::string &operation,
                                          const std::string &statement) const;
    const FindingSummary *findFinding(const FindingKey &key) const;
};

} // namespace kansoku
