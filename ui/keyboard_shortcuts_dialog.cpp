#include "keyboard_shortcuts_dialog.h"

#include "menu_bar_actions.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenuBar>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kansoku {

namespace {

// Where a pane's own action works: the title of the dock around the widget that owns it.
QString paneOf(const QAction *action)
{
    for (const QObject *object = action->parent(); object; object = object->parent()) {
        if (const auto *dock = qobject_cast<const QDockWidget *>(object))
            return dock->windowTitle();
    }
    return KeyboardShortcutsDialog::tr("Window");
}

QString keysOf(const QAction *action)
{
    QStringList keys;
    const QList<QKeySequence> shortcuts = action->shortcuts();
    for (const QKeySequence &shortcut : shortcuts)
        keys.append(shortcut.toString(QKeySequence::NativeText));
    return keys.join(QStringLiteral(", "));
}

} // namespace

KeyboardShortcutsDialog::KeyboardShortcutsDialog(QWidget *parent)
    : QDialog(parent)
    , m_table(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("keyboardShortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    m_table->setObjectName(QStringLiteral("keyboardShortcutsTable"));
    m_table->setHeaderLabels({tr("Keys"), tr("Command"), tr("Where")});
    m_table->setRootIsDecorated(false);
    m_table->setAlternatingRowColors(true);
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(640, 520);
}

void KeyboardShortcutsDialog::showFor(const QMainWindow *window)
{
    m_table->clear();
    QSet<const QAction *> listed;
    const auto addRow = [this](const QString &keys, const QString &command, const QString &where) {
        new QTreeWidgetItem(m_table, {keys, command, where});
    };
    for (const MenuBarAction &entry : MenuBarActions::collect(window->menuBar())) {
        listed.insert(entry.action);
        if (!entry.action->shortcut().isEmpty())
            addRow(keysOf(entry.action), MenuBarActions::plainText(entry.action), entry.menuPath);
    }
    // The panes' own actions; the same command in two places (a pane and a trace window) once.
    QSet<QString> paneRows;
    const QList<QAction *> actions = window->findChildren<QAction *>();
    for (const QAction *action : actions) {
        if (listed.contains(action) || action->shortcut().isEmpty())
            continue;
        const QString keys = keysOf(action);
        const QString command = MenuBarActions::plainText(action);
        const QString where = paneOf(action);
        if (paneRows.contains(keys + command + where))
            continue;
        paneRows.insert(keys + command + where);
        addRow(keys, command, where);
    }
    show();
    raise();
    activateWindow();
}

} // namespace kansoku
