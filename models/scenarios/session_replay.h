// A recorded session played again: the telemetry of a time range of a session file, read a slice
// at a time, with every timestamp moved so the range starts at a new time and relative timing
// scaled by a speed (10x: ten recorded minutes in one). Spans go out when their (moved) trace
// has ended, logs and metric points at their time. Ids stay as recorded, so replay into a fresh
// session. Reads through TelemetryQueries, so it blocks: a command's thread or a worker.
#pragma once

#include "core/telemetry_queries.h"
#include "scenarios/timed_telemetry_source.h"

#include <map>
#include <memory>
#include <utility>
#include <variant>

namespace kansoku {

class SessionReplay final : public TimedTelemetrySource
{
public:
    // recorded must be bounded (the session's time bounds, or the user's range); speed > 0.
    SessionReplay(std::shared_ptr<const TelemetryQueries> queries, TimeRange recorded,
                  std::int64_t startNs, double speed);

    ScenarioTimeline timeline() const override;
    TelemetryBatch advance(std::int64_t untilNs) override;
    TelemetryBatch finish() override;
    // What was recorded from then on is left out; the traces that started before end as recorded.
    std::int64_t endAt(std::int64_t endNs) override;
    std::int64_t traceCount() const override { return m_traces; }

    // A recorded time moved onto the replay's timeline.
    std::int64_t moved(std::int64_t recordedNs) const;

    // The recorded range a replay of requested covers: requested (unbounded sides: the whole
    // session) clamped to the session's time bounds (TelemetryQueries::timeBounds()), one past
    // the last item so it is kept. nullopt when the session is empty or nothing lies in requested.
    // The replay command and the window's Replay into… both start from it.
    static std::optional<TimeRange> recordedRange(const std::optional<TimeRange> &bounds,
                                                  const TimeRange &requested);
    // What a replay of recorded sends: the traces starting in it with all their spans, its logs
    // and data points, and the streams they belong to. Counts through the queries (trace
    // summaries, a log count, the points of streams only partly inside), so it blocks.
    static TelemetryTotals itemsIn(const TelemetryQueries &queries, const TimeRange &recorded);

private:
    // What the queries returned, with its times moved; ExportBatchBuilder groups the due ones
    // back into resources and scopes, schema URLs included.
    using Item = std::variant<Trace, StoredLog, std::pair<MetricStream, Metric>>;

    void loadUntil(std::int64_t recordedNs);
    // A time on the replay's timeline back in recorded time.
    std::int64_t recordedAt(std::int64_t replayNs) const;
    void loadSlice(const TimeRange &slice);
    TelemetryBatch takeDue(std::int64_t untilNs);

    std::shared_ptr<const TelemetryQueries> m_queries;
    TimeRange m_recorded;
    std::int64_t m_startNs;
    double m_speed;
    std::int64_t m_loadedUntil;
    std::int64_t m_advancedUntil; // on the replay's timeline
    std::vector<MetricStream> m_streams;
    bool m_streamsListed = false;
    std::multimap<std::int64_t, Item> m_pending; // by moved due time
    std::int64_t m_traces = 0;
};

} // namespace kansoku
