// Converts parsed OTLP export requests (generated protobuf messages) into the Kansoku model,
// dropping invalid items one by one (partial success). Shared by the protobuf and JSON paths.
// Stateless and thread-safe.
#pragma once

#include "otlp_decoder.h"

namespace opentelemetry::proto::resource::v1 {
class Resource;
}
namespace opentelemetry::proto::common::v1 {
class InstrumentationScope;
}
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

class OtlpProtoDecoder
{
public:
    // Each result has ok == true and a non-null batch.
    static OtlpDecodeResult
    convert(const opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest &request,
            SpanFields spanFields = SpanFields::Decoded);
    static OtlpDecodeResult convert(
        const opentelemetry::proto::collector::metrics::v1::ExportMetricsServiceRequest &request);
    static OtlpDecodeResult
    convert(const opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest &request);
    static Resource convert(const opentelemetry::proto::resource::v1::Resource &resource);
    static InstrumentationScope
    convert(const opentelemetry::proto::common::v1::InstrumentationScope &scope);
};

} // namespace kansoku
