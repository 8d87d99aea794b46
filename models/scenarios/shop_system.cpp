#include "scenarios/shop_system.h"

namespace kansoku {

namespace {

constexpr std::int64_t Ms = 1'000'000;

DatabaseCall redis(std::string statement, std::string operation)
{
    DatabaseCall call;
    call.system = "redis";
    call.statement = std::move(statement);
    call.operation = std::move(operation);
    call.database = "0";
    call.serverAddress = "redis";
    call.serverPort = 6379;
    return call;
}

} // namespace

std::shared_ptr<ServiceIdentity> ShopSystem::apiIdentity(const std::string &version,
                                                         const std::string &instance)
{
    auto api = std::make_shared<ServiceIdentity>();
    api->name = "shop-api";
    api->version = version;
    api->instanceId = "shop-api-" + instance;
    api->hostName = "shop-api-" + instance;
    api->k8sNamespace = "shop";
    api->k8sPodName = "shop-api-" + instance;
    api->k8sNodeName = "node-2";
    api->k8sDeploymentName = "shop-api";
    return api;
}

ShopSystem::ShopSystem(ShopBehaviour behaviour)
    : m_behaviour(std::move(behaviour))
    , m_api(apiIdentity(m_behaviour.apiVersion, "7d9f8c6b5-x2k4p"))
{
    auto inventory = std::make_shared<ServiceIdentity>();
    inventory->name = "inventory";
    inventory->version = "3.2.0";
    inventory->instanceId = "inventory-5c8d7f9b4-q7w2m";
    inventory->sdkLanguage = "java";
    inventory->hostName = "inventory-5c8d7f9b4-q7w2m";
    inventory->k8sNamespace = "shop";
    inventory->k8sPodName = "inventory-5c8d7f9b4-q7w2m";
    inventory->k8sNodeName = "node-1";
    inventory->k8sDeploymentName = "inventory";
    m_inventory = inventory;
    if (!m_behaviour.productsRate)
        m_behaviour.productsRate = [](std::int64_t) {
            return 3.0;
        };
    if (!m_behaviour.productsOverloaded)
        m_behaviour.productsOverloaded = [](std::int64_t) {
            return false;
        };
    if (!m_behaviour.inventoryConnectNs)
        m_behaviour.inventoryConnectNs = [](ScenarioRandom &random) {
            return random.latencyNs(Ms * 3 / 2, 0.3);
        };
}

void ShopSystem::addTraffic(ScenarioPlan &plan) const
{
    plan.services.push_back(m_api);
    plan.services.push_back(m_inventory);
    // The sources call back into a copy of this system, so the plan outlives the caller's.
    auto self = std::make_shared<const ShopSystem>(*this);
    plan.traffic.push_back({"GET /orders/:id", [](std::int64_t) { return 4.0; },
                            [self](std::int64_t t, ScenarioTraceWriter &w) {
                                self->order(t, w);
                            }});
    plan.traffic.push_back({"GET /products", self->m_behaviour.productsRate,
                            [self](std::int64_t t, ScenarioTraceWriter &w) {
                                self->products(t, w);
                            }});
    plan.traffic.push_back({"POST /checkout",
                            [rate = m_behaviour.checkoutRate](std::int64_t) { return rate; },
                            [self](std::int64_t t, ScenarioTraceWriter &w) {
                                self->checkout(t, w);
                            }});
    plan.traffic.push_back({"GET /reports/sales", [](std::int64_t) { return 0.25; },
                            [self](std::int64_t t, ScenarioTraceWriter &w) {
                                self->report(t, w);
                            }});
}

void ShopSystem::order(std::int64_t startNs, ScenarioTraceWriter &writer) const
{
    ScenarioRandom &random = writer.random();
    const std::int64_t orderId = random.uniformInt(10'000, 99'999);
    // The server span's duration is known once its children are placed; start with a guess.
    const auto server = writer.httpServer(*m_api, "GET", "/orders/:id",
                                          "/orders/" + std::to_string(orderId), startNs, 0, 200);
    std::int64_t cursor = startNs + random.latencyNs(Ms / 3);
    const auto cacheTime = random.latencyNs(Ms / 2, 0.2);
    writer.database(*m_api, server, redis("GET order:?", "GET"), cursor, cacheTime);
    cursor += cacheTime + random.latencyNs(Ms / 10);
    const auto orderTime = random.latencyNs(2 * Ms, 0.3);
    writer.database(
        *m_api, server,
        DatabaseCall::postgres("SELECT id, customer_id, status, total FROM orders WHERE id = $1",
                               "SELECT", "orders"),
        cursor, orderTime);
    cursor += orderTime + random.latencyNs(Ms / 5);
    const std::int64_t items = random.uniformInt(3, 24);
    if (m_behaviour.itemsOneByOne) {
        for (std::int64_t i = 0; i < items; ++i) {
            const auto itemTime = random.latencyNs(Ms * 6 / 5, 0.3);
            writer.database(
                *m_api, server,
                DatabaseCall::postgres(
                    "SELECT id, product_id, quantity, price FROM order_items WHERE id = $1",
                    "SELECT", "order_items"),
                cursor, itemTime);
            cursor += itemTime + random.latencyNs(Ms / 6, 0.3);
        }
    } else {
        const auto itemsTime = random.latencyNs(3 * Ms, 0.3);
        writer.database(
            *m_api, server,
            DatabaseCall::postgres("SELECT id, product_id, quantity, price FROM order_items WHERE "
                                   "order_id = $1",
                                   "SELECT", "order_items"),
            cursor, itemsTime);
        cursor += itemsTime;
    }
    cursor += random.latencyNs(Ms / 2);
    writer.span(server).endTimeNs = cursor;
    writer.log(server, 9,
               "order " + std::to_string(orderId) + " loaded with " + std::to_string(items)
                   + " items");
}

void ShopSystem::products(std::int64_t startNs, ScenarioTraceWriter &writer) const
{
    ScenarioRandom &random = writer.random();
    const auto server = writer.httpServer(*m_api, "GET", "/products", "/products", startNs, 0, 200);
    std::int64_t cursor = startNs + random.latencyNs(Ms / 3);
    if (m_behaviour.productsCached && random.chance(0.97)) {
        const auto cacheTime = random.latencyNs(Ms / 2, 0.2);
        writer.database(*m_api, server, redis("GET products:category:?", "GET"), cursor, cacheTime);
        writer.span(server).endTimeNs = cursor + cacheTime + random.latencyNs(Ms / 2);
        return;
    }
    if (m_behaviour.productsOverloaded(startNs)) {
        // pg-pool: every connection is busy; the request waits for one, up to the pool's
        // connectionTimeoutMillis of 2 s.
        const bool timesOut = random.chance(0.12);
        const std::int64_t waitNs = timesOut ? 2'000 * Ms : random.latencyNs(350 * Ms, 0.6);
        const auto connect
            = writer.internal(*m_api, server, "pg-pool.connect", cursor, waitNs,
                              {KeyValue{"db.system.name", AnyValue::fromString("postgresql")}});
        cursor += waitNs;
        if (timesOut) {
            writer.recordException(connect, "Error", "timeout exceeded when trying to connect");
            Span &response = writer.span(server);
            response.endTimeNs = cursor + random.latencyNs(Ms);
            for (KeyValue &attribute : response.attributes) {
                if (attribute.key == "http.response.status_code")
                    attribute.value = AnyValue::fromInt(503);
            }
            response.status.code = StatusCode::Error;
            return;
        }
    }
    const auto queryTime = random.latencyNs(4 * Ms, 0.35);
    writer.database(
        *m_api, server,
        DatabaseCall::postgres("SELECT id, name, price, stock FROM products WHERE category_id = $1 "
                               "ORDER BY name LIMIT 50",
                               "SELECT", "products"),
        cursor, queryTime);
    cursor += queryTime + random.latencyNs(Ms);
    writer.span(server).endTimeNs = cursor;
}

void ShopSystem::checkout(std::int64_t startNs, ScenarioTraceWriter &writer) const
{
    ScenarioRandom &random = writer.random();
    const auto server
        = writer.httpServer(*m_api, "POST", "/checkout", "/checkout", startNs, 0, 200);
    std::int64_t cursor = startNs + random.latencyNs(Ms / 2);

    // shop-api -> inventory: a new connection per call (no keep-alive agent), then the request.
    const std::int64_t connectNs = m_behaviour.inventoryConnectNs(random);
    const std::int64_t reserveNs = random.latencyNs(9 * Ms, 0.3);
    const std::int64_t callNs = connectNs + reserveNs + random.latencyNs(Ms / 2);
    const auto client = writer.httpClient(*m_api, server, "POST", "http://inventory:8080/reserve",
                                          "inventory", 8080, cursor, callNs, 200);
    writer.tcpConnect(*m_api, client, "inventory", 8080, cursor + random.latencyNs(Ms / 10),
                      connectNs);
    const std::int64_t serverStart = cursor + connectNs + random.latencyNs(Ms / 5);
    const auto reserve = writer.httpServer(*m_inventory, "POST", "/reserve", "/reserve",
                                           serverStart, reserveNs, 200, client);
    DatabaseCall update;
    update.statement = "UPDATE stock SET reserved = reserved + ? WHERE product_id = ?";
    update.operation = "UPDATE";
    update.collection = "stock";
    update.database = "inventory";
    update.legacyConventions = true;
    writer.database(*m_inventory, reserve, update, serverStart + Ms, reserveNs - 2 * Ms);
    cursor += callNs + random.latencyNs(Ms / 3);

    const auto insertTime = random.latencyNs(3 * Ms, 0.3);
    writer.database(*m_api, server,
                    DatabaseCall::postgres(
                        "INSERT INTO orders (customer_id, status, total) VALUES ($1, $2, $3)",
                        "INSERT", "orders"),
                    cursor, insertTime);
    cursor += insertTime + random.latencyNs(Ms);
    writer.span(server).endTimeNs = cursor;
    writer.log(server, 9, "checkout completed");
}

void ShopSystem::report(std::int64_t startNs, ScenarioTraceWriter &writer) const
{
    ScenarioRandom &random = writer.random();
    const auto server
        = writer.httpServer(*m_api, "GET", "/reports/sales", "/reports/sales", startNs, 0, 200);
    std::int64_t cursor = startNs + random.latencyNs(Ms / 2);
    // Without an index on created_at, PostgreSQL reads the whole orders table.
    const auto queryTime = m_behaviour.reportWithoutIndex ? random.latencyNs(950 * Ms, 0.25)
                                                          : random.latencyNs(7 * Ms, 0.3);
    writer.database(*m_api, server,
                    DatabaseCall::postgres(
                        "SELECT date_trunc('day', created_at) AS day, sum(total) FROM orders "
                        "WHERE created_at >= $1 GROUP BY 1 ORDER BY 1",
                        "SELECT", "orders"),
                    cursor, queryTime);
    cursor += queryTime + random.latencyNs(2 * Ms);
    writer.span(server).endTimeNs = cursor;
}

} // namespace kansoku
