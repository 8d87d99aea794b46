// The training texts: every scenario's briefing, hints and explanations exist in English and
// Japanese, and the Japanese is a translation (not the English again); the Japanese texts name the
// window's buttons, panes and menus by their Japanese names; the language switch.
#include "scenarios/scenario_catalog.h"
#include "scenarios/training_texts.h"

#include <QTest>

using namespace kansoku;

namespace {

bool hasJapanese(const std::string &text)
{
    // Hiragana, katakana or CJK ideographs start with these UTF-8 lead bytes (U+3000..U+9FFF).
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0xE3 && byte <= 0xE9)
            return true;
    }
    return false;
}

void verifyTranslated(const std::string &english, const std::string &japanese, const char *what)
{
    QVERIFY2(!english.empty(), what);
    QVERIFY2(!japanese.empty(), what);
    QVERIFY2(english != japanese, what);
    QVERIFY2(hasJapanese(japanese), what);
    QVERIFY2(!hasJapanese(english), what);
}

// The controls a training text may name: the English name and the Japanese one the window shows
// (resources/translations/kansoku_ja.ts, without the accelerator): the training bar's and the
// Training menu's actions (kansoku::TrainingMenu), the panes (kansoku::WorkbenchWindow) and the
// menus.
struct ControlName
{
    const char *english;
    const char *japanese;
};

const ControlName controlNames[] = {
    {"I found it", "見つけた…"},    {"Hint", "ヒント"},         {"Apply the fix", "修正を適用"},
    {"Before/after", "修正の前後"}, {"Stop", "シナリオを停止"}, {"Findings", "検出結果"},
    {"Traces", "トレース"},         {"Metrics", "メトリクス"},  {"Logs", "ログ"},
    {"Training", "トレーニング"},   {"Analyze", "分析"},        {"Time range", "時間範囲"},
};

// Every English control name in a Japanese text follows its Japanese name, as in
// "「ヒント (Hint)」" or "検出結果 (Findings) ペイン": a learner in the Japanese window finds no
// button "Hint" nor a pane "Findings".
void verifyJapaneseControlNames(const std::string &japanese, const char *what)
{
    for (const ControlName &name : controlNames) {
        const std::string english = name.english;
        const std::string expectedBefore = std::string(name.japanese) + " (";
        for (auto at = japanese.find(english); at != std::string::npos;
             at = japanese.find(english, at + english.size())) {
            const bool named = at >= expectedBefore.size()
                               && japanese.compare(at - expectedBefore.size(),
                                                   expectedBefore.size(), expectedBefore)
                                      == 0;
            QVERIFY2(named, qPrintable(QStringLiteral("%1 names \"%2\" without \"%3\": %4")
                                           .arg(QLatin1String(what), QLatin1String(name.english),
                                                QString::fromUtf8(name.japanese),
                                                QString::fromStdString(japanese))));
        }
    }
}

} // namespace

class TestTrainingTexts : public QObject
{
    Q_OBJECT

private slots:
    void everyScenario_data();
    void everyScenario();
    void verdictLines();
    void japaneseControlNames_data();
    void japaneseControlNames();
    void languages_data();
    void languages();
};

void TestTrainingTexts::everyScenario_data()
{
    QTest::addColumn<QString>("id");
    for (const auto &scenario : ScenarioCatalog::all())
        QTest::newRow(scenario->info().id.c_str()) << QString::fromStdString(scenario->info().id);
}

void TestTrainingTexts::everyScenario()
{
    QFETCH(QString, id);
    const auto scenario = ScenarioCatalog::find(id.toStdString());
    QVERIFY(scenario);
    const TrainingBriefing en = TrainingTexts::briefing(*scenario, TrainingLanguage::English);
    const TrainingBriefing ja = TrainingTexts::briefing(*scenario, TrainingLanguage::Japanese);
    QCOMPARE(en.title, scenario->info().title);
    QCOMPARE(en.task, scenario->info().task);
    verifyTranslated(en.title, ja.title, "title");
    verifyTranslated(en.system, ja.system, "system");
    verifyTranslated(en.complaint, ja.complaint, "complaint");
    verifyTranslated(en.task, ja.task, "task");
    verifyTranslated(en.fix, ja.fix, "fix");

    const auto hintsEn = TrainingTexts::hints(*scenario, TrainingLanguage::English);
    const auto hintsJa = TrainingTexts::hints(*scenario, TrainingLanguage::Japanese);
    QVERIFY(hintsEn.size() >= 2 && hintsEn.size() <= 3);
    QCOMPARE(hintsJa.size(), hintsEn.size());
    for (std::size_t i = 0; i < hintsEn.size(); ++i)
        verifyTranslated(hintsEn[i], hintsJa[i], "hint");

    for (const ScenarioVariant variant : {ScenarioVariant::Before, ScenarioVariant::After}) {
        const ScenarioGroundTruth truth = scenario->groundTruth(variant);
        for (std::size_t i = 0; i < truth.findings.size(); ++i) {
            const auto explanation = [&](TrainingLanguage language) {
                return TrainingTexts::findingExplanation(*scenario, variant, i, language);
            };
            QCOMPARE(explanation(TrainingLanguage::English), truth.findings[i].explanation);
            verifyTranslated(explanation(TrainingLanguage::English),
                             explanation(TrainingLanguage::Japanese), "finding explanation");
        }
        for (std::size_t i = 0; i < truth.metrics.size(); ++i) {
            const auto explanation = [&](TrainingLanguage language) {
                return TrainingTexts::metricExplanation(*scenario, variant, i, language);
            };
            verifyTranslated(explanation(TrainingLanguage::English),
                             explanation(TrainingLanguage::Japanese), "metric explanation");
        }
    }
    const ScenarioGroundTruth before = scenario->groundTruth(ScenarioVariant::Before);
    for (std::size_t i = 0; i < before.spans.size(); ++i) {
        const auto explanation = [&](TrainingLanguage language) {
            return TrainingTexts::spanExplanation(*scenario, i, language);
        };
        QCOMPARE(explanation(TrainingLanguage::English), before.spans[i].explanation);
        verifyTranslated(explanation(TrainingLanguage::English),
                         explanation(TrainingLanguage::Japanese), "span explanation");
    }
}

