#include "view/workbench_state.h"

#include <algorithm>
#include <limits>

namespace kansoku {

namespace {
constexpr std::int64_t nsPerMinute = 60'000'000'000LL;
constexpr std::int64_t openEndNs = std::numeric_limits<std::int64_t>::max();
} // namespace

WorkbenchState::WorkbenchState(QObject *parent)
    : QObject(parent)
{}

std::int64_t WorkbenchState::presetDurationNs(RangePreset preset)
{
    switch (preset) {
    case RangePreset::Last5Minutes:
        return 5 * nsPerMinute;
    case RangePreset::Last15Minutes:
        return 15 * nsPerMinute;
    case RangePreset::LastHour:
        return 60 * nsPerMinute;
    case RangePreset::Last6Hours:
        return 360 * nsPerMinute;
    case RangePreset::All:
    case RangePreset::Custom:
        break;
    }
    return 0;
}

TimeRange WorkbenchState::displayRange() const
{
    if (!m_dataBounds)
        return m_timeRange;
    TimeRange range = m_timeRange;
    if (!range.hasStart())
        range.startNs = m_dataBounds->startNs;
    if (!range.hasEnd())
        range.endNs = std::max(m_dataBounds->endNs, range.startNs + 1);
    return range;
}

void WorkbenchState::setRangePreset(RangePreset preset)
{
    if (preset == RangePreset::Custom)
        return; // a custom range comes with its bounds, through setCustomRange()
    m_preset = preset;
    resolvePreset();
}

void WorkbenchState::setCustomRange(TimeRange range)
{
    if (range.isEmpty())
        return;
    m_preset = RangePreset::Custom;
    if (m_followLive) {
        m_followLive = false;
        Q_EMIT followLiveChanged(false);
    }
    applyRange(range);
}

void WorkbenchState::setFollowLive(bool followLive)
{
    if (m_followLive == followLive)
        return;
    m_followLive = followLive;
    if (m_followLive && m_preset == RangePreset::Custom)
        m_preset = RangePreset::LastHour; // following means "the newest data": a preset is implied
    resolvePreset();
    Q_EMIT followLiveChanged(m_followLive);
}

void WorkbenchState::setDataBounds(std::optional<TimeRange> bounds)
{
    m_dataBounds = bounds;
    if (m_followLive || m_timeRange == TimeRange{})
        resolvePreset();
}

void WorkbenchState::resolvePreset()
{
    if (m_preset == RangePreset::Custom)
        return;
    const std::int64_t durationNs = presetDurationNs(m_preset);
    if (durationNs == 0 || !m_dataBounds) {
        applyRange(TimeRange{});
        return;
    }
    TimeRange range;
    range.startNs = m_dataBounds->endNs - durationNs;
    // Following: open-ended so new data is never cut off. Frozen: end just after the newest data.
    range.endNs = m_followLive ? openEndNs : m_dataBounds->endNs + 1;
    applyRange(range);
}

void WorkbenchState::applyRange(TimeRange range)
{
    if (range == m_timeRange)
        return;
    m_timeRange = range;
    Q_EMIT timeRangeChanged();
}

void WorkbenchState::setService(const QString &service)
{
    if (service == m_service)
        return;
    m_service = service;
    Q_EMIT serviceChanged();
}

void WorkbenchState::selectSpan(const TraceId &traceId, const SpanId &spanId)
{
    const bool keepsHighlight
        = m_highlightedTraceId == traceId && !spanId.isZero()
          && std::find(m_highlightedSpans.begin(), m_highlightedSpans.end(), spanId)
                 != m_highlightedSpans.end();
    if (!keepsHighlight)
        setHighlight(std::nullopt, {});
    m_selectedTraceId = traceId;
    m_selectedSpanId = spanId;
    Q_EMIT spanSelected(traceId, spanId);
}

void WorkbenchState::selectSpans(const TraceId &traceId, std::vector<SpanId> spanIds)
{
    const SpanId first = spanIds.empty() ? SpanId{} : spanIds.front();
    if (spanIds.empty())
        setHighlight(std::nullopt, {});
    else
        setHighlight(traceId, std::move(spanIds));
    m_selectedTraceId = traceId;
    m_selectedSpanId = first;
    Q_EMIT spanSelected(traceId, first);
}

void WorkbenchState::setHighlight(std::optional<TraceId> traceId, std::vector<SpanId> spanIds)
{
    if (traceId == m_highlightedTraceId && spanIds == m_highlightedSpans)
        return;
    m_highlightedTraceId = traceId;
    m_highlightedSpans = std::move(spanIds);
    Q_EMIT highlightChanged();
}

void WorkbenchState::requestLogsOf(const TraceId &traceId, const SpanId &spanId)
{
    Q_EMIT logsRequested(traceId, spanId);
}

void WorkbenchState::requestMetric(const QString &metricKey, const QString &groupByKey)
{
    Q_EMIT metricRequested(metricKey, groupByKey);
}

void WorkbenchState::requestLogSearch(const QString &text)
{
    Q_EMIT logSearchRequested(text);
}

void WorkbenchState::requestTraceOperation(const QString &operation)
{
    Q_EMIT traceOperationRequested(operation);
}

void WorkbenchState::noteTelemetryCommitted()
{
    Q_EMIT telemetryCommitted();
}

void WorkbenchState::noteTelemetryRemoved()
{
    Q_EMIT telemetryRemoved();
}

void WorkbenchState::resetForNewSession()
{
    m_selectedTraceId.reset();
    m_selectedSpanId = SpanId{};
    setHighlight(std::nullopt, {});
    m_dataBounds.reset();
    setService(QString());
    if (m_preset == RangePreset::Custom)
        m_preset = RangePreset::All;
    if (!m_followLive) {
        m_followLive = true;
        Q_EMIT followLiveChanged(true);
    }
    resolvePreset();
}

} // namespace kansoku
