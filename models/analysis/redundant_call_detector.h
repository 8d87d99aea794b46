// Finds redundant calls: the identical read (the same statement with the same values, or a GET of
// the same URL) made at least redundantMinCalls times by one request, anywhere below it. Calls
// whose values are unknown (bind placeholders without recorded parameters) and writes are never
// counted. Aggregated by (service, endpoint, statement); the cost is the time of the repeats after
// the first. Used on one worker thread.
#pragma once

#include "analysis/endpoint_statement_key.h"
#include "analysis/finding_detector.h"
#include "analysis/finding_tally.h"
#include "analysis/finding_thresholds.h"

#include <map>
#include <string>

namespace kansoku {

class RedundantCallDetector : public FindingDetector
{
public:
    explicit RedundantCallDetector(const FindingThresholds &thresholds);

    FindingKind kind() const override { return FindingKind::RedundantCall; }
    void addTrace(const PreparedTrace &trace) override;
    std::vector<Finding> findings(const EndpointStatistics &endpoints) const override;

private:
    struct Aggregate
    {
        FindingTally tally;
        CallKind kind = CallKind::None;
        std::string system;
    };

    FindingThresholds m_thresholds;
    std::map<EndpointStatementKey, Aggregate, std::less<>> m_aggregates;
};

} // namespace kansoku
