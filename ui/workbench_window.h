// The main window: the shared time-range bar and service filter on top, the Traces | Metrics |
// Logs panes side by side in docks with Findings under Metrics and Logs and Dashboards and the
// Service map tabs beside Findings (maximise, close,
// restore, rearrange; the layout is saved), an empty state until the session holds telemetry,
// and the status bar. The panes themselves
// are made by the app and handed in. The File menu and files dropped on the window raise intents
// (openFilesRequested, ...) that the app carries out, feeding progress back. GUI thread.
#pragma once

#include "core/client_statistics.h"
#include "core/forwarding_status.h"
#include "core/import_report.h"
#include "core/ingest_counters.h"
#include "core/receiver_status.h"
#include "core/storage_status.h"
#include "core/telemetry_ids.h"

#include <QMainWindow>
#include <array>
#include <vector>

class QComboBox;
class QDragEnterEvent;
class QDropEvent;
class QDockWidget;
class QScreen;
class QSettings;
class QStackedWidget;

namespace kansoku {

class AnalyzeMenu;
class EmptyStateWidget;
class FileMenu;
class ForwardingDialog;
class ImportProgressWidget;
class ImportSummaryDialog;
class PaneTitleBar;
class ReceiveMenu;
class SessionLimitsDialog;
class StatusWindow;
class TimeRangeBar;
class WorkbenchCommands;
class WorkbenchState;
class WorkbenchStatusBar;

class WorkbenchWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Pane { Traces, Metrics, Logs, Findings, Dashboards, ServiceMap };
    static constexpr int paneCount = 6;

    explicit WorkbenchWindow(WorkbenchState *state, QWidget *parent = nullptr);
    ~WorkbenchWindow() override;

    // The first run's place: most of the screen's available area (the constructor does this on
    // the primary screen; restoreLayout() then applies a saved geometry instead).
    void placeOnScreen(QScreen *screen);

    // Puts a pane's widget into its dock (the window takes ownership; a previous one is deleted).
    void setPaneWidget(Pane pane, QWidget *widget);
    QDockWidget *paneDock(Pane pane) const { return m_docks[static_cast<std::size_t>(pane)]; }

    // The title names the session; a read-only one says so there and in the status bar.
    void setSessionPath(const QString &path, bool readOnly = false);
    void setSessionDirectory(const QString &directory);
    void setRecentSessions(const QStringList &paths);
    void showImportProgress(const ImportProgressReport &progress);
    // Shows the summary in the status bar; opens the details at once when a file was unreadable,
    // so its message (e.g. "not telemetry") is not missed.
    void showImportSummary(const ImportSummary &summary);
    // A non-modal warning (never a nested event loop).
    void showError(const QString &title, const QString &message);
    void showStatusMessage(const QString &message);
    ImportProgressWidget *importProgress() const { return m_importProgress; }
    ImportSummaryDialog *importSummaryDialog() const { return m_importSummary; }
    SessionLimitsDialog *sessionLimitsDialog() const { return m_limitsDialog; }
    void setReceivers(const std::vector<ReceiverStatus> &receivers);
    void setCounts(const IngestCountersSnapshot &counters, const StorageStatus &storage);
    // The status window's Clients view (ClientStatistics::snapshot()).
    void setClients(const std::vector<ClientActivity> &clients);
    // The training room's lines for participants (empty: no token in force), shown in the
    // status window with a Copy button; the status bar says a token is required and the empty
    // state offers the headers line with the endpoints.
    void setParticipantLines(const QStringList &lines);
    // Receiving paused or not: the Receive menu's toggle and the status bar show it.
    void setPaused(bool paused);
    // Listening beyond loopback or not: the Receive menu's LAN toggle and the status bar.
    void setListeningOnLan(bool lan);
    // Forwarding's counts for the status bar and the status window.
    void setForwarding(const ForwardingStatus &forwarding);
    ReceiveMenu *receiveMenu() const { return m_receiveMenu; }
    // File › Replay into…: the app opens its dialog.
    FileMenu *fileMenu() const { return m_fileMenu; }
    // Analyze › Before / after…: the app opens its dialog.
    AnalyzeMenu *analyzeMenu() const { return m_analyzeMenu; }
    ForwardingDialog *forwardingDialog() const { return m_forwardingDialog; }
    WorkbenchStatusBar *workbenchStatusBar() const { return m_statusBar; }
    // The command palette, pane focus and the keyboard shortcuts dialog.
    WorkbenchCommands *commands() const { return m_commands; }
    void setServices(const std::vector<std::string> &services);
    // Until the session holds some telemetry the panes give way to the empty state.
    void setHasTelemetry(bool hasTelemetry);
    bool isShowingEmptyState() const;

    // One pane fills the window; again (or on another pane) restores the layout before.
    void toggleMaximized(Pane pane);
    bool isMaximized(Pane pane) const { return m_maximizedPane == static_cast<int>(pane); }
    // Brings a pane into view for something another pane opened in it: shows a closed dock,
    // raises a tabbed one, and restores the layout if another pane is maximised.
    void showPane(Pane pane);
    void resetLayout();

    void saveLayout(QSettings &settings) const;
    void restoreLayout(const QSettings &settings);

Q_SIGNALS:
    // Telemetry files to import or a session file to open (from File > Open, a drop, Recent).
    void openFilesRequested(const QStringList &paths);
    // A trace to open in the Traces pane (from the command palette).
    void traceRequested(const kansoku::TraceId &traceId);
    void newSessionRequested(const QString &path);
    void saveSessionAsRequested(const QString &path);
    void importCancelRequested();
    // Receive ▸ Pause receiving toggled; the forwarding dialog's Forward and Stop forwarding.
    void pauseRequested(bool paused);
    void forwardingRequested(const QString &url, const QString &protocol,
                             const QStringList &headers);
    void forwardingStopRequested();
    // From File › Session limits… and Clear session data… (confirmed): for the open session.
    void sessionLimitsChosen(const kansoku::SessionLimits &limits);
    void clearSessionDataRequested();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    // Files dropped on a child that takes drops itself (a search field) still open: see the
    // application event filter installed by the constructor.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildMenus();
    void arrangeDefaultLayout();
    void applyDefaultPaneSizes();
    void showStatusDetails();

    WorkbenchState *m_state;
    QStackedWidget *m_stack = nullptr;
    EmptyStateWidget *m_emptyState = nullptr;
    QMainWindow *m_paneArea = nullptr; // hosts the docks, so the empty state can replace them
    std::array<QDockWidget *, paneCount> m_docks{};
    std::array<PaneTitleBar *, paneCount> m_titleBars{};
    TimeRangeBar *m_timeRangeBar = nullptr;
    QComboBox *m_serviceBox = nullptr;
    WorkbenchStatusBar *m_statusBar = nullptr;
    StatusWindow *m_statusWindow = nullptr;
    FileMenu *m_fileMenu = nullptr;
    ReceiveMenu *m_receiveMenu = nullptr;
    AnalyzeMenu *m_analyzeMenu = nullptr;
    WorkbenchCommands *m_commands = nullptr;
    ForwardingDialog *m_forwardingDialog = nullptr;
    ImportProgressWidget *m_importProgress = nullptr;
    ImportSummaryDialog *m_importSummary = nullptr;
    SessionLimitsDialog *m_limitsDialog = nullptr;
    SessionLimits m_sessionLimits; // from the last setCounts(), what the dialog opens with
    QByteArray m_layoutBeforeMaximize;
    int m_maximizedPane = -1;
    bool m_defaultSizesPending = false; // the default layout's shares, applied once it shows
    std::vector<std::string> m_services;
};

} // namespace kansoku
