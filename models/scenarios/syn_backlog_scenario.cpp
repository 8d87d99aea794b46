#include "scenarios/syn_backlog_scenario.h"

#include "scenarios/shop_system.h"

namespace kansoku {

namespace {

constexpr std::int64_t Ms = 1'000'000;

// What the kernel of inventory's node counts (nstat's TcpExt counters, as node_exporter exports
// them) and how many connections wait in SYN_RECV.
struct ListenQueue
{
    std::int64_t overflows = 31; // since boot
    std::int64_t drops = 31;
};

Metric counter(const char *name, const char *description, std::int64_t startNs, std::int64_t timeNs,
               std::int64_t value)
{
    Metric metric;
    metric.name = name;
    metric.description = description;
    metric.type = MetricType::Sum;
    metric.temporality = AggregationTemporality::Cumulative;
    metric.isMonotonic = true;
    NumberDataPoint point;
    point.startTimeNs = startNs;
    point.timeNs = timeNs;
    point.value = double(value);
    metric.numberPoints.push_back(point);
    return metric;
}

} // namespace

const ScenarioInfo &SynBacklogScenario::info() const
{
    static const ScenarioInfo info{
        "syn-backlog",
        "Checkout stalls for exactly one or three seconds",
        "A web shop: shop-api (Node.js) calls inventory (Java, on node-1) on every checkout, "
        "opening a new connection each time. The Collector scrapes node-1's host metrics.",
        "Some checkouts take one second longer than the others, a few three seconds; inventory's "
        "own spans look fast.",
        "Find where the time goes, why it comes in steps of one and three seconds, and the host "
        "metric that proves it.",
        "inventory's listen backlog (and net.core.somaxconn, net.ipv4.tcp_max_syn_backlog) is "
        "raised and it accepts connections on more threads; shop-api keeps connections alive.",
        300};
    return info;
}

ScenarioGroundTruth SynBacklogScenario::groundTruth(ScenarioVariant variant) const
{
    ScenarioGroundTruth truth;
    if (variant == ScenarioVariant::Before) {
        truth.findings.push_back(
            {FindingKind::ConnectStall,
             "shop-api",
             {},
             "inventory",
             {},
             std::nullopt,
             "shop-api's TCP connects to inventory take just over 1 s or 3 s: the SYN was "
             "dropped because inventory's listen queue was full, and Linux resent it after its "
             "1 s initial retransmission timeout (then 2 s more). inventory's spans start only "
             "after the connection is accepted, so they look fast."});
        truth.findings.push_back(
            {FindingKind::SlowQuery,
             "shop-api",
             "POST /checkout",
             "inventory:8080",
             {},
             std::nullopt,
             "The call to inventory is slow because its connect is: the same stall seen from "
             "the HTTP client's span.",
             false});
        // A SYN resent once arrives after just over 1 s; an ordinary connect takes ~1.5 ms.
        constexpr std::int64_t StalledConnectNs = 900'000'000;
        truth.spans.push_back(
            {.service = "shop-api",
             .name = "tcp.connect",
             .callContains = "inventory:8080",
             .minDurationNs = StalledConnectNs,
             .explanation = "This connect to inventory took just over 1 s (or 3 s): the SYN was "
                            "dropped because inventory's listen queue was full, and Linux resent "
                            "it after its 1 s initial retransmission timeout. inventory's own "
                            "span starts only once the connection is accepted, so it looks "
                            "fast."});
        truth.spans.push_back({.service = "shop-api",
                               .callContains = "inventory:8080",
                               .minDurationNs = StalledConnectNs,
                               .explanation
                               = "The call to inventory is slow because its connect is: open the "
                                 "tcp.connect span under it.",
                               .required = false});
        truth.metrics.push_back(
            {"node_netstat_TcpExt_ListenOverflows",
             {},
             ExpectedMetric::Shape::Increases,
             10,
             "node-1's kernel counts every connection its full accept queue could not take."});
    }
    return truth;
}

ScenarioPlan SynBacklogScenario::plan(ScenarioVariant variant,
                                      const ScenarioTimeline &timeline) const
{
    const bool before = variant == ScenarioVariant::Before;
    auto queue = std::make_shared<ListenQueue>();
    ShopBehaviour behaviour;
    behaviour.checkoutRate = 5.0;
    behaviour.inventoryConnectNs = [queue, before](ScenarioRandom &random) {
        const std::int64_t normal = random.latencyNs(Ms * 3 / 2, 0.3);
        const double draw = random.uniform(0.0, 1.0);
        if (!before || draw >= 0.15)
            return normal;
        // Dropped SYNs: retransmitted after 1 s, and after 2 s more when dropped again.
        const bool twice = draw < 0.03;
        queue->overflows += twice ? 2 : 1;
        queue->drops += twice ? 2 : 1;
        return (twice ? 3'000 : 1'000) * Ms + normal;
    };
    ScenarioPlan plan;
    ShopSystem(behaviour).addTraffic(plan);

    auto node = std::make_shared<ServiceIdentity>();
    node->hostName = "node-1";
    node->k8sNodeName = "node-1";
    plan.services.push_back(node);
    const std::int64_t startNs = timeline.startNs;
    plan.metrics.push_back(
        [node, queue, before, startNs](std::int64_t timeNs, ScenarioTelemetry &out) {
            const std::string scope = "prometheus";
            out.addMetric(*node, scope,
                          counter("node_netstat_TcpExt_ListenOverflows",
                                  "Statistic TcpExtListenOverflows.", startNs, timeNs,
                                  queue->overflows));
            out.addMetric(*node, scope,
                          counter("node_netstat_TcpExt_ListenDrops", "Statistic TcpExtListenDrops.",
                                  startNs, timeNs, queue->drops));
            // hostmetrics' connection states: a full queue keeps the SYN_RECV slots taken.
            Metric connections;
            connections.name = "system.network.connections";
            connections.description = "The number of connections.";
            connections.unit = "{connections}";
            connections.type = MetricType::Sum;
            connections.temporality = AggregationTemporality::Cumulative;
            for (const auto &[state, value] :
                 {std::pair<const char *, std::int64_t>{"ESTABLISHED", before ? 212 : 64},
                  {"SYN_RECV", before ? 128 : 1},
                  {"LISTEN", 6}}) {
                NumberDataPoint point;
                point.attributes = {KeyValue{"protocol", AnyValue::fromString("tcp")},
                                    KeyValue{"state", AnyValue::fromString(state)}};
                point.startTimeNs = startNs;
                point.timeNs = timeNs;
                point.value = value;
                connections.numberPoints.push_back(point);
            }
            out.addMetric(*node,
                          "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/"
                          "hostmetricsreceiver/internal/scraper/networkscraper",
                          std::move(connections));
        });
    return plan;
}

} // namespace kansoku
