#include "workbench_window.h"

#include "analyze_menu.h"
#include "empty_state_widget.h"
#include "file_menu.h"
#include "forwarding_dialog.h"
#include "import_progress_widget.h"
#include "import_summary_dialog.h"
#include "language_menu.h"
#include "pane_title_bar.h"
#include "receive_menu.h"
#include "session_limits_dialog.h"
#include "status_window.h"
#include "time_range_bar.h"
#include "view/workbench_layout_plan.h"
#include "view/workbench_state.h"
#include "workbench_commands.h"
#include "workbench_status_bar.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLabel>
#include <QLayout>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QTimer>
#include <QToolBar>

namespace kansoku {

namespace {
// Bump when the dock arrangement changes so an old saved layout is not applied.
constexpr int layoutVersion = 4;
const char *const paneObjectNames[]
    = {"tracesDock", "metricsDock", "logsDock", "findingsDock", "dashboardsDock", "serviceMapDock"};
} // namespace

WorkbenchWindow::WorkbenchWindow(WorkbenchState *state, QWidget *parent)
    : QMainWindow(parent)
    , m_state(state)
{
    setWindowTitle(QStringLiteral("Kansoku"));

    auto *toolBar = addToolBar(tr("Time range"));
    toolBar->setObjectName(QStringLiteral("timeRangeToolBar"));
    toolBar->setMovable(false);
    m_timeRangeBar = new TimeRangeBar(state);
    toolBar->addWidget(m_timeRangeBar);
    auto *spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    toolBar->addWidget(new QLabel(tr("Service: ")));
    m_serviceBox = new QComboBox;
    m_serviceBox->setObjectName(QStringLiteral("serviceFilter"));
    m_serviceBox->setMinimumContentsLength(18);
    m_serviceBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_serviceBox->setToolTip(tr("Show only telemetry from this service (resource service.name)"));
    m_serviceBox->addItem(tr("All services"));
    toolBar->addWidget(m_serviceBox);
    connect(m_serviceBox, &QComboBox::activated, this, [this](int index) {
        m_state->setService(index <= 0 ? QString() : m_serviceBox->itemText(index));
    });
    connect(m_state, &WorkbenchState::serviceChanged, this, [this] {
        const int index
            = m_state->service().isEmpty() ? 0 : m_serviceBox->findText(m_state->service());
        if (index >= 0)
            m_serviceBox->setCurrentIndex(index);
    });

    m_paneArea = new QMainWindow;
    m_paneArea->setObjectName(QStringLiteral("paneArea"));
    m_paneArea->setDockNestingEnabled(true);
    m_paneArea->setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks
                               | QMainWindow::AllowTabbedDocks);
    // Pane tabs (the narrow default layout, or docks the user stacked) on top, where they are seen.
    m_paneArea->setTabPosition(Qt::AllDockWidgetAreas, QTabWidget::North);
    // Docks fill the area; a zero-size central widget keeps QMainWindow's layout happy.
    auto *centre = new QWidget;
    centre->setMaximumSize(0, 0);
    m_paneArea->setCentralWidget(centre);
    const QString titles[] = {tr("Traces"),   tr("Metrics"),    tr("Logs"),
                              tr("Findings"), tr("Dashboards"), tr("Service map")};
    for (int i = 0; i < paneCount; ++i) {
        auto *dock = new QDockWidget(titles[i], m_paneArea);
        dock->setObjectName(QLatin1String(paneObjectNames[i]));
        dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                          | QDockWidget::DockWidgetFloatable);
        auto *titleBar = new PaneTitleBar(titles[i]);
        dock->setTitleBarWidget(titleBar);
        const auto pane = static_cast<Pane>(i);
        connect(titleBar, &PaneTitleBar::maximizeToggled, this,
                [this, pane] { toggleMaximized(pane); });
        connect(titleBar, &PaneTitleBar::closeRequested, dock, &QDockWidget::close);
        m_docks[static_cast<std::size_t>(i)] = dock;
        m_titleBars[static_cast<std::size_t>(i)] = titleBar;
    }
    arrangeDefaultLayout();

    m_emptyState = new EmptyStateWidget;
    m_emptyState->setObjectName(QStringLiteral("emptyState"));
    m_stack = new QStackedWidget;
    m_stack->addWidget(m_emptyState);
    m_stack->addWidget(m_paneArea);
    setCentralWidget(m_stack);

    m_statusBar = new WorkbenchStatusBar;
    setStatusBar(m_statusBar);
    m_importProgress = new ImportProgressWidget;
    m_statusBar->setImportWidget(m_importProgress);
    m_importSummary = new ImportSummaryDialog(this);
    connect(m_importProgress, &ImportProgressWidget::cancelRequested, this,
            &WorkbenchWindow::importCancelRequested);
    connect(m_importProgress, &ImportProgressWidget::detailsRequested, this, [this] {
        m_importSummary->show();
        m_importSummary->raise();
    });
    setAcceptDrops(true);
    qApp->installEventFilter(this);
    m_statusWindow = new StatusWindow(this);
    m_statusWindow->setWindowFlag(Qt::Window);
    m_statusWindow->setWindowTitle(tr("Kansoku — receivers and storage"));
    connect(m_statusBar, &WorkbenchStatusBar::detailsRequested, this,
            &WorkbenchWindow::showStatusDetails);

    buildMenus();
    // First run: most of the screen; later runs restore the saved geometry.
    placeOnScreen(screen());
}

