// Runs a scenario's plan over its timeline: draws each traffic source's Poisson arrivals from its
// own seeded stream (so a seed reproduces the run), writes each request when it starts, and hands
// it out once its last span has ended — as an SDK exports a span when it ends. Every metric
// interval it exports the SDK histograms and the scenario's metric sources. Pure and
// deterministic; the caller decides when "now" is (live pacing or history at once). One thread.
#pragma once

#include "scenarios/scenario.h"
#include "scenarios/scenario_sdk_metrics.h"

#include <map>

namespace kansoku {

class ScenarioEngine final : public TimedTelemetrySource
{
public:
    static constexpr std::int64_t DefaultMetricIntervalNs = 10'000'000'000;

    ScenarioEngine(const Scenario &scenario, ScenarioVariant variant, ScenarioTimeline timeline,
                   std::uint64_t seed, std::int64_t metricIntervalNs = DefaultMetricIntervalNs);

    // Everything complete by untilNs: requests that started in the timeline and ended by then,
    // and the metric exports due by then. Calls must not go back in time.
    TelemetryBatch advance(std::int64_t untilNs) override;
    // The rest: every request that started before the timeline's end, however late it ends, and a
    // last metric export (as an SDK flushes on shutdown).
    TelemetryBatch finish() override;
    // "Apply the fix" in a training: the requests in flight end as this variant's.
    std::int64_t endAt(std::int64_t endNs) override;

    ScenarioTimeline timeline() const override { return m_timeline; }
    std::int64_t traceCount() const override { return m_requests; }

private:
    struct Stream
    {
        TrafficSource source;
        ScenarioRandom random;
        std::int64_t nextArrivalNs;
    };

    void generateArrivals(std::int64_t untilNs);
    std::int64_t nextArrival(Stream &stream, std::int64_t afterNs);
    void emitEndedBy(std::int64_t timeNs, ScenarioTelemetry &out);
    void exportMetrics(std::int64_t timeNs, ScenarioTelemetry &out);

    ScenarioTimeline m_timeline;
    ScenarioPlan m_plan;
    std::vector<Stream> m_streams;
    std::multimap<std::int64_t, GeneratedTrace> m_pending; // by end time
    ScenarioSdkMetrics m_sdkMetrics;
    std::int64_t m_metricIntervalNs;
    std::int64_t m_nextExportNs;
    std::int64_t m_advancedUntilNs; // arrivals up to here are drawn
    std::int64_t m_requests = 0;
    bool m_finished = false;
};

} // namespace kansoku
