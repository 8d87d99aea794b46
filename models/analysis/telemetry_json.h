// Telemetry values as compact JSON for programs (MCP tool results, `kansoku query --json`): times
// in UTC ISO 8601, durations in ms, ids in lowercase hex, attributes as an object of typed values.
// The one shaping both front ends share. Pure functions, any thread.
#pragma once

#include "analysis/metric_series_builder.h"
#include "core/telemetry_queries.h"

#include <QJsonArray>
#include <QJsonObject>

namespace kansoku {

class TelemetryJson
{
public:
    static QString text(const std::string &value); // UTF-8 text (names, ids in hex) as a string
    static QString time(std::int64_t epochNs);
    static double milliseconds(std::int64_t durationNs); // rounded to the microsecond
    // Strings, booleans and doubles as themselves; integers as numbers while JSON holds them
    // exactly (|n| <= 2^53), else as decimal text; bytes as hex; arrays and maps nested.
    static QJsonValue value(const AnyValue &value);
    static QJsonObject attributes(const Attributes &attributes);
    static QString spanKind(SpanKind kind);     // "server", "client", ... "unspecified"
    static QString statusCode(StatusCode code); // "unset", "ok", "error"

    // {"name", "spans", "traces", "logs", "metric_streams", "data_points", "first", "last"}
    static QJsonObject service(const ServiceStatistics &service);
    // {"trace_id", "start", "duration_ms", "root_service", "root_operation", "spans", "errors",
    //  "services"}
    static QJsonObject traceSummary(const TraceSummary &trace);
    // {"time", "severity", "severity_number", "service", "body", "trace_id", "span_id",
    //  "attributes"}; ids only when set.
    static QJsonObject log(const StoredLog &log);
    // The streams grouped by metric name, in name order: {"name", "type", "unit", "description",
    // "monotonic", "services", "streams", "data_points", "first", "last"}.
    static QJsonArray metrics(const std::vector<MetricStream> &streams);
    static QString metricType(MetricType type); // "gauge", "sum", "histogram", ...
    // {"shown", "unit", "series": [{"name", "points": [[time, value], ...]}], "omitted_series"};
    // gaps (NaN) are left out.
    static QJsonObject chart(const MetricChart &chart);
};

} // namespace kansoku
