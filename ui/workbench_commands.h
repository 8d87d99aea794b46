// The workbench window's keyboard commands: the command palette (View › Command palette…,
// Ctrl+K) with its entries gathered when it opens (the menu bar's enabled commands, the session's
// services, the Metrics pane's metrics, recent sessions) and carried out through the paths the
// rest of the window uses; View › Focus <pane> (Alt+1…5); Help › Keyboard shortcuts. GUI thread;
// owned by the window.
#pragma once

#include "core/telemetry_ids.h"
#include "view/command_palette_entry.h"
#include "workbench_window.h"

#include <QObject>
#include <QStringList>
#include <vector>

class QMenu;

namespace kansoku {

class CommandPalette;
class KeyboardShortcutsDialog;
class WorkbenchState;

class WorkbenchCommands : public QObject
{
    Q_OBJECT
public:
    WorkbenchCommands(WorkbenchWindow *window, WorkbenchState *state);

    void addViewActions(QMenu *view);
    void addHelpActions(QMenu *help);
    void setServices(const std::vector<std::string> &services) { m_services = services; }
    void setRecentSessions(const QStringList &paths) { m_recentSessions = paths; }

    // What the palette offers right now, in the order an empty query lists it.
    std::vector<CommandPaletteEntry> gatherEntries() const;
    void openPalette();
    void run(const CommandPaletteEntry &entry);
    // Shows the pane (as showPane does) and gives focus to its first control that takes it.
    void focusPane(WorkbenchWindow::Pane pane);

    CommandPalette *palette() const { return m_palette; }
    KeyboardShortcutsDialog *shortcutsDialog() const { return m_shortcutsDialog; }
    QAction *paletteAction() const { return m_paletteAction; }

Q_SIGNALS:
    void traceRequested(const kansoku::TraceId &traceId);
    void sessionRequested(const QString &path);

protected:
    // Ctrl+K opens the palette from a line edit too, where Qt would take it as "delete to the
    // end of the line".
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    WorkbenchWindow *m_window;
    WorkbenchState *m_state;
    CommandPalette *m_palette;
    KeyboardShortcutsDialog *m_shortcutsDialog;
    QAction *m_paletteAction = nullptr;
    std::vector<std::string> m_services;
    QStringList m_recentSessions;
};

} // namespace kansoku
