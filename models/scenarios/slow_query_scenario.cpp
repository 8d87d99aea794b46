#include "scenarios/slow_query_scenario.h"

#include "scenarios/shop_system.h"

namespace kansoku {

const ScenarioInfo &SlowQueryScenario::info() const
{
    static const ScenarioInfo info{
        "slow-query",
        "A report query without an index",
        "A web shop: shop-api (Node.js) with PostgreSQL. GET /reports/sales sums the orders of "
        "recent days for the sales team.",
        "The sales report takes about a second; the rest of the shop is fine.",
        "Find the statement that makes the report slow and how much of the request it takes.",
        "An index on orders(created_at) lets PostgreSQL read only the recent orders.",
        300};
    return info;
}

ScenarioGroundTruth SlowQueryScenario::groundTruth(ScenarioVariant variant) const
{
    ScenarioGroundTruth truth;
    if (variant == ScenarioVariant::Before) {
        truth.findings.push_back(
            {FindingKind::SlowQuery,
             "shop-api",
             "GET /reports/sales",
             "FROM orders WHERE created_at >= ?",
             {},
             std::nullopt,
             "The report's aggregate over orders reads the whole table because created_at has "
             "no index: almost all of the request's second is this one statement. EXPLAIN "
             "shows a sequential scan; CREATE INDEX ON orders (created_at) fixes it."});
        truth.spans.push_back(
            {.service = "shop-api",
             .callContains = "FROM orders WHERE created_at >=",
             .rootName = "GET /reports/sales",
             .minDurationNs = 300'000'000, // ~950 ms without the index, ~7 ms with it
             .explanation = "This statement takes almost all of the report's second: without an "
                            "index on created_at PostgreSQL reads the whole orders table. CREATE "
                            "INDEX ON orders (created_at) fixes it."});
        truth.spans.push_back({.service = "shop-api",
                               .name = "GET /reports/sales",
                               .explanation
                               = "The report request is slow, but nearly all of its time is one "
                                 "database span under it: look at that statement.",
                               .required = false});
    }
    return truth;
}

ScenarioPlan SlowQueryScenario::plan(ScenarioVariant variant, const ScenarioTimeline &) const
{
    ShopBehaviour behaviour;
    behaviour.reportWithoutIndex = variant == ScenarioVariant::Before;
    ScenarioPlan plan;
    ShopSystem(behaviour).addTraffic(plan);
    return plan;
}

} // namespace kansoku
