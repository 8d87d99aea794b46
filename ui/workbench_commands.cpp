#include "workbench_commands.h"

#include "command_palette.h"
#include "keyboard_shortcuts_dialog.h"
#include "menu_bar_actions.h"
#include "metrics_pane.h"
#include "view/metric_browser_model.h"
#include "view/workbench_state.h"

#include <QApplication>
#include <QDockWidget>
#include <QFileInfo>
#include <QKeyEvent>
#include <QMenu>
#include <QMenuBar>
#include <iterator>

namespace kansoku {

namespace {
// File › Recent sessions: the palette lists those as sessions of their own.
const QLatin1String recentSessionsMenuName("recentSessionsMenu");
} // namespace

WorkbenchCommands::WorkbenchCommands(WorkbenchWindow *window, WorkbenchState *state)
    : QObject(window)
    , m_window(window)
    , m_state(state)
    , m_palette(new CommandPalette(window))
    , m_shortcutsDialog(new KeyboardShortcutsDialog(window))
{
    connect(m_palette, &CommandPalette::entryChosen, this, &WorkbenchCommands::run);
    qApp->installEventFilter(this);
}

void WorkbenchCommands::addViewActions(QMenu *view)
{
    view->addSeparator();
    m_paletteAction
        = view->addAction(tr("Command palette…"), this, &WorkbenchCommands::openPalette);
    m_paletteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_paletteAction->setShortcutContext(Qt::ApplicationShortcut);
    static constexpr Qt::Key digits[]
        = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5, Qt::Key_6};
    static_assert(std::size(digits) == WorkbenchWindow::paneCount, "one Alt+digit per pane");
    for (int i = 0; i < WorkbenchWindow::paneCount; ++i) {
        const auto pane = static_cast<WorkbenchWindow::Pane>(i);
        QAction *focus
            = view->addAction(tr("Focus %1").arg(m_window->paneDock(pane)->windowTitle()), this,
                              [this, pane] { focusPane(pane); });
        focus->setShortcut(QKeySequence(Qt::ALT | digits[i]));
    }
}

void WorkbenchCommands::addHelpActions(QMenu *help)
{
    help->addAction(tr("Keyboard shortcuts…"), this,
                    [this] { m_shortcutsDialog->showFor(m_window); });
}

std::vector<CommandPaletteEntry> WorkbenchCommands::gatherEntries() const
{
    using Kind = CommandPaletteEntry::Kind;
    std::vector<CommandPaletteEntry> entries;
    for (const MenuBarAction &item : MenuBarActions::collect(m_window->menuBar())) {
        QAction *action = item.action;
        if (action == m_paletteAction || !action->isEnabled() || !action->isVisible()
            || item.menu->objectName() == recentSessionsMenuName)
            continue;
        entries.push_back({Kind::Action,
                           MenuBarActions::plainText(action),
                           item.menuPath,
                           action->shortcut().toString(QKeySequence::NativeText),
                           {},
                           action});
    }
    for (const std::string &service : m_services) {
        const QString name = QString::fromStdString(service);
        entries.push_back({Kind::Service, name, tr("service.name"), {}, name, nullptr});
    }
    // The metrics the Metrics pane lists (its range and service filter): data it already holds.
    if (const auto *metrics = qobject_cast<const MetricsPane *>(
            m_window->paneDock(WorkbenchWindow::Pane::Metrics)->widget())) {
        const MetricBrowserModel *model = metrics->browserModel();
        for (int serviceRow = 0; serviceRow < model->rowCount(); ++serviceRow) {
            const QModelIndex service = model->index(serviceRow, 0);
            for (int row = 0; row < model->rowCount(service); ++row) {
                if (const MetricEntry *metric = model->metricAt(model->index(row, 0, service))) {
                    entries.push_back({Kind::Metric,
                                       QString::fromStdString(metric->name),
                                       metric->service,
                                       {},
                                       metric->key(),
                                       nullptr});
                }
            }
        }
    }
    for (const QString &path : m_recentSessions) {
        const QFileInfo file(path);
        entries.push_back({Kind::Session, file.fileName(), file.absolutePath(), {}, path, nullptr});
    }
    return entries;
}

void WorkbenchCommands::openPalette()
{
    m_palette->popUp(gatherEntries());
}

void WorkbenchCommands::run(const CommandPaletteEntry &entry)
{
    using Kind = CommandPaletteEntry::Kind;
    switch (entry.kind) {
    case Kind::Trace:
        if (const std::optional<TraceId> traceId = idFromHex<16>(entry.payload.toStdString()))
            Q_EMIT traceRequested(*traceId);
        break;
    case Kind::Action:
        if (entry.action && entry.action->isEnabled())
            entry.action->trigger();
        break;
    case Kind::Service:
        m_state->setService(entry.payload);
        break;
    case Kind::Metric:
        m_window->showPane(WorkbenchWindow::Pane::Metrics);
        m_state->requestMetric(entry.payload);
        break;
    case Kind::LogSearch:
        m_window->showPane(WorkbenchWindow::Pane::Logs);
        m_state->requestLogSearch(entry.payload);
        break;
    case Kind::Session:
        Q_EMIT sessionRequested(entry.payload);
        break;
    }
}

void WorkbenchCommands::focusPane(WorkbenchWindow::Pane pane)
{
    m_window->showPane(pane);
    QWidget *content = m_window->paneDock(pane)->widget();
    if (!content)
        return;
    // The first control in tab order inside the pane, as Tab from its edge would reach it.
    for (QWidget *widget = content->nextInFocusChain(); widget && widget != content;
         widget = widget->nextInFocusChain()) {
        if (content->isAncestorOf(widget) && widget->isVisible() && widget->isEnabled()
            && (widget->focusPolicy() & Qt::TabFocus)) {
            widget->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
    content->setFocus(Qt::ShortcutFocusReason);
}

bool WorkbenchCommands::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && m_paletteAction) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const auto *widget = qobject_cast<QWidget *>(watched);
        // Not overridden: the shortcut fires. The palette's own field keeps the key.
        if (widget && widget->window() != m_palette
            && QKeySequence(key->keyCombination()) == m_paletteAction->shortcut()) {
            event->ignore();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace kansoku
