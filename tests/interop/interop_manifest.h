// Turns the manifest written by send_telemetry.mjs into Kansoku model values (what the
// OpenTelemetry JS SDK exported) and renders values as canonical text for comparisons.
// Plain functions, used on the test thread only.
#pragma once

#include "core/log_record.h"
#include "core/metric.h"
#include "core/resource.h"
#include "core/span.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace kansoku::interop {

// {"type": "string"|"bool"|"int"|"double"|"bytes"|"array"|"map"|"empty", "value": ...}
AnyValue anyValueFromManifest(const QJsonObject &typed);
// [{"key": ..., "value": <typed>}, ...]
Attributes attributesFromManifest(const QJsonArray &entries);
// Decimal text (int64 and nanosecond values are written as strings to survive JSON).
std::int64_t int64FromManifest(const QJsonValue &value);
TraceId traceIdFromManifest(const QJsonValue &hex);
SpanId spanIdFromManifest(const QJsonValue &hex);

Resource resourceFromManifest(const QJsonObject &resource);
InstrumentationScope scopeFromManifest(const QJsonObject &scope);
Span spanFromManifest(const QJsonObject &span);
LogRecord logFromManifest(const QJsonObject &log);
// One exported metric with the points of every stream, in export order.
Metric metricFromManifest(const QJsonObject &metric);

// Type-preserving text: "int:42", "double:3.25", "string:\"x\"", maps and attribute lists sorted by
// key, so two values render the same exactly when they are equal up to attribute order.
QString canonicalText(const AnyValue &value);
QString canonicalText(const Attributes &attributes);
// canonicalText, shortened for failure messages when it is very long.
QString shortText(const QString &text);

} // namespace kansoku::interop
