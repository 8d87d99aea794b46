#include "playback_options.h"

#include "command_line_options.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>

namespace kansoku {

namespace {

const char *const TargetHelp
    = "  --endpoint    the receiver's base URL (default OTEL_EXPORTER_OTLP_ENDPOINT, else\n"
      "                http://127.0.0.1:4318, or http://127.0.0.1:4317 for grpc)\n"
      "  --protocol    http/protobuf or grpc (default OTEL_EXPORTER_OTLP_PROTOCOL, else\n"
      "                http/protobuf)\n"
      "  --header      sent with every request, e.g. authorization=Bearer TOKEN\n"
      "                (repeatable; default: OTEL_EXPORTER_OTLP_HEADERS)\n";

QString scenarioHelp()
{
    return QStringLiteral(
               "kansoku scenario list\n"
               "  Lists the training scenarios.\n\n"
               "kansoku scenario run NAME [--variant before|after] [--endpoint URL]\n"
               "                          [--protocol grpc|http/protobuf] [--speed X]\n"
               "                          [--duration S] [--history S] [--seed N]\n"
               "                          [--header NAME=VALUE]...\n"
               "  Sends the scenario's telemetry (traces, metrics, logs) as OTLP to a receiver,\n"
               "  live: each request when it ends, metrics every 10 s, as instrumented services\n"
               "  would.\n"
               "  --variant     before (the incident, default) or after (the fix applied)\n"
               "  --speed       tells the story X times faster (default 1): phases such as a\n"
               "                spike get shorter; request rates and latencies stay real\n"
               "  --duration    seconds to run live (default: the story's length / speed,\n"
               "                less --history)\n"
               "  --history     seconds of the story to send at once, ending now (default 0)\n"
               "  --seed        reproduces a run exactly (default: from the clock, printed)\n")
           + QLatin1String(TargetHelp)
           + QStringLiteral("Exit status 0 when everything was sent; 1 when the receiver failed; "
                            "2 for a bad\nargument.");
}

QString replayHelp()
{
    return QStringLiteral(
               "kansoku replay SESSION [--from T] [--to T] [--speed X] [--endpoint URL]\n"
               "                       [--protocol grpc|http/protobuf] [--header NAME=VALUE]...\n"
               "  Sends a recorded session's telemetry again as OTLP, its timestamps moved so it\n"
               "  starts now, relative timing kept and scaled by the speed (10: ten minutes in\n"
               "  one). Replay into a fresh session: trace and span ids stay as recorded.\n"
               "  --from, --to  replay only this part (ISO 8601 times; default: everything)\n"
               "  --speed       X times faster (default 1)\n")
           + QLatin1String(TargetHelp)
           + QStringLiteral("Exit status 0 when everything was sent; 1 when the receiver failed; "
                            "2 for a bad\nargument or a file that cannot be read.");
}

} // namespace

std::optional<PlaybackOptions> PlaybackOptions::parse(const QString &subcommand,
                                                      const QStringList &arguments,
                                                      const QProcessEnvironment &environment,
                                                      QString *error, QString *help)
{
    const bool replay = subcommand == QLatin1String("replay");
    QCommandLineParser parser;
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, {});
    const QCommandLineOption endpointOption(QStringLiteral("endpoint"), {}, QStringLiteral("url"));
    const QCommandLineOption protocolOption(QStringLiteral("protocol"), {}, QStringLiteral("p"));
    const QCommandLineOption headerOption(QStringLiteral("header"), {}, QStringLiteral("h"));
    const QCommandLineOption speedOption(QStringLiteral("speed"), {}, QStringLiteral("x"));
    const QCommandLineOption variantOption(QStringLiteral("variant"), {}, QStringLiteral("v"));
    const QCommandLineOption durationOption(QStringLiteral("duration"), {}, QStringLiteral("s"));
    const QCommandLineOption historyOption(QStringLiteral("history"), {}, QStringLiteral("s"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), {}, QStringLiteral("n"));
    const QCommandLineOption fromOption(QStringLiteral("from"), {}, QStringLiteral("t"));
    const QCommandLineOption toOption(QStringLiteral("to"), {}, QStringLiteral("t"));
    parser.addOptions({helpOption, endpointOption, protocolOption, headerOption, speedOption});
    if (replay)
        parser.addOptions({fromOption, toOption});
    else
        parser.addOptions({variantOption, durationOption, historyOption, seedOption});
    const auto fail = [&](const QString &message) {
        *error = subcommand + QStringLiteral(": ") + message;
        return std::nullopt;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(helpOption)) {
        *help = replay ? replayHelp() : scenarioHelp();
        return std::nullopt;
    }
    const QStringList positional = parser.positionalArguments();
    PlaybackOptions options;
    if (replay) {
        if (positional.size() != 1)
            return fail(QStringLiteral("name one session file"));
        options.action = Action::Replay;
        options.sessionPath = positional.constFirst();
        for (const auto &[option, bound] : {std::pair{&fromOption, &options.range.startNs},
                                            std::pair{&toOption, &options.range.endNs}}) {
            if (!parser.isSet(*option))
                continue;
            const std::optional<std::int64_t> time
                = CommandLineOptions::parseTime(parser.value(*option));
            if (!time)
                return fail(QStringLiteral("--%1: \"%2\" is not an ISO 8601 date and time")
                                .arg(option->names().constFirst(), parser.value(*option)));
            *bound = *time;
        }
        if (options.range.isEmpty())
            return fail(QStringLiteral("--to must be later than --from"));
    } else {
        if (positional.isEmpty())
            return fail(QStringLiteral("say list, or run NAME"));
        if (positional.constFirst() == QLatin1String("list")) {
            if (positional.size() != 1 || !parser.optionNames().isEmpty())
                return fail(QStringLiteral("list takes no arguments"));
            return options;
        }
        if (positional.constFirst() != QLatin1String("run"))
            return fail(QStringLiteral("\"%1\" is not list or run").arg(positional.constFirst()));
        if (positional.size() != 2)
            return fail(QStringLiteral("run: name one scenario (kansoku scenario list shows "
                                       "them)"));
        options.action = Action::RunScenario;
        options.scenario = positional.at(1);
        const QString variant = parser.value(variantOption);
        if (parser.isSet(variantOption) && variant != QLatin1String("before")
            && variant != QLatin1String("after"))
            return fail(QStringLiteral("--variant: \"%1\" is not before or after").arg(variant));
        options.variantAfter = variant == QLatin1String("after");
    }

