#include "gui_mode.h"

#include "before_after_controller.h"
#include "core/telemetry_queries.h"
#include "dashboards_pane.h"
#include "file_import_controller.h"
#include "findings_pane.h"
#include "kansoku_runtime.h"
#include "logs_pane.h"
#include "metrics_pane.h"
#include "receive_controller.h"
#include "replay_controller.h"
#include "runtime_stats_log.h"
#include "service_map_pane.h"
#include "session_controller.h"
#include "telemetry_store.h"
#include "traces_pane.h"
#include "training_controller.h"
#include "unix_signal_notifier.h"
#include "view/retention_summary.h"
#include "view/workbench_state.h"
#include "workbench_window.h"

#include <QApplication>
#include <QDockWidget>
#include <QFileInfo>
#include <QSettings>
#include <memory>

namespace kansoku {

namespace {

// What the window needs to know about the whole session after new data arrived.
struct SessionFacts
{
    std::optional<TimeRange> bounds;
    std::vector<std::string> services;
};

// `kansoku FILE...` naming a session file: it is the session from the start (instead of --db),
// so the default session is not opened just to be switched away from.
CommandLineOptions withSessionFromFiles(CommandLineOptions options)
{
    for (qsizetype i = options.openFiles.size() - 1; i >= 0; --i) {
        if (TelemetryStore::isSessionFile(options.openFiles.at(i))) {
            options.databasePath = options.openFiles.takeAt(i);
            break;
        }
    }
    return options;
}

} // namespace

GuiMode::GuiMode(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_runtime(new KansokuRuntime(withSessionFromFiles(options), this))
    , m_state(new WorkbenchState(this))
    , m_window(new WorkbenchWindow(m_state))
    , m_openFiles(withSessionFromFiles(options).openFiles)
    , m_openTraceId(options.openTraceId)
    , m_openRange(options.openRange)
    , m_options(options)
{
    m_imports = new FileImportController(m_runtime->sharedCounters(), this);
    m_sessions = new SessionController(m_runtime, m_imports, m_window, this);
    const QString sessionDirectory
        = QFileInfo(CommandLineOptions::defaultDatabasePath()).absolutePath();
    m_window->setSessionDirectory(sessionDirectory);
    m_receiving = new ReceiveController(m_runtime, m_window, this);
    m_training = new TrainingController(m_runtime, m_sessions, m_window, this);
    m_training->setSessionDirectory(sessionDirectory);
    m_beforeAfter = new BeforeAfterController(m_runtime, m_sessions, m_state, m_window, this);
    m_replay = new ReplayController(m_runtime, m_sessions, m_state, m_window, this);
    connect(m_window, &WorkbenchWindow::openFilesRequested, m_sessions,
            &SessionController::openPaths);
    connect(m_window, &WorkbenchWindow::traceRequested, this, &GuiMode::openTrace);
    connect(m_window, &WorkbenchWindow::newSessionRequested, m_sessions,
            &SessionController::newSession);
    connect(m_window, &WorkbenchWindow::saveSessionAsRequested, m_sessions,
            &SessionController::saveSessionAs);
    connect(m_window, &WorkbenchWindow::importCancelRequested, m_imports,
            &FileImportController::cancel);
    connect(m_imports, &FileImportController::progressChanged, m_window,
            &WorkbenchWindow::showImportProgress);
    connect(m_imports, &FileImportController::finished, m_window,
            &WorkbenchWindow::showImportSummary);
    connect(m_sessions, &SessionController::sessionChanged, this, &GuiMode::attachSession);
    // Limits and Clear go to whichever store is open when the user asks.
    connect(m_window, &WorkbenchWindow::sessionLimitsChosen, this,
            [this](const SessionLimits &limits) {
                if (m_runtime->store()->setLimits(limits))
                    m_window->showStatusMessage(
                        tr("Session limits: %1").arg(RetentionSummary::limitsText(limits)));
            });
    connect(m_window, &WorkbenchWindow::clearSessionDataRequested, this, [this] {
        if (m_runtime->store()->clearData())
            m_window->showStatusMessage(tr("Clearing the session data…"));
    });
    m_statusTimer.setInterval(500);
    connect(&m_statusTimer, &QTimer::timeout, this, &GuiMode::refreshStatus);
    m_liveTimer.setInterval(250);
    connect(&m_liveTimer, &QTimer::timeout, this, [this] {
        // One refresh in flight at a time; commits during it are picked up by the next tick.
        if (m_commitPending && !m_factsQuery.isBusy()) {
            m_commitPending = false;
            refreshSessionFacts();
        }
    });
}

GuiMode::~GuiMode()
{
    shutdown();
    delete m_window;
}

int GuiMode::run()
{
    auto *signalNotifier = new UnixSignalNotifier(this);
    connect(signalNotifier, &UnixSignalNotifier::terminationRequested, qApp, &QApplication::quit);
    connect(qApp, &QApplication::aboutToQuit, this, [this] {
        QSettings settings;
        m_window->saveLayout(settings);
        shutdown();
    });

    QString error;
    const bool started = start(&error);
    m_window->restoreLayout(QSettings());
    m_training->syncPanelVisibility();
    m_window->show();
    if (!started)
        m_window->showError(tr("Kansoku"), error);
    return QApplication::exec();
}

bool GuiMode::start(QString *errorMessage)
{
    m_receiving->applyStartupForwarding(m_options);
    const bool started = m_runtime->start(errorMessage);
    m_imports->setSink(m_runtime->sharedStore());
    m_sessions->noteSessionOpened();
    attachSession();
    m_statusTimer.start();
    m_liveTimer.start();
    openCommandLineEvidence();
    // `kansoku FILE...`: imported once the event loop runs, so the window shows the progress.
    if (!m_openFiles.isEmpty())
        QMetaObject::invokeMethod(
            this, [this] { m_sessions->openPaths(std::exchange(m_openFiles, {})); },
            Qt::QueuedConnection);
    if (started && !m_options.statsLogPath.isEmpty()) {
        auto *statsLog = new RuntimeStatsLog(m_options.statsLogPath, m_options.statsIntervalSeconds,
                                             m_runtime, this);
        if (!statsLog->start(errorMessage)) {
            delete statsLog;
            return false; // run() shows why; the window works without it
        }
    }
    return started;
}

void GuiMode::openCommandLineEvidence()
{
    if (m_openRange)
        m_state->setCustomRange(*std::exchange(m_openRange, std::nullopt));
    if (m_openTraceId)
        openTrace(*std::exchange(m_openTraceId, std::nullopt));
}

void GuiMode::openTrace(const TraceId &traceId)
{
    // The pane already shows (or loads) the selected trace: no answer will come.
    auto *traces
        = qobject_cast<TracesPane *>(m_window->paneDock(WorkbenchWindow::Pane::Traces)->widget());
    if (traces && m_state->selectedTraceId() != traceId) {
        // Once: the answer for this trace says whether the session holds it. One check at a
        // time; the pane drops the answer for a trace asked for before this one.
        disconnect(m_traceCheck);
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(traces, &TracesPane::traceLoaded, this,
                              [this, connection, traceId](std::shared_ptr<const Trace> trace) {
                                  disconnect(*connection);
                                  if (!trace)
                                      m_window->showStatusMessage(
                                          tr("Trace %1 is not in this session")
                                              .arg(QString::fromStdString(toHex(traceId))));
                              });
        m_traceCheck = *connection;
    }
    m_window->showPane(WorkbenchWindow::Pane::Traces);
    m_state->selectSpan(traceId);
}

void GuiMode::shutdown()
{
    m_statusTimer.stop();
    m_liveTimer.stop();
    m_factsQuery.cancel();
    // Imports feed the store: they end before the runtime drains and closes it.
    m_imports->cancelAndWait();
    // The training player sends to the receivers: it ends before they stop.
    m_training->shutdown();
    // A replay reads the store: it ends before the store closes.
    m_replay->shutdown();
    m_runtime->stop();
}

void GuiMode::attachSession()
{
    TelemetryStore *store = m_runtime->store();
    m_factsQuery.cancel();
    m_commitPending = false;
    m_removalPending = false;
    m_queries = store->queries();
    m_window->setSessionPath(store->databasePath(), store->isReadOnly());
    m_window->setParticipantLines(m_runtime->participantLines());
    m_state->resetForNewSession();
    m_window->setHasTelemetry(false);
    if (m_queries) {
        createPanes(m_queries);
        connect(store, &TelemetryStore::batchCommitted, this, [this] { m_commitPending = true; });
        // Deleted telemetry (limits, Clear) goes through the same coalesced refresh, flagged
        // so the panes also drop what they hold.
        connect(store, &TelemetryStore::dataRemoved, this, [this] {
            m_commitPending = true;
            m_removalPending = true;
        });
        connect(store, &TelemetryStore::dataCleared, this,
                [this] { m_window->showStatusMessage(tr("Session data cleared")); });
        refreshSessionFacts();
    }
    refreshStatus();
}

void GuiMode::createPanes(const std::shared_ptr<const TelemetryQueries> &queries)
{
    m_window->setPaneWidget(WorkbenchWindow::Pane::Traces, new TracesPane(m_state, queries));
    auto *metrics = new MetricsPane(m_state, queries);
    connect(metrics, &MetricsPane::tracesPaneWanted, m_window,
            [this] { m_window->showPane(WorkbenchWindow::Pane::Traces); });
    m_window->setPaneWidget(WorkbenchWindow::Pane::Metrics, metrics);
    m_window->setPaneWidget(WorkbenchWindow::Pane::Logs, new LogsPane(m_state, queries));
    auto *findings = new FindingsPane(m_state, queries);
    connect(findings, &FindingsPane::tracesPaneWanted, m_window,
            [this] { m_window->showPane(WorkbenchWindow::Pane::Traces); });
    connect(findings, &FindingsPane::logsPaneWanted, m_window,
            [this] { m_window->showPane(WorkbenchWindow::Pane::Logs); });
    m_window->setPaneWidget(WorkbenchWindow::Pane::Findings, findings);
    auto *dashboards = new DashboardsPane(m_state, queries);
    connect(dashboards, &DashboardsPane::metricsPaneWanted, m_window,
            [this] { m_window->showPane(WorkbenchWindow::Pane::Metrics); });
    connect(dashboards, &DashboardsPane::tracesPaneWanted, m_window,
            [this] { m_window->showPane(WorkbenchWindow::Pane::Traces); });
    m_window->setPaneWidget(WorkbenchWindow::Pane::Dashboards, dashboards);
    m_window->setPaneWidget(WorkbenchWindow::Pane::ServiceMap,
                            new ServiceMapPane(m_state, queries));
}

void GuiMode::refreshStatus()
{
    m_window->setReceivers(m_runtime->receiverStatuses());
    m_window->setCounts(m_runtime->counters(), m_runtime->storageStatus());
    m_window->setForwarding(m_runtime->forwardingStatus());
    // A mutex-guarded copy of at most 1,000 rows: no SQLite, no parsing on the GUI thread.
    m_window->setClients(m_runtime->sharedClientStatistics()->snapshot());
}

void GuiMode::refreshSessionFacts()
{
    const bool removed = std::exchange(m_removalPending, false);
    m_factsQuery.run(
        this,
        [queries = m_queries] {
            return SessionFacts{queries->timeBounds(), queries->services()};
        },
        [this, removed](SessionFacts facts) {
            m_window->setServices(facts.services);
            m_window->setHasTelemetry(facts.bounds.has_value());
            m_state->setDataBounds(facts.bounds);
            if (removed)
                m_state->noteTelemetryRemoved();
            m_state->noteTelemetryCommitted();
        });
}

} // namespace kansoku
