// Finds work that waits before it starts: a span that starts long after its parent became idle
// (the parent's start, or the end of its last earlier child), with nothing of the parent running
// in the gap — a pod waiting for the scheduler under its job, a consumer starting long after its
// producer, a task picked from a queue late. Outgoing calls and a handler's own internal spans
// are left out: the time before them is the parent's work. Grouped by the child's service and its
// name with generated parts ("pod batch-report-7f9c2 run") normalized. Bounded: per group the
// delays of the delayed spans (8 bytes each) and a tally. One instance on one worker thread.
#pragma once

#include "analysis/duration_sample.h"
#include "analysis/finding_detector.h"
#include "analysis/finding_tally.h"
#include "analysis/finding_thresholds.h"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace kansoku {

class StartDelayDetector : public FindingDetector
{
public:
    explicit StartDelayDetector(const FindingThresholds &thresholds);

    FindingKind kind() const override { return FindingKind::StartDelay; }
    void addTrace(const PreparedTrace &trace) override;
    std::vector<Finding> findings(const EndpointStatistics &endpoints) const override;

private:
    struct Group
    {
        std::string service;
        std::string name;           // normalized
        std::int64_t spans = 0;     // every span of the group that has a parent
        std::int64_t traces = 0;    // traces with one
        std::int64_t lastTrace = 0; // the m_traceNumber that last counted in traces
        DurationSample delays;      // of the delayed spans
        FindingTally tally;         // per parent with delayed children: the wait, its time
        std::map<std::string, std::int64_t> parents; // normalized parent name -> delayed spans
    };
    // A delayed child of the parent being looked at, waiting from readyNs to its start.
    struct Delayed
    {
        Group *group = nullptr;
        int child = 0;
        std::int64_t readyNs = 0;
    };

    void addParent(const PreparedTrace &trace, int parent);
    void tallyParent(const PreparedTrace &trace, int parent, std::vector<Delayed>::iterator begin,
                     std::vector<Delayed>::iterator end);
    Finding findingFor(const Group &group, const EndpointStatistics &endpoints) const;

    FindingThresholds m_thresholds;
    std::unordered_map<std::string, Group> m_groups; // by service '\n' normalized name
    std::int64_t m_traceNumber = 0;
    // Scratch space reused from parent to parent.
    std::string m_keyBuffer;
    std::vector<Delayed> m_delayed;
};

} // namespace kansoku
