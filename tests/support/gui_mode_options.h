// Command-line options for a window started by a test (GuiMode, KansokuRuntime) on a session in
// a temporary directory: the receivers on ports the system picks, so tests never collide with a
// running Kansoku or with each other. Header-only; the test links kansoku_app. Test thread.
#pragma once

#include "command_line_options.h"

#include <QString>
#include <QStringList>

namespace kansoku::test {

inline CommandLineOptions optionsFor(const QString &databasePath, const QStringList &openFiles = {})
{
    CommandLineOptions options;
    options.databasePath = databasePath;
    options.grpcPort = 0;
    options.httpPort = 0;
    options.openFiles = openFiles;
    return options;
}

// The same, for a session that holds telemetry recorded long ago (fixtures years apart, recorded
// days replayed): no age limit, so a new session's default one removes none of it. Retention has
// tests of its own.
inline CommandLineOptions optionsWithoutAgeLimitFor(const QString &databasePath,
                                                    const QStringList &openFiles = {})
{
    CommandLineOptions options = optionsFor(databasePath, openFiles);
    options.retainNs = 0;
    return options;
}

} // namespace kansoku::test
