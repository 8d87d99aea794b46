// The command lines that send telemetry to an OTLP receiver: `kansoku scenario list`,
// `kansoku scenario run NAME [...]` and `kansoku replay SESSION [...]`. Parsed on their own
// (CommandLineOptions hands over the arguments after the subcommand), so their flags do not mix
// with the receiver's.
#pragma once

#include "core/time_range.h"
#include "otlp_export_client.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <optional>

namespace kansoku {

struct PlaybackOptions
{
    enum class Action { ListScenarios, RunScenario, Replay };
    Action action = Action::ListScenarios;
    QString scenario; // RunScenario: the scenario's id
    bool variantAfter = false;
    QString sessionPath; // Replay: the recorded session file
    TimeRange range;     // Replay: --from/--to; unbounded by default (the whole session)
    OtlpExportTarget target;
    double speed = 1.0;                    // > 0
    std::optional<double> durationSeconds; // RunScenario: the live part
    double historySeconds = 0;             // RunScenario: sent at once, ending now
    std::optional<std::uint64_t> seed;     // RunScenario: default from the clock, printed

    // subcommand: "scenario" or "replay"; arguments[0] is the program. Where --endpoint,
    // --protocol or --header is not given, the OpenTelemetry SDKs' variables in environment
    // (OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS) are used. nullopt and *error for a bad
    // command line or variable; nullopt and *help for --help.
    static std::optional<PlaybackOptions> parse(const QString &subcommand,
                                                const QStringList &arguments,
                                                const QProcessEnvironment &environment,
                                                QString *error, QString *help);
};

} // namespace kansoku
