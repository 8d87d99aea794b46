#include "scenarios/session_replay.h"

#include "formats/export_batch_builder.h"

#include <algorithm>
#include <cmath>

namespace kansoku {

namespace {

constexpr std::int64_t SliceNs = 10'000'000'000; // recorded time read per query round
constexpr int PageSize = 1000;

} // namespace

SessionReplay::SessionReplay(std::shared_ptr<const TelemetryQueries> queries, TimeRange recorded,
                             std::int64_t startNs, double speed)
    : m_queries(std::move(queries))
    , m_recorded(recorded)
    , m_startNs(startNs)
    , m_speed(speed > 0 ? speed : 1.0)
    , m_loadedUntil(recorded.startNs)
    , m_advancedUntil(startNs - 1)
{}

std::int64_t SessionReplay::moved(std::int64_t recordedNs) const
{
    if (recordedNs == 0)
        return 0; // "unknown" stays unknown (e.g. a log's unset time)
    return m_startNs + std::llround(double(recordedNs - m_recorded.startNs) / m_speed);
}

std::int64_t SessionReplay::recordedAt(std::int64_t replayNs) const
{
    return m_recorded.startNs + std::int64_t(double(replayNs - m_startNs) * m_speed);
}

std::optional<TimeRange> SessionReplay::recordedRange(const std::optional<TimeRange> &bounds,
                                                      const TimeRange &requested)
{
    if (!bounds)
        return std::nullopt;
    // The bounds end at the last item's time: one past it keeps that item in range.
    const TimeRange recorded{std::max(requested.startNs, bounds->startNs),
                             std::min(requested.endNs, bounds->endNs + 1)};
    if (recorded.isEmpty())
        return std::nullopt;
    return recorded;
}

TelemetryTotals SessionReplay::itemsIn(const TelemetryQueries &queries, const TimeRange &recorded)
{
    TelemetryTotals totals;
    for (int offset = 0;; offset += PageSize) {
        TraceQuery query;
        query.range = recorded;
        query.sortOrder = TraceSortOrder::StartTimeAscending;
        query.limit = PageSize;
        query.offset = offset;
        const std::vector<TraceSummary> summaries = queries.traces(query);
        for (const TraceSummary &summary : summaries) {
            ++totals.traces;
            totals.spans += summary.spanCount;
        }
        if (int(summaries.size()) < PageSize)
            break;
    }
    LogQuery logs;
    logs.range = recorded;
    totals.logRecords = queries.countLogs(logs);
    for (const MetricStream &stream : queries.metricStreams(MetricStreamQuery{{}, {}, recorded})) {
        ++totals.metricStreams;
        if (stream.firstTimeNs >= recorded.startNs && stream.lastTimeNs < recorded.endNs) {
            totals.dataPoints += stream.pointCount; // wholly inside: no need to read the points
            continue;
        }
        const std::optional<Metric> metric
            = queries.metricPoints(MetricPointQuery{stream.streamId, recorded, 0});
        if (metric)
            totals.dataPoints += std::int64_t(metric->pointCount());
    }
    return totals;
}

ScenarioTimeline SessionReplay::timeline() const
{
    return {m_startNs, moved(m_recorded.endNs)};
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
            std::optional<Trace> trace = m_queries->trace(summary.traceId);
            if (!trace)
                continue;
            ++m_traces;
            std::int64_t endNs = 0;
            for (TraceSpan &stored : trace->spans) {
                Span &span = stored.span;
                endNs = std::max(endNs, span.endTimeNs);
                span.startTimeNs = moved(span.startTimeNs);
                span.endTimeNs = moved(span.endTimeNs);
                for (SpanEvent &event : span.events)
                    event.timeNs = moved(event.timeNs);
            }
            m_pending.emplace(moved(endNs), Item{std::move(*trace)});
        }
        if (int(summaries.size()) < PageSize)
            break;
    }
    // Logs of the slice, at their time.
    LogQuery logQuery;
    logQuery.range = slice;
    logQuery.limit = PageSize;
    for (;;) {
        LogPage page = m_queries->logs(logQuery);
        for (StoredLog &stored : page.logs) {
            LogRecord &log = stored.record;
            const std::int64_t dueNs = moved(log.effectiveTimeNs());
            log.timeNs = moved(log.timeNs);
            log.observedTimeNs = moved(log.observedTimeNs);
            m_pending.emplace(dueNs, Item{std::move(stored)});
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
        m_pending.emplace(moved(lastNs), Item{std::pair{stream, std::move(*metric)}});
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
    std::vector<Trace> traces;
    std::vector<StoredLog> logs;
    std::vector<std::pair<MetricStream, Metric>> metrics;
    while (!m_pending.empty() && m_pending.begin()->first <= untilNs) {
        Item item = std::move(m_pending.begin()->second);
        m_pending.erase(m_pending.begin());
        if (auto *trace = std::get_if<Trace>(&item))
            traces.push_back(std::move(*trace));
        else if (auto *log = std::get_if<StoredLog>(&item))
            logs.push_back(std::move(*log));
        else
            metrics.push_back(std::move(std::get<std::pair<MetricStream, Metric>>(item)));
    }
    TelemetryBatch batch;
    batch.resourceSpans = ExportBatchBuilder::fromTraces(traces);
    batch.resourceLogs = ExportBatchBuilder::fromLogs(logs);
    batch.resourceMetrics = ExportBatchBuilder::fromMetricStreams(std::move(metrics));
    return batch;
}

TelemetryBatch SessionReplay::advance(std::int64_t untilNs)
{
    // Traces are due when they end, which may be after the slice they start in: read a slice
    // ahead of what is due.
    m_advancedUntil = std::max(m_advancedUntil, untilNs);
    loadUntil(recordedAt(untilNs) + SliceNs);
    return takeDue(untilNs);
}

std::int64_t SessionReplay::endAt(std::int64_t endNs)
{
    const std::int64_t endAt = std::max(endNs, m_advancedUntil + 1);
    if (endAt < timeline().endNs) {
        m_recorded.endNs = std::max(m_recorded.startNs, recordedAt(endAt));
        // Read ahead of the new end (a slice ahead of what was due): not replayed.
        for (auto it = m_pending.begin(); it != m_pending.end();) {
            bool keep = true;
            if (auto *trace = std::get_if<Trace>(&it->second)) {
                // Spans are ordered by start time.
                keep = trace->spans.empty() || trace->spans.front().span.startTimeNs < endAt;
                m_traces -= keep ? 0 : 1;
            } else if (std::holds_alternative<StoredLog>(it->second)) {
                keep = it->first < endAt;
            } else {
                Metric &metric = std::get<std::pair<MetricStream, Metric>>(it->second).second;
                const auto late = [endAt](const DataPointBase &point) {
                    return point.timeNs >= endAt;
                };
                std::erase_if(metric.numberPoints, late);
                std::erase_if(metric.histogramPoints, late);
                std::erase_if(metric.exponentialHistogramPoints, late);
                std::erase_if(metric.summaryPoints, late);
                keep = metric.pointCount() > 0;
            }
            it = keep ? std::next(it) : m_pending.erase(it);
        }
        loadUntil(m_recorded.endNs);
    }
    const std::int64_t end = timeline().endNs;
    return m_pending.empty() ? end : std::max(end, m_pending.rbegin()->first);
}

TelemetryBatch SessionReplay::finish()
{
    loadUntil(m_recorded.endNs);
    return takeDue(std::numeric_limits<std::int64_t>::max());
}

} // namespace kansoku
