// The "healthy" training scenario: the shop with no problem, the baseline every other scenario
// changes one thing of. Pure; see Scenario.
#pragma once

#include "scenarios/scenario.h"

namespace kansoku {

class HealthyScenario final : public Scenario
{
public:
    const ScenarioInfo &info() const override;
    ScenarioGroundTruth groundTruth(ScenarioVariant variant) const override;
    ScenarioPlan plan(ScenarioVariant variant, const ScenarioTimeline &timeline) const override;
};

} // namespace kansoku
