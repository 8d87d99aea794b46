// The kansoku command line: parsed once in main() before any other object exists.
#pragma once

#include "core/telemetry_ids.h"
#include "core/time_range.h"
#include "playback_options.h"
#include "ui_language.h"

#include <QString>
#include <QStringList>
#include <optional>

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
    // `--stats-log FILE` (window only): RuntimeStatsLog appends a CSV line there every
    // statsIntervalSeconds. Empty: off.
    QString statsLogPath;
    int maxRequestMiB = 64; // one OTLP request, on the wire and decompressed
    // `--max-db-mib N` (0: no cap) and `--retain DURATION` (0: no age limit): stored as the
    // limits of the session the window, --headless or import opens first; unset, it keeps its
    // own (a session the window or --headless creates gets SessionLimits::defaults()).
    std::optional<std::int64_t> maxDbBytes;
    std::optional<std::int64_t> retainNs;
    // The bearer token every export must carry (`--token`, or generated when --listen is not a
    // loopback address: the receivers never listen beyond loopback without one). Empty: none.
    QString token;
    bool tokenGenerated = false;
    // `--forward URL [--forward-protocol grpc|http/protobuf] [--forward-header NAME=VALUE]...
    // [--forward-queue-mib N]` (window or --headless): every export the receivers accept goes on,
    // unchanged, to this upstream. nullopt: not forwarding (the window may still have a saved
    // upstream; the command line wins for its run).
    std::optional<OtlpExportTarget> forwardTarget;
    int forwardQueueMiB = 64;
    enum class Subcommand { None, Import, Analyze, Diff, Scenario, Replay, Mcp, Query };
    Subcommand subcommand = Subcommand::None;
    // `kansoku import FILE... [--db PATH]`: import these files headless, then exit.
    QStringList importFiles;
    // `kansoku analyze SESSION [--from T] [--to T] [--json]` and `kansoku diff BEFORE AFTER` or
    // `kansoku diff SESSION --before FROM..TO --after FROM..TO` [--json] [--threshold PCT]:
    // read the session files (never writing them), print, exit.
    QStringList sessionFiles;
    TimeRange analysisRange;              // --from/--to; unbounded by default
    std::optional<TimeRange> beforeRange; // diff of two ranges of one session
    std::optional<TimeRange> afterRange;
    bool json = false;
    double thresholdPercent = 10.0;
    // `kansoku scenario list|run NAME ...` and `kansoku replay SESSION ...`: the first argument
    // after the program must be "scenario" or "replay"; the rest is PlaybackOptions' own command
    // line.
    PlaybackOptions playback;
    // `kansoku mcp [--db PATH]`: an MCP server on stdio over the session at databasePath.
    // `kansoku query KIND [ID] [NAME=VALUE...] [--db PATH] [--json|--csv] [--limit N]`: the
    // MCP tools' answers for scripts (QueryCommand checks the filters).
    QString queryKind;          // traces, trace, logs, metrics, services
    QStringList queryArguments; // the trace id for `trace`, then the filters
    bool csv = false;
    int queryLimit = 0; // --limit; 0: not given (20 rows; a trace: the tool's own cut)
    // `kansoku FILE...` (window only): telemetry files to import into the session once the
    // window is up, or a session file to open instead of --db.
    QStringList openFiles;
    // `kansoku [SESSION] --trace ID --range FROM..TO` (window only): open at this trace (32 hex
    // digits) and this time range, so a log line, a CI job or a finding can point at evidence.
    std::optional<TraceId> openTraceId;
    std::optional<TimeRange> openRange;
    // `--language en|ja` (window only): the interface's language for this run, over View ›
    // Language and the system locale. nullopt: the saved choice.
    std::optional<UiLanguage::Choice> language;

    static CommandLineOptions parse(const QStringList &arguments);
    static QString defaultDatabasePath();
    // ISO 8601 date and time ("2026-12-03T10:00:00Z", "2026-12-03T19:00:00.250+09:00"; without
    // an offset, local time) to Unix epoch nanoseconds; nullopt when it is not one.
    static std::optional<std::int64_t> parseTime(const QString &text);
    // "FROM..TO" of two parseTime() times, FROM before TO; nullopt otherwise.
    static std::optional<TimeRange> parseRange(const QString &text);
};

} // namespace kansoku
