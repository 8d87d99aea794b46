#include "scenarios/scenario_catalog.h"

#include "scenarios/healthy_scenario.h"
#include "scenarios/n_plus_one_scenario.h"
#include "scenarios/scheduler_delay_scenario.h"
#include "scenarios/slow_query_scenario.h"
#include "scenarios/syn_backlog_scenario.h"
#include "scenarios/traffic_spike_scenario.h"
#include "scenarios/version_lock_scenario.h"

namespace kansoku {

const std::vector<std::shared_ptr<const Scenario>> &ScenarioCatalog::all()
{
    static const std::vector<std::shared_ptr<const Scenario>> scenarios{
        std::make_shared<NPlusOneScenario>(),    std::make_shared<SlowQueryScenario>(),
        std::make_shared<VersionLockScenario>(), std::make_shared<TrafficSpikeScenario>(),
        std::make_shared<SynBacklogScenario>(),  std::make_shared<SchedulerDelayScenario>(),
        std::make_shared<HealthyScenario>()};
    return scenarios;
}

std::shared_ptr<const Scenario> ScenarioCatalog::find(const std::string &id)
{
    for (const auto &scenario : all()) {
        if (scenario->info().id == id)
            return scenario;
    }
    return nullptr;
}

} // namespace kansoku
