#include "compressed_file_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <zlib.h>
#include <zstd.h>

namespace kansoku {

namespace {

// Large enough that read() system calls cost nothing next to parsing, small enough to be constant.
constexpr std::size_t inputBufferBytes = 1 << 20;

} // namespace

CompressedFileReader::CompressedFileReader()
    : m_input(inputBufferBytes)
{}

CompressedFileReader::~CompressedFileReader()
{
    if (m_zlibInitialised)
        inflateEnd(m_zlib.get());
    if (m_zstd)
        ZSTD_freeDCtx(m_zstd);
    if (m_file)
        std::fclose(m_file);
}

const char *CompressedFileReader::compressionName(Compression compression)
{
    switch (compression) {
    case Compression::None:
        return "none";
    case Compression::Gzip:
        return "gzip";
    case Compression::Zstd:
        return "zstd";
    }
    return "none";
}

bool CompressedFileReader::open(const std::string &path)
{
    m_file = std::fopen(path.c_str(), "rb");
    if (!m_file) {
        m_error = std::strerror(errno);
        return false;
    }
    if (std::fseek(m_file, 0, SEEK_END) == 0) {
        m_fileSizeBytes = std::max<long>(0, std::ftell(m_file));
        std::fseek(m_file, 0, SEEK_SET);
    }
    if (!fillInput() && !m_error.empty())
        return false;
    const auto *bytes = reinterpret_cast<const unsigned char *>(m_input.data());
    const std::size_t available = m_inputEnd - m_inputPos;
    if (available >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) {
        m_compression = Compression::Gzip;
        m_zlib = std::make_unique<z_stream_s>();
        std::memset(m_zlib.get(), 0, sizeof(z_stream_s));
        // 15 window bits + 16: expect the gzip wrapper.
        if (inflateInit2(m_zlib.get(), 15 + 16) != Z_OK) {
            m_error = "cannot initialise zlib";
            return false;
        }
        m_zlibInitialised = true;
    } else if (available >= 4 && bytes[0] == 0x28 && bytes[1] == 0xb5 && bytes[2] == 0x2f
               && bytes[3] == 0xfd) {
        m_compression = Compression::Zstd;
        m_zstd = ZSTD_createDCtx();
        if (!m_zstd) {
            m_error = "cannot create a zstd context";
            return false;
        }
    }
    return true;
}

bool CompressedFileReader::fillInput()
{
    if (m_inputPos < m_inputEnd)
        return true;
    m_inputPos = 0;
    m_inputEnd = 0;
    if (m_fileEnded)
        return false;
    const std::size_t count = std::fread(m_input.data(), 1, m_input.size(), m_file);
    m_inputEnd = count;
    m_fileBytesRead += std::int64_t(count);
    if (count < m_input.size()) {
        if (std::ferror(m_file)) {
            m_error = std::string("read error: ") + std::strerror(errno);
            m_fileEnded = true;
            return false;
        }
        m_fileEnded = true;
    }
    return count > 0;
}

std::int64_t CompressedFileReader::fail(std::string message)
{
    if (m_error.empty())
        m_error = std::move(message);
    return -1;
}

std::int64_t CompressedFileReader::read(char *buffer, std::int64_t maxBytes)
{
    if (!m_error.empty())
        return -1;
    if (maxBytes <= 0)
        return 0;
    switch (m_compression) {
    case Compression::Gzip:
        return readGzip(buffer, maxBytes);
    case Compression::Zstd:
        return readZstd(buffer, maxBytes);
    case Compression::None:
        break;
    }
    std::int64_t produced = 0;
    while (produced < maxBytes && fillInput()) {
        const std::size_t count
            = std::min<std::size_t>(m_inputEnd - m_inputPos, std::size_t(maxBytes - produced));
        std::memcpy(buffer + produced, m_input.data() + m_inputPos, count);
        m_inputPos += count;
        produced += std::int64_t(count);
    }
    if (produced == 0 && !m_error.empty())
        return -1;
    return produced;
}

std::int64_t CompressedFileReader::readGzip(char *buffer, std::int64_t maxBytes)
{
    z_stream &stream = *m_zlib;
    stream.next_out = reinterpret_cast<Bytef *>(buffer);
    stream.avail_out = static_cast<uInt>(std::min<std::int64_t>(maxBytes, 1 << 30));
    const uInt requested = stream.avail_out;
    while (stream.avail_out > 0) {
        if (!fillInput()) {
            if (!m_error.empty())
                return fail(m_error);
            break;
        }
        stream.next_in = reinterpret_cast<Bytef *>(m_input.data() + m_inputPos);
        stream.avail_in = static_cast<uInt>(m_inputEnd - m_inputPos);
        const uInt before = stream.avail_in;
        const int status = inflate(&stream, Z_NO_FLUSH);
        m_inputPos += before - stream.avail_in;
        if (status == Z_STREAM_END) {
            m_frameOpen = false;
            // Several gzip members may follow each other (RFC 1952, section 2.2).
            if (inflateReset(&stream) != Z_OK)
                return fail("invalid gzip data");
            continue;
        }
        if (status != Z_OK && status != Z_BUF_ERROR)
            return fail(std::string("invalid gzip data: ") + (stream.msg ? stream.msg : "corrupt"));
        m_frameOpen = true;
    }
    const std::int64_t produced = requested - stream.avail_out;
    if (produced == 0 && m_frameOpen && m_inputPos == m_inputEnd && m_fileEnded)
        return fail("truncated gzip data: the file ends inside a compressed member");
    return produced;
}

std::int64_t CompressedFileReader::readZstd(char *buffer, std::int64_t maxBytes)
{
    ZSTD_outBuffer output{buffer, std::size_t(maxBytes), 0};
    while (output.pos < output.size) {
        if (!fillInput()) {
            if (!m_error.empty())
                return fail(m_error);
            // Input is exhausted, but the decoder may still hold output for us.
            ZSTD_inBuffer empty{nullptr, 0, 0};
            const std::size_t before = output.pos;
            const std::size_t pending = ZSTD_decompressStream(m_zstd, &output, &empty);
            if (ZSTD_isError(pending))
                return fail(std::string("invalid zstd data: ") + ZSTD_getErrorName(pending));
            if (output.pos == before)
                break;
            continue;
        }
        ZSTD_inBuffer input{m_input.data() + m_inputPos, m_inputEnd - m_inputPos, 0};
        const std::size_t pending = ZSTD_decompressStream(m_zstd, &output, &input);
        m_inputPos += input.pos;
        if (ZSTD_isError(pending))
            return fail(std::string("invalid zstd data: ") + ZSTD_getErrorName(pending));
        m_frameOpen = pending != 0;
    }
    if (output.pos == 0 && m_frameOpen && m_fileEnded && m_inputPos == m_inputEnd)
        return fail("truncated zstd data: the file ends inside a compressed frame");
    return std::int64_t(output.pos);
}

} // namespace kansoku
