#include "scenarios/scenario_ground_truth.h"

#include "analysis/call_identity.h"
#include "core/trace_analysis_span.h"
#include "scenarios/scenario.h"

#include <algorithm>

namespace kansoku {

bool ExpectedFinding::matches(const Finding &finding, const ScenarioTimeline &timeline) const
{
    if (finding.kind != kind || finding.service != service)
        return false;
    if (!operation.empty() && finding.operation != operation)
        return false;
    if (!statementContains.empty()
        && finding.statement.find(statementContains) == std::string::npos)
        return false;
    if (!titleContains.empty() && finding.title.find(titleContains) == std::string::npos)
        return false;
    if (phase) {
        const std::int64_t from = timeline.at(phase->first);
        const std::int64_t to = timeline.at(phase->second);
        if (finding.range.endNs <= from || finding.range.startNs >= to)
            return false;
    }
    return true;
}

std::string ExpectedFinding::describe() const
{
    std::string text = std::string(findingKindId(kind)) + " in " + service;
    if (!operation.empty())
        text += " / " + operation;
    if (!statementContains.empty())
        text += " on \"" + statementContains + '"';
    if (!titleContains.empty())
        text += " (title mentions \"" + titleContains + "\")";
    return text;
}

std::string ExpectedMetric::describe() const
{
    return name + " of " + service
           + (shape == Shape::Increases ? " increasing by more than " : " reaching ")
           + std::to_string(threshold);
}

std::optional<AnsweredSpan> AnsweredSpan::fromTrace(const Trace &trace, const SpanId &spanId)
{
    const auto find = [&](const SpanId &id) {
        return std::find_if(trace.spans.begin(), trace.spans.end(),
                            [&](const TraceSpan &span) { return span.span.spanId == id; });
    };
    const auto found = find(spanId);
    if (spanId.isZero() || found == trace.spans.end())
        return std::nullopt;
    AnsweredSpan answered{toAnalysisSpan(trace, *found), {}, std::nullopt};
    if (!answered.span.isRoot()) {
        const auto parent = find(answered.span.parentSpanId);
        if (parent != trace.spans.end())
            answered.parentStartNs = parent->span.startTimeNs;
    }
    const auto root = std::find_if(trace.spans.begin(), trace.spans.end(),
                                   [](const TraceSpan &span) { return span.span.isRoot(); });
    if (root != trace.spans.end())
        answered.rootName = root->span.name;
    return answered;
}

bool ExpectedSpan::matches(const AnsweredSpan &answered, const ScenarioTimeline &timeline) const
{
    const AnalysisSpan &span = answered.span;
    if (span.service != service)
        return false;
    if ((!name.empty() && span.name != name)
        || (!serviceVersion.empty() && span.serviceVersion != serviceVersion)
        || (!rootName.empty() && answered.rootName != rootName))
        return false;
    if (!callContains.empty()) {
        const CallIdentity call = identifyCall(span);
        const std::string target = call.isCall() ? call.statement : peerTarget(span);
        if (target.find(callContains) == std::string::npos)
            return false;
    }
    if (phase
        && (span.startTimeNs < timeline.at(phase->first)
            || span.startTimeNs >= timeline.at(phase->second)))
        return false;
    if (span.durationNs() < minDurationNs)
        return false;
    if (minStartDelayNs > 0
        && (!answered.parentStartNs
            || span.startTimeNs - *answered.parentStartNs < minStartDelayNs))
        return false;
    return true;
}

std::string ScenarioVerdict::toString() const
{
    if (passed())
        return "as expected";
    std::string text;
    for (const std::string &item : missing)
        text += "missing: " + item + '\n';
    for (const std::string &item : unexpected)
        text += "unexpected: " + item + '\n';
    return text;
}

ScenarioVerdict ScenarioGroundTruth::check(const std::vector<Finding> &found,
                                           const ScenarioTimeline &timeline) const
{
    ScenarioVerdict verdict;
    for (const ExpectedFinding &expected : findings) {
        if (expected.required && std::none_of(found.begin(), found.end(), [&](const Finding &f) {
                return expected.matches(f, timeline);
            }))
            verdict.missing.push_back(expected.describe());
    }
    for (const Finding &finding : found) {
        if (finding.severity <= FindingSeverity::Info)
            continue;
        if (std::none_of(findings.begin(), findings.end(),
                         [&](const ExpectedFinding &e) { return e.matches(finding, timeline); }))
            verdict.unexpected.push_back(std::string(findingSeverityId(finding.severity)) + ' '
                                         + findingKindId(finding.kind) + ": " + finding.title);
    }
    return verdict;
}

void ScenarioGroundTruth::checkMetrics(const TelemetryQueries &queries, const TimeRange &range,
                                       ScenarioVerdict &verdict) const
{
    for (const ExpectedMetric &expected : metrics) {
        bool met = false;
        for (const MetricStream &stream :
             queries.metricStreams(MetricStreamQuery{expected.service, expected.name, range})) {
            if (stream.name != expected.name)
                continue;
            const std::optional<Metric> points
                = queries.metricPoints(MetricPointQuery{stream.streamId, range, 0});
            if (!points || points->numberPoints.empty())
                continue;
            const auto &values = points->numberPoints;
            if (expected.shape == ExpectedMetric::Shape::Increases) {
                met = values.back().asDouble() - values.front().asDouble() > expected.threshold;
            } else {
                met = std::any_of(values.begin(), values.end(), [&](const NumberDataPoint &p) {
                    return p.asDouble() >= expected.threshold;
                });
            }
            if (met)
                break;
        }
        if (!met)
            verdict.missing.push_back(expected.describe());
    }
}

} // namespace kansoku