    // A flag wins; otherwise the SDKs' own variables, so an app's (or a training room's) settings
    // need no retyping.
    const auto setting = [&](const QCommandLineOption &option,
                             const char *variable) -> std::pair<QString, QString> {
        if (parser.isSet(option))
            return {QStringLiteral("--") + option.names().constFirst(), parser.value(option)};
        return {QString::fromLatin1(variable), environment.value(QString::fromLatin1(variable))};
    };
    if (const auto [source, text] = setting(protocolOption, "OTEL_EXPORTER_OTLP_PROTOCOL");
        !text.isEmpty()) {
        const auto protocol = OtlpExportTarget::parseProtocol(text);
        if (!protocol)
            return fail(
                QStringLiteral("%1: \"%2\" is not grpc or http/protobuf").arg(source, text));
        options.target.protocol = *protocol;
    }
    options.target.endpoint = OtlpExportTarget::defaultEndpoint(options.target.protocol);
    if (const auto [source, text] = setting(endpointOption, "OTEL_EXPORTER_OTLP_ENDPOINT");
        !text.isEmpty()) {
        const std::optional<QUrl> url = OtlpExportTarget::parseEndpoint(text);
        if (!url)
            return fail(
                QStringLiteral("%1: \"%2\" is not an http:// or https:// URL").arg(source, text));
        options.target.endpoint = *url;
    }
    if (parser.isSet(headerOption)) {
        for (const QString &header : parser.values(headerOption)) {
            const auto parsed = OtlpExportTarget::parseHeader(header);
            if (!parsed)
                return fail(QStringLiteral("--header: \"%1\" is not NAME=VALUE").arg(header));
            options.target.headers.append(*parsed);
        }
    } else {
        // The specification's format: comma-separated key=value pairs, values percent-encoded.
        const QString headers = environment.value(QStringLiteral("OTEL_EXPORTER_OTLP_HEADERS"));
        for (const QString &header : headers.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const qsizetype equals = header.indexOf(QLatin1Char('='));
            if (equals <= 0)
                return fail(QStringLiteral("OTEL_EXPORTER_OTLP_HEADERS: \"%1\" is not "
                                           "key=value")
                                .arg(header));
            options.target.headers.append(
                {header.left(equals).trimmed().toUtf8(),
                 QByteArray::fromPercentEncoding(header.mid(equals + 1).trimmed().toUtf8())});
        }
    }
    const auto number = [&parser](const QCommandLineOption &option, double *value) {
        bool ok = false;
        *value = parser.value(option).toDouble(&ok);
        return ok;
    };
    if (parser.isSet(speedOption)
        && (!number(speedOption, &options.speed) || !(options.speed > 0) || options.speed > 1000))
        return fail(QStringLiteral("--speed: \"%1\" is not a factor between 0 and 1000")
                        .arg(parser.value(speedOption)));
    if (replay)
        return options;

    double seconds = 0;
    if (parser.isSet(durationOption)) {
        if (!number(durationOption, &seconds) || seconds < 0 || seconds > 7 * 86400)
            return fail(QStringLiteral("--duration: \"%1\" is not a number of seconds (0 to a "
                                       "week)")
                            .arg(parser.value(durationOption)));
        options.durationSeconds = seconds;
    }
    if (parser.isSet(historyOption)
        && (!number(historyOption, &options.historySeconds) || options.historySeconds < 0
            || options.historySeconds > 86400))
        return fail(QStringLiteral("--history: \"%1\" is not a number of seconds (0 to a day)")
                        .arg(parser.value(historyOption)));
    if (parser.isSet(seedOption)) {
        bool ok = false;
        const qulonglong seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok)
            return fail(QStringLiteral("--seed: \"%1\" is not a whole number")
                            .arg(parser.value(seedOption)));
        options.seed = seed;
    }
    return options;
}

} // namespace kansoku
