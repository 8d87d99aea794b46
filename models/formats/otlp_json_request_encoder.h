// Encodes OTLP export requests (ExportTraceServiceRequest, ExportLogsServiceRequest,
// ExportMetricsServiceRequest) as one line of OTLP/JSON each, for files that Kansoku's importer
// and the OpenTelemetry Collector's file receiver read back: hex ids, integer enums, 64-bit
// integers as decimal strings, every field the model holds. Built on OtlpJson. Pure; any thread.
#pragma once

#include "core/telemetry_batch.h"

#include <string>

namespace kansoku {

class OtlpJsonRequestEncoder
{
public:
    // One JSON object without a trailing newline. Fields are written even when they hold their
    // default value, except a zero parent span id and the zero trace and span ids of a log, and
    // the unset optional histogram sum, min and max.
    static std::string encodeTraces(const std::vector<ResourceSpans> &resourceSpans);
    static std::string encodeLogs(const std::vector<ResourceLogs> &resourceLogs);
    static std::string encodeMetrics(const std::vector<ResourceMetrics> &resourceMetrics);

    static void appendResource(std::string &out, const Resource &resource);
    static void appendScope(std::string &out, const InstrumentationScope &scope);
    static void appendSpan(std::string &out, const Span &span);
    static void appendLogRecord(std::string &out, const LogRecord &record);
    static void appendMetric(std::string &out, const Metric &metric);
};

} // namespace kansoku
