// Checks what a learner points at as the cause of a scenario's incident (a finding, a metric
// series, a span of a trace) against the before variant's ground truth: right (a required
// expectation, with its explanation), close (a symptom of the same cause, explained), or not it
// (with a nudge back to the task). Pure, any thread.
#pragma once

#include "scenarios/training_texts.h"

#include <memory>

namespace kansoku {

enum class TrainingVerdict { Right, Symptom, NotIt };

struct TrainingAnswer
{
    TrainingVerdict verdict = TrainingVerdict::NotIt;
    std::string heading;     // "Right." / "Close: this is a symptom, not the cause." / "Not it."
    std::string explanation; // why, or what to do next
};

class TrainingAnswerChecker
{
public:
    // timeline: the before variant's, which phases of the expectations are fractions of.
    TrainingAnswerChecker(std::shared_ptr<const Scenario> scenario, ScenarioTimeline timeline);

    TrainingAnswer checkFinding(const Finding &finding, TrainingLanguage language) const;
    // A metric series by its name and the service.name of the resource reporting it (empty when
    // the resource has none, such as a host scraped by the Collector).
    TrainingAnswer checkMetric(const std::string &name, const std::string &service,
                               TrainingLanguage language) const;
    // A span of an open trace (AnsweredSpan::fromTrace).
    TrainingAnswer checkSpan(const AnsweredSpan &span, TrainingLanguage language) const;

private:
    TrainingAnswer notIt(TrainingLanguage language) const;

    std::shared_ptr<const Scenario> m_scenario;
    ScenarioGroundTruth m_truth;
    ScenarioTimeline m_timeline;
};

} // namespace kansoku
