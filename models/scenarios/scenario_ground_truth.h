// What a scenario's findings must show: the findings its incident produces (kind, where, what),
// the metrics that explain it, and nothing else above "info". Checks a findings run against that
// (the scenario tests, and the learner's answer check). Pure.
#pragma once

#include "analysis/finding.h"
#include "core/telemetry_queries.h"

#include <optional>
#include <string>
#include <vector>

namespace kansoku {

struct ScenarioTimeline;

struct ExpectedFinding
{
    FindingKind kind = FindingKind::NPlusOne;
    std::string service;           // exact
    std::string operation;         // exact; empty: any
    std::string statementContains; // empty: any
    std::string titleContains;     // empty: any
    // The part of the run (fractions of its timeline) the finding's range must overlap.
    std::optional<std::pair<double, double>> phase;
    std::string explanation; // why this is the cause, for the learner
    // false: a symptom of the same cause that may show too (the slow call that contains a
    // stalled connect); it is explained, not required.
    bool required = true;

    bool matches(const Finding &finding, const ScenarioTimeline &timeline) const;
    std::string describe() const;
};

// A metric that shows the cause: a monotonic counter that increases over the run, or a gauge or
// sum that reaches a level.
struct ExpectedMetric
{
    enum class Shape { Increases, ReachesAtLeast };
    std::string name;
    std::string service; // the resource that reports it
    Shape shape = Shape::Increases;
    double threshold = 0; // the increase (more than) or the level (at least)
    std::string explanation;

    std::string describe() const;
};

struct ScenarioVerdict
{
    std::vector<std::string> missing;    // expectations no finding or metric met
    std::vector<std::string> unexpected; // findings above info that no expectation explains
    bool passed() const { return missing.empty() && unexpected.empty(); }
    std::string toString() const;
};

struct ScenarioGroundTruth
{
    std::vector<ExpectedFinding> findings;
    std::vector<ExpectedMetric> metrics;

    // Findings only: every expected finding is there, every finding above info is expected.
    ScenarioVerdict check(const std::vector<Finding> &found,
                          const ScenarioTimeline &timeline) const;
    // Adds the metric expectations, read from the store (blocks: a worker or a command thread).
    void checkMetrics(const TelemetryQueries &queries, const TimeRange &range,
                      ScenarioVerdict &verdict) const;
};

} // namespace kansoku
