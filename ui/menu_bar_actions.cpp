#include "menu_bar_actions.h"

#include <QMenu>
#include <QMenuBar>

namespace kansoku {

namespace {

void collectMenu(const QMenu *menu, const QString &path, std::vector<MenuBarAction> &into)
{
    const QList<QAction *> actions = menu->actions();
    for (QAction *action : actions) {
        if (action->isSeparator())
            continue;
        if (const QMenu *submenu = action->menu()) {
            collectMenu(submenu, path + u" › " + MenuBarActions::plainText(action), into);
            continue;
        }
        into.push_back({action, menu, path});
    }
}

} // namespace

std::vector<MenuBarAction> MenuBarActions::collect(const QMenuBar *menuBar)
{
    std::vector<MenuBarAction> actions;
    const QList<QAction *> menus = menuBar->actions();
    for (const QAction *menuAction : menus) {
        if (const QMenu *menu = menuAction->menu())
            collectMenu(menu, plainText(menuAction), actions);
    }
    return actions;
}

QString MenuBarActions::plainText(const QAction *action)
{
    const QString text = action->text();
    QString plain;
    plain.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != u'&') {
            plain.append(text.at(i));
        } else if (plain.endsWith(u'(') && i + 2 < text.size() && text.at(i + 1) != u'&'
                   && text.at(i + 2) == u')') {
            // A translation's mnemonic of its own, "ファイル(&F)": the whole "(&F)" goes.
            plain.chop(1);
            i += 2;
        } else if (i + 1 < text.size() && text.at(i + 1) == u'&') {
            plain.append(u'&');
            ++i;
        }
    }
    return plain;
}

} // namespace kansoku
