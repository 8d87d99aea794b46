#include "command_line_options.h"

#include <QCommandLineParser>
#include <QDir>
#include <QHostAddress>
#include <QStandardPaths>

namespace kansoku {

static bool parsePort(const QString &text, quint16 *port)
{
    bool ok = false;
    const uint value = text.toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    *port = quint16(value);
    return true;
}

CommandLineOptions CommandLineOptions::parse(const QStringList &arguments)
{
    CommandLineOptions options;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Kansoku: a desktop workbench for OpenTelemetry traces, metrics and logs.\n"
        "Runs a local OTLP receiver (gRPC and HTTP) and stores everything in one "
        "SQLite session file.\n\n"
        "kansoku [FILE...]\n"
        "  Opens the window; telemetry files named are imported into the session (with\n"
        "  progress), a .kansoku session file is opened as the session.\n\n"
        "kansoku import FILE... [--db PATH]\n"
        "  Imports exported telemetry files into the session without a window:\n"
        "  OTLP JSON or JSON lines, OTLP protobuf (length-delimited, as the\n"
        "  OpenTelemetry Collector file exporter writes it), Jaeger JSON, Zipkin v2\n"
        "  JSON; also gzip or zstd compressed. Exit status 0: all imported;\n"
        "  1: some items skipped; 2: a file could not be read."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help and exit."));
    const QCommandLineOption versionOption(QStringLiteral("version"),
                                           QStringLiteral("Show the version and exit."));
    const QCommandLineOption headlessOption(
        QStringLiteral("headless"),
        QStringLiteral("Run the receivers and the store without a window; print statistics; "
                       "stop cleanly on SIGINT/SIGTERM."));
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("Session database file (default: %1).").arg(defaultDatabasePath()),
        QStringLiteral("path"));
    const QCommandLineOption listenOption(
        QStringLiteral("listen"),
        QStringLiteral("Address the receivers listen on (default 127.0.0.1; 0.0.0.0 exposes them "
                       "to the network)."),
        QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption grpcPortOption(QStringLiteral("grpc-port"),
                                            QStringLiteral("OTLP/gRPC port (default 4317)."),
                                            QStringLiteral("port"), QStringLiteral("4317"));
    const QCommandLineOption httpPortOption(QStringLiteral("http-port"),
                                            QStringLiteral("OTLP/HTTP port (default 4318)."),
                                            QStringLiteral("port"), QStringLiteral("4318"));
    const QCommandLineOption statsOption(
        QStringLiteral("stats-interval"),
        QStringLiteral("Seconds between statistics lines in headless mode (default 5)."),
        QStringLiteral("seconds"), QStringLiteral("5"));
    const QCommandLineOption maxRequestOption(
        QStringLiteral("max-request-mib"),
        QStringLiteral("Largest OTLP request accepted, in MiB, before and after decompression "
                       "(default 64); larger ones get HTTP 413 / gRPC RESOURCE_EXHAUSTED."),
        QStringLiteral("mib"), QStringLiteral("64"));
    parser.addOptions({helpOption, versionOption, headlessOption, dbOption, listenOption,
                       grpcPortOption, httpPortOption, statsOption, maxRequestOption});

    if (!parser.parse(arguments)) {
        options.action = Action::Fail;
        options.message = parser.errorText();
        return options;
    }
    if (parser.isSet(helpOption)) {
        options.action = Action::ShowHelp;
        options.message = parser.helpText();
        return options;
    }
    if (parser.isSet(versionOption)) {
        options.action = Action::ShowVersion;
        options.message = QStringLiteral("kansoku " KANSOKU_VERSION);
        return options;
    }
    // The one subcommand; other positional arguments are files for the window to open.
    QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty() && positional.constFirst() == QLatin1String("import")) {
        positional.removeFirst();
        if (positional.isEmpty()) {
            options.action = Action::Fail;
            options.message = QStringLiteral("import: name at least one file to import");
            return options;
        }
        options.import = true;
        options.importFiles = positional;
        positional.clear();
    }
    options.headless = parser.isSet(headlessOption);
    if (!positional.isEmpty() && options.headless) {
        options.action = Action::Fail;
        options.message = QStringLiteral("--headless opens no files (%1); use kansoku import "
                                         "FILE... to import without a window")
                              .arg(positional.constFirst());
        return options;
    }
    options.openFiles = positional;

    options.databasePath = parser.isSet(dbOption) ? parser.value(dbOption) : defaultDatabasePath();
    options.listenAddress = parser.value(listenOption);
    if (QHostAddress(options.listenAddress).isNull()) {
        options.action = Action::Fail;
        options.message
            = QStringLiteral("--listen: \"%1\" is not an IP address").arg(options.listenAddress);
        return options;
    }
    if (!parsePort(parser.value(grpcPortOption), &options.grpcPort)) {
        options.action = Action::Fail;
        options.message = QStringLiteral("--grpc-port: \"%1\" is not a port number (0-65535)")
                              .arg(parser.value(grpcPortOption));
        return options;
    }
    if (!parsePort(parser.value(httpPortOption), &options.httpPort)) {
        options.action = Action::Fail;
        options.message = QStringLiteral("--http-port: \"%1\" is not a port number (0-65535)")
                              .arg(parser.value(httpPortOption));
        return options;
    }
    bool ok = false;
    options.statsIntervalSeconds = parser.value(statsOption).toInt(&ok);
    if (!ok || options.statsIntervalSeconds < 1) {
        options.action = Action::Fail;
        options.message = QStringLiteral("--stats-interval: \"%1\" is not a whole number of "
                                         "seconds (1 or more)")
                              .arg(parser.value(statsOption));
        return options;
    }
    options.maxRequestMiB = parser.value(maxRequestOption).toInt(&ok);
    // 2 GiB is protobuf's own ceiling for one message.
    if (!ok || options.maxRequestMiB < 1 || options.maxRequestMiB > 2047) {
        options.action = Action::Fail;
        options.message = QStringLiteral("--max-request-mib: \"%1\" is not a size in MiB "
                                         "(1-2047)")
                              .arg(parser.value(maxRequestOption));
        return options;
    }
    return options;
}

QString CommandLineOptions::defaultDatabasePath()
{
    QString directory = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (directory.isEmpty())
        directory = QDir::homePath() + QStringLiteral("/.local/share");
    return directory + QStringLiteral("/kansoku/default.kansoku");
}

} // namespace kansoku