void WorkbenchWindow::placeOnScreen(QScreen *screen)
{
    const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, 1600, 960);
    if (screen)
        setScreen(screen);
    setGeometry(WorkbenchLayoutPlan::firstRunWindowGeometry(available));
}

WorkbenchWindow::~WorkbenchWindow() = default;

void WorkbenchWindow::buildMenus()
{
    m_fileMenu = new FileMenu(this);
    menuBar()->addMenu(m_fileMenu);
    connect(m_fileMenu, &FileMenu::openFilesRequested, this, &WorkbenchWindow::openFilesRequested);
    connect(m_fileMenu, &FileMenu::newSessionRequested, this,
            &WorkbenchWindow::newSessionRequested);
    connect(m_fileMenu, &FileMenu::saveSessionAsRequested, this,
            &WorkbenchWindow::saveSessionAsRequested);
    m_limitsDialog = new SessionLimitsDialog(this);
    connect(m_fileMenu, &FileMenu::sessionLimitsRequested, this,
            [this] { m_limitsDialog->openFor(m_sessionLimits); });
    connect(m_limitsDialog, &SessionLimitsDialog::limitsChosen, this,
            &WorkbenchWindow::sessionLimitsChosen);
    connect(m_fileMenu, &FileMenu::clearSessionDataRequested, this,
            &WorkbenchWindow::clearSessionDataRequested);

    m_receiveMenu = new ReceiveMenu(this);
    menuBar()->addMenu(m_receiveMenu);
    m_forwardingDialog = new ForwardingDialog(this);
    connect(m_receiveMenu, &ReceiveMenu::pauseRequested, this, &WorkbenchWindow::pauseRequested);
    connect(m_receiveMenu, &ReceiveMenu::forwardingDialogRequested, this, [this] {
        m_forwardingDialog->show();
        m_forwardingDialog->raise();
    });
    connect(m_forwardingDialog, &ForwardingDialog::forwardingRequested, this,
            &WorkbenchWindow::forwardingRequested);
    connect(m_forwardingDialog, &ForwardingDialog::stopRequested, this,
            &WorkbenchWindow::forwardingStopRequested);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const char *keys[] = {"Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5", "Ctrl+6"};
    for (int i = 0; i < paneCount; ++i)
        view->addAction(m_docks[static_cast<std::size_t>(i)]->toggleViewAction());
    view->addSeparator();
    for (int i = 0; i < paneCount; ++i) {
        const auto pane = static_cast<Pane>(i);
        QAction *maximize = view->addAction(
            tr("Maximise %1").arg(m_docks[static_cast<std::size_t>(i)]->windowTitle()), this,
            [this, pane] { toggleMaximized(pane); });
        maximize->setShortcut(QKeySequence(QLatin1String(keys[i])));
    }
    view->addAction(tr("Reset layout"), this, &WorkbenchWindow::resetLayout);
    view->addSeparator();
    view->addAction(tr("Receivers and storage…"), this, &WorkbenchWindow::showStatusDetails);
    view->addMenu(new LanguageMenu(view));
    m_commands = new WorkbenchCommands(this, m_state);
    m_commands->addViewActions(view);
    connect(m_commands, &WorkbenchCommands::traceRequested, this, &WorkbenchWindow::traceRequested);
    connect(m_commands, &WorkbenchCommands::sessionRequested, this,
            [this](const QString &path) { Q_EMIT openFilesRequested({path}); });

    m_analyzeMenu = new AnalyzeMenu(this);
    menuBar()->addMenu(m_analyzeMenu);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    m_commands->addHelpActions(help);
    help->addAction(tr("About Kansoku"), this, [this] {
        QMessageBox::about(
            this, tr("About Kansoku"),
            tr("<b>Kansoku</b> %1<br>A desktop workbench for OpenTelemetry traces, metrics and "
               "logs.<br>GPL-3.0-or-later.")
                .arg(QStringLiteral(KANSOKU_VERSION)));
    });
}

