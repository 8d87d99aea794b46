// The state every pane observes: the shared time range (a preset resolved against the session's
// data, or a custom range), "follow live", the service filter, the selected span and the spans
// highlighted with it, and requests one pane makes of another (open a trace, show the logs of a
// trace or span, a metric). GUI thread; panes talk to each other only through this object.
#pragma once

#include "core/telemetry_ids.h"
#include "core/time_range.h"

#include <QObject>
#include <QString>
#include <optional>
#include <vector>

namespace kansoku {

class WorkbenchState : public QObject
{
    Q_OBJECT
public:
    enum class RangePreset { Last5Minutes, Last15Minutes, LastHour, Last6Hours, All, Custom };
    Q_ENUM(RangePreset)

    explicit WorkbenchState(QObject *parent = nullptr);

    // The range every query uses. "Last N" presets end at the newest telemetry of the session (so
    // an exported file opened days later still shows its last N minutes); while following live the
    // end is open, so data arriving after the last resolution is never cut off.
    TimeRange timeRange() const { return m_timeRange; }
    // The range to draw on a time axis: timeRange() clamped to the session's data.
    TimeRange displayRange() const;
    RangePreset rangePreset() const { return m_preset; }
    bool isFollowingLive() const { return m_followLive; }
    std::optional<TimeRange> dataBounds() const { return m_dataBounds; }

    void setRangePreset(RangePreset preset);
    // A range picked by the user (typed, or dragged on a chart): stops following live.
    void setCustomRange(TimeRange range);
    void setFollowLive(bool followLive);
    // The session's data bounds, refreshed by the app after commits; moves a following preset.
    void setDataBounds(std::optional<TimeRange> bounds);

    // Empty = every service.
    QString service() const { return m_service; }
    void setService(const QString &service);

    std::optional<TraceId> selectedTraceId() const { return m_selectedTraceId; }
    SpanId selectedSpanId() const { return m_selectedSpanId; }
    // Records the selection; the traces pane opens the trace when it is not the one shown.
    // Selecting another trace, the trace itself (spanId zero) or a span outside the highlighted
    // set clears the highlight; selecting one of the highlighted spans keeps it.
    void selectSpan(const TraceId &traceId, const SpanId &spanId = {});
    // Opens a trace with a set of spans highlighted (e.g. the calls of a finding) and the first
    // of them selected; an empty set selects the trace and clears the highlight.
    void selectSpans(const TraceId &traceId, std::vector<SpanId> spanIds);
    // The highlighted spans (empty when none) and the trace they belong to.
    const std::vector<SpanId> &highlightedSpans() const { return m_highlightedSpans; }
    std::optional<TraceId> highlightedTraceId() const { return m_highlightedTraceId; }
    // Asks the logs pane to show only the logs of a trace (spanId zero) or of one span.
    void requestLogsOf(const TraceId &traceId, const SpanId &spanId = {});
    // Asks the metrics pane to show this metric (MetricEntry::key(): service, name, type), with
    // one line per value of groupByKey when it is not empty.
    void requestMetric(const QString &metricKey, const QString &groupByKey = {});
    // Asks the logs pane to search for this text (its search box's syntax), e.g. from the
    // command palette.
    void requestLogSearch(const QString &text);
    // Asks the traces pane to list only the traces whose root operation is this (its filter
    // row's exact match), e.g. from a row of the before/after comparison.
    void requestTraceOperation(const QString &operation);

    // Called by the app at most a few times a second when new telemetry was committed.
    void noteTelemetryCommitted();
    // Called by the app when telemetry was deleted (the session's limits, Clear session data):
    // what a pane shows may be gone. Followed by noteTelemetryCommitted().
    void noteTelemetryRemoved();
    // Another session was opened: its data has other bounds and services, and the selection
    // points into the old file. A custom range belongs to the old data too, so it becomes All.
    void resetForNewSession();

    static std::int64_t presetDurationNs(RangePreset preset); // 0 for All and Custom

Q_SIGNALS:
    void timeRangeChanged();
    void followLiveChanged(bool followLive);
    void serviceChanged();
    void spanSelected(const kansoku::TraceId &traceId, const kansoku::SpanId &spanId);
    // highlightedSpans() changed; emitted before the spanSelected that goes with it.
    void highlightChanged();
    void logsRequested(const kansoku::TraceId &traceId, const kansoku::SpanId &spanId);
    void metricRequested(const QString &metricKey, const QString &groupByKey);
    void logSearchRequested(const QString &text);
    void traceOperationRequested(const QString &operation);
    // New data is stored; panes showing live data refresh (coalesced by the app).
    void telemetryCommitted();
    // Stored telemetry was deleted: panes that only append (logs) or keep what they opened (a
    // trace) load again.
    void telemetryRemoved();

private:
    void resolvePreset();
    void applyRange(TimeRange range);
    void setHighlight(std::optional<TraceId> traceId, std::vector<SpanId> spanIds);

    RangePreset m_preset = RangePreset::All;
    bool m_followLive = true;
    TimeRange m_timeRange;
    std::optional<TimeRange> m_dataBounds;
    QString m_service;
    std::optional<TraceId> m_selectedTraceId;
    SpanId m_selectedSpanId;
    std::optional<TraceId> m_highlightedTraceId;
    std::vector<SpanId> m_highlightedSpans;
};

} // namespace kansoku
