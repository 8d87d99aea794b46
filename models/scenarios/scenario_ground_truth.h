// What a scenario's findings must show: the findings its incident produces (kind, where, what),
// the metrics that explain it, and nothing else above "info"; and the spans of its traces that
// are the cause, for a learner who points at a span. Checks a findings run against that (the
// scenario tests, and the learner's answer check). Pure.
#pragma once

#include "analysis/finding.h"
#include "core/analysis_span.h"
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

// A span a learner points at in an open trace, with what places it: the trace's root span (the
// endpoint or job it ran under) and its parent's start.
struct AnsweredSpan
{
    AnalysisSpan span;
    std::string rootName; // the name of the trace's root span; empty when the trace has none
    std::optional<std::int64_t> parentStartNs; // empty for a root or a parent not in the trace

    // The span with this id in the trace (a scan of its spans); nullopt when it is not there.
    static std::optional<AnsweredSpan> fromTrace(const Trace &trace, const SpanId &spanId);
};

// A span that shows the cause (or, not required, a symptom of it): the same incident as the
// findings, seen in one trace.
struct ExpectedSpan
{
    std::string service;        // exact
    std::string name;           // exact; empty: any
    std::string serviceVersion; // exact; empty: any
    // Part of the span's call: its normalized statement or "METHOD host/path"
    // (identifyCall), or for a span that is no call the peer it connects to (peerTarget,
    // "inventory:8080"). Empty: any.
    std::string callContains;
    std::string rootName; // the trace's root span name, exact; empty: any
    // The part of the run (fractions of its timeline) the span must start in.
    std::optional<std::pair<double, double>> phase;
    std::int64_t minDurationNs = 0;
    std::int64_t minStartDelayNs = 0; // after its parent's start
    std::string explanation;          // why this span is (or only shows) the cause
    bool required = true;             // false: a symptom, explained as such

    bool matches(const AnsweredSpan &answered, const ScenarioTimeline &timeline) const;
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
    // For the learner's answer check only: a findings run never produces spans.
    std::vector<ExpectedSpan> spans;

    // Findings only: every expected finding is there, every finding above info is expected.
    ScenarioVerdict check(const std::vector<Finding> &found,
                          const ScenarioTimeline &timeline) const;
    // Adds the metric expectations, read from the store (blocks: a worker or a command thread).
    void checkMetrics(const TelemetryQueries &queries, const TimeRange &range,
                      ScenarioVerdict &verdict) const;
};

} // namespace kansoku
