#include "language_menu.h"

#include <QActionGroup>

namespace kansoku {

LanguageMenu::LanguageMenu(QWidget *parent)
    : QMenu(tr("&Language"), parent)
    , m_choices(new QActionGroup(this))
{
    setObjectName(QStringLiteral("languageMenu"));
    const UiLanguage::Choice saved = UiLanguage::savedChoice();
    // The languages are named in themselves, so that anyone finds their own.
    const std::pair<UiLanguage::Choice, QString> choices[] = {
        {UiLanguage::Choice::System, tr("System")},
        {UiLanguage::Choice::English, QStringLiteral("English")},
        {UiLanguage::Choice::Japanese, QStringLiteral("日本語")},
    };
    for (const auto &[choice, name] : choices) {
        QAction *action = addAction(name);
        action->setObjectName(QStringLiteral("language_") + UiLanguage::code(choice));
        action->setCheckable(true);
        action->setChecked(choice == saved);
        action->setData(static_cast<int>(choice));
        m_choices->addAction(action);
    }
    addSeparator();
    QAction *note = addAction(tr("Takes effect after a restart"));
    note->setEnabled(false);
    connect(m_choices, &QActionGroup::triggered, this, [this](QAction *action) {
        const auto choice = static_cast<UiLanguage::Choice>(action->data().toInt());
        UiLanguage::saveChoice(choice);
        Q_EMIT languageChosen(choice);
    });
}

QAction *LanguageMenu::actionFor(UiLanguage::Choice choice) const
{
    const QList<QAction *> actions = m_choices->actions();
    for (QAction *action : actions) {
        if (action->data().toInt() == static_cast<int>(choice))
            return action;
    }
    return nullptr;
}

} // namespace kansoku
