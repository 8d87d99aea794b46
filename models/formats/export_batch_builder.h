// Turns what the queries return (stored traces, pages of stored logs, metric streams with their
// points) back into the OTLP resource -> scope -> item hierarchy for export, grouping items that
// share a resource and scope (by value, schema URLs included). Pure functions; any thread.
#pragma once

#include "core/telemetry_queries.h"

#include <utility>
#include <vector>

namespace kansoku {

class ExportBatchBuilder
{
public:
    // Spans grouped by equal resource and scope, first appearance first, each trace's spans in
    // its (start time) order.
    static std::vector<ResourceSpans> fromTrace(const Trace &trace);
    static std::vector<ResourceSpans> fromTraces(const std::vector<Trace> &traces);
    // Logs grouped by equal resource and scope, first appearance first, each group in input order.
    static std::vector<ResourceLogs> fromLogs(const std::vector<StoredLog> &logs);
    // One resource, one scope, one metric: the stream's identity with the points of metric.
    static std::vector<ResourceMetrics> fromMetricStream(const MetricStream &stream, Metric metric);
    // Several streams' metrics, grouped by equal resource and scope, in input order.
    static std::vector<ResourceMetrics>
    fromMetricStreams(std::vector<std::pair<MetricStream, Metric>> streams);
};

} // namespace kansoku
