// The "version-lock" training scenario: shop-api v1.4.2 and v1.4.3 serve payments side by side;
// v1.4.2 holds a row lock (SELECT ... FOR UPDATE) across the call to the payment provider, so its
// payments queue behind each other (before); v1.4.4 replaces it (after). Pure; see Scenario.
#pragma once

#include "scenarios/scenario.h"

namespace kansoku {

class VersionLockScenario final : public Scenario
{
public:
    const ScenarioInfo &info() const override;
    ScenarioGroundTruth groundTruth(ScenarioVariant variant) const override;
    ScenarioPlan plan(ScenarioVariant variant, const ScenarioTimeline &timeline) const override;
};

} // namespace kansoku
