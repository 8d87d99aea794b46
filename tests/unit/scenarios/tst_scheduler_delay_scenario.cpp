// The scheduler-delay scenario's cluster metrics (what the Collector's k8s_cluster and kubeletstats
// receivers send): the worker pods are Pending for much of the time before the fix and hardly at
// all after it, the kubelet reports no Pending pod, and the session they make offers the
// Kubernetes dashboard with the charts a trainer points at.
#include "analysis/dashboard_catalog.h"
#include "scenarios/scenario_catalog.h"
#include "scenarios/scenario_engine.h"

#include <QTest>
#include <map>
#include <set>

using namespace kansoku;

namespace {

constexpr std::int64_t Second = 1'000'000'000;
constexpr std::int64_t Start = 1'800'000'000 * Second;

TelemetryBatch runScenario(ScenarioVariant variant)
{
    const auto scenario = ScenarioCatalog::find("scheduler-delay");
    const ScenarioTimeline timeline{Start, Start + 300 * Second};
    ScenarioEngine engine(*scenario, variant, timeline, 7);
    TelemetryBatch batch = engine.advance(timeline.endNs);
    TelemetryBatch rest = engine.finish();
    for (ResourceMetrics &resource : rest.resourceMetrics)
        batch.resourceMetrics.push_back(std::move(resource));
    return batch;
}

std::string resourceValue(const Resource &resource, std::string_view key)
{
    const AnyValue *value = findAttribute(resource.attributes, key);
    return value ? value->toDisplayString() : std::string();
}

// (pod name, time) → value of each point of the named metric.
std::map<std::pair<std::string, std::int64_t>, double> podReadings(const TelemetryBatch &batch,
                                                                   const std::string &name)
{
    std::map<std::pair<std::string, std::int64_t>, double> readings;
    for (const ResourceMetrics &resource : batch.resourceMetrics)
        for (const ScopeMetrics &scope : resource.scopeMetrics)
            for (const Metric &metric : scope.metrics)
                if (metric.name == name)
                    for (const NumberDataPoint &point : metric.numberPoints)
                        readings[{resourceValue(resource.resource, "k8s.pod.name"), point.timeNs}]
                            = point.asDouble();
    return readings;
}

double pendingShare(const TelemetryBatch &batch)
{
    const auto phases = podReadings(batch, "k8s.pod.phase");
    if (phases.empty())
        return -1;
    const auto pending = std::count_if(phases.begin(), phases.end(),
                                       [](const auto &reading) { return reading.second == 1; });
    return double(pending) / double(phases.size());
}

std::vector<MetricStream> streamsOf(const TelemetryBatch &batch)
{
    std::vector<MetricStream> streams;
    for (const ResourceMetrics &resource : batch.resourceMetrics)
        for (const ScopeMetrics &scope : resource.scopeMetrics)
            for (const Metric &metric : scope.metrics) {
                MetricStream stream;
                stream.streamId = std::int64_t(streams.size()) + 1;
                stream.name = metric.name;
                stream.unit = metric.unit;
                stream.type = metric.type;
                stream.resource = resource.resource;
                stream.scope = scope.scope;
                stream.pointCount = std::int64_t(metric.numberPoints.size());
                streams.push_back(std::move(stream));
            }
    return streams;
}

} // namespace

class TestSchedulerDelayScenario : public QObject
{
    Q_OBJECT

private slots:
    void podsArePendingBeforeTheFixOnly();
    void theKubeletReportsNoPendingPod();
    void offersTheKubernetesDashboard();
};

void TestSchedulerDelayScenario::podsArePendingBeforeTheFixOnly()
{
    const TelemetryBatch before = runScenario(ScenarioVariant::Before);
    const TelemetryBatch after = runScenario(ScenarioVariant::After);
    const auto phases = podReadings(before, "k8s.pod.phase");
    std::set<std::string> pods;
    std::set<double> values;
    for (const auto &[key, value] : phases) {
        pods.insert(key.first);
        values.insert(value);
    }
    QCOMPARE(pods, (std::set<std::string>{"sales-report-7x2kq", "sales-report-9m4bd",
                                          "sales-report-c5t8w", "sales-report-p3h6n"}));
    // Pending waits ~4.5 s of each 8-s job cycle before the fix, ~0.2 s after it.
    QVERIFY2(pendingShare(before) > 0.3, qPrintable(QString::number(pendingShare(before))));
    QVERIFY2(pendingShare(after) >= 0 && pendingShare(after) < 0.1,
             qPrintable(QString::number(pendingShare(after))));
    QVERIFY(values.count(1) && values.count(3));
}

void TestSchedulerDelayScenario::theKubeletReportsNoPendingPod()
{
    const TelemetryBatch before = runScenario(ScenarioVariant::Before);
    const auto phases = podReadings(before, "k8s.pod.phase");
    const auto cpu = podReadings(before, "k8s.pod.cpu.usage");
    QVERIFY(!cpu.empty());
    for (const auto &[key, phase] : phases)
        QCOMPARE(cpu.count(key), phase == 1 ? 0u : 1u);
    for (const auto &[key, cores] : cpu)
        QCOMPARE(cores > 0, phases.at(key) == 2);
}

void TestSchedulerDelayScenario::offersTheKubernetesDashboard()
{
    const auto offered = DashboardCatalog::offered(streamsOf(runScenario(ScenarioVariant::Before)));
    const auto kubernetes = std::find_if(offered.begin(), offered.end(), [](const auto &dashboard) {
        return dashboard.dashboard->id == QLatin1String("kubernetes");
    });
    QVERIFY(kubernetes != offered.end());
    QSet<QString> charts;
    for (const std::size_t chart : kubernetes->charts)
        charts.insert(kubernetes->dashboard->charts[chart].title);
    for (const char *title :
         {"Node CPU", "Node memory (working set)", "Pod CPU", "Pod memory (working set)",
          "Pods by phase", "Deployments: available of desired"})
        QVERIFY2(charts.contains(QLatin1String(title)), title);
}

QTEST_GUILESS_MAIN(TestSchedulerDelayScenario)
#include "tst_scheduler_delay_scenario.moc"
