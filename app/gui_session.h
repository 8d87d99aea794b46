// The windowed application: starts the runtime, builds the workbench window and its panes over
// the store's queries, and keeps them live: commits from the writer thread set a flag that a
// 250 ms timer turns into one refresh of the session facts (time bounds, services, totals) on a
// worker, then one telemetryCommitted for the panes. The GUI thread never touches SQLite. Main
// thread.
#pragma once

#include "background_query.h"
#include "command_line_options.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace kansoku {

class KansokuRuntime;
class TelemetryQueries;
class WorkbenchState;
class WorkbenchWindow;

class GuiSession : public QObject
{
    Q_OBJECT
public:
    explicit GuiSession(const CommandLineOptions &options, QObject *parent = nullptr);
    ~GuiSession() override;

    int run();

private:
    void createPanes(const std::shared_ptr<const TelemetryQueries> &queries);
    void refreshStatus();
    void refreshSessionFacts();

    KansokuRuntime *m_runtime = nullptr;
    WorkbenchState *m_state = nullptr;
    WorkbenchWindow *m_window = nullptr;
    std::shared_ptr<const TelemetryQueries> m_queries;
    QTimer m_statusTimer;
    QTimer m_liveTimer;
    BackgroundQuery m_factsQuery;
    bool m_commitPending = false;
};

} // namespace kansoku
