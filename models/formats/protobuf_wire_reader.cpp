#include "formats/protobuf_wire_reader.h"

#include <climits>

namespace kansoku {

namespace {

// protobuf keeps a length below INT_MAX by the 16 bytes its parser may read past a buffer.
constexpr std::uint32_t maxLength = INT_MAX - 16;

} // namespace

// Bits past Value's width are dropped, as the generated parser drops them.
template<typename Value>
bool ProtobufWireReader::readVarintOf(int maxBytes, Value *value)
{
    Value result = 0;
    for (int i = 0; i < maxBytes && m_position < m_end; ++i) {
        const std::uint8_t byte = byteAt(m_position++);
        result |= Value(byte & 0x7f) << (7 * i);
        if (byte < 0x80) {
            *value = result;
            return true;
        }
    }
    return false;
}

// The generated parser reads a tag in at most 5 bytes and keeps its low 32 bits.
bool ProtobufWireReader::readTagSlow(std::uint32_t *value)
{
    return readVarintOf(5, value);
}

bool ProtobufWireReader::readVarintSlow(std::uint64_t *value)
{
    return readVarintOf(10, value);
}

// At most 5 bytes, and short of 2 GiB: the generated parser refuses longer or larger lengths.
bool ProtobufWireReader::readLengthSlow(std::size_t *length)
{
    std::uint64_t value = 0; // 35 bits at most: nothing is dropped
    if (!readVarintOf(5, &value) || value > maxLength)
        return false;
    *length = static_cast<std::size_t>(value);
    return true;
}

// A group's fields up to the end-group tag of the same field number, within the enclosing
// message; nested groups count against the depth limit as messages do.
bool ProtobufWireReader::skipGroup(int fieldNumber, int groupDepth)
{
    if (groupDepth > maxDepth)
        return false;
    while (m_position < m_end) {
        Tag inner;
        if (!readTag(&inner))
            return false;
        if (inner.wireType == ProtobufWireType::EndGroup)
            return inner.fieldNumber == fieldNumber;
        if (!skipValue(inner, groupDepth))
            return false;
    }
    return false; // the group does not end within its message
}

} // namespace kansoku
