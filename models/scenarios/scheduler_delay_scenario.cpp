#include "scenarios/scheduler_delay_scenario.h"

#include "scenarios/shop_system.h"

#include <algorithm>
#include <deque>

namespace kansoku {

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr int Shards = 4;

// When each worker pod was created and when the scheduler let it start: the pending-pods gauge
// is read from it.
struct PodSchedule
{
    struct Pod
    {
        std::int64_t createdNs;
        std::int64_t startedNs;
    };
    std::deque<Pod> pods;

    int pendingAt(std::int64_t timeNs)
    {
        // Pods that started long ago no longer matter to any later reading.
        while (!pods.empty() && pods.front().startedNs < timeNs - 60'000 * Ms)
            pods.pop_front();
        return int(std::count_if(pods.begin(), pods.end(), [timeNs](const Pod &pod) {
            return pod.createdNs <= timeNs && timeNs < pod.startedNs;
        }));
    }
};

std::shared_ptr<ServiceIdentity> service(std::string name, std::string version, std::string pod)
{
    auto identity = std::make_shared<ServiceIdentity>();
    identity->name = std::move(name);
    identity->version = std::move(version);
    identity->instanceId = pod;
    identity->hostName = pod;
    identity->k8sNamespace = "reports";
    identity->k8sPodName = std::move(pod);
    identity->k8sNodeName = "node-3";
    return identity;
}

Metric gauge(const char *name, const char *description, const char *unit, Attributes attributes,
             std::int64_t timeNs, double value)
{
    Metric metric;
    metric.name = name;
    metric.description = description;
    metric.unit = unit;
    metric.type = MetricType::Gauge;
    NumberDataPoint point;
    point.attributes = std::move(attributes);
    point.timeNs = timeNs;
    point.value = value;
    metric.numberPoints.push_back(point);
    return metric;
}

} // namespace

const ScenarioInfo &SchedulerDelayScenario::info() const
{
    static const ScenarioInfo info{
        "scheduler-delay",
        "Report jobs that wait before they run",
        "A Kubernetes cluster: report-runner starts the sales-report job every few seconds; the "
        "job's four worker pods (report-worker) each render one shard. kube-scheduler's metrics "
        "are scraped.",
        "Reports arrive seconds late although each shard's work takes about two seconds.",
        "Find where a job's time goes before any work starts, and the metric that shows why.",
        "The workers' CPU requests are right-sized and the node pool has room: pods are "
        "scheduled at once.",
        300};
    return info;
}

ScenarioGroundTruth SchedulerDelayScenario::groundTruth(ScenarioVariant variant) const
{
    ScenarioGroundTruth truth;
    if (variant == ScenarioVariant::Before) {
        truth.findings.push_back(
            {FindingKind::StartDelay,
             "report-worker",
             {},
             "report-shard",
             {},
             std::nullopt,
             "Each shard starts seconds after its job created it, with nothing running in "
             "between: the pods are Pending because no node has the CPU their requests ask for "
             "(kubectl describe pod: \"0/3 nodes are available: Insufficient cpu\")."});
        truth.metrics.push_back({"scheduler_pending_pods", "kube-scheduler",
                                 ExpectedMetric::Shape::ReachesAtLeast, 2,
                                 "kube-scheduler's own gauge of pods it could not place yet."});
    }
    return truth;
}

ScenarioPlan SchedulerDelayScenario::plan(ScenarioVariant variant, const ScenarioTimeline &) const
{
    const bool before = variant == ScenarioVariant::Before;
    ScenarioPlan plan;
    auto runner = service("report-runner", "2.0.1", "report-runner-6d5f7b8c9-h4j2k");
    auto scheduler = std::make_shared<ServiceIdentity>();
    scheduler->name = "kube-scheduler";
    scheduler->instanceId = "kube-scheduler-control-plane:10259";
    scheduler->sdkLanguage = "go";
    scheduler->hostName = "control-plane";
    std::vector<std::shared_ptr<const ServiceIdentity>> workers;
    for (int shard = 0; shard < Shards; ++shard) {
        static const char *const suffixes[Shards] = {"7x2kq", "9m4bd", "c5t8w", "p3h6n"};
        workers.push_back(
            service("report-worker", "2.0.1", std::string("sales-report-") + suffixes[shard]));
    }
    plan.services.push_back(runner);
    plan.services.push_back(scheduler);
    plan.services.insert(plan.services.end(), workers.begin(), workers.end());
    auto schedule = std::make_shared<PodSchedule>();

    plan.traffic.push_back(
        {"job sales-report", [](std::int64_t) { return 1.0 / 8.0; },
         [runner, workers, schedule, before](std::int64_t startNs, ScenarioTraceWriter &writer) {
             ScenarioRandom &random = writer.random();
             const auto job = writer.internal(
                 *runner, ScenarioTraceWriter::NoParent, "job sales-report", startNs, 0,
                 {KeyValue{"k8s.job.name", AnyValue::fromString("sales-report")}});
             const std::int64_t createNs = random.latencyNs(18 * Ms, 0.3);
             writer.httpClient(*runner, job, "POST",
                               "https://kubernetes.default.svc/apis/batch/v1/namespaces/reports/"
                               "jobs",
                               "kubernetes.default.svc", 443, startNs + Ms, createNs, 201);
             const std::int64_t createdNs = startNs + Ms + createNs;
             std::int64_t lastEnd = createdNs;
             for (int shard = 0; shard < Shards; ++shard) {
                 // Pending until the scheduler finds room, then the image is already on the node.
                 const std::int64_t waitNs = before ? random.latencyNs(4'500 * Ms, 0.35)
                                                    : random.latencyNs(180 * Ms, 0.3);
                 const std::int64_t workStart = createdNs + waitNs;
                 schedule->pods.push_back({createdNs, workStart});
                 const std::int64_t queryNs = random.latencyNs(45 * Ms, 0.3);
                 const std::int64_t renderNs = random.latencyNs(1'400 * Ms, 0.25);
                 const auto work
                     = writer.internal(*workers[std::size_t(shard)], job, "process report-shard",
                                       workStart, queryNs + renderNs + 8 * Ms,
                                       {KeyValue{"report.shard", AnyValue::fromInt(shard)}});
                 writer.database(*workers[std::size_t(shard)], work,
                                 DatabaseCall::postgres("SELECT product_id, sum(quantity), "
                                                        "sum(price) FROM order_items WHERE "
                                                        "shard = $1 GROUP BY product_id",
                                                        "SELECT", "order_items"),
                                 workStart + 2 * Ms, queryNs);
                 writer.internal(*workers[std::size_t(shard)], work, "render report",
                                 workStart + 4 * Ms + queryNs, renderNs);
                 lastEnd = std::max(lastEnd, writer.span(work).endTimeNs);
             }
             writer.span(job).endTimeNs = lastEnd + random.latencyNs(6 * Ms, 0.3);
             writer.log(job, 9, "sales report published");
         }});

    plan.metrics.push_back([scheduler, schedule](std::int64_t timeNs, ScenarioTelemetry &out) {
        const int pending = schedule->pendingAt(timeNs);
        out.addMetric(*scheduler, "prometheus",
                      gauge("scheduler_pending_pods", "Number of pending pods, by the queue type.",
                            "", {KeyValue{"queue", AnyValue::fromString("unschedulable")}}, timeNs,
                            pending));
    });
    return plan;
}

} // namespace kansoku
