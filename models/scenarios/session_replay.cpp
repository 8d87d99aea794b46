#include "scenarios/session_replay.h"

#include <algorithm>
#include <cmath>

namespace kansoku {

namespace {

constexpr std::int64_t SliceNs = 10'000'000'000; // recorded time read per query round
constexpr int PageSize = 1000;

template<typename Resources>
auto &resourceEntry(Resources &resources, const Resource &resource)
{
    const auto found = std::find_if(resources.begin(), resources.end(),
                                    [&](const auto &entry) { return entry.resource == resource; });
    if (found != resources.end())
        return *found;
    auto &entry = resources.emplace_back();
    entry.resource = resource;
    return entry;
}

template<typename Scopes>
auto &scopeEntry(Scopes &scopes, const InstrumentationScope &scope)
{
    const auto found = std::find_if(scopes.begin(), scopes.end(),
                                    [&](const auto &entry) { return entry.scope == scope; });
    if (found != scopes.end())
        return *found;
    auto &entry = scopes.emplace_back();
    entry.scope = scope;
    return entry;
}

} // namespace

SessionReplay::SessionReplay(std::shared_ptr<const TelemetryQueries> queries, TimeRange recorded,
                             std::int64_t startNs, double speed)
    : m_queries(std::move(queries))
    , m_recorded(recorded)
    , m_startNs(startNs)
    , m_speed(speed > 0 ? speed : 1.0)
    , m_loadedUntil(recorded.startNs)
{}

std::int64_t SessionReplay::moved(std::int64_t recordedNs) const
{
    if (recordedNs == 0)
        return 0; // "unknown" stays unknown (e.g. a log's unset time)
    return m_startNs + std::llround(double(recordedNs - m_recorded.startNs) / m_speed);
}

ScenarioTimeline SessionReplay::timeline() const
{
    return {m_startNs, moved(m_recorded.endNs)};
}

const Resource *SessionReplay::keep(const Resource &resource)
{
    for (const auto &kept : m_resources) {
        if (*kept == resource)
            return kept.get();
    }
    m_resources.push_back(std::make_unique<Resource>(resource));
    return m_resources.back().get();
}

const InstrumentationScope *SessionReplay::keep(const InstrumentationScope &scope)
{
    for (const auto &kept : m_scopes) {
        if (*kept == scope)
            return kept.get();
    }
    m_scopes.push_back(std::make_unique<InstrumentationScope>(scope));
    return m_scopes.back().get();
}

void SessionReplay::loadSlice(const TimeRange &slice)
{
    // Traces that start in the slice, whole: due when their last span has ended.
    for (int offset = 0;; offset += PageSize) {
        TraceQuery query;
        query.range = slice;
        query.sortOrder = TraceSortOrder::StartTimeAscending;
        query.limit = PageSize;
        query.offset = offset;
        const std::vector<TraceSummary> summaries = m_queries->traces(query);
        for (const TraceSummary &summary : summaries) {
            const std::optional<Trace> trace = m_queries->trace(summary.traceId);
            if (!trace)
                continue;
            ++m_traces;
            std::int64_t endNs = 0;
            for (const TraceSpan &stored : trace->spans)
                endNs = std::max(endNs, stored.span.endTimeNs);
            for (const TraceSpan &stored : trace->spans) {
                Span span = stored.span;
                span.startTimeNs = moved(span.startTimeNs);
                span.endTimeNs = moved(span.endTimeNs);
                for (SpanEvent &event : span.events)
                    event.timeNs = moved(event.timeNs);
                m_pending.emplace(moved(endNs),
                                  Item{keep(trace->resources.at(std::size_t(stored.resourceIndex))),
                                       keep(trace->scopes.at(std::size_t(stored.scopeIndex))),
                                       std::move(span)});
            }
        }
        if (int(summaries.size()) < PageSize)
            break;
    }
    // Logs of the slice, at their time.
    LogQuery logQuery;
    logQuery.range = slice;
    logQuery.limit = PageSize;
    for (;;) {
        const LogPage page = m_queries->logs(logQuery);
        for (const StoredLog &stored : page.logs) {
            LogRecord log = stored.record;
            const std::int64_t dueNs = moved(log.effectiveTimeNs());
            log.timeNs = moved(log.timeNs);
            log.observedTimeNs = moved(log.observedTimeNs);
            m_pending.emplace(dueNs,
                              Item{keep(stored.resource), keep(stored.scope), std::move(log)});
        }
        if (!page.nextBeforeRowId)
            break;
        logQuery.beforeRowId = page.nextBeforeRowId;
    }
    // Each stream's points of the slice, at its last point's time.
    for (const MetricStream &stream : m_streams) {
        if (stream.lastTimeNs < slice.startNs || stream.firstTimeNs >= slice.endNs)
            continue;
        std::optional<Metric> metric
            = m_queries->metricPoints(MetricPointQuery{stream.streamId, slice, 0});
        if (!metric || metric->pointCount() == 0)
            continue;
        std::int64_t lastNs = 0;
        const auto move = [&](DataPointBase &point) {
            lastNs = std::max(lastNs, point.timeNs);
            point.startTimeNs = moved(point.startTimeNs);
            point.timeNs = moved(point.timeNs);
            for (Exemplar &exemplar : point.exemplars)
                exemplar.timeNs = moved(exemplar.timeNs);
        };
        std::for_each(metric->numberPoints.begin(), metric->numberPoints.end(), move);
        std::for_each(metric->histogramPoints.begin(), metric->histogramPoints.end(), move);
        std::for_each(metric->exponentialHistogramPoints.begin(),
                      metric->exponentialHistogramPoints.end(), move);
        std::for_each(metric->summaryPoints.begin(), metric->summaryPoints.end(), move);
        m_pending.emplace(moved(lastNs),
                          Item{keep(stream.resource), keep(stream.scope), std::move(*metric)});
    }
}

void SessionReplay::loadUntil(std::int64_t recordedNs)
{
    if (!m_streamsListed) {
        m_streams = m_queries->metricStreams(MetricStreamQuery{{}, {}, m_recorded});
        m_streamsListed = true;
    }
    const std::int64_t limit = std::min(recordedNs, m_recorded.endNs);
    while (m_loadedUntil < limit) {
        const std::int64_t sliceEnd = std::min(m_loadedUntil + SliceNs, m_recorded.endNs);
        loadSlice({m_loadedUntil, sliceEnd});
        m_loadedUntil = sliceEnd;
    }
}

TelemetryBatch SessionReplay::takeDue(std::int64_t untilNs)
{
    TelemetryBatch batch;
    while (!m_pending.empty() && m_pending.begin()->first <= untilNs) {
        Item item = std::move(m_pending.begin()->second);
        m_pending.erase(m_pending.begin());
        if (auto *span = std::get_if<Span>(&item.value)) {
            scopeEntry(resourceEntry(batch.resourceSpans, *item.resource).scopeSpans, *item.scope)
                .spans.push_back(std::move(*span));
        } else if (auto *log = std::get_if<LogRecord>(&item.value)) {
            scopeEntry(resourceEntry(batch.resourceLogs, *item.resource).scopeLogs, *item.scope)
                .logRecords.push_back(std::move(*log));
        } else {
            scopeEntry(resourceEntry(batch.resourceMetrics, *item.resource).scopeMetrics,
                       *item.scope)
                .metrics.push_back(std::move(std::get<Metric>(item.value)));
        }
    }
    return batch;
}

TelemetryBatch SessionReplay::advance(std::int64_t untilNs)
{
    // Traces are due when they end, which may be after the slice they start in: read a slice
    // ahead of what is due.
    const std::int64_t recordedUntil
        = m_recorded.startNs + std::int64_t(double(untilNs - m_startNs) * m_speed);
    loadUntil(recordedUntil + SliceNs);
    return takeDue(untilNs);
}

TelemetryBatch SessionReplay::finish()
{
    loadUntil(m_recorded.endNs);
    return takeDue(std::numeric_limits<std::int64_t>::max());
}

} // namespace kansoku
