// Tells which signal a serialized OTLP request holds. Export{Trace,Metrics,Logs}ServiceRequest (and
// TracesData/MetricsData/LogsData) all carry their content in field 1, so the bytes do not say it
// at the top: the rule looks at the first item inside (ResourceX.2 -> ScopeX.2 -> item) and at the
// field numbers and wire types only that item type uses (rule in classifyItem, README). Stateless;
// any thread.
#pragma once

#include "core/telemetry_signal.h"

#include <optional>
#include <string_view>

namespace kansoku {

class OtlpProtoSignalDetector
{
public:
    // nullopt: no item carries evidence (e.g. a request without items) or the bytes are not a
    // request; the caller then tries the real parser for each signal.
    static std::optional<TelemetrySignal> detect(std::string_view message);

    // The signal of one serialized Span, Metric or LogRecord, or nullopt when its fields fit none.
    static std::optional<TelemetrySignal> classifyItem(std::string_view item);
};

} // namespace kansoku
