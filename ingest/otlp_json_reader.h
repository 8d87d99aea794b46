// Fills a generated OTLP request message from its OTLP/JSON form, walking the JSON with simdjson
// and setting fields through protobuf reflection, so every message type and field is covered.
// Stateless and thread-safe (one simdjson parser per calling thread).
#pragma once

#include <string>
#include <string_view>

namespace google::protobuf {
class Message;
}

namespace kansoku {

class OtlpJsonReader
{
public:
    // Supports the three Export*ServiceRequest types. Returns an empty string on success, otherwise
    // what is wrong prefixed with the JSON path ("resourceSpans[0].scopeSpans[0].spans[2].kind:
    // ...").
    static std::string read(std::string_view json, google::protobuf::Message &message);
};

} // namespace kansoku
