// Maps one span of a Zipkin v2 JSON file (an element of the top-level array) to the OTLP model:
// localEndpoint.serviceName -> resource service.name, kind -> kind (absent: internal), tags ->
// string attributes (status tags -> status), annotations -> events, remoteEndpoint -> peer
// attributes, microseconds -> nanoseconds. Stateless; any thread.
#pragma once

#include "jaeger_trace_mapper.h"

namespace kansoku {

class ZipkinSpanMapper
{
public:
    static MappedTelemetry map(std::string_view spanJson);
};

} // namespace kansoku
