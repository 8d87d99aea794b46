// Finds fan-out (chatty calls): a span with at least fanOutMinChildren direct children calling
// the same downstream (CallIdentity::target), in parallel or not. Children that make an N+1 loop
// (one statement, one after another) are left to the N+1 finding and not counted. Aggregated by
// (service, endpoint, parent span name, target); the cost is the wall time the children cover.
// Used on one worker thread.
#pragma once

#include "analysis/finding_detector.h"
#include "analysis/finding_tally.h"
#include "analysis/finding_thresholds.h"

#include <map>
#include <string>

namespace kansoku {

class FanOutDetector : public FindingDetector
{
public:
    explicit FanOutDetector(const FindingThresholds &thresholds);

    FindingKind kind() const override { return FindingKind::FanOut; }
    void addTrace(const PreparedTrace &trace) override;
    std::vector<Finding> findings(const EndpointStatistics &endpoints) const override;

private:
    struct Key
    {
        EndpointKey endpoint;
        std::string parentName;
        std::string target;
        auto operator<=>(const Key &) const = default;
    };
    struct Aggregate
    {
        FindingTally tally; // a tallied request is one endpoint span's fanning-out parents
        int maxConcurrency = 0;
        std::string statement; // the children's one statement, unless mixedStatements
        bool statementSeen = false;
        bool mixedStatements = false;
    };

    FindingThresholds m_thresholds;
    std::map<Key, Aggregate> m_aggregates;
};

} // namespace kansoku
