// Runs training scenarios in the window: the Training menu and its dialog (briefing cards in the
// chosen language), Start (a new session named after the scenario and the time, the before
// variant played live into Kansoku's own receiver by a TrainingPlayback, the first minute at
// once), "I found it" (the selected finding, span or metric checked by TrainingAnswerChecker; with
// several selected, the one in the pane the learner touched last), hints,
// "Apply the fix" (the after variant from then on, in the same session), the before/after
// comparison (SessionAnalyzer + RunComparison on a worker) and Stop. A session switch by the
// user or closing the window stops the player. GUI thread.
#pragma once

#include "scenarios/scenario.h"
#include "scenarios/training_answer_checker.h"
#include "view/background_query.h"

#include <QObject>
#include <QPointer>
#include <memory>
#include <optional>

namespace kansoku {

class KansokuRuntime;
class SessionController;
class TrainingComparisonDialog;
class TrainingDialog;
class TrainingMenu;
class TrainingPanel;
class TrainingPlayback;
class TraceInspector;
class WorkbenchWindow;
struct Finding;
struct PlaybackSummary;

class TrainingController : public QObject
{
    Q_OBJECT
public:
    // How much of a story is sent at once when it starts, and how long the live parts last
    // (default: the scenario's story, less the history; after the fix, the story again). Tests
    // shorten them.
    struct Pacing
    {
        double historySeconds = 60;
        std::optional<double> liveSeconds;
        std::optional<double> afterFixSeconds;
    };

    TrainingController(KansokuRuntime *runtime, SessionController *sessions,
                       WorkbenchWindow *window, QObject *parent = nullptr);
    ~TrainingController() override;

    void setSessionDirectory(const QString &directory) { m_sessionDirectory = directory; }
    void setPacing(const Pacing &pacing) { m_pacing = pacing; }
    // The language of briefings, hints and explanations: QSettings "training/language", else
    // the UI locale's.
    TrainingLanguage language() const { return m_language; }
    void setLanguage(TrainingLanguage language);

    void showDialog();
    // False (the window says why) when the session could not be created.
    bool start(const QString &scenarioId);
    // "I found it": the finding selected in the Findings pane, the span selected in the open
    // trace (the Traces pane's, or a trace window's the learner was in last) or the metric
    // selected in the Metrics pane. With several selected, the one whose pane had the keyboard
    // focus last counts (and the answer says so); before any of them had it, a choice.
    void answerSelected();
    // pickedByLastTouch: several things were selected and this one was taken as the one touched
    // last; the answer says so.
    void answerFinding(const Finding &finding, bool pickedByLastTouch = false);
    void answerMetric(const QString &name, const QString &service, bool pickedByLastTouch = false);
    void answerSpan(const AnsweredSpan &span, bool pickedByLastTouch = false);

    // Where the learner touched last of the places an answer comes from.
    enum class AnswerSource { None, Finding, Span, Metric };
    AnswerSource lastTouched() const { return m_lastTouched; }
    void showNextHint();
    void applyFix();
    // Before/after over what the session holds now; comparisonShown() when the dialog shows it.
    void compare();
    // Ends the training (the session stays open).
    void stop();
    // Stops and joins every player: before the receivers stop.
    void shutdown();
    // After the window restored a saved layout: the panel shows only while a scenario runs.
    void syncPanelVisibility();

    bool isRunning() const { return m_scenario != nullptr; }
    bool isPlaying() const;
    bool isFixApplied() const { return m_fixAppliedNs.has_value(); }
    QString scenarioId() const;
    TrainingMenu *menu() const { return m_menu; }
    TrainingPanel *panel() const { return m_panel; }
    TrainingDialog *dialog() const { return m_dialog; }
    TrainingComparisonDialog *comparisonDialog() const { return m_comparison; }

Q_SIGNALS:
    void playbackFinished(); // the current variant's player returned
    void comparisonShown();

private:
    void refreshCards();
    void startPlayback(ScenarioVariant variant, std::int64_t startNs, std::int64_t endNs);
    void onPlaybackFinished(TrainingPlayback *playback, const PlaybackSummary &summary);
    void onSessionChanged();
    void showAnswer(const QString &what, const TrainingAnswer &answer, bool pickedByLastTouch);
    void noteFocus(QWidget *focused);
    TraceInspector *answerInspector() const;
    void updateActions();

    KansokuRuntime *m_runtime;
    SessionController *m_sessions;
    WorkbenchWindow *m_window;
    TrainingMenu *m_menu = nullptr;
    TrainingPanel *m_panel = nullptr;
    TrainingDialog *m_dialog = nullptr;
    TrainingComparisonDialog *m_comparison = nullptr;
    QString m_sessionDirectory;
    Pacing m_pacing;
    TrainingLanguage m_language = TrainingLanguage::English;

    std::shared_ptr<const Scenario> m_scenario; // null: no training
    std::optional<TrainingAnswerChecker> m_checker;
    ScenarioTimeline m_beforeTimeline;
    std::optional<std::int64_t> m_fixAppliedNs;
    std::size_t m_hintsShown = 0;
    TrainingPlayback *m_playback = nullptr; // the variant playing now
    bool m_switchingSession = false;        // our own newSession(): not a reason to stop
    AnswerSource m_lastTouched = AnswerSource::None;
    QPointer<TraceInspector> m_lastInspector; // the trace the learner was in last
    BackgroundQuery m_comparisonQuery;
};

} // namespace kansoku
