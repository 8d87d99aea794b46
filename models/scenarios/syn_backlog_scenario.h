// The "syn-backlog" training scenario: inventory's listen queue is full: shop-api's connects to it
// are dropped and retried by SYN retransmission after 1 s and 3 s, and the host's listen-overflow
// counters climb (before); a larger backlog and more acceptor threads (after). Pure; see Scenario.
#pragma once

#include "scenarios/scenario.h"

namespace kansoku {

class SynBacklogScenario final : public Scenario
{
public:
    const ScenarioInfo &info() const override;
    ScenarioGroundTruth groundTruth(ScenarioVariant variant) const override;
    ScenarioPlan plan(ScenarioVariant variant, const ScenarioTimeline &timeline) const override;
};

} // namespace kansoku
