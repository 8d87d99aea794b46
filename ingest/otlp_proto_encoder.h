// Encodes Kansoku's model as OTLP protobuf export requests (the inverse of OtlpProtoDecoder), for
// the OTLP export client: scenarios and replay send telemetry to any OTLP receiver with it. Spans
// whose attributes, events and links the decoder kept encoded (ScopeSpans::encodedSpanFields) are
// written from those bytes unchanged. Stateless and thread-safe.
#pragma once

#include "core/telemetry_batch.h"

#include <string>

namespace opentelemetry::proto::collector {
namespace trace::v1 {
class ExportTraceServiceRequest;
}
namespace metrics::v1 {
class ExportMetricsServiceRequest;
}
namespace logs::v1 {
class ExportLogsServiceRequest;
}
} // namespace opentelemetry::proto::collector

namespace kansoku {

class OtlpProtoEncoder
{
public:
    static void encode(const std::vector<ResourceSpans> &resourceSpans,
                       opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest &out);
    static void
    encode(const std::vector<ResourceMetrics> &resourceMetrics,
           opentelemetry::proto::collector::metrics::v1::ExportMetricsServiceRequest &out);
    static void encode(const std::vector<ResourceLogs> &resourceLogs,
                       opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest &out);

    // The serialized requests: the bodies of OTLP/HTTP protobuf POSTs.
    static std::string serializeTraces(const std::vector<ResourceSpans> &resourceSpans);
    static std::string serializeMetrics(const std::vector<ResourceMetrics> &resourceMetrics);
    static std::string serializeLogs(const std::vector<ResourceLogs> &resourceLogs);
};

} // namespace kansoku
