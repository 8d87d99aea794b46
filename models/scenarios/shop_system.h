// The web shop the training scenarios share: shop-api (Node.js, current semantic conventions) in
// front of PostgreSQL and Redis, calling inventory (Java, older conventions) on checkout. Its
// endpoints, their normal traffic and latencies; each scenario changes one behaviour
// (ShopBehaviour) or adds its own traffic. Requests are written through ScenarioTraceWriter. Pure.
#pragma once

#include "scenarios/scenario.h"

#include <memory>

namespace kansoku {

struct ShopBehaviour
{
    // GET /orders/:id loads its items with one query per item (an ORM's lazy loading).
    bool itemsOneByOne = false;
    // GET /reports/sales scans orders without an index on created_at.
    bool reportWithoutIndex = false;
    // GET /products: requests per second over the run (default: 3/s all along).
    std::function<double(std::int64_t)> productsRate;
    // GET /products waits for a database connection from an exhausted pool while this is true
    // for its start time, some requests timing out.
    std::function<bool(std::int64_t)> productsOverloaded;
    // GET /products is answered from a Redis cache.
    bool productsCached = false;
    double checkoutRate = 1.0;
    // How long a checkout's TCP connect to inventory takes (default: 1-3 ms).
    std::function<std::int64_t(ScenarioRandom &)> inventoryConnectNs;
    std::string apiVersion = "1.4.3";
};

class ShopSystem
{
public:
    explicit ShopSystem(ShopBehaviour behaviour);

    // The endpoints' traffic; the plan owns the identities.
    void addTraffic(ScenarioPlan &plan) const;
    std::shared_ptr<const ServiceIdentity> api() const { return m_api; }

    // A request to the orders, products, checkout and report endpoints starting at startNs.
    void order(std::int64_t startNs, ScenarioTraceWriter &writer) const;
    void products(std::int64_t startNs, ScenarioTraceWriter &writer) const;
    void checkout(std::int64_t startNs, ScenarioTraceWriter &writer) const;
    void report(std::int64_t startNs, ScenarioTraceWriter &writer) const;

    static std::shared_ptr<ServiceIdentity> apiIdentity(const std::string &version,
                                                        const std::string &instance);

private:
    ShopBehaviour m_behaviour;
    std::shared_ptr<const ServiceIdentity> m_api;
    std::shared_ptr<const ServiceIdentity> m_inventory;
};

} // namespace kansoku
