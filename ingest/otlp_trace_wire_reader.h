// Reads a protobuf ExportTraceServiceRequest straight from its bytes into a batch whose spans keep
// their attributes, events and links encoded (SpanFields::Encoded): those fields are validated in
// place and copied as they arrived, never built into protobuf messages. Building them was most of
// a receiver's work per span: an arena object per KeyValue and AnyValue, a heap string per key and
// value, then serializing it all again for the store.
//
// Accepts and rejects the same input as protobuf's generated parser (tst_otlp_trace_wire_reader
// compares the two on thousands of damaged requests): wire errors, invalid UTF-8 in a string field
// and nesting deeper than protobuf's limit make the request malformed; unknown fields are skipped.
// The bytes are walked with ProtobufWireReader, the one walker storage reads its columns with.
// Items are converted and rejected one by one exactly as OtlpProtoDecoder does. Stateless and
// thread-safe.
#pragma once

#include "otlp_decoder.h"

#include <string_view>

namespace kansoku {

class OtlpTraceWireReader
{
public:
    static OtlpDecodeResult read(std::string_view body);
};

} // namespace kansoku
