// A training scenario: a small system with one classic incident, as the telemetry its services
// would send. Each has a "before" variant (the problem) and an "after" variant (the fix applied)
// and its ground truth: what the findings must show for each variant. A scenario describes its
// traffic (ScenarioPlan); ScenarioEngine turns that into telemetry over time. Pure; the
// instances are immutable and shared.
#pragma once

#include "scenarios/scenario_ground_truth.h"
#include "scenarios/scenario_telemetry.h"
#include "scenarios/scenario_trace_writer.h"
#include "scenarios/timed_telemetry_source.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kansoku {

enum class ScenarioVariant { Before, After };

// Phases of a scenario are fractions of its timeline (ScenarioTimeline), so a shorter run (or a
// faster --speed) compresses the story but never the physics: request rates, latencies and
// contention stay those of the real system.

// One stream of requests: a Poisson process with a rate that may change over the run, and what
// one request does.
struct TrafficSource
{
    std::string name;
    std::function<double(std::int64_t timeNs)> ratePerSecond;
    std::function<void(std::int64_t startNs, ScenarioTraceWriter &writer)> request;
};

// Metrics scraped or read at each export: host, runtime or Kubernetes metrics the scenario needs
// (the SDK's HTTP and database histograms come from the requests themselves).
using MetricSource = std::function<void(std::int64_t timeNs, ScenarioTelemetry &out)>;

struct ScenarioPlan
{
    std::vector<TrafficSource> traffic;
    std::vector<MetricSource> metrics;
    // Identities the sources refer to; the plan keeps them alive for the run.
    std::vector<std::shared_ptr<const ServiceIdentity>> services;
};

struct ScenarioInfo
{
    std::string id;        // the command-line name: "n-plus-one"
    std::string title;     // "N+1 queries behind the order page"
    std::string system;    // the system the learner looks at
    std::string complaint; // what its users report
    std::string task;      // what to find
    std::string fix;       // what the after variant changed
    int storySeconds = 0;  // the length of the story at --speed 1
};

class Scenario
{
public:
    virtual ~Scenario() = default;
    virtual const ScenarioInfo &info() const = 0;
    virtual ScenarioGroundTruth groundTruth(ScenarioVariant variant) const = 0;
    // The traffic for one run; state the requests share (a lock's queue, a pool) lives in the
    // sources' captures, so each run gets its own.
    virtual ScenarioPlan plan(ScenarioVariant variant, const ScenarioTimeline &timeline) const = 0;
};

} // namespace kansoku
