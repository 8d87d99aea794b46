#include "delimited_message_stream.h"

#include "compressed_file_reader.h"

namespace kansoku {

DelimitedMessageStream::DelimitedMessageStream(CompressedFileReader &input,
                                               std::uint32_t maxMessageBytes)
    : m_input(input)
    , m_maxMessageBytes(maxMessageBytes)
{}

std::size_t DelimitedMessageStream::readFully(std::size_t at, std::size_t count)
{
    std::size_t done = 0;
    while (done < count) {
        const std::int64_t got
            = m_input.read(m_message.data() + at + done, std::int64_t(count - done));
        if (got <= 0) {
            if (got < 0)
                m_inputError = m_input.error();
            break;
        }
        done += std::size_t(got);
    }
    return done;
}

bool DelimitedMessageStream::next(Message *message)
{
    *message = Message{};
    if (m_ended)
        return false;
    message->byteOffset = m_offset;
    if (m_message.size() < 4)
        m_message.resize(4);
    const std::size_t prefixBytes = readFully(0, 4);
    if (prefixBytes == 0) {
        m_ended = true;
        return false;
    }
    if (prefixBytes < 4) {
        m_ended = true;
        message->error = "truncated: the file ends inside a length prefix ("
                         + std::to_string(prefixBytes) + " of 4 bytes)";
        return true;
    }
    const auto *b = reinterpret_cast<const unsigned char *>(m_message.data());
    const std::uint32_t length = (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16)
                                 | (std::uint32_t(b[2]) << 8) | std::uint32_t(b[3]);
    if (length > m_maxMessageBytes) {
        m_ended = true;
        message->error = "message length " + std::to_string(length) + " exceeds the limit of "
                         + std::to_string(m_maxMessageBytes >> 20)
                         + " MiB: not a length-delimited message (corrupt file?)";
        return true;
    }
    // The buffer only grows: a run of similar messages reuses it.
    if (m_message.size() < length)
        m_message.resize(length);
    const std::size_t got = readFully(0, length);
    m_offset += 4 + std::int64_t(got);
    if (got < length) {
        m_ended = true;
        message->error = "truncated: the message needs " + std::to_string(length)
                         + " bytes, the file ends after " + std::to_string(got);
        return true;
    }
    message->bytes = std::string_view(m_message.data(), length);
    return true;
}

} // namespace kansoku
