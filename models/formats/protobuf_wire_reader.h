// Walks protobuf wire-format bytes it does not own: tags, varints, fixed32/64 and
// length-delimited values, submessages within their length, and unknown fields skipped, groups
// included. It accepts and rejects exactly what protobuf 3.21's generated parser does (the
// comparison tests in tst_otlp_trace_wire_reader and tst_otlp_proto_columns hold it to that), so
// the one walker serves both ingest (OtlpTraceWireReader) and storage (OtlpProtoColumns). Any
// thread; one reader per buffer. The small reads are inline: they run per field at ingest rate.
#pragma once

#include "formats/protobuf_wire_type.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kansoku {

class ProtobufWireReader
{
public:
    // protobuf's default recursion limit. The message the reader starts in is at depth 0; a
    // submessage or group nested deeper than this is refused, as the generated parser refuses it.
    static constexpr int maxDepth = 100;

    struct Tag
    {
        int fieldNumber = 0; // 1 to 2^29 - 1: number 0 is malformed
        ProtobufWireType wireType = ProtobufWireType::Varint;
        std::size_t offset = 0; // where the tag starts, to keep a whole field as it arrived
    };

    // What a readFields callback did with a field's value.
    enum class FieldResult {
        Read,     // consumed it
        Unknown,  // left it: the reader skips it, as protobuf skips an unknown field
        Malformed // the bytes are damaged: reading stops and fails
    };
    static FieldResult readOrMalformed(bool ok)
    {
        return ok ? FieldResult::Read : FieldResult::Malformed;
    }

    explicit ProtobufWireReader(std::string_view bytes)
        : m_begin(bytes.data())
        , m_position(bytes.data())
        , m_end(bytes.data() + bytes.size())
    {}

    std::size_t position() const { return static_cast<std::size_t>(m_position - m_begin); }
    // True at the end of the message being read (the whole buffer outside readMessage).
    bool atEnd() const { return m_position >= m_end; }
    std::string_view slice(std::size_t from, std::size_t to) const
    {
        return {m_begin + from, to - from};
    }

    // Each read returns false, with the position unspecified, when the bytes are malformed or end
    // before the value does.
    bool readTag(Tag *tag);
    bool readVarint(std::uint64_t *value); // an int32/uint32 field is this value truncated
    bool readFixed32(std::uint32_t *value);
    bool readFixed64(std::uint64_t *value);
    bool readLengthDelimited(std::string_view *value); // a view into the buffer

    // Skips the value of a field of the message at depth, a group up to its end-group tag (the
    // group is at depth + 1). An end-group tag outside its group and wire types 6 and 7 fail.
    bool skipValue(const Tag &tag, int depth);

    // Calls onField(tag) for each field of the message at depth, up to the message's end; the
    // callback reads the value (Read), leaves it to be skipped (Unknown) or gives up (Malformed).
    template<typename OnField>
    bool readFields(int depth, OnField onField);

    // Reads a length-delimited submessage that is at depth with readContent(depth), which must
    // use all of its bytes; a depth past maxDepth fails.
    template<typename ReadContent>
    bool readMessage(int depth, ReadContent readContent);

private:
    static std::uint8_t byteAt(const char *at) { return static_cast<std::uint8_t>(*at); }
    bool readLength(std::size_t *length);
    template<typename Value>
    bool readLittleEndian(Value *value);
    // The varints the one-byte fast paths leave: at most maxBytes bytes, truncated to Value.
    template<typename Value>
    bool readVarintOf(int maxBytes, Value *value);
    bool readTagSlow(std::uint32_t *value);
    bool readVarintSlow(std::uint64_t *value);
    bool readLengthSlow(std::size_t *length);
    bool skipGroup(int fieldNumber, int groupDepth);

    const char *m_begin;
    const char *m_position;
    const char *m_end; // of the message being read
};

inline bool ProtobufWireReader::readTag(Tag *tag)
{
    tag->offset = position();
    std::uint32_t value = 0;
    if (m_position < m_end && byteAt(m_position) < 0x80)
        value = byteAt(m_position++);
    else if (!readTagSlow(&value))
        return false;
    if ((value >> 3) == 0)
        return false; // field number 0, the zero tag included
    tag->fieldNumber = static_cast<int>(value >> 3);
    tag->wireType = static_cast<ProtobufWireType>(value & 7);
    return true;
}

inline bool ProtobufWireReader::readVarint(std::uint64_t *value)
{
    if (m_position < m_end && byteAt(m_position) < 0x80) {
        *value = byteAt(m_position++);
        return true;
    }
    return readVarintSlow(value);
}

template<typename Value>
bool ProtobufWireReader::readLittleEndian(Value *value)
{
    if (m_end - m_position < static_cast<std::ptrdiff_t>(sizeof(Value)))
        return false;
    Value result = 0;
    for (std::size_t i = 0; i < sizeof(Value); ++i)
        result |= Value(byteAt(m_position + i)) << (8 * i);
    m_position += sizeof(Value);
    *value = result;
    return true;
}

inline bool ProtobufWireReader::readFixed32(std::uint32_t *value)
{
    return readLittleEndian(value);
}

inline bool ProtobufWireReader::readFixed64(std::uint64_t *value)
{
    return readLittleEndian(value);
}

inline bool ProtobufWireReader::readLength(std::size_t *length)
{
    if (m_position < m_end && byteAt(m_position) < 0x80)
        *length = byteAt(m_position++);
    else if (!readLengthSlow(length))
        return false;
    return *length <= static_cast<std::size_t>(m_end - m_position);
}

inline bool ProtobufWireReader::readLengthDelimited(std::string_view *value)
{
    std::size_t length = 0;
    if (!readLength(&length))
        return false;
    *value = std::string_view(m_position, length);
    m_position += length;
    return true;
}

inline bool ProtobufWireReader::skipValue(const Tag &tag, int depth)
{
    std::uint64_t ignored64 = 0;
    std::uint32_t ignored32 = 0;
    std::string_view ignoredBytes;
    switch (tag.wireType) {
    case ProtobufWireType::Varint:
        return readVarint(&ignored64);
    case ProtobufWireType::Fixed64:
        return readFixed64(&ignored64);
    case ProtobufWireType::Fixed32:
        return readFixed32(&ignored32);
    case ProtobufWireType::LengthDelimited:
        return readLengthDelimited(&ignoredBytes);
    case ProtobufWireType::StartGroup:
        return skipGroup(tag.fieldNumber, depth + 1);
    case ProtobufWireType::EndGroup:
        break;
    }
    return false; // an end-group tag outside its group, or wire types 6 and 7
}

template<typename OnField>
bool ProtobufWireReader::readFields(int depth, OnField onField)
{
    while (m_position < m_end) {
        Tag tag;
        if (!readTag(&tag))
            return false;
        const FieldResult result = onField(tag);
        if (result == FieldResult::Malformed
            || (result == FieldResult::Unknown && !skipValue(tag, depth)))
            return false;
    }
    return true;
}

template<typename ReadContent>
bool ProtobufWireReader::readMessage(int depth, ReadContent readContent)
{
    std::size_t length = 0;
    if (depth > maxDepth || !readLength(&length))
        return false;
    const char *const outerEnd = m_end;
    m_end = m_position + length;
    const bool ok = readContent(depth) && m_position == m_end;
    m_end = outerEnd;
    return ok;
}

} // namespace kansoku
