// View › Language: System, English, 日本語 as one exclusive choice, saved in QSettings through
// UiLanguage. The window's texts are made when it is built, so the choice takes effect at the next
// start; the menu says so. GUI thread.
#pragma once

#include "ui_language.h"

#include <QMenu>

class QActionGroup;

namespace kansoku {

class LanguageMenu : public QMenu
{
    Q_OBJECT
public:
    explicit LanguageMenu(QWidget *parent = nullptr);

    QAction *actionFor(UiLanguage::Choice choice) const;

Q_SIGNALS:
    void languageChosen(UiLanguage::Choice choice); // after it was saved

private:
    QActionGroup *m_choices = nullptr;
};

} // namespace kansoku
