// Installs the English catalogue, the plural forms of counted texts ("1 event", "2 events"), that
// the app's UiLanguage installs from kansoku_ui's resources, read from the build's compiled file:
// tests of models check those texts without linking (and, in the instrumented build, compiling)
// kansoku_ui. The test's target passes the file (KANSOKU_ENGLISH_PLURALS_QM, see
// tests/unit/view/CMakeLists.txt). GUI thread, in initTestCase().
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QTranslator>

namespace kansoku::test {

inline bool installEnglishPlurals(const QString &compiledCatalogue)
{
    static QTranslator translator;
    return translator.load(compiledCatalogue) && QCoreApplication::installTranslator(&translator);
}

} // namespace kansoku::test
