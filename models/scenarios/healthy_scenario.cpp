#include "scenarios/healthy_scenario.h"

#include "scenarios/shop_system.h"

namespace kansoku {

const ScenarioInfo &HealthyScenario::info() const
{
    static const ScenarioInfo info{
        "healthy",
        "A healthy shop",
        "A web shop: shop-api (Node.js) with PostgreSQL and Redis, calling inventory (Java) on "
        "checkout. Orders, products, checkout and a sales report.",
        "Nobody complains. This is what the shop looks like when nothing is wrong.",
        "Get to know the normal picture: the endpoints, their latencies and the queries behind "
        "them. Kansoku should report nothing above \"info\".",
        "Nothing to fix: both variants are the same healthy shop.",
        300};
    return info;
}

ScenarioGroundTruth HealthyScenario::groundTruth(ScenarioVariant) const
{
    return {};
}

ScenarioPlan HealthyScenario::plan(ScenarioVariant, const ScenarioTimeline &) const
{
    ScenarioPlan plan;
    ShopSystem(ShopBehaviour{}).addTraffic(plan);
    return plan;
}

} // namespace kansoku
