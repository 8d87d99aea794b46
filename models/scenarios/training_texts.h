// What a learner reads in the window's training, in English and Japanese: each scenario's
// briefing (the English one is its ScenarioInfo), two or three progressive hints, the
// explanation of every expected finding, metric and span, and the answer check's verdict lines. The
// texts sit next to each other per scenario so a translator sees both. Pure, any thread.
#pragma once

#include "scenarios/scenario.h"

#include <string>
#include <vector>

namespace kansoku {

enum class TrainingLanguage { English, Japanese };

struct TrainingBriefing
{
    std::string title;
    std::string system;
    std::string complaint;
    std::string task;
    std::string fix;
};

class TrainingTexts
{
public:
    // "en" / "ja" (the QSettings value), and back: anything else is English.
    static const char *languageId(TrainingLanguage language);
    static TrainingLanguage languageFromId(const std::string &id);
    // A locale name ("ja_JP", "de_DE"): Japanese for ja, else English.
    static TrainingLanguage languageForLocale(const std::string &localeName);

    static TrainingBriefing briefing(const Scenario &scenario, TrainingLanguage language);
    // From the gentlest to the most direct; the same number in every language.
    static std::vector<std::string> hints(const Scenario &scenario, TrainingLanguage language);
    // The explanation of groundTruth(variant).findings[index] / .metrics[index].
    static std::string findingExplanation(const Scenario &scenario, ScenarioVariant variant,
                                          std::size_t index, TrainingLanguage language);
    static std::string metricExplanation(const Scenario &scenario, ScenarioVariant variant,
                                         std::size_t index, TrainingLanguage language);
    // The explanation of groundTruth(Before).spans[index].
    static std::string spanExplanation(const Scenario &scenario, std::size_t index,
                                       TrainingLanguage language);

    enum class Line {
        Right,        // the heading of a right answer
        Symptom,      // "Close: this is a symptom"
        NotIt,        // the heading of a wrong answer
        NotItNudge,   // what to do next after a wrong answer (the task follows it)
        NothingWrong, // a scenario without a problem: nothing is the cause
        NoMoreHints,
        SystemHeading, // the briefing card's and the panel's headings
        ComplaintHeading,
        TaskHeading,
        FixHeading,
        HintHeading,  // "Hint 2 of 3" with %1 and %2
        SelectFirst,  // "I found it" with nothing selected
        FindingLabel, // "Finding: " before the title of the finding answered
        MetricLabel,
        SpanLabel,
        CheckedLastTouched, // after the answer, when more than one thing was selected
        GettingStarted,     // what the training bar says before the first message
    };
    static std::string line(Line line, TrainingLanguage language);
};

} // namespace kansoku