void TestTrainingTexts::verdictLines()
{
    for (const auto line :
         {TrainingTexts::Line::Right, TrainingTexts::Line::Symptom, TrainingTexts::Line::NotIt,
          TrainingTexts::Line::NotItNudge, TrainingTexts::Line::NothingWrong,
          TrainingTexts::Line::NoMoreHints, TrainingTexts::Line::SystemHeading,
          TrainingTexts::Line::ComplaintHeading, TrainingTexts::Line::TaskHeading,
          TrainingTexts::Line::FixHeading, TrainingTexts::Line::HintHeading,
          TrainingTexts::Line::SelectFirst, TrainingTexts::Line::FindingLabel,
          TrainingTexts::Line::MetricLabel, TrainingTexts::Line::SpanLabel,
          TrainingTexts::Line::CheckedLastTouched, TrainingTexts::Line::GettingStarted}) {
        verifyTranslated(TrainingTexts::line(line, TrainingLanguage::English),
                         TrainingTexts::line(line, TrainingLanguage::Japanese), "line");
        verifyJapaneseControlNames(TrainingTexts::line(line, TrainingLanguage::Japanese), "line");
    }
}

void TestTrainingTexts::japaneseControlNames_data()
{
    everyScenario_data();
}

void TestTrainingTexts::japaneseControlNames()
{
    QFETCH(QString, id);
    const auto scenario = ScenarioCatalog::find(id.toStdString());
    QVERIFY(scenario);
    constexpr TrainingLanguage ja = TrainingLanguage::Japanese;
    const TrainingBriefing briefing = TrainingTexts::briefing(*scenario, ja);
    for (const std::string &text :
         {briefing.title, briefing.system, briefing.complaint, briefing.task, briefing.fix})
        verifyJapaneseControlNames(text, "briefing");
    for (const std::string &hint : TrainingTexts::hints(*scenario, ja))
        verifyJapaneseControlNames(hint, "hint");
    for (const ScenarioVariant variant : {ScenarioVariant::Before, ScenarioVariant::After}) {
        const ScenarioGroundTruth truth = scenario->groundTruth(variant);
        for (std::size_t i = 0; i < truth.findings.size(); ++i)
            verifyJapaneseControlNames(TrainingTexts::findingExplanation(*scenario, variant, i, ja),
                                       "finding explanation");
        for (std::size_t i = 0; i < truth.metrics.size(); ++i)
            verifyJapaneseControlNames(TrainingTexts::metricExplanation(*scenario, variant, i, ja),
                                       "metric explanation");
    }
    const std::size_t spans = scenario->groundTruth(ScenarioVariant::Before).spans.size();
    for (std::size_t i = 0; i < spans; ++i)
        verifyJapaneseControlNames(TrainingTexts::spanExplanation(*scenario, i, ja),
                                   "span explanation");
}

void TestTrainingTexts::languages_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<bool>("japanese");
    QTest::newRow("ja_JP") << QStringLiteral("ja_JP") << true;
    QTest::newRow("ja") << QStringLiteral("ja") << true;
    QTest::newRow("en_GB") << QStringLiteral("en_GB") << false;
    QTest::newRow("de_DE") << QStringLiteral("de_DE") << false;
    QTest::newRow("C") << QStringLiteral("C") << false;
}

void TestTrainingTexts::languages()
{
    QFETCH(QString, locale);
    QFETCH(bool, japanese);
    const TrainingLanguage language = TrainingTexts::languageForLocale(locale.toStdString());
    QCOMPARE(language == TrainingLanguage::Japanese, japanese);
    QCOMPARE(TrainingTexts::languageFromId(TrainingTexts::languageId(language)), language);
    QCOMPARE(TrainingTexts::languageFromId("fr"), TrainingLanguage::English);
}

QTEST_GUILESS_MAIN(TestTrainingTexts)
#include "tst_training_texts.moc"
