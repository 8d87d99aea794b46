// The "traffic-spike" training scenario: a news site links the catalogue: ten times the product
// requests for the middle third of the run; the connection pool runs dry, requests queue and time
// out (before), or a cache answers them (after). Pure; see Scenario.
#pragma once

#include "scenarios/scenario.h"

namespace kansoku {

class TrafficSpikeScenario final : public Scenario
{
public:
    const ScenarioInfo &info() const override;
    ScenarioGroundTruth groundTruth(ScenarioVariant variant) const override;
    ScenarioPlan plan(ScenarioVariant variant, const ScenarioTimeline &timeline) const override;
};

} // namespace kansoku
