// kansoku: the OpenTelemetry desktop workbench. Routes libprotobuf's log through a rate limiter,
// parses the command line, then runs either the window, the headless receiver or a command.
#include "analyze_command.h"
#include "command_line_options.h"
#include "diff_command.h"
#include "gui_mode.h"
#include "headless_mode.h"
#include "import_command.h"
#include "mcp_command.h"
#include "protobuf_log_limiter.h"
#include "query_command.h"
#include "replay_command.h"
#include "scenario_command.h"
#include "ui_language.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    // Before any thread starts: libprotobuf logs one line per malformed message it parses (a
    // request with invalid UTF-8, say); the limiter keeps bad input from flooding stderr, in the
    // window, --headless and every command.
    kansoku::ProtobufLogLimiter::installForProcess();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const kansoku::CommandLineOptions options = kansoku::CommandLineOptions::parse(arguments);
    switch (options.action) {
    case kansoku::CommandLineOptions::Action::ShowHelp:
    case kansoku::CommandLineOptions::Action::ShowVersion:
        std::printf("%s\n", options.message.toLocal8Bit().constData());
        return 0;
    case kansoku::CommandLineOptions::Action::Fail:
        std::fprintf(stderr, "kansoku: %s\nTry 'kansoku --help'.\n",
                     options.message.toLocal8Bit().constData());
        return 2;
    case kansoku::CommandLineOptions::Action::Run:
        break;
    }

    QCoreApplication::setOrganizationName(QStringLiteral("Kansoku"));
    QCoreApplication::setApplicationName(QStringLiteral("Kansoku"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KANSOKU_VERSION));

    switch (options.subcommand) {
    case kansoku::CommandLineOptions::Subcommand::Analyze: {
        QCoreApplication app(argc, argv);
        return kansoku::AnalyzeCommand(options).run();
    }
    case kansoku::CommandLineOptions::Subcommand::Diff: {
        QCoreApplication app(argc, argv);
        return kansoku::DiffCommand(options).run();
    }
    case kansoku::CommandLineOptions::Subcommand::Scenario: {
        QCoreApplication app(argc, argv);
        return kansoku::ScenarioCommand(options.playback).run();
    }
    case kansoku::CommandLineOptions::Subcommand::Replay: {
        QCoreApplication app(argc, argv);
        return kansoku::ReplayCommand(options.playback).run();
    }
    case kansoku::CommandLineOptions::Subcommand::Mcp: {
        QCoreApplication app(argc, argv);
        return kansoku::McpCommand(options).run();
    }
    case kansoku::CommandLineOptions::Subcommand::Query: {
        QCoreApplication app(argc, argv);
        return kansoku::QueryCommand(options).run();
    }
    case kansoku::CommandLineOptions::Subcommand::Import:
    case kansoku::CommandLineOptions::Subcommand::None:
        break;
    }
    if (options.subcommand == kansoku::CommandLineOptions::Subcommand::Import) {
        QCoreApplication app(argc, argv);
        kansoku::ImportCommand command(options);
        return command.run();
    }
    if (options.headless) {
        QCoreApplication app(argc, argv);
        kansoku::HeadlessMode mode(options);
        return mode.run();
    }
    QApplication app(argc, argv);
    // Before the first widget: every text is translated as the window is built.
    kansoku::UiLanguage::apply(options.language.value_or(kansoku::UiLanguage::savedChoice()));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/kansoku/icons/kansoku.svg")));
    QApplication::setDesktopFileName(QStringLiteral("io.github.kansoku.Kansoku"));
    kansoku::GuiMode mode(options);
    return mode.run();
}
