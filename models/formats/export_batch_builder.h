// Turns what the queries return (a stored trace, pages of stored logs, a metric stream with its
// points) back into the OTLP resource -> scope -> item hierarchy for export, grouping items that
// share a resource and scope (schema URLs included). Pure functions; any thread.
#pragma once

#include "core/telemetry_queries.h"

namespace kansoku {

class ExportBatchBuilder
{
public:
    // Spans grouped by their resource and scope index, in the trace's (start time) order.
    static std::vector<ResourceSpans> fromTrace(const Trace &trace);
    // Logs grouped by equal resource and scope, first appearance first, each group in input order.
    static std::vector<ResourceLogs> fromLogs(const std::vector<StoredLog> &logs);
    // One resource, one scope, one metric: the stream's identity with the points of metric.
    static std::vector<ResourceMetrics> fromMetricStream(const MetricStream &stream, Metric metric);
};

} // namespace kansoku
