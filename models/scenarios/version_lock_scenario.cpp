#include "scenarios/version_lock_scenario.h"

#include "scenarios/shop_system.h"

#include <algorithm>

namespace kansoku {

namespace {

constexpr std::int64_t Ms = 1'000'000;

// The merchant's account row every payment credits: whoever holds its lock makes the others wait.
struct MerchantRowLock
{
    std::int64_t freeAtNs = 0;
};

// POST /orders/:id/pay. lockAcrossCharge: v1.4.2's code, which locks the merchant's row, calls
// the payment provider and only then updates and commits; otherwise the fixed code, which charges
// first and appends a ledger entry (no row lock held across the call).
void pay(const ServiceIdentity &api, bool lockAcrossCharge, MerchantRowLock &lock,
         std::int64_t startNs, ScenarioTraceWriter &writer)
{
    ScenarioRandom &random = writer.random();
    const std::int64_t orderId = random.uniformInt(10'000, 99'999);
    const auto server
        = writer.httpServer(api, "POST", "/orders/:id/pay",
                            "/orders/" + std::to_string(orderId) + "/pay", startNs, 0, 200);
    std::int64_t cursor = startNs + random.latencyNs(Ms / 2);
    const std::int64_t chargeNs = random.latencyNs(12 * Ms, 0.2);
    const auto charge = [&](std::int64_t at) {
        writer.httpClient(api, server, "POST", "https://api.payments.example/v1/charges",
                          "api.payments.example", 443, at, chargeNs, 200);
        return at + chargeNs + random.latencyNs(Ms / 2);
    };
    if (lockAcrossCharge) {
        const std::int64_t acquiredNs = std::max(cursor, lock.freeAtNs);
        const std::int64_t selectEnd = acquiredNs + random.latencyNs(Ms, 0.3);
        writer.database(
            api, server,
            DatabaseCall::postgres("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE",
                                   "SELECT", "accounts"),
            cursor, selectEnd - cursor);
        cursor = charge(selectEnd + random.latencyNs(Ms / 5));
        const auto updateNs = random.latencyNs(3 * Ms / 2, 0.3);
        writer.database(
            api, server,
            DatabaseCall::postgres("UPDATE accounts SET balance = balance + $1 WHERE id = $2",
                                   "UPDATE", "accounts"),
            cursor, updateNs);
        cursor += updateNs + random.latencyNs(Ms / 5);
        const auto commitNs = random.latencyNs(Ms, 0.3);
        writer.database(api, server, DatabaseCall::postgres("COMMIT", "COMMIT", {}), cursor,
                        commitNs);
        cursor += commitNs;
        lock.freeAtNs = cursor; // the row lock ends with the transaction
    } else {
        cursor = charge(cursor);
        const auto insertNs = random.latencyNs(2 * Ms, 0.3);
        writer.database(
            api, server,
            DatabaseCall::postgres("INSERT INTO account_entries (account_id, order_id, amount) "
                                   "VALUES ($1, $2, $3)",
                                   "INSERT", "account_entries"),
            cursor, insertNs);
        cursor += insertNs;
    }
    cursor += random.latencyNs(Ms);
    writer.span(server).endTimeNs = cursor;
    writer.log(server, 9, "order " + std::to_string(orderId) + " paid");
}

} // namespace

const ScenarioInfo &VersionLockScenario::info() const
{
    static const ScenarioInfo info{
        "version-lock",
        "A lock only one version takes",
        "A web shop: shop-api (Node.js) with PostgreSQL. Two versions of shop-api serve "
        "payments side by side during a canary: v1.4.2 and v1.4.3.",
        "Paying is slow for some customers and not for others; the database's CPU is idle.",
        "Find which version is slow, on which statement its payments wait, and why.",
        "v1.4.4 replaces v1.4.2: it charges first and appends a ledger entry, holding no row lock "
        "across the call to the payment provider.",
        300};
    return info;
}

ScenarioGroundTruth VersionLockScenario::groundTruth(ScenarioVariant variant) const
{
    ScenarioGroundTruth truth;
    if (variant == ScenarioVariant::Before) {
        truth.findings.push_back(
            {FindingKind::LockWait,
             "shop-api",
             {},
             "FOR UPDATE",
             {},
             std::nullopt,
             "v1.4.2 locks the merchant's account row (SELECT ... FOR UPDATE) and keeps it locked "
             "while it calls the payment provider (~12 ms): every other v1.4.2 payment queues "
             "behind it. The database is idle; the requests are waiting."});
        truth.findings.push_back(
            {FindingKind::VersionRegression,
             "shop-api",
             "POST /orders/:id/pay",
             {},
             "1.4.2",
             std::nullopt,
             "The same endpoint is slower on v1.4.2 than on v1.4.3 with the same traffic: the "
             "difference is the lock v1.4.2 holds."});
        truth.findings.push_back({FindingKind::SlowQuery,
                                  "shop-api",
                                  "POST /orders/:id/pay",
                                  "FOR UPDATE",
                                  {},
                                  std::nullopt,
                                  "The locking SELECT is slow only because it waits for the lock.",
                                  false});
        truth.spans.push_back(
            {.service = "shop-api",
             .serviceVersion = "1.4.2",
             .callContains = "FOR UPDATE",
             .explanation = "This SELECT ... FOR UPDATE of v1.4.2 waits for the merchant's account "
                            "row: another v1.4.2 payment holds its lock while it calls the payment "
                            "provider (~12 ms). The database is idle; the payments queue for the "
                            "lock."});
        truth.spans.push_back(
            {.service = "shop-api",
             .name = "POST /orders/:id/pay",
             .serviceVersion = "1.4.2",
             .explanation = "This v1.4.2 payment is slow, but it spends its time waiting in one "
                            "database span: look at the statement it starts with.",
             .required = false});
    }
    return truth;
}

ScenarioPlan VersionLockScenario::plan(ScenarioVariant variant, const ScenarioTimeline &) const
{
    ScenarioPlan plan;
    ShopSystem(ShopBehaviour{}).addTraffic(plan);
    const bool before = variant == ScenarioVariant::Before;
    std::shared_ptr<const ServiceIdentity> fixed
        = ShopSystem::apiIdentity("1.4.3", "6b7c5d4f9-m3n8r");
    std::shared_ptr<const ServiceIdentity> other
        = ShopSystem::apiIdentity(before ? "1.4.2" : "1.4.4", "58f6d9c7b-t5v1z");
    plan.services.push_back(fixed);
    plan.services.push_back(other);
    auto lock = std::make_shared<MerchantRowLock>();
    // A busy afternoon: 40 payments a second on each version.
    const auto rate = [](std::int64_t) {
        return 40.0;
    };
    plan.traffic.push_back({"POST /orders/:id/pay " + other->version, rate,
                            [other, lock, before](std::int64_t t, ScenarioTraceWriter &w) {
                                pay(*other, before, *lock, t, w);
                            }});
    plan.traffic.push_back(
        {"POST /orders/:id/pay 1.4.3", rate, [fixed, lock](std::int64_t t, ScenarioTraceWriter &w) {
             pay(*fixed, false, *lock, t, w);
         }});
    return plan;
}

} // namespace kansoku
