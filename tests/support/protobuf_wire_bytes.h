// Test helper: hand-made protobuf wire bytes (raw bytes, varints, length-delimited fields, unknown
// groups), for the tests that feed unusual or damaged input to the wire readers.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

namespace kansoku::test {

inline std::string bytesOf(std::initializer_list<int> values)
{
    std::string result;
    for (int value : values)
        result += static_cast<char>(value);
    return result;
}

// The shortest encoding of value.
inline std::string varint(std::uint64_t value)
{
    std::string out;
    for (; value >= 0x80; value >>= 7)
        out += static_cast<char>((value & 0x7f) | 0x80);
    out += static_cast<char>(value);
    return out;
}

// A length-delimited field: tag, length, payload.
inline std::string lengthDelimited(int field, const std::string &payload)
{
    return varint(static_cast<std::uint64_t>(field) << 3 | 2) + varint(payload.size()) + payload;
}

// Groups of field nested `levels` deep, empty inside: start-group tags, then end-group tags.
inline std::string nestedGroups(int field, int levels)
{
    const std::uint64_t tag = static_cast<std::uint64_t>(field) << 3;
    std::string groups;
    for (int i = 0; i < levels; ++i)
        groups += varint(tag | 3);
    for (int i = 0; i < levels; ++i)
        groups += varint(tag | 4);
    return groups;
}

} // namespace kansoku::test
