#include "replay_controller.h"

#include "core/plural_count.h"
#include "file_menu.h"
#include "forward_target.h"
#include "kansoku_runtime.h"
#include "playback_console.h"
#include "scenarios/session_replay.h"
#include "session_controller.h"
#include "telemetry_store.h"
#include "training_playback.h"
#include "workbench_window.h"

#include <QLocale>
#include <QSettings>
#include <utility>

namespace kansoku {

namespace {

// What the worker found before a replay: the range clamped to the session, and what it holds.
struct ReplayPlan
{
    std::optional<TimeRange> recorded; // nullopt: nothing to replay
    bool sessionEmpty = false;
    TelemetryTotals totals;
};

std::int64_t itemCount(const PlaybackSummary &summary)
{
    return summary.spans + summary.logs + summary.dataPoints;
}

} // namespace

ReplayController::ReplayController(KansokuRuntime *runtime, SessionController *sessions,
                                   WorkbenchState *state, WorkbenchWindow *window, QObject *parent)
    : QObject(parent)
    , m_runtime(runtime)
    , m_window(window)
    , m_dialog(new ReplayDialog(state, window))
{
    connect(window->fileMenu(), &FileMenu::replayRequested, this, &ReplayController::showDialog);
    connect(m_dialog, &ReplayDialog::startRequested, this, &ReplayController::start);
    connect(m_dialog, &ReplayDialog::cancelRequested, this, &ReplayController::cancel);
    // The replay reads the session that was open when it started.
    connect(sessions, &SessionController::sessionChanged, this, &ReplayController::cancel);
    m_clock.setInterval(500);
    connect(&m_clock, &QTimer::timeout, this, &ReplayController::showProgress);
}

ReplayController::~ReplayController()
{
    shutdown();
}

void ReplayController::showDialog()
{
    const QSettings settings;
    // Not this Kansoku's own receiver (the session would come back into itself): another
    // instance's or a Collector's usual OTLP/HTTP endpoint.
    m_dialog->openWith(
        settings.value(QLatin1String(endpointKey), QStringLiteral("http://127.0.0.1:4318"))
            .toString(),
        settings.value(QLatin1String(protocolKey)).toString());
}

void ReplayController::start(const ReplayRequest &request)
{
    if (isRunning())
        return;
    ForwardTarget::Problem problem;
    std::optional<OtlpExportTarget> target
        = ForwardTarget::parse(request.endpoint, request.protocol, {}, &problem);
    if (!target) {
        m_dialog->showProblem(problem.field == ForwardTarget::Field::Url
                                  ? tr("Endpoint: %1").arg(problem.message)
                                  : tr("Protocol: %1").arg(problem.message));
        return;
    }
    if (!m_runtime->ownReceiverProblem(*target).isEmpty()) {
        m_dialog->showProblem(tr("%1 is this Kansoku's own receiver: the session would be sent "
                                 "into itself. Replay into another Kansoku or a Collector.")
                                  .arg(target->endpoint.toString(QUrl::RemoveUserInfo)));
        return;
    }
    const std::shared_ptr<const TelemetryQueries> queries = m_runtime->store()->queries();
    if (!queries) {
        m_dialog->showProblem(tr("The session is not open"));
        return;
    }
    QSettings settings;
    settings.setValue(QLatin1String(endpointKey), request.endpoint);
    settings.setValue(QLatin1String(protocolKey), OtlpExportTarget::protocolName(target->protocol));

    m_preparing = true;
    m_prepare.run(
        this,
        [queries, range = request.range] {
            ReplayPlan plan;
            const std::optional<TimeRange> bounds = queries->timeBounds();
            plan.sessionEmpty = !bounds;
            plan.recorded = SessionReplay::recordedRange(bounds, range);
            if (plan.recorded)
                plan.totals = SessionReplay::itemsIn(*queries, *plan.recorded);
            return plan;
        },
        [this, queries, target = *target, speed = request.speed](const ReplayPlan &plan) {
            m_preparing = false;
            if (!plan.recorded) {
                m_dialog->showProblem(plan.sessionEmpty
                                          ? tr("The session holds no telemetry to replay")
                                          : tr("The selected time range holds no telemetry"));
                return;
            }
            const std::int64_t nowNs = PlaybackConsole::wallClockNs();
            auto replay = std::make_unique<SessionReplay>(queries, *plan.recorded, nowNs, speed);
            m_timeline = replay->timeline();
            m_totalItems = plan.totals.spans + plan.totals.logRecords + plan.totals.dataPoints;
            m_sentItems = 0;
            auto *playback = new TrainingPlayback(std::move(replay), target, this);
            connect(playback, &TrainingPlayback::progressed, this,
                    [this](const PlaybackSummary &soFar) {
                        m_sentItems = itemCount(soFar);
                        showProgress();
                    });
            connect(playback, &TrainingPlayback::finished, this,
                    [this, playback](const PlaybackSummary &summary) {
                        onFinished(playback, summary);
                    });
            m_playback = playback;
            m_dialog->showStarted(m_totalItems, m_timeline.endNs - nowNs);
            m_clock.start();
            playback->start();
        });
}

void ReplayController::showProgress()
{
    if (m_playback)
        m_dialog->showProgress(m_sentItems, m_timeline.endNs - PlaybackConsole::wallClockNs());
}

void ReplayController::cancel()
{
    if (m_preparing) {
        m_prepare.cancel();
        m_preparing = false;
        m_dialog->showFinished(tr("Cancelled before sending anything"));
    }
    if (m_playback)
        m_playback->stop(); // finished() follows once the batch in flight is sent
}

void ReplayController::onFinished(TrainingPlayback *playback, const PlaybackSummary &summary)
{
    playback->deleteLater();
    if (playback != m_playback)
        return;
    m_playback = nullptr;
    m_clock.stop();
    m_dialog->showProgress(itemCount(summary), m_timeline.endNs - PlaybackConsole::wallClockNs());
    const std::int64_t sent = itemCount(summary);
    if (!summary.ok) {
        m_dialog->showProblem(tr("Replay failed after %Ln item(s): %1", nullptr, pluralCount(sent))
                                  .arg(summary.error));
        m_window->showStatusMessage(tr("Replay failed: %1").arg(summary.error));
    } else {
        QString outcome
            = summary.stopped
                  ? tr("Cancelled after %1 of %Ln item(s)", nullptr, pluralCount(m_totalItems))
                        .arg(QLocale().toString(qlonglong(sent)))
                  : tr("Done: %1 (%2, %3, %4) in %5")
                        .arg(tr("%Ln item(s)", nullptr, pluralCount(sent)),
                             tr("%Ln span(s)", nullptr, pluralCount(summary.spans)),
                             tr("%Ln log(s)", nullptr, pluralCount(summary.logs)),
                             tr("%Ln data point(s)", nullptr, pluralCount(summary.dataPoints)),
                             tr("%Ln request(s)", nullptr, pluralCount(summary.exportRequests)));
        if (summary.rejectedItems > 0)
            outcome += tr("; the receiver rejected %Ln item(s)", nullptr,
                          pluralCount(summary.rejectedItems));
        m_dialog->showFinished(outcome);
        m_window->showStatusMessage(tr("Replay: %1").arg(outcome));
    }
    Q_EMIT finished(summary);
}

void ReplayController::shutdown()
{
    m_prepare.cancel();
    m_preparing = false;
    m_clock.stop();
    // Its destructor stops and joins the worker, which reads the store: before the store closes.
    delete std::exchange(m_playback, nullptr);
}

} // namespace kansoku
