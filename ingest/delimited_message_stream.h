// Cuts a byte stream into length-delimited messages, the layout of the OpenTelemetry Collector's
// file exporter for protobuf (and for compressed output): each message is preceded by its length as
// a 4-byte big-endian integer. One message in memory at a time. Import worker thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kansoku {

class CompressedFileReader;

class DelimitedMessageStream
{
public:
    struct Message
    {
        std::string_view bytes;      // valid until the next call of next()
        std::int64_t byteOffset = 0; // offset of the length prefix in the decompressed stream
        std::string error;           // set: the stream cannot be continued from here
    };

    DelimitedMessageStream(CompressedFileReader &input, std::uint32_t maxMessageBytes);

    // False at the end. A message with error set is the last one: after a bad length or a
    // truncated message there is no way to find the next boundary.
    bool next(Message *message);
    const std::string &inputError() const { return m_inputError; }

private:
    // Reads exactly count bytes into m_message (from index at); returns how many arrived.
    std::size_t readFully(std::size_t at, std::size_t count);

    CompressedFileReader &m_input;
    const std::uint32_t m_maxMessageBytes;
    std::string m_message;
    std::int64_t m_offset = 0;
    bool m_ended = false;
    std::string m_inputError;
};

} // namespace kansoku
