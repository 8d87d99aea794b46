// The "n-plus-one" training scenario: the order page's ORM loads an order's items one query at a
// time (before) or in one query (after). Pure; see Scenario.
#pragma once

#include "scenarios/scenario.h"

namespace kansoku {

class NPlusOneScenario final : public Scenario
{
public:
    const ScenarioInfo &info() const override;
    ScenarioGroundTruth groundTruth(ScenarioVariant variant) const override;
    ScenarioPlan plan(ScenarioVariant variant, const ScenarioTimeline &timeline) const override;
};

} // namespace kansoku
