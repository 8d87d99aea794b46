// The "slow-query" training scenario: the sales report's query scans the orders table without an
// index (before) or uses one (after). Pure; see Scenario.
#pragma once

#include "scenarios/scenario.h"

namespace kansoku {

class SlowQueryScenario final : public Scenario
{
public:
    const ScenarioInfo &info() const override;
    ScenarioGroundTruth groundTruth(ScenarioVariant variant) const override;
    ScenarioPlan plan(ScenarioVariant variant, const ScenarioTimeline &timeline) const override;
};

} // namespace kansoku
