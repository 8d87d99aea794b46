// The state every pane observes: the shared time range (a preset resolved against the session's
// data, or a custom range), "follow live", the service filter, the selected span, and requests one
// pane makes of another (open a trace, show the logs of a trace or span). GUI thread; panes talk
// to each other only through this object.
#pragma once

#include "core/telemetry_ids.h"
#include "core/time_range.h"

#include <QObject>
#include <QString>
#include <optional>

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
    void selectSpan(const TraceId &traceId, const SpanId &spanId = {});
    // Asks the logs pane to show only the logs of a trace (spanId zero) or of one span.
    void requestLogsOf(const TraceId &traceId, const SpanId &spanId = {});

    // Called by the app at most a few times a second when new telemetry was committed.
    void noteTelemetryCommitted();
    // Another session was opened: its data has other bounds and services, and the selection
    // points into the old file. A custom range belongs to the old data too, so it becomes All.
    void resetForNewSession();

    static std::int64_t presetDurationNs(RangePreset preset); // 0 for All and Custom

Q_SIGNALS:
    void timeRangeChanged();
    void followLiveChanged(bool followLive);
    void serviceChanged();
    void spanSelected(const kansoku::TraceId &traceId, const kansoku::SpanId &spanId);
    void logsRequested(const kansoku::TraceId &traceId, const kansoku::SpanId &spanId);
    // New data is stored; panes showing live data refresh (coalesced by the app).
    void telemetryCommitted();

private:
    void resolvePreset();
    void applyRange(TimeRange range);

    RangePreset m_preset = RangePreset::All;
    bool m_followLive = true;
    TimeRange m_timeRange;
    std::optional<TimeRange> m_dataBounds;
    QString m_service;
    std::optional<TraceId> m_selectedTraceId;
    SpanId m_selectedSpanId;
};

} // namespace kansoku
