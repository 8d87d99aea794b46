#include "command_line_options.h"

#include "core/session_limits.h"
#include "core/time_format.h"
#include "forward_target.h"
#include "receiver_token.h"

#include <QCommandLineParser>
#include <QDir>
#include <QHostAddress>
#include <QProcessEnvironment>
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
    if (arguments.size() > 1
        && (arguments.at(1) == QLatin1String("scenario")
            || arguments.at(1) == QLatin1String("replay"))) {
        QStringList playbackArguments = arguments;
        const QString subcommand = playbackArguments.takeAt(1);
        QString help;
        const std::optional<PlaybackOptions> playback = PlaybackOptions::parse(
            subcommand, playbackArguments, QProcessEnvironment::systemEnvironment(),
            &options.message, &help);
        if (!help.isEmpty()) {
            options.action = Action::ShowHelp;
            options.message = help;
        } else if (!playback) {
            options.action = Action::Fail;
        } else {
            options.subcommand
                = subcommand == QLatin1String("replay") ? Subcommand::Replay : Subcommand::Scenario;
            options.playback = *playback;
        }
        return options;
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Kansoku: a desktop workbench for OpenTelemetry traces, metrics and logs.\n"
        "Runs a local OTLP receiver (gRPC and HTTP) and stores everything in one "
        "SQLite session file.\n\n"
        "kansoku [FILE...] [--trace ID] [--range FROM..TO]\n"
        "  Opens the window; telemetry files named are imported into the session (with\n"
        "  progress), a .kansoku session file is opened as the session. --trace opens\n"
        "  that trace, --range shows that time range.\n\n"
        "kansoku import FILE... [--db PATH]\n"
        "  Imports exported telemetry files into the session without a window:\n"
        "  OTLP JSON or JSON lines, OTLP protobuf (length-delimited, as the\n"
        "  OpenTelemetry Collector file exporter writes it), Jaeger JSON, Zipkin v2\n"
        "  JSON; also gzip or zstd compressed. Exit status 0: all imported;\n"
        "  1: some items skipped; 2: a file could not be read.\n\n"
        "kansoku analyze SESSION [--from T] [--to T] [--json]\n"
        "  Prints the findings in a session file (N+1 queries, redundant calls, slow\n"
        "  queries, lock waits, version regressions, error hotspots, traffic spikes,\n"
        "  fan-out, connect stalls, start delays), worst first; --json prints one JSON\n"
        "  document. Never writes the file.\n\n"
        "kansoku diff BEFORE AFTER [--json] [--threshold PCT]\n"
        "kansoku diff SESSION --before FROM..TO --after FROM..TO [--json] [--threshold PCT]\n"
        "  Compares two session files, or two time ranges of one: per operation and\n"
        "  statement calls per request, p50, p95, error rate and findings, before and\n"
        "  after. Exit status 1 when an operation's p95 or calls per request got worse\n"
        "  by more than PCT percent (default 10) or a new finding appeared; 0 otherwise;\n"
        "  2 for a file that cannot be read or a bad argument.\n\n"
        "kansoku scenario list\n"
        "kansoku scenario run NAME [--variant before|after] [--endpoint URL] ...\n"
        "  Training scenarios: sends a classic incident's telemetry (N+1, slow query,\n"
        "  lock, traffic spike, SYN backlog, scheduler delay, healthy) as OTLP to a\n"
        "  receiver. kansoku scenario --help shows every option.\n\n"
        "kansoku replay SESSION [--from T] [--to T] [--speed X] [--endpoint URL] ...\n"
        "  Sends a recorded session again as OTLP, moved to now and X times faster.\n"
        "  kansoku replay --help shows every option.\n\n"
        "kansoku mcp [--db PATH]\n"
        "  Serves the session to AI agents as a Model Context Protocol server on\n"
        "  stdin/stdout (tools: list_services, search_traces, get_trace, search_logs,\n"
        "  list_metrics, query_metric, list_findings, compare_runs). Read-only; it may\n"
        "  run while the window or --headless writes the same file.\n\n"
        "kansoku query traces|trace ID|logs|metrics|services [NAME=VALUE...] [--db PATH]\n"
        "              [--json|--csv] [--limit N]\n"
        "  Prints what the MCP tools answer, for scripts: a text table, JSON lines or\n"
        "  CSV. Filters are the tools' arguments, e.g. service=checkout sort=slowest\n"
        "  min_duration_ms=250 error=true from=T attributes.http.route=/cart (traces),\n"
        "  query='severity>=warn timeout' (logs), name=http.server.duration points=20\n"
        "  (metrics). Exit status 2 for a missing file or a bad filter.\n\n"
        "Times T are ISO 8601 (2026-12-03T10:00:00Z; without an offset, local time)."));
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
        QStringLiteral("Seconds between statistics lines in headless mode and of --stats-log "
                       "(default 5)."),
        QStringLiteral("seconds"), QStringLiteral("5"));
    const QCommandLineOption maxRequestOption(
        QStringLiteral("max-request-mib"),
        QStringLiteral("Largest OTLP request accepted, in MiB, before and after decompression "
                       "(default 64); larger ones get HTTP 413 / gRPC RESOURCE_EXHAUSTED."),
        QStringLiteral("mib"), QStringLiteral("64"));
    const QCommandLineOption maxDbOption(
        QStringLiteral("max-db-mib"),
        QStringLiteral("Keep the session's live data under N MiB, deleting the oldest telemetry "
                       "(0: no cap); stored in the session. A new session gets 2048."),
        QStringLiteral("mib"));
    const QCommandLineOption retainOption(
        QStringLiteral("retain"),
        QStringLiteral("Keep this much of the session's most recent telemetry, e.g. 90m, 12h, 7d "
                       "(0 or off: no age limit); stored in the session. A new session gets 7d."),
        QStringLiteral("duration"));
    const QCommandLineOption fromOption(
        QStringLiteral("from"), QStringLiteral("analyze: only traces that start at or after T."),
        QStringLiteral("T"));
    const QCommandLineOption toOption(QStringLiteral("to"),
                                      QStringLiteral("analyze: only traces that start before T."),
                                      QStringLiteral("T"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("analyze, diff: print one JSON document."));
    const QCommandLineOption thresholdOption(
        QStringLiteral("threshold"),
        QStringLiteral("diff: percent by which p95 or calls per request may grow (default 10)."),
        QStringLiteral("pct"), QStringLiteral("10"));
    const QCommandLineOption beforeOption(QStringLiteral("before"),
                                          QStringLiteral("diff: the time range before, FROM..TO."),
                                          QStringLiteral("range"));
    const QCommandLineOption afterOption(QStringLiteral("after"),
                                         QStringLiteral("diff: the time range after, FROM..TO."),
                                         QStringLiteral("range"));
    const QCommandLineOption csvOption(QStringLiteral("csv"),
                                       QStringLiteral("query: print CSV instead of a table."));
    const QCommandLineOption limitOption(
        QStringLiteral("limit"), QStringLiteral("query: print at most N rows (default 20)."),
        QStringLiteral("N"));
    const QCommandLineOption tokenOption(
        QStringLiteral("token"),
        QStringLiteral("Bearer token every OTLP export must carry (authorization: Bearer TOKEN); "
                       "generated when --listen is not a loopback address and no --token is "
                       "given."),
        QStringLiteral("token"));
    parser.addOption(tokenOption);
    const QCommandLineOption forwardOption(
        QStringLiteral("forward"),
        QStringLiteral("Send every export the receivers accept on, unchanged, to this upstream "
                       "OTLP endpoint (e.g. the team's Collector, http://collector:4318). "
                       "Imported files are not forwarded."),
        QStringLiteral("url"));
    const QCommandLineOption forwardProtocolOption(
        QStringLiteral("forward-protocol"),
        QStringLiteral("grpc or http/protobuf (default): how --forward sends."),
        QStringLiteral("protocol"));
    const QCommandLineOption forwardHeaderOption(
        QStringLiteral("forward-header"),
        QStringLiteral("A header --forward sends with every request, e.g. authorization=Bearer "
                       "TOKEN (repeatable; values are never printed)."),
        QStringLiteral("name=value"));
    const QCommandLineOption forwardQueueOption(
        QStringLiteral("forward-queue-mib"),
        QStringLiteral("MiB of requests --forward keeps while the upstream is unreachable "
                       "(default 64); what does not fit is dropped and counted."),
        QStringLiteral("mib"), QStringLiteral("64"));
    parser.addOptions(
        {forwardOption, forwardProtocolOption, forwardHeaderOption, forwardQueueOption});
    const QCommandLineOption traceOption(
        QStringLiteral("trace"), QStringLiteral("Window: open at this trace (32 hex digits)."),
        QStringLiteral("id"));
    const QCommandLineOption rangeOption(
        QStringLiteral("range"),
        QStringLiteral("Window: open at this time range, FROM..TO (ISO 8601 times)."),
        QStringLiteral("range"));
    const QCommandLineOption statsLogOption(
        QStringLiteral("stats-log"),
        QStringLiteral("Window: append a CSV line every --stats-interval seconds to FILE with "
                       "resident memory, event-loop lateness, refresh latency, session file and "
                       "WAL sizes and ingest rates (for soak runs)."),
        QStringLiteral("file"));
    parser.addOption(statsLogOption);
    const QCommandLineOption languageOption(
        QStringLiteral("language"),
        QStringLiteral("Window: the interface's language for this run, en or ja (default: the "
                       "choice in View > Language, else the system's language)."),
        QStringLiteral("lang"));
    parser.addOption(languageOption);
    parser.addOptions({helpOption,       versionOption,  headlessOption,  dbOption,
                       listenOption,     grpcPortOption, httpPortOption,  statsOption,
                       maxRequestOption, maxDbOption,    retainOption,    fromOption,
                       toOption,         jsonOption,     thresholdOption, beforeOption,
                       afterOption,      csvOption,      limitOption,     traceOption,
                       rangeOption});

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
    const auto fail = [&options](const QString &message) {
        options.action = Action::Fail;
        options.message = message;
        return options;
    };
    QStringList positional = parser.positionalArguments();
    const QString subcommand = positional.isEmpty() ? QString() : positional.constFirst();
    if (subcommand == QLatin1String("import")) {
        positional.removeFirst();
        if (positional.isEmpty())
            return fail(QStringLiteral("import: name at least one file to import"));
        options.subcommand = Subcommand::Import;
        options.importFiles = positional;
        positional.clear();
    } else if (subcommand == QLatin1String("mcp")) {
        positional.removeFirst();
        if (!positional.isEmpty())
            return fail(QStringLiteral("mcp: takes no files (%1); name the session with --db")
                            .arg(positional.constFirst()));
        if (parser.isSet(headlessOption))
            return fail(QStringLiteral("mcp runs no receivers: drop --headless (run kansoku "
                                       "--headless separately to record while serving)"));
        options.subcommand = Subcommand::Mcp;
    } else if (subcommand == QLatin1String("query")) {
        positional.removeFirst();
        const QStringList kinds{QStringLiteral("traces"), QStringLiteral("trace"),
                                QStringLiteral("logs"), QStringLiteral("metrics"),
                                QStringLiteral("services")};
        if (positional.isEmpty() || !kinds.contains(positional.constFirst()))
            return fail(QStringLiteral("query: name what to print: %1")
                            .arg(kinds.join(QStringLiteral(", "))));
        options.queryKind = positional.takeFirst();
        if (options.queryKind == QLatin1String("trace")
            && (positional.isEmpty() || positional.constFirst().contains(QLatin1Char('='))))
            return fail(QStringLiteral("query trace: name the trace id (32 hex digits)"));
        options.queryArguments = positional;
        positional.clear();
        if (parser.isSet(jsonOption) && parser.isSet(csvOption))
            return fail(QStringLiteral("query: --json or --csv, not both"));
        options.json = parser.isSet(jsonOption);
        options.csv = parser.isSet(csvOption);
        bool ok = true;
        if (parser.isSet(limitOption))
            options.queryLimit = parser.value(limitOption).toInt(&ok);
        if (!ok || (parser.isSet(limitOption) && options.queryLimit < 1))
            return fail(QStringLiteral("--limit: \"%1\" is not a number of rows (1 or more)")
                            .arg(parser.value(limitOption)));
        if (parser.isSet(headlessOption))
            return fail(QStringLiteral("query runs no receivers: drop --headless"));
        options.subcommand = Subcommand::Query;
    } else if (subcommand == QLatin1String("analyze") || subcommand == QLatin1String("diff")) {
        positional.removeFirst();
        options.sessionFiles = positional;
        positional.clear();
        options.json = parser.isSet(jsonOption);
        const bool analyze = subcommand == QLatin1String("analyze");
        options.subcommand = analyze ? Subcommand::Analyze : Subcommand::Diff;
        if (analyze) {
            if (options.sessionFiles.size() != 1)
                return fail(QStringLiteral("analyze: name one session file"));
            for (const auto &[option, bound] :
                 {std::pair{&fromOption, &options.analysisRange.startNs},
                  std::pair{&toOption, &options.analysisRange.endNs}}) {
                if (!parser.isSet(*option))
                    continue;
                const std::optional<std::int64_t> time = parseTime(parser.value(*option));
                if (!time)
                    return fail(QStringLiteral("--%1: \"%2\" is not an ISO 8601 date and time")
                                    .arg(option->names().constFirst(), parser.value(*option)));
                *bound = *time;
            }
            if (options.analysisRange.isEmpty())
                return fail(QStringLiteral("analyze: --to must be later than --from"));
        } else {
            bool ok = false;
            options.thresholdPercent = parser.value(thresholdOption).toDouble(&ok);
            if (!ok || options.thresholdPercent < 0)
                return fail(QStringLiteral("--threshold: \"%1\" is not a percentage (0 or more)")
                                .arg(parser.value(thresholdOption)));
            const bool ranges = parser.isSet(beforeOption) || parser.isSet(afterOption);
            if (ranges) {
                if (options.sessionFiles.size() != 1 || !parser.isSet(beforeOption)
                    || !parser.isSet(afterOption))
                    return fail(QStringLiteral("diff: with --before and --after, name one "
                                               "session file and both ranges"));
                for (const auto &[option, range] : {std::pair{&beforeOption, &options.beforeRange},
                                                    std::pair{&afterOption, &options.afterRange}}) {
                    *range = parseRange(parser.value(*option));
                    if (!*range)
                        return fail(QStringLiteral("--%1: \"%2\" is not a range FROM..TO of ISO "
                                                   "8601 times, FROM before TO")
                                        .arg(option->names().constFirst(), parser.value(*option)));
                }
            } else if (options.sessionFiles.size() != 2) {
                return fail(QStringLiteral("diff: name two session files (BEFORE AFTER), or one "
                                           "with --before and --after"));
            }
        }
    }
    const bool analyzing
        = options.subcommand == Subcommand::Analyze || options.subcommand == Subcommand::Diff;
    const bool querying = options.subcommand == Subcommand::Query;
    for (const QCommandLineOption *option : {&csvOption, &limitOption}) {
        if (parser.isSet(*option) && !querying)
            return fail(
                QStringLiteral("--%1 belongs to kansoku query").arg(option->names().constFirst()));
    }
    for (const QCommandLineOption *option :
         {&fromOption, &toOption, &jsonOption, &thresholdOption, &beforeOption, &afterOption}) {
        if (parser.isSet(*option) && !analyzing && !(querying && option == &jsonOption))
            return fail(QStringLiteral("--%1 belongs to kansoku analyze or kansoku diff")
                            .arg(option->names().constFirst()));
    }
    if (options.subcommand == Subcommand::Analyze
        && (parser.isSet(thresholdOption) || parser.isSet(beforeOption)
            || parser.isSet(afterOption)))
        return fail(QStringLiteral("analyze takes --from, --to and --json; --threshold, "
                                   "--before and --after belong to kansoku diff"));
    if (options.subcommand == Subcommand::Diff
        && (parser.isSet(fromOption) || parser.isSet(toOption)))
        return fail(QStringLiteral("diff compares ranges with --before and --after, not "
                                   "--from and --to"));
    options.headless = parser.isSet(headlessOption);
    if (!positional.isEmpty() && options.headless) {
        options.action = Action::Fail;
        options.message = QStringLiteral("--headless opens no files (%1); use kansoku import "
                                         "FILE... to import without a window")
                              .arg(positional.constFirst());
        return options;
    }
    options.openFiles = positional;
    if (parser.isSet(traceOption) || parser.isSet(rangeOption)) {
        if (options.headless || options.subcommand != Subcommand::None)
            return fail(QStringLiteral("--trace and --range open the window at a trace or a time "
                                       "range; they go with neither --headless nor a command"));
        if (parser.isSet(traceOption)) {
            const std::string hex = parser.value(traceOption).trimmed().toStdString();
            options.openTraceId = hex.empty() ? std::nullopt : idFromHex<16>(hex);
            if (!options.openTraceId)
                return fail(QStringLiteral("--trace: \"%1\" is not a trace id (32 hex digits)")
                                .arg(parser.value(traceOption)));
        }
        if (parser.isSet(rangeOption)) {
            options.openRange = parseRange(parser.value(rangeOption));
            if (!options.openRange)
                return fail(QStringLiteral("--range: \"%1\" is not a range FROM..TO of ISO 8601 "
                                           "times, FROM before TO")
                                .arg(parser.value(rangeOption)));
        }
    }

    if (parser.isSet(statsLogOption)) {
        if (options.headless || options.subcommand != Subcommand::None)
            return fail(QStringLiteral("--stats-log measures the window; it goes with neither "
                                       "--headless (which prints statistics) nor a command"));
        options.statsLogPath = parser.value(statsLogOption);
        if (options.statsLogPath.isEmpty())
            return fail(QStringLiteral("--stats-log: name the file to append to"));
    }

    if (parser.isSet(languageOption)) {
        const QString code = parser.value(languageOption);
        options.language = UiLanguage::fromCode(code);
        if (!options.language || *options.language == UiLanguage::Choice::System)
            return fail(QStringLiteral("--language: \"%1\" is not en or ja").arg(code));
        if (options.headless || options.subcommand != Subcommand::None)
            return fail(QStringLiteral("--language sets the window's language; commands and "
                                       "--headless print English"));
    }

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
    for (const QCommandLineOption *option :
         {&forwardProtocolOption, &forwardHeaderOption, &forwardQueueOption}) {
        if (parser.isSet(*option) && !parser.isSet(forwardOption))
            return fail(
                QStringLiteral("--%1 goes with --forward URL").arg(option->names().constFirst()));
    }
    if (parser.isSet(forwardOption)) {
        if (options.subcommand != Subcommand::None)
            return fail(QStringLiteral("--forward sends on what the receivers accept: it goes "
                                       "with the window or --headless, not with a command"));
        ForwardTarget::Problem problem;
        options.forwardTarget
            = ForwardTarget::parse(parser.value(forwardOption), parser.value(forwardProtocolOption),
                                   parser.values(forwardHeaderOption), &problem);
        if (!options.forwardTarget) {
            const char *flag = problem.field == ForwardTarget::Field::Url ? "--forward"
                               : problem.field == ForwardTarget::Field::Protocol
                                   ? "--forward-protocol"
                                   : "--forward-header";
            return fail(QLatin1String(flag) + QStringLiteral(": ") + problem.message);
        }
        const QString loop = ForwardTarget::loopProblem(*options.forwardTarget,
                                                        QHostAddress(options.listenAddress),
                                                        options.grpcPort, options.httpPort);
        if (!loop.isEmpty())
            return fail(QStringLiteral("--forward: ") + loop);
        options.forwardQueueMiB = parser.value(forwardQueueOption).toInt(&ok);
        if (!ok || options.forwardQueueMiB < 1 || options.forwardQueueMiB > 65536)
            return fail(QStringLiteral("--forward-queue-mib: \"%1\" is not a size in MiB "
                                       "(1-65536)")
                            .arg(parser.value(forwardQueueOption)));
    }
    if (parser.isSet(maxDbOption) || parser.isSet(retainOption)) {
        if (options.subcommand != Subcommand::None && options.subcommand != Subcommand::Import)
            return fail(QStringLiteral("--max-db-mib and --retain set the limits of the session "
                                       "the window, --headless or import writes"));
    }
    if (parser.isSet(maxDbOption)) {
        // At most 16 TiB: beyond any disk this runs on, and far from overflowing bytes.
        const qlonglong mib = parser.value(maxDbOption).toLongLong(&ok);
        if (!ok || mib < 0 || mib > (qlonglong(1) << 24))
            return fail(QStringLiteral("--max-db-mib: \"%1\" is not a size in MiB (0 for no cap, "
                                       "up to 16777216)")
                            .arg(parser.value(maxDbOption)));
        options.maxDbBytes = std::int64_t(mib) * 1024 * 1024;
    }
    if (parser.isSet(retainOption)) {
        options.retainNs = SessionLimits::parseRetention(parser.value(retainOption));
        if (!options.retainNs)
            return fail(QStringLiteral("--retain: \"%1\" is not a duration such as 90m, 12h or "
                                       "7d (0 or off for no age limit)")
                            .arg(parser.value(retainOption)));
    }
    if (parser.isSet(tokenOption)) {
        options.token = parser.value(tokenOption);
        const QString problem = ReceiverToken::problemWith(options.token);
        if (!problem.isEmpty())
            return fail(QStringLiteral("--token: %1").arg(problem));
    } else if (!QHostAddress(options.listenAddress).isLoopback()) {
        // Beyond loopback only with a token: anyone on the network could write to the session.
        options.token = ReceiverToken::generate();
        options.tokenGenerated = true;
    }
    return options;
}

std::optional<TimeRange> CommandLineOptions::parseRange(const QString &text)
{
    const QStringList bounds = text.split(QStringLiteral(".."));
    const std::optional<std::int64_t> from
        = bounds.size() == 2 ? parseTime(bounds[0]) : std::nullopt;
    const std::optional<std::int64_t> to = bounds.size() == 2 ? parseTime(bounds[1]) : std::nullopt;
    if (!from || !to || *to <= *from)
        return std::nullopt;
    return TimeRange{*from, *to};
}

std::optional<std::int64_t> CommandLineOptions::parseTime(const QString &text)
{
    return parseIsoTimestampNs(text);
}

QString CommandLineOptions::defaultDatabasePath()
{
    QString directory = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (directory.isEmpty())
        directory = QDir::homePath() + QStringLiteral("/.local/share");
    return directory + QStringLiteral("/kansoku/default.kansoku");
}

} // namespace kansoku
