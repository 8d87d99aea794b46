// Carries out File › Replay into…: checks the endpoint (ForwardTarget; this Kansoku's own
// receiver is refused), clamps the range to the session and counts what it holds on a worker
// (BackgroundQuery), then replays it with SessionReplay on a TrainingPlayback worker, the engine
// of `kansoku replay`, feeding the dialog items sent of the total, the time left and the outcome.
// The last endpoint and protocol are kept in QSettings. A session switch cancels a running
// replay; shutdown() stops and joins it before the store closes. Main thread.
#pragma once

#include "replay_dialog.h"
#include "scenarios/timed_telemetry_source.h"
#include "telemetry_player.h"
#include "view/background_query.h"

#include <QObject>
#include <QTimer>

namespace kansoku {

class KansokuRuntime;
class SessionController;
class TrainingPlayback;
class WorkbenchWindow;

class ReplayController : public QObject
{
    Q_OBJECT
public:
    ReplayController(KansokuRuntime *runtime, SessionController *sessions, WorkbenchState *state,
                     WorkbenchWindow *window, QObject *parent = nullptr);
    ~ReplayController() override;

    ReplayDialog *dialog() const { return m_dialog; }
    void showDialog();
    void start(const ReplayRequest &request);
    void cancel();
    bool isRunning() const { return m_preparing || m_playback; }
    void shutdown();

    static constexpr const char *endpointKey = "replay/endpoint";
    static constexpr const char *protocolKey = "replay/protocol";

Q_SIGNALS:
    // A replay ended (sent, cancelled or failed); the dialog says how.
    void finished(const kansoku::PlaybackSummary &summary);

private:
    void onFinished(TrainingPlayback *playback, const PlaybackSummary &summary);
    void showProgress();

    KansokuRuntime *m_runtime;
    WorkbenchWindow *m_window;
    ReplayDialog *m_dialog;
    BackgroundQuery m_prepare;
    bool m_preparing = false;
    TrainingPlayback *m_playback = nullptr; // a child; deleted once it has finished
    ScenarioTimeline m_timeline;            // the running replay's, on the wall clock
    std::int64_t m_totalItems = 0;
    std::int64_t m_sentItems = 0;
    QTimer m_clock; // the time left, while running
};

} // namespace kansoku
