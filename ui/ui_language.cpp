#include "ui_language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

namespace kansoku {

namespace {

const QString settingsKey = QStringLiteral("ui/language");

// The translators are children of the application, named so that apply() finds and replaces the
// ones it installed before; they end with the application.
const QString kansokuTranslatorName = QStringLiteral("kansokuTranslator");
const QString qtTranslatorName = QStringLiteral("qtTranslator");

void removeTranslator(const QString &name)
{
    if (auto *translator = QCoreApplication::instance()->findChild<QTranslator *>(
            name, Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

} // namespace

QString UiLanguage::code(Choice choice)
{
    switch (choice) {
    case Choice::English:
        return QStringLiteral("en");
    case Choice::Japanese:
        return QStringLiteral("ja");
    case Choice::System:
        break;
    }
    return QStringLiteral("system");
}

std::optional<UiLanguage::Choice> UiLanguage::fromCode(const QString &code)
{
    for (const Choice choice : {Choice::System, Choice::English, Choice::Japanese}) {
        if (code == UiLanguage::code(choice))
            return choice;
    }
    return std::nullopt;
}

UiLanguage::Choice UiLanguage::savedChoice()
{
    return fromCode(QSettings().value(settingsKey).toString()).value_or(Choice::System);
}

void UiLanguage::saveChoice(Choice choice)
{
    QSettings().setValue(settingsKey, code(choice));
}

bool UiLanguage::isJapanese(Choice choice, const QLocale &systemLocale)
{
    switch (choice) {
    case Choice::English:
        return false;
    case Choice::Japanese:
        return true;
    case Choice::System:
        break;
    }
    return systemLocale.language() == QLocale::Japanese;
}

bool UiLanguage::apply(Choice choice, const QLocale &systemLocale)
{
    removeTranslator(kansokuTranslatorName);
    removeTranslator(qtTranslatorName);
    const bool japanese = isJapanese(choice, systemLocale);
    // Only when the language is not the system's: an English interface on a German or a C
    // locale keeps that locale's formats.
    if (japanese != (systemLocale.language() == QLocale::Japanese))
        QLocale::setDefault(japanese ? QLocale(QLocale::Japanese, QLocale::Japan)
                                     : QLocale(QLocale::English, QLocale::UnitedStates));
    else
        QLocale::setDefault(systemLocale);
    auto *translator = new QTranslator(QCoreApplication::instance());
    translator->setObjectName(kansokuTranslatorName);
    if (!translator->load(japanese ? QStringLiteral(":/i18n/kansoku_ja.qm")
                                   : QStringLiteral(":/i18n/kansoku_en.qm"))) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    if (!japanese)
        return true;
    auto *qt = new QTranslator(QCoreApplication::instance());
    qt->setObjectName(qtTranslatorName);
    if (qt->load(QLocale(QLocale::Japanese), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return true;
}

} // namespace kansoku
