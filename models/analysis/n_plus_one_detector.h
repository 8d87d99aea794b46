// Finds N+1 calls: under one parent span, at least nPlusOneMinCalls database, HTTP or RPC calls
// of one normalized statement that run one after another (on average at most
// nPlusOneMaxAverageConcurrency of them in flight) — a loop one batched call would replace.
// Aggregated by (service, endpoint, statement); the cost is the wall time the loop covers. Used on
// one worker thread.
#pragma once

#include "analysis/call_group_timing.h"
#include "analysis/endpoint_statement_key.h"
#include "analysis/finding_detector.h"
#include "analysis/finding_tally.h"
#include "analysis/finding_thresholds.h"

#include <map>
#include <string>

namespace kansoku {

class NPlusOneDetector : public FindingDetector
{
public:
    explicit NPlusOneDetector(const FindingThresholds &thresholds);

    FindingKind kind() const override { return FindingKind::NPlusOne; }
    void addTrace(const PreparedTrace &trace) override;
    std::vector<Finding> findings(const EndpointStatistics &endpoints) const override;

    // Whether calls of one statement under one parent (kind: their CallKind) make an N+1: a
    // database, HTTP or RPC call, often enough, mostly one after another. Fan-out leaves these to
    // the N+1 finding.
    static bool isNPlusOne(CallKind kind, std::size_t calls, const CallGroupTiming &timing,
                           const FindingThresholds &thresholds);

private:
    struct Aggregate
    {
        FindingTally tally;
        CallKind kind = CallKind::None;
        std::string system;
        std::int64_t summedNs = 0; // the calls' durations added up
    };

    FindingThresholds m_thresholds;
    std::map<EndpointStatementKey, Aggregate, std::less<>> m_aggregates;
};

} // namespace kansoku
