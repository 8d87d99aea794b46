// Finds slow queries and calls: per (service, endpoint, normalized statement) of database, HTTP
// and RPC client calls, the calls' p50/p95/p99/max and the share of the latency of the requests
// that run the statement; flags a statement whose p95 reaches a threshold or that takes most of
// its requests' latency, with the slowest calls as examples. One instance on one worker thread.
#pragma once

#include "analysis/duration_sample.h"
#include "analysis/endpoint_statement_key.h"
#include "analysis/finding_detector.h"
#include "analysis/finding_examples.h"
#include "analysis/finding_thresholds.h"

#include <limits>
#include <map>

namespace kansoku {

class SlowQueryDetector : public FindingDetector
{
public:
    explicit SlowQueryDetector(const FindingThresholds &thresholds);

    FindingKind kind() const override { return FindingKind::SlowQuery; }
    void addTrace(const PreparedTrace &trace) override;
    std::vector<Finding> findings(const EndpointStatistics &endpoints) const override;

private:
    struct StatementStats
    {
        CallKind callKind = CallKind::None;
        DurationSample calls;
        std::int64_t requests = 0; // requests that ran the statement
        std::int64_t traces = 0;
        std::int64_t lastTrace = -1; // the m_traceNumber that last counted in traces
        // Per request, the time its calls of the statement covered (overlapping calls once,
        // clipped to the request), summed; and those requests' latency.
        std::int64_t requestTimeNs = 0;
        std::int64_t requestLatencyNs = 0;
        std::int64_t firstStartNs = std::numeric_limits<std::int64_t>::max();
        std::int64_t lastEndNs = std::numeric_limits<std::int64_t>::min();
        FindingExamples slowest;
    };

    Finding findingFor(const EndpointStatementKey &key, const StatementStats &stats,
                       const EndpointStatistics &endpoints) const;

    FindingThresholds m_thresholds;
    std::map<EndpointStatementKey, StatementStats, std::less<>> m_statements;
    std::int64_t m_traceNumber = 0;
};

} // namespace kansoku
