#include "scenarios/traffic_spike_scenario.h"

#include "scenarios/shop_system.h"

namespace kansoku {

namespace {

constexpr double SpikeFrom = 1.0 / 3.0;
constexpr double SpikeTo = 2.0 / 3.0;

} // namespace

const ScenarioInfo &TrafficSpikeScenario::info() const
{
    static const ScenarioInfo info{
        "traffic-spike",
        "A news site links the shop",
        "A web shop: shop-api (Node.js) with a pool of ten PostgreSQL connections and Redis. "
        "GET /products lists a category.",
        "For a few minutes the catalogue was slow and some customers got errors; then it was fine "
        "again.",
        "Find when it happened, what changed in the traffic, and what the errors were.",
        "The product lists are cached in Redis: the spike still arrives, but the database and its "
        "pool are no longer in the way.",
        360};
    return info;
}

ScenarioGroundTruth TrafficSpikeScenario::groundTruth(ScenarioVariant variant) const
{
    ScenarioGroundTruth truth;
    const std::pair<double, double> spike{SpikeFrom, SpikeTo};
    truth.findings.push_back(
        {FindingKind::TrafficSpike,
         "shop-api",
         "GET /products",
         {},
         {},
         spike,
         "GET /products gets about ten times its usual requests for a third of the run: a link "
         "from a news site. The traffic itself is not the defect; what it does to the shop is."});
    if (variant == ScenarioVariant::Before) {
        truth.findings.push_back(
            {FindingKind::ErrorHotspot,
             "shop-api",
             "GET /products",
             {},
             {},
             spike,
             "During the spike every one of the pool's connections is busy: requests wait in "
             "pg-pool.connect and after 2 s fail with \"timeout exceeded when trying to "
             "connect\" (HTTP 503)."});
        truth.findings.push_back(
            {FindingKind::SlowQuery,
             "shop-api",
             "GET /products",
             "pg-pool.connect",
             {},
             spike,
             "The wait for a pooled connection is the latency inside the spike.",
             false});
        truth.spans.push_back({.service = "shop-api",
                               .rootName = "GET /products",
                               .phase = spike,
                               .explanation
                               = "This request ran during the spike and suffered from it, but one "
                                 "request cannot show the cause: look at the rate of GET /products "
                                 "over the whole run.",
                               .required = false});
    }
    return truth;
}

ScenarioPlan TrafficSpikeScenario::plan(ScenarioVariant variant,
                                        const ScenarioTimeline &timeline) const
{
    const std::int64_t spikeStart = timeline.at(SpikeFrom);
    const std::int64_t spikeEnd = timeline.at(SpikeTo);
    const auto inSpike = [spikeStart, spikeEnd](std::int64_t t) {
        return t >= spikeStart && t < spikeEnd;
    };
    ShopBehaviour behaviour;
    behaviour.productsRate = [inSpike](std::int64_t t) {
        return inSpike(t) ? 30.0 : 3.0;
    };
    behaviour.productsCached = variant == ScenarioVariant::After;
    // With the cache, the few misses find the pool idle.
    if (variant == ScenarioVariant::Before)
        behaviour.productsOverloaded = inSpike;
    ScenarioPlan plan;
    ShopSystem(behaviour).addTraffic(plan);
    return plan;
}

} // namespace kansoku
