#include "scenarios/scenario_engine.h"

#include <algorithm>
#include <limits>

namespace kansoku {

namespace {

// The streams' seeds depend on the scenario and the variant too, so two runs with the same seed
// (a scenario's before and after in one session, two scenarios) never share trace ids.
std::uint64_t streamSeed(const Scenario &scenario, ScenarioVariant variant, std::uint64_t seed,
                         std::size_t stream)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL; // FNV-1a
    for (const char c : scenario.info().id + (variant == ScenarioVariant::After ? "+" : "-")) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash ^ (seed * 0x9E3779B97F4A7C15ULL + stream * 7919 + 1);
}

} // namespace

ScenarioEngine::ScenarioEngine(const Scenario &scenario, ScenarioVariant variant,
                               ScenarioTimeline timeline, std::uint64_t seed,
                               std::int64_t metricIntervalNs)
    : m_timeline(timeline)
    , m_plan(scenario.plan(variant, timeline))
    , m_sdkMetrics(timeline.startNs)
    , m_metricIntervalNs(std::max<std::int64_t>(metricIntervalNs, 1'000'000))
    , m_nextExportNs(timeline.startNs + m_metricIntervalNs)
    , m_advancedUntilNs(timeline.startNs - 1)
{
    m_streams.reserve(m_plan.traffic.size());
    for (std::size_t i = 0; i < m_plan.traffic.size(); ++i) {
        // Streams are independent: a change to one source leaves the others' requests alone.
        m_streams.push_back(
            Stream{m_plan.traffic[i], ScenarioRandom(streamSeed(scenario, variant, seed, i)), 0});
        m_streams.back().nextArrivalNs = nextArrival(m_streams.back(), timeline.startNs);
    }
}

std::int64_t ScenarioEngine::nextArrival(Stream &stream, std::int64_t afterNs)
{
    // A rate that is zero for a while: look again a second later.
    std::int64_t time = afterNs;
    while (time < m_timeline.endNs) {
        const double rate = stream.source.ratePerSecond(time);
        if (rate > 0)
            return time + stream.random.interArrivalNs(rate);
        time += 1'000'000'000;
    }
    return std::numeric_limits<std::int64_t>::max();
}

void ScenarioEngine::generateArrivals(std::int64_t untilNs)
{
    const std::int64_t limit = std::min(untilNs, m_timeline.endNs - 1);
    for (;;) {
        // The earliest arrival across streams: requests are written in time order, so state they
        // share (a lock's queue) sees them as the system would.
        Stream *earliest = nullptr;
        for (Stream &stream : m_streams) {
            if (!earliest || stream.nextArrivalNs < earliest->nextArrivalNs)
                earliest = &stream;
        }
        if (!earliest || earliest->nextArrivalNs > limit)
            return;
        const std::int64_t startNs = earliest->nextArrivalNs;
        ScenarioTraceWriter writer(earliest->random);
        earliest->source.request(startNs, writer);
        GeneratedTrace trace = writer.take();
        if (!trace.spans.empty()) {
            ++m_requests;
            m_pending.emplace(trace.endNs, std::move(trace));
        }
        earliest->nextArrivalNs = nextArrival(*earliest, startNs);
    }
}

void ScenarioEngine::emitEndedBy(std::int64_t timeNs, ScenarioTelemetry &out)
{
    while (!m_pending.empty() && m_pending.begin()->first <= timeNs) {
        GeneratedTrace trace = std::move(m_pending.begin()->second);
        m_pending.erase(m_pending.begin());
        m_sdkMetrics.observe(trace);
        for (GeneratedTrace::SpanItem &item : trace.spans)
            out.addSpan(*item.service, item.scope, std::move(item.span));
        for (GeneratedTrace::LogItem &item : trace.logs)
            out.addLog(*item.service, item.scope, std::move(item.log));
    }
}

void ScenarioEngine::exportMetrics(std::int64_t timeNs, ScenarioTelemetry &out)
{
    m_sdkMetrics.exportTo(timeNs, out);
    for (const MetricSource &source : m_plan.metrics)
        source(timeNs, out);
}

TelemetryBatch ScenarioEngine::advance(std::int64_t untilNs)
{
    ScenarioTelemetry out;
    if (m_finished)
        return out.takeBatch();
    generateArrivals(untilNs);
    m_advancedUntilNs = std::max(m_advancedUntilNs, untilNs);
    while (m_nextExportNs <= untilNs && m_nextExportNs < m_timeline.endNs) {
        emitEndedBy(m_nextExportNs, out);
        exportMetrics(m_nextExportNs, out);
        m_nextExportNs += m_metricIntervalNs;
    }
    emitEndedBy(untilNs, out);
    return out.takeBatch();
}

std::int64_t ScenarioEngine::endAt(std::int64_t endNs)
{
    // Arrivals up to the last advance are drawn (and may have been handed out): the end can only
    // come after them.
    const std::int64_t endAt = std::max(endNs, m_advancedUntilNs + 1);
    if (!m_finished && endAt < m_timeline.endNs) {
        m_timeline.endNs = std::max(endAt, m_timeline.startNs);
        generateArrivals(m_timeline.endNs);
    }
    return m_pending.empty() ? m_timeline.endNs
                             : std::max(m_timeline.endNs, m_pending.rbegin()->first);
}

TelemetryBatch ScenarioEngine::finish()
{
    ScenarioTelemetry out;
    if (m_finished)
        return out.takeBatch();
    m_finished = true;
    generateArrivals(m_timeline.endNs);
    const std::int64_t lastEnd = m_pending.empty()
                                     ? m_timeline.endNs
                                     : std::max(m_timeline.endNs, m_pending.rbegin()->first);
    while (m_nextExportNs < m_timeline.endNs) {
        emitEndedBy(m_nextExportNs, out);
        exportMetrics(m_nextExportNs, out);
        m_nextExportNs += m_metricIntervalNs;
    }
    emitEndedBy(lastEnd, out);
    exportMetrics(lastEnd, out);
    return out.takeBatch();
}

} // namespace kansoku
