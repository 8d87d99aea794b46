// The protobuf wire types: how a field's value is encoded, the low three bits of its tag. Used by
// ProtobufWireReader and by the writers of protobuf bytes (OtlpProtoColumns).
#pragma once

#include <cstdint>

namespace kansoku {

enum class ProtobufWireType : std::uint8_t {
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3, // groups: deprecated, but protobuf still parses and keeps unknown ones
    EndGroup = 4,
    Fixed32 = 5 // 6 and 7 are not wire types: a tag with them is malformed
};

} // namespace kansoku
