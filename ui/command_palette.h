// The command palette (Ctrl+K): a frameless popup centred over its window with a search field and
// the CommandPaletteModel's entries under it. Typing filters; Up/Down/PageUp/PageDown move the
// selection while the field keeps focus; Enter or a click chooses an entry (entryChosen, then
// the popup closes); Escape closes it. The window gathers the entries and carries out the
// choice. GUI thread.
#pragma once

#include "view/command_palette_entry.h"

#include <QDialog>
#include <vector>

class QLineEdit;
class QListView;

namespace kansoku {

class CommandPaletteModel;

class CommandPalette : public QDialog
{
    Q_OBJECT
public:
    explicit CommandPalette(QWidget *parent = nullptr);

    // Empties the field, lists entries and shows the popup over the parent window, focused.
    void popUp(std::vector<CommandPaletteEntry> entries);

    QLineEdit *searchField() const { return m_search; }
    QListView *listView() const { return m_list; }
    CommandPaletteModel *model() const { return m_model; }

Q_SIGNALS:
    void entryChosen(const kansoku::CommandPaletteEntry &entry);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void chooseRow(int row);
    void selectRow(int row);

    QLineEdit *m_search;
    QListView *m_list;
    CommandPaletteModel *m_model;
};

} // namespace kansoku
