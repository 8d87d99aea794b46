#include "scenarios/n_plus_one_scenario.h"

#include "scenarios/shop_system.h"

namespace kansoku {

const ScenarioInfo &NPlusOneScenario::info() const
{
    static const ScenarioInfo info{
        "n-plus-one",
        "N+1 queries behind the order page",
        "A web shop: shop-api (Node.js) with PostgreSQL and Redis. GET /orders/:id shows an order "
        "with its items; the code reads them through an ORM.",
        "The order page is slower the bigger the order; the database sees far more queries than "
        "pages are served.",
        "Find which query runs how often per order page, and what it costs.",
        "The items are loaded with one query per order (WHERE order_id = $1), not one per item.",
        300};
    return info;
}

ScenarioGroundTruth NPlusOneScenario::groundTruth(ScenarioVariant variant) const
{
    ScenarioGroundTruth truth;
    if (variant == ScenarioVariant::Before) {
        truth.findings.push_back(
            {FindingKind::NPlusOne,
             "shop-api",
             "GET /orders/:id",
             "FROM order_items WHERE id =",
             {},
             std::nullopt,
             "GET /orders/:id reads each order item with its own query, one after another: an "
             "order of 20 items costs 20 round trips to PostgreSQL. Load them in one query "
             "(WHERE order_id = $1, or the ORM's eager loading)."});
        truth.spans.push_back(
            {.service = "shop-api",
             .callContains = "FROM order_items WHERE id =",
             .rootName = "GET /orders/:id",
             .explanation = "This is one of the order_items queries GET /orders/:id runs once per "
                            "item, one after another: its siblings repeat the same statement. One "
                            "query per order (WHERE order_id = $1) replaces them all."});
        truth.spans.push_back({.service = "shop-api",
                               .name = "GET /orders/:id",
                               .explanation
                               = "This request is slow, but it only waits for the spans under it: "
                                 "look at what it repeats.",
                               .required = false});
    }
    return truth;
}

ScenarioPlan NPlusOneScenario::plan(ScenarioVariant variant, const ScenarioTimeline &) const
{
    ShopBehaviour behaviour;
    behaviour.itemsOneByOne = variant == ScenarioVariant::Before;
    ScenarioPlan plan;
    ShopSystem(behaviour).addTraffic(plan);
    return plan;
}

} // namespace kansoku
