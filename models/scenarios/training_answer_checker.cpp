#include "scenarios/training_answer_checker.h"

namespace kansoku {

TrainingAnswerChecker::TrainingAnswerChecker(std::shared_ptr<const Scenario> scenario,
                                             ScenarioTimeline timeline)
    : m_scenario(std::move(scenario))
    , m_truth(m_scenario->groundTruth(ScenarioVariant::Before))
    , m_timeline(timeline)
{}

TrainingAnswer TrainingAnswerChecker::checkFinding(const Finding &finding,
                                                   TrainingLanguage language) const
{
    // A required expectation wins over a symptom that matches the same finding.
    for (const bool required : {true, false}) {
        for (std::size_t i = 0; i < m_truth.findings.size(); ++i) {
            const ExpectedFinding &expected = m_truth.findings[i];
            if (expected.required != required || !expected.matches(finding, m_timeline))
                continue;
            return {required ? TrainingVerdict::Right : TrainingVerdict::Symptom,
                    TrainingTexts::line(required ? TrainingTexts::Line::Right
                                                 : TrainingTexts::Line::Symptom,
                                        language),
                    TrainingTexts::findingExplanation(*m_scenario, ScenarioVariant::Before, i,
                                                      language)};
        }
    }
    return notIt(language);
}

TrainingAnswer TrainingAnswerChecker::checkMetric(const std::string &name,
                                                  const std::string &service,
                                                  TrainingLanguage language) const
{
    for (std::size_t i = 0; i < m_truth.metrics.size(); ++i) {
        const ExpectedMetric &expected = m_truth.metrics[i];
        if (expected.name == name && (expected.service.empty() || expected.service == service))
            return {TrainingVerdict::Right,
                    TrainingTexts::line(TrainingTexts::Line::Right, language),
                    TrainingTexts::metricExplanation(*m_scenario, ScenarioVariant::Before, i,
                                                     language)};
    }
    return notIt(language);
}

TrainingAnswer TrainingAnswerChecker::notIt(TrainingLanguage language) const
{
    const TrainingTexts::Line nudge = m_truth.findings.empty() && m_truth.metrics.empty()
                                          ? TrainingTexts::Line::NothingWrong
                                          : TrainingTexts::Line::NotItNudge;
    std::string explanation = TrainingTexts::line(nudge, language);
    if (nudge == TrainingTexts::Line::NotItNudge)
        explanation += ' ' + TrainingTexts::briefing(*m_scenario, language).task;
    return {TrainingVerdict::NotIt, TrainingTexts::line(TrainingTexts::Line::NotIt, language),
            explanation};
}

} // namespace kansoku
