// Lists every command of a menu bar with the path of menus that leads to it, for the command
// palette and the keyboard shortcuts dialog, so both stay true to the menus as they are. GUI
// thread; the actions belong to the menus.
#pragma once

#include <QString>
#include <vector>

class QAction;
class QMenu;
class QMenuBar;

namespace kansoku {

struct MenuBarAction
{
    QAction *action = nullptr;
    const QMenu *menu = nullptr; // the menu holding it
    QString menuPath;            // "File › Recent sessions"
};

class MenuBarActions
{
public:
    // Depth first in menu order; separators and submenu entries themselves are left out.
    static std::vector<MenuBarAction> collect(const QMenuBar *menuBar);
    // The action's text without mnemonic markers ("&Open…" → "Open…", "&&" → "&",
    // "開く(&O)…" → "開く…").
    static QString plainText(const QAction *action);
};

} // namespace kansoku
