// The language of the user interface: the user's choice (System, English, 日本語) kept in
// QSettings, what it comes to on this system, and the translators that put it on screen. GUI
// thread, before the first widget: texts are translated when widgets are built, so a new choice
// takes effect at the next start.
#pragma once

#include <QLocale>
#include <QString>
#include <optional>

namespace kansoku {

class UiLanguage
{
public:
    enum class Choice { System, English, Japanese };

    // "system", "en", "ja" (QSettings and --language spell it so).
    static QString code(Choice choice);
    static std::optional<Choice> fromCode(const QString &code);

    // What the user chose in View › Language (System when never chosen).
    static Choice savedChoice();
    static void saveChoice(Choice choice);

    // System follows the locale: Japanese for ja*, English for every other language (the
    // source language; there is no other translation).
    static bool isJapanese(Choice choice, const QLocale &systemLocale);

    // Installs Kansoku's Japanese translation and Qt's own (its dialogs' buttons, when the
    // qt6-translations-l10n files are there) on the application, or for English the English
    // plural forms ("1 span", "2 spans" for tr("%n span(s)", nullptr, n)). When the language
    // differs from the system locale's, QLocale's default becomes the language's, so what
    // follows QLocale() (the training texts' language) follows the interface. Returns false when
    // Kansoku's translation did not load.
    static bool apply(Choice choice, const QLocale &systemLocale = QLocale::system());
};

} // namespace kansoku
