#include "scenarios/scheduler_delay_scenario.h"

#include "scenarios/shop_system.h"

#include <algorithm>
#include <deque>
#include <optional>

namespace kansoku {

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr int Shards = 4;
const char *const workerPodNames[Shards]
    = {"sales-report-7x2kq", "sales-report-9m4bd", "sales-report-c5t8w", "sales-report-p3h6n"};

// When each worker pod was created, when the scheduler let it start and when its work ended:
// the pending-pods gauge and the pods' phases are read from it.
struct PodSchedule
{
    struct Pod
    {
        int shard;
        std::int64_t createdNs;
        std::int64_t startedNs;
        std::int64_t finishedNs;
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

    // k8s_cluster's k8s.pod.phase of the shard's newest pod: 1 Pending, 2 Running, 3 Succeeded;
    // nullopt before the shard's first pod exists.
    std::optional<int> phaseAt(int shard, std::int64_t timeNs) const
    {
        for (auto pod = pods.rbegin(); pod != pods.rend(); ++pod) {
            if (pod->shard != shard || pod->createdNs > timeNs)
                continue;
            return timeNs < pod->startedNs ? 1 : timeNs < pod->finishedNs ? 2 : 3;
        }
        return std::nullopt;
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

std::shared_ptr<ServiceIdentity> clusterObject(std::string namespaceName, std::string pod,
                                               std::string node, std::string deployment)
{
    auto identity = std::make_shared<ServiceIdentity>();
    identity->k8sNamespace = std::move(namespaceName);
    identity->k8sPodName = std::move(pod);
    identity->k8sNodeName = std::move(node);
    identity->k8sDeploymentName = std::move(deployment);
    return identity;
}

// What the Collector's k8s_cluster and kubeletstats receivers report for the cluster, so the
// Kubernetes dashboard has something to show: the worker pods' phases (Pending for seconds before
// the fix), their CPU and memory while they run, the nodes' usage and the runner's deployment.
// The nodes are far from busy: the pods wait on their CPU *requests*, not on used CPU.
void addClusterMetrics(ScenarioPlan &plan, const std::shared_ptr<PodSchedule> &schedule)
{
    std::vector<std::shared_ptr<const ServiceIdentity>> pods;
    for (int shard = 0; shard < Shards; ++shard)
        pods.push_back(clusterObject("reports", workerPodNames[shard], "node-3", {}));
    std::vector<std::shared_ptr<const ServiceIdentity>> nodes;
    for (const char *node : {"node-1", "node-2", "node-3"})
        nodes.push_back(clusterObject({}, {}, node, {}));
    auto deployment = clusterObject("reports", {}, {}, "report-runner");
    plan.services.insert(plan.services.end(), pods.begin(), pods.end());
    plan.services.insert(plan.services.end(), nodes.begin(), nodes.end());
    plan.services.push_back(deployment);
    plan.metrics.push_back([schedule, pods, nodes, deployment](std::int64_t timeNs,
                                                               ScenarioTelemetry &out) {
        static const std::string cluster
            = "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/"
              "k8sclusterreceiver";
        static const std::string kubelet = "github.com/open-telemetry/opentelemetry-collector-"
                                           "contrib/receiver/kubeletstatsreceiver";
        // A slow, repeatable wobble, so the lines look measured.
        const double wobble = double((timeNs / 1'000'000'000) % 7) / 20.0;
        int running = 0;
        for (int shard = 0; shard < Shards; ++shard) {
            const ServiceIdentity &pod = *pods[std::size_t(shard)];
            const std::optional<int> phase = schedule->phaseAt(shard, timeNs);
            if (!phase)
                continue;
            out.addMetric(pod, cluster,
                          gauge("k8s.pod.phase",
                                "Current phase of the pod (1 - Pending, 2 - Running, 3 - "
                                "Succeeded, 4 - Failed, 5 - Unknown)",
                                "", {}, timeNs, *phase));
            // The kubelet reports pods bound to its node: not the Pending ones.
            if (*phase == 1)
                continue;
            const bool isRunning = *phase == 2;
            running += isRunning ? 1 : 0;
            out.addMetric(pod, kubelet,
                          gauge("k8s.pod.cpu.usage",
                                "Total CPU usage (sum of all cores per second) averaged over the "
                                "sample window",
                                "{cpu}", {}, timeNs, isRunning ? 0.92 + wobble / 5 : 0.0));
            out.addMetric(pod, kubelet,
                          gauge("k8s.pod.memory.working_set", "Pod memory working_set", "By", {},
                                timeNs, isRunning ? 356.0 * 1024 * 1024 : 0.0));
        }
        const double baseCores[] = {2.3, 1.7, 1.1};
        const double memoryGiB[] = {9.4, 7.8, 5.2};
        for (std::size_t node = 0; node < nodes.size(); ++node) {
            const double cores = baseCores[node] + wobble + (node == 2 ? 0.92 * running : 0.0);
            out.addMetric(*nodes[node], kubelet,
                          gauge("k8s.node.cpu.usage",
                                "Total CPU usage (sum of all cores per second) averaged over the "
                                "sample window",
                                "{cpu}", {}, timeNs, cores));
            out.addMetric(*nodes[node], kubelet,
                          gauge("k8s.node.memory.working_set", "Node memory working_set", "By", {},
                                timeNs, memoryGiB[node] * 1024 * 1024 * 1024));
        }
        out.addMetric(*deployment, cluster,
                      gauge("k8s.deployment.desired", "Number of desired pods in this deployment",
                            "{pod}", {}, timeNs, 1));
        out.addMetric(*deployment, cluster,
                      gauge("k8s.deployment.available",
                            "Total number of available pods (ready for at least minReadySeconds) "
                            "targeted by this deployment",
                            "{pod}", {}, timeNs, 1));
    });
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
        // A scheduled pod starts ~0.2 s after its job; a Pending one seconds later.
        truth.spans.push_back(
            {.service = "report-worker",
             .name = "process report-shard",
             .minStartDelayNs = 1'000'000'000,
             .explanation = "This shard started seconds after its job created it, with nothing "
                            "running in between: its pod was Pending because no node had the CPU "
                            "its requests ask for (kubectl describe pod: \"0/3 nodes are "
                            "available: Insufficient cpu\")."});
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
    for (int shard = 0; shard < Shards; ++shard)
        workers.push_back(service("report-worker", "2.0.1", workerPodNames[shard]));
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
                 const std::int64_t queryNs = random.latencyNs(45 * Ms, 0.3);
                 const std::int64_t renderNs = random.latencyNs(1'400 * Ms, 0.25);
                 const std::int64_t workNs = queryNs + renderNs + 8 * Ms;
                 schedule->pods.push_back({shard, createdNs, workStart, workStart + workNs});
                 const auto work = writer.internal(
                     *workers[std::size_t(shard)], job, "process report-shard", workStart, workNs,
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
    addClusterMetrics(plan, schedule);
    return plan;
}

} // namespace kansoku