void WorkbenchWindow::setPaneWidget(Pane pane, QWidget *widget)
{
    QDockWidget *dock = m_docks[static_cast<std::size_t>(pane)];
    // A new session brings new panes: the old one goes once its pending events are delivered.
    if (QWidget *previous = dock->widget()) {
        previous->hide();
        previous->deleteLater();
    }
    dock->setWidget(widget);
}

void WorkbenchWindow::setSessionPath(const QString &path, bool readOnly)
{
    const QString name = QFileInfo(path).fileName();
    setWindowTitle(readOnly ? tr("%1 [read-only] — Kansoku").arg(name)
                            : tr("%1 — Kansoku").arg(name));
    setWindowFilePath(path);
    m_statusBar->setReadOnly(readOnly);
    m_fileMenu->setSessionWritable(!readOnly);
    if (readOnly)
        m_limitsDialog->reject();
}

void WorkbenchWindow::setSessionDirectory(const QString &directory)
{
    m_fileMenu->setSessionDirectory(directory);
}

void WorkbenchWindow::setRecentSessions(const QStringList &paths)
{
    m_fileMenu->setRecentSessions(paths);
    m_commands->setRecentSessions(paths);
}

void WorkbenchWindow::showImportProgress(const ImportProgressReport &progress)
{
    m_importProgress->showProgress(progress);
}

void WorkbenchWindow::showImportSummary(const ImportSummary &summary)
{
    m_importProgress->showSummary(summary);
    m_importSummary->setSummary(summary);
    const bool unreadable
        = std::any_of(summary.files.cbegin(), summary.files.cend(),
                      [](const ImportFileReport &file) { return file.unreadable; });
    if (unreadable) {
        m_importSummary->show();
        m_importSummary->raise();
    }
}

void WorkbenchWindow::showError(const QString &title, const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void WorkbenchWindow::showStatusMessage(const QString &message)
{
    m_statusBar->showMessage(message, 8000);
}

namespace {
bool hasLocalFiles(const QMimeData *mime)
{
    const QList<QUrl> urls = mime ? mime->urls() : QList<QUrl>();
    return std::any_of(urls.cbegin(), urls.cend(),
                       [](const QUrl &url) { return url.isLocalFile(); });
}
} // namespace

void WorkbenchWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (hasLocalFiles(event->mimeData()))
        event->acceptProposedAction();
}

bool WorkbenchWindow::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (watched == m_paneArea && m_defaultSizesPending
        && (type == QEvent::Show || type == QEvent::Resize) && m_paneArea->isVisible()) {
        // After this event the area has its size and the docks their places.
        QTimer::singleShot(0, this, [this] {
            if (m_defaultSizesPending)
                applyDefaultPaneSizes();
        });
    }
    if (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop)
        return QMainWindow::eventFilter(watched, event);
    // Only this window's children: a line edit would otherwise paste the file's path as text.
    auto *widget = qobject_cast<QWidget *>(watched);
    auto *drop = static_cast<QDropEvent *>(event);
    if (!widget || widget == this || widget->window() != this || !hasLocalFiles(drop->mimeData()))
        return QMainWindow::eventFilter(watched, event);
    if (type == QEvent::Drop)
        dropEvent(drop);
    else
        drop->acceptProposedAction();
    return true;
}

void WorkbenchWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    Q_EMIT openFilesRequested(paths);
}

void WorkbenchWindow::setReceivers(const std::vector<ReceiverStatus> &receivers)
{
    m_statusBar->setReceivers(receivers);
    m_emptyState->setReceivers(receivers);
    m_statusWindow->setReceivers(receivers);
}

void WorkbenchWindow::setParticipantLines(const QStringList &lines)
{
    m_statusBar->setTokenRequired(!lines.isEmpty());
    m_statusWindow->setParticipantLines(lines);
    // The headers line comes first (ParticipantSetup::lines); apps on this machine need it too.
    m_emptyState->setHeadersLine(lines.value(0));
}

void WorkbenchWindow::setClients(const std::vector<ClientActivity> &clients)
{
    m_statusWindow->setClients(clients);
}

void WorkbenchWindow::setCounts(const IngestCountersSnapshot &counters,
                                const StorageStatus &storage)
{
    m_statusBar->setCounts(counters, storage);
    m_statusWindow->setCounts(counters, storage);
    m_sessionLimits = storage.limits;
    m_limitsDialog->setStatus(storage);
}

void WorkbenchWindow::setPaused(bool paused)
{
    m_receiveMenu->setPaused(paused);
    m_statusBar->setPaused(paused);
}

void WorkbenchWindow::setListeningOnLan(bool lan)
{
    m_receiveMenu->setListeningOnLan(lan);
    m_statusBar->setListeningOnLan(lan);
}

void WorkbenchWindow::setForwarding(const ForwardingStatus &forwarding)
{
    m_statusBar->setForwarding(forwarding);
    m_statusWindow->setForwarding(forwarding);
}

void WorkbenchWindow::setServices(const std::vector<std::string> &services)
{
    if (services == m_services)
        return;
    m_services = services;
    m_commands->setServices(services);
    const QSignalBlocker blocker(m_serviceBox);
    m_serviceBox->clear();
    m_serviceBox->addItem(tr("All services"));
    for (const std::string &service : services)
        m_serviceBox->addItem(QString::fromStdString(service));
    const int index = m_state->service().isEmpty() ? 0 : m_serviceBox->findText(m_state->service());
    m_serviceBox->setCurrentIndex(std::max(0, index));
}

void WorkbenchWindow::setHasTelemetry(bool hasTelemetry)
{
    m_stack->setCurrentWidget(hasTelemetry ? static_cast<QWidget *>(m_paneArea) : m_emptyState);
}

bool WorkbenchWindow::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_emptyState;
}

void WorkbenchWindow::toggleMaximized(Pane pane)
{
    const int index = static_cast<int>(pane);
    if (m_maximizedPane == index) {
        m_paneArea->restoreState(m_layoutBeforeMaximize, layoutVersion);
        m_maximizedPane = -1;
    } else {
        if (m_maximizedPane < 0)
            m_layoutBeforeMaximize = m_paneArea->saveState(layoutVersion);
        for (int i = 0; i < paneCount; ++i)
            m_docks[static_cast<std::size_t>(i)]->setVisible(i == index);
        m_maximizedPane = index;
    }
    for (int i = 0; i < paneCount; ++i)
        m_titleBars[static_cast<std::size_t>(i)]->setMaximized(i == m_maximizedPane);
}

void WorkbenchWindow::showPane(Pane pane)
{
    if (m_maximizedPane >= 0 && m_maximizedPane != static_cast<int>(pane))
        toggleMaximized(static_cast<Pane>(m_maximizedPane));
    QDockWidget *dock = paneDock(pane);
    dock->show();
    dock->raise();
}

