#include "scenarios/training_answer_checker.h"

#include <optional>

namespace kansoku {

TrainingAnswerChecker::TrainingAnswerChecker(std::shared_ptr<const Scenario> scenario,
                                             ScenarioTimeline timeline)
    : m_scenario(std::move(scenario))
    , m_truth(m_scenario->groundTruth(ScenarioVariant::Before))
    , m_timeline(timeline)
{}

namespace {

// The expectation an answer meets, a required one (the cause) before a symptom of it: its index
// and whether it is required.
template<typename Expectation, typename Meets>
std::optional<std::pair<std::size_t, bool>>
metExpectation(const std::vector<Expectation> &expectations, const Meets &meets)
{
    for (const bool required : {true, false}) {
        for (std::size_t i = 0; i < expectations.size(); ++i) {
            if (expectations[i].required == required && meets(expectations[i]))
                return std::pair{i, required};
        }
    }
    return std::nullopt;
}

TrainingAnswer rightOrSymptom(bool required, std::string explanation, TrainingLanguage language)
{
    return {required ? TrainingVerdict::Right : TrainingVerdict::Symptom,
            TrainingTexts::line(
                required ? TrainingTexts::Line::Right : TrainingTexts::Line::Symptom, language),
            std::move(explanation)};
}

} // namespace

TrainingAnswer TrainingAnswerChecker::checkFinding(const Finding &finding,
                                                   TrainingLanguage language) const
{
    const auto met = metExpectation(m_truth.findings, [&](const ExpectedFinding &expected) {
        return expected.matches(finding, m_timeline);
    });
    if (!met)
        return notIt(language);
    return rightOrSymptom(met->second,
                          TrainingTexts::findingExplanation(*m_scenario, ScenarioVariant::Before,
                                                            met->first, language),
                          language);
}

TrainingAnswer TrainingAnswerChecker::checkMetric(const std::string &name,
                                                  const std::string &service,
                                                  TrainingLanguage language) const
{
    for (std::size_t i = 0; i < m_truth.metrics.size(); ++i) {
        const ExpectedMetric &expected = m_truth.metrics[i];
        if (expected.name == name && (expected.service.empty() || expected.service == service))
            return rightOrSymptom(
                true,
                TrainingTexts::metricExplanation(*m_scenario, ScenarioVariant::Before, i, language),
                language);
    }
    return notIt(language);
}

TrainingAnswer TrainingAnswerChecker::checkSpan(const AnsweredSpan &span,
                                                TrainingLanguage language) const
{
    const auto met = metExpectation(m_truth.spans, [&](const ExpectedSpan &expected) {
        return expected.matches(span, m_timeline);
    });
    if (!met)
        return notIt(language);
    return rightOrSymptom(
        met->second, TrainingTexts::spanExplanation(*m_scenario, met->first, language), language);
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
