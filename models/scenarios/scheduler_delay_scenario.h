// The "scheduler-delay" training scenario: the nightly report job's worker pods wait for the
// Kubernetes scheduler (Insufficient cpu) before they run, and the scheduler's pending-pods gauge
// rises (before); right-sized CPU requests (after). Pure; see Scenario.
#pragma once

#include "scenarios/scenario.h"

namespace kansoku {

class SchedulerDelayScenario final : public Scenario
{
public:
    const ScenarioInfo &info() const override;
    ScenarioGroundTruth groundTruth(ScenarioVariant variant) const override;
    ScenarioPlan plan(ScenarioVariant variant, const ScenarioTimeline &timeline) const override;
};

} // namespace kansoku