void WorkbenchWindow::arrangeDefaultLayout()
{
    // Arranged afresh rather than restored from a state saved at construction: that state holds
    // the sizes of a window not yet laid out, and restoring it later squeezed some panes.
    // Traces keeps the whole height (scatter, list and the open trace all need it); Findings
    // goes under Metrics and Logs, as wide as both, since its table needs width more than
    // height. The split order makes the nesting: Traces | ((Metrics | Logs) / Findings).
    // Out of any tab group first: a tabbed dock would otherwise take its group's place along.
    for (QDockWidget *dock : m_docks)
        m_paneArea->removeDockWidget(dock);
    for (QDockWidget *dock : m_docks) {
        dock->setFloating(false);
        dock->show();
    }
    const auto dock = [this](Pane pane) {
        return paneDock(pane);
    };
    m_paneArea->addDockWidget(Qt::LeftDockWidgetArea, dock(Pane::Traces));
    m_paneArea->splitDockWidget(dock(Pane::Traces), dock(Pane::Metrics), Qt::Horizontal);
    m_paneArea->splitDockWidget(dock(Pane::Metrics), dock(Pane::Findings), Qt::Vertical);
    m_paneArea->splitDockWidget(dock(Pane::Metrics), dock(Pane::Logs), Qt::Horizontal);
    // Dashboards: a tab beside Findings, as wide as Metrics and Logs together; Findings stays in
    // front, and Ctrl+5 gives a dashboard the whole window.
    m_paneArea->tabifyDockWidget(dock(Pane::Findings), dock(Pane::Dashboards));
    // The service map: a third tab there, as wide as Metrics and Logs (Ctrl+6 for all of it).
    m_paneArea->tabifyDockWidget(dock(Pane::Findings), dock(Pane::ServiceMap));
    // The width decides between columns and tabs, and shares of a pane area not yet laid out
    // come out as the panes' minimum sizes: both wait until it shows (eventFilter).
    if (m_paneArea->isVisible())
        applyDefaultPaneSizes();
    else
        m_defaultSizesPending = true;
}

void WorkbenchWindow::applyDefaultPaneSizes()
{
    m_defaultSizesPending = false;
    const auto dock = [this](Pane pane) {
        return paneDock(pane);
    };
    const PaneArrangement arrangement
        = WorkbenchLayoutPlan::arrangementForWidth(m_paneArea->width());
    if (arrangement.kind == PaneArrangement::Kind::Tabs) {
        // Too narrow for columns: every pane gets the whole area, Traces in front.
        for (const Pane pane :
             {Pane::Metrics, Pane::Logs, Pane::Findings, Pane::Dashboards, Pane::ServiceMap})
            m_paneArea->tabifyDockWidget(dock(Pane::Traces), dock(pane));
        dock(Pane::Traces)->raise();
        return;
    }
    m_paneArea->resizeDocks(
        {dock(Pane::Traces), dock(Pane::Metrics), dock(Pane::Logs)},
        {arrangement.tracesPercent, arrangement.metricsPercent, arrangement.logsPercent},
        Qt::Horizontal);
    m_paneArea->resizeDocks({dock(Pane::Metrics), dock(Pane::Findings)}, {60, 40}, Qt::Vertical);
    dock(Pane::Findings)->raise();
    // The docks take their places now rather than at the next layout pass (re-forming the
    // Findings | Dashboards tab group otherwise leaves them there until then).
    m_paneArea->layout()->activate();
}

void WorkbenchWindow::resetLayout()
{
    m_maximizedPane = -1;
    arrangeDefaultLayout();
    for (int i = 0; i < paneCount; ++i)
        m_titleBars[static_cast<std::size_t>(i)]->setMaximized(false);
}

void WorkbenchWindow::saveLayout(QSettings &settings) const
{
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    // A maximised pane is a passing view: remember the layout it came from.
    settings.setValue(QStringLiteral("window/panes"), m_maximizedPane >= 0
                                                          ? m_layoutBeforeMaximize
                                                          : m_paneArea->saveState(layoutVersion));
}

void WorkbenchWindow::restoreLayout(const QSettings &settings)
{
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    const QByteArray panes = settings.value(QStringLiteral("window/panes")).toByteArray();
    if (panes.isEmpty())
        return;
    if (m_paneArea->restoreState(panes, layoutVersion))
        m_defaultSizesPending = false; // the saved sizes are the user's
    else
        arrangeDefaultLayout();
}

void WorkbenchWindow::showStatusDetails()
{
    m_statusWindow->show();
    m_statusWindow->raise();
    m_statusWindow->activateWindow();
}

} // namespace kansoku
