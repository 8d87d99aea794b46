#include "scenario_command.h"

#include "playback_console.h"
#include "scenarios/scenario_catalog.h"
#include "scenarios/scenario_engine.h"
#include "telemetry_player.h"

#include <cstdio>

namespace kansoku {

int ScenarioCommand::run() const
{
    return m_options.action == PlaybackOptions::Action::ListScenarios ? list() : play();
}

int ScenarioCommand::list() const
{
    for (const auto &scenario : ScenarioCatalog::all()) {
        const ScenarioInfo &info = scenario->info();
        std::printf("%-16s %s (%d min story)\n    %s\n", info.id.c_str(), info.title.c_str(),
                    info.storySeconds / 60, info.complaint.c_str());
    }
    return 0;
}

int ScenarioCommand::play() const
{
    const std::shared_ptr<const Scenario> scenario
        = ScenarioCatalog::find(m_options.scenario.toStdString());
    if (!scenario) {
        QStringList names;
        for (const auto &known : ScenarioCatalog::all())
            names << QString::fromStdString(known->info().id);
        std::fprintf(stderr, "kansoku: scenario: no scenario \"%s\" (there are: %s)\n",
                     qPrintable(m_options.scenario), qPrintable(names.join(QStringLiteral(", "))));
        return 2;
    }
    const ScenarioInfo &info = scenario->info();
    const double storySeconds = info.storySeconds / m_options.speed;
    const double liveSeconds = m_options.durationSeconds.value_or(
        std::max(0.0, storySeconds - m_options.historySeconds));
    const std::int64_t now = PlaybackConsole::wallClockNs();
    const ScenarioTimeline timeline{now - std::int64_t(m_options.historySeconds * 1e9),
                                    now + std::int64_t(liveSeconds * 1e9)};
    if (timeline.endNs <= timeline.startNs) {
        std::fprintf(stderr, "kansoku: scenario: --duration and --history leave nothing to send\n");
        return 2;
    }
    const std::uint64_t seed = m_options.seed.value_or(std::uint64_t(now) % 1'000'000);
    const ScenarioVariant variant
        = m_options.variantAfter ? ScenarioVariant::After : ScenarioVariant::Before;
    std::printf("%s (%s) -> %s over %s, seed %llu\n  from %s to %s\n", info.id.c_str(),
                m_options.variantAfter ? "after" : "before",
                qPrintable(m_options.target.endpoint.toString()),
                qPrintable(OtlpExportTarget::protocolName(m_options.target.protocol)),
                static_cast<unsigned long long>(seed),
                qPrintable(PlaybackConsole::isoTime(timeline.startNs)),
                qPrintable(PlaybackConsole::isoTime(timeline.endNs)));
    std::fflush(stdout);

    TelemetryPlayer player(std::make_unique<ScenarioEngine>(*scenario, variant, timeline, seed),
                           m_options.target);
    return PlaybackConsole::play(player);
}

} // namespace kansoku
