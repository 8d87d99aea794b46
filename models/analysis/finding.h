// A finding: one problem a detector saw in the analysed telemetry, with the evidence a person
// needs to believe it (how often, what it costs, example traces) and a short fix hint. Plain
// values, safe to copy across threads; made by FindingsAnalyzer on a worker thread.
#pragma once

#include "core/telemetry_ids.h"
#include "core/time_range.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kansoku {

enum class FindingKind {
    NPlusOne,
    RedundantCall,
    SlowQuery,
    LockWait,
    VersionRegression,
    ErrorHotspot,
    TrafficSpike,
    FanOut,
    ConnectStall,
    StartDelay
};

// Ordered: a higher value is worse.
enum class FindingSeverity { Info, Low, Medium, High };

// The stable id scripts see ("n_plus_one", "redundant_call", "slow_query", "lock_wait",
// "version_regression", "error_hotspot", "traffic_spike", "fan_out", "connect_stall",
// "start_delay").
const char *findingKindId(FindingKind kind);
const char *findingSeverityId(FindingSeverity severity); // "info", "low", "medium", "high"
std::vector<FindingKind> allFindingKinds();

// One trace that shows the problem, and the spans in it that do.
struct FindingExample
{
    TraceId traceId;
    std::vector<SpanId> spanIds;
    std::int64_t costNs = 0; // what the problem cost in this trace
    bool operator==(const FindingExample &) const = default;
};

// A labelled figure of the evidence, e.g. {"p95", "212 ms"}; detector-specific.
struct FindingFact
{
    std::string label;
    std::string value;
    bool operator==(const FindingFact &) const = default;
};

struct Finding
{
    FindingKind kind = FindingKind::NPlusOne;
    std::string title;            // one line a person understands at a glance
    std::string service;          // the service the endpoint belongs to
    std::string operation;        // the endpoint (the server span's name), or the span's own name
    std::string statement;        // normalized statement or call; empty when none applies
    std::int64_t occurrences = 0; // how many times it happened (spans, groups or requests)
    std::int64_t affectedTraces = 0; // traces that show it
    std::int64_t endpointTraces = 0; // traces of the endpoint in the analysed range
    double costNsPerRequest = 0;     // extra time per affected request
    std::int64_t totalCostNs = 0;    // over all affected requests
    double latencyShare = 0;         // 0..1: the cost's share of the affected requests' latency
    FindingSeverity severity = FindingSeverity::Info;
    std::vector<FindingExample> examples; // worst first
    TimeRange range;                      // first to last occurrence
    std::vector<FindingFact> facts;
    std::string fixHint;

    // affectedTraces / endpointTraces, 0 when the endpoint's traces are unknown.
    double shareOfEndpointTraces() const;
    bool operator==(const Finding &) const = default;
};

} // namespace kansoku
