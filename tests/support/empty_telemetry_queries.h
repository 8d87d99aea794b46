// Test helper: a TelemetryQueries that holds nothing, for fakes that answer one or two queries
// themselves and override only those. Thread-safe (it has no state).
#pragma once

#include "core/telemetry_queries.h"

namespace kansoku::test {

class EmptyTelemetryQueries : public TelemetryQueries
{
public:
    std::vector<TraceSummary> traces(const TraceQuery &) const override { return {}; }
    std::optional<Trace> trace(const TraceId &) const override { return std::nullopt; }
    LogPage logs(const LogQuery &) const override { return {}; }
    std::int64_t countLogs(const LogQuery &) const override { return 0; }
    std::vector<MetricStream> metricStreams(const MetricStreamQuery &) const override { return {}; }
    std::optional<Metric> metricPoints(const MetricPointQuery &) const override
    {
        return std::nullopt;
    }
    std::vector<std::string> services() const override { return {}; }
    std::vector<ServiceStatistics> serviceStatistics() const override { return {}; }
    std::optional<TimeRange> timeBounds() const override { return std::nullopt; }
    TelemetryTotals totals() const override { return {}; }
    void forEachAnalysisTrace(const TimeRange &,
                              const std::function<bool(const AnalysisTrace &)> &) const override
    {}
};

} // namespace kansoku::test
