// The OTLP/JSON text of an OTLP protobuf message, for benchmarks that need JSON request bodies.
// Pure; any thread.
#pragma once

#include <string>

namespace google::protobuf {
class Message;
}

namespace kansoku::bench {

// Protobuf's JSON mapping of message, with every traceId, spanId and parentSpanId rewritten from
// base64 (how that mapping writes bytes) to hex (how OTLP/JSON writes ids).
std::string otlpJsonText(const google::protobuf::Message &message);

} // namespace kansoku::bench
