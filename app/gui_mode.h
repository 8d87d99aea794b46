// How `kansoku` runs with a window (see HeadlessMode, ImportCommand for the others): starts the
// runtime, builds the workbench window and its panes over the store's queries, and keeps them live:
// commits from the writer thread set a flag that a 250 ms timer turns into one refresh of the
// session facts (time bounds and services) on a worker, then one telemetryCommitted for the panes.
// The GUI thread never touches SQLite. File imports and session switches are carried out by
// FileImportController and SessionController, pausing, forwarding and listening on the LAN by
// ReceiveController, File › Replay into… by ReplayController; after a
// switch the panes are rebuilt over the new
// store's queries. Main thread.
#pragma once

#include "command_line_options.h"
#include "view/background_query.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace kansoku {

class BeforeAfterController;
class FileImportController;
class KansokuRuntime;
class ReceiveController;
class ReplayController;
class SessionController;
class TelemetryQueries;
class TrainingController;
class WorkbenchState;
class WorkbenchWindow;

class GuiMode : public QObject
{
    Q_OBJECT
public:
    explicit GuiMode(const CommandLineOptions &options, QObject *parent = nullptr);
    ~GuiMode() override;

    int run();

    // The parts a GUI test drives (run() is not needed for them).
    WorkbenchWindow *window() const { return m_window; }
    KansokuRuntime *runtime() const { return m_runtime; }
    SessionController *sessions() const { return m_sessions; }
    ReceiveController *receiving() const { return m_receiving; }
    FileImportController *imports() const { return m_imports; }
    WorkbenchState *state() const { return m_state; }
    TrainingController *training() const { return m_training; }
    BeforeAfterController *beforeAfter() const { return m_beforeAfter; }
    ReplayController *replay() const { return m_replay; }
    // Starts the runtime, fills the window and queues the command line's files, without entering
    // the event loop (run() does that).
    bool start(QString *errorMessage);
    void shutdown();

private:
    // Panes over the open store's queries, live refresh wired, the state reset for it.
    void attachSession();
    void createPanes(const std::shared_ptr<const TelemetryQueries> &queries);
    void refreshStatus();
    void refreshSessionFacts();
    // --trace and --range: the range set, the trace opened in the Traces pane (or a message
    // saying the session does not hold it).
    void openCommandLineEvidence();
    // Opens the trace in the Traces pane, or says in the status bar that the session lacks it
    // (--trace, the command palette).
    void openTrace(const TraceId &traceId);

    KansokuRuntime *m_runtime = nullptr;
    WorkbenchState *m_state = nullptr;
    WorkbenchWindow *m_window = nullptr;
    FileImportController *m_imports = nullptr;
    SessionController *m_sessions = nullptr;
    TrainingController *m_training = nullptr;
    BeforeAfterController *m_beforeAfter = nullptr;
    ReceiveController *m_receiving = nullptr; // pause and forwarding (the Receive menu)
    ReplayController *m_replay = nullptr;     // File › Replay into…
    QStringList m_openFiles;                  // from the command line, opened once the window is up
    std::optional<TraceId> m_openTraceId;     // --trace, opened at start
    std::optional<TimeRange> m_openRange;     // --range, shown from the start
    QMetaObject::Connection m_traceCheck;     // openTrace()'s wait for the pane's answer
    CommandLineOptions m_options;
    std::shared_ptr<const TelemetryQueries> m_queries;
    QTimer m_statusTimer;
    QTimer m_liveTimer;
    BackgroundQuery m_factsQuery;
    bool m_commitPending = false;
    bool m_removalPending = false; // telemetry was deleted since the last refresh
};

} // namespace kansoku
