// Maps one trace of a Jaeger JSON file (an element of the UI download's "data" array:
// {"traceID","spans","processes"}) to the OTLP model: process -> resource (service.name and its
// tags), span.kind tag -> kind, status tags -> status, typed tags -> attributes, logs -> events
// (the "event" field names the event), CHILD_OF -> parent, other references -> links,
// microseconds -> nanoseconds. Stateless; any thread.
#pragma once

#include "core/telemetry_batch.h"

#include <string>
#include <string_view>
#include <vector>

namespace kansoku {

struct MappedTelemetry
{
    bool ok = false;                   // false: the value is not what the format describes
    std::string error;                 // when !ok
    TelemetryBatch batch;              // when ok
    std::vector<std::string> problems; // items skipped one by one, each with its reason
};

class JaegerTraceMapper
{
public:
    static MappedTelemetry map(std::string_view traceJson);
};

} // namespace kansoku
