// Help › Keyboard shortcuts: every shortcut of a window in one table (key, command, where),
// read from the actions themselves each time it opens, so it lists what the keys really do: the
// menu bar's commands with their menu, then the panes' own (e.g. the Traces pane's Ctrl+L) with
// their pane. GUI thread; owned by the window.
#pragma once

#include <QDialog>

class QMainWindow;
class QTreeWidget;

namespace kansoku {

class KeyboardShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit KeyboardShortcutsDialog(QWidget *parent = nullptr);

    // Fills the table from window's actions and shows the dialog.
    void showFor(const QMainWindow *window);
    QTreeWidget *table() const { return m_table; }

private:
    QTreeWidget *m_table;
};

} // namespace kansoku
