// The kansoku command line: parsed once in main() before any other object exists.
#pragma once

#include <QString>
#include <QStringList>

namespace kansoku {

struct CommandLineOptions
{
    enum class Action { Run, ShowHelp, ShowVersion, Fail };

    Action action = Action::Run;
    QString message; // help text, version text or the parse error
    bool headless = false;
    QString databasePath; // empty: the default session in the user's data directory
    QString listenAddress = QStringLiteral("127.0.0.1");
    quint16 grpcPort = 4317;
    quint16 httpPort = 4318;
    int statsIntervalSeconds = 5;
    int maxRequestMiB = 64; // one OTLP request, on the wire and decompressed
    // `kansoku import FILE... [--db PATH]`: import these files headless, then exit.
    bool import = false;
    QStringList importFiles;
    // `kansoku FILE...` (window only): telemetry files to import into the session once the
    // window is up, or a session file to open instead of --db.
    QStringList openFiles;

    static CommandLineOptions parse(const QStringList &arguments);
    static QString defaultDatabasePath();
};

} // namespace kansoku
