#include "gui_session.h"

#include "kansoku_runtime.h"
#include "logs_pane.h"
#include "metrics_pane.h"
#include "telemetry_queries.h"
#include "telemetry_store.h"
#include "traces_pane.h"
#include "unix_signal_notifier.h"
#include "workbench_state.h"
#include "workbench_window.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>

namespace kansoku {

namespace {

// What the window needs to know about the whole session after new data arrived.
struct SessionFacts
{
    std::optional<TimeRange> bounds;
    std::vector<std::string> services;
};

} // namespace

GuiSession::GuiSession(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_runtime(new KansokuRuntime(options, this))
    , m_state(new WorkbenchState(this))
    , m_window(new WorkbenchWindow(m_state))
{
    m_statusTimer.setInterval(500);
    connect(&m_statusTimer, &QTimer::timeout, this, &GuiSession::refreshStatus);
    m_liveTimer.setInterval(250);
    connect(&m_liveTimer, &QTimer::timeout, this, [this] {
        // One refresh in flight at a time; commits during it are picked up by the next tick.
        if (m_commitPending && !m_factsQuery.isBusy()) {
            m_commitPending = false;
            refreshSessionFacts();
        }
    });
}

GuiSession::~GuiSession()
{
    delete m_window;
}

int GuiSession::run()
{
    auto *signalNotifier = new UnixSignalNotifier(this);
    connect(signalNotifier, &UnixSignalNotifier::terminationRequested, qApp, &QApplication::quit);
    connect(qApp, &QApplication::aboutToQuit, this, [this] {
        QSettings settings;
        m_window->saveLayout(settings);
        m_statusTimer.stop();
        m_liveTimer.stop();
        m_factsQuery.cancel();
        m_runtime->stop();
    });

    QString error;
    const bool started = m_runtime->start(&error);
    TelemetryStore *store = m_runtime->store();
    m_queries = store->queries();
    m_window->setSessionPath(store->databasePath());
    if (m_queries) {
        createPanes(m_queries);
        connect(store, &TelemetryStore::batchCommitted, this, [this] { m_commitPending = true; });
        refreshSessionFacts();
    }
    m_window->setReceivers(m_runtime->receiverStatuses());
    refreshStatus();
    m_window->restoreLayout(QSettings());
    m_window->show();
    if (!started)
        QMessageBox::warning(m_window, tr("Kansoku"), error);
    m_statusTimer.start();
    m_liveTimer.start();
    return QApplication::exec();
}

void GuiSession::createPanes(const std::shared_ptr<const TelemetryQueries> &queries)
{
    m_window->setPaneWidget(WorkbenchWindow::Pane::Traces, new TracesPane(m_state, queries));
    m_window->setPaneWidget(WorkbenchWindow::Pane::Metrics, new MetricsPane(m_state, queries));
    m_window->setPaneWidget(WorkbenchWindow::Pane::Logs, new LogsPane(m_state, queries));
}

void GuiSession::refreshStatus()
{
    m_window->setReceivers(m_runtime->receiverStatuses());
    m_window->setCounts(m_runtime->counters(), m_runtime->storageStatus());
}

void GuiSession::refreshSessionFacts()
{
    m_factsQuery.run(
        this,
        [queries = m_queries] {
            return SessionFacts{queries->timeBounds(), queries->services()};
        },
        [this](SessionFacts facts) {
            m_window->setServices(facts.services);
            m_window->setHasTelemetry(facts.bounds.has_value());
            m_state->setDataBounds(facts.bounds);
            m_state->noteTelemetryCommitted();
        });
}

} // namespace kansoku
