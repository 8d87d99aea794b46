// Reads a file as a stream of bytes, undoing whole-file gzip or zstd compression on the fly
// (detected by the magic bytes, not the name), in bounded buffers so memory stays constant for any
// file size. One instance per file, used by one thread (the import worker).
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

struct z_stream_s;
struct ZSTD_DCtx_s;

namespace kansoku {

class CompressedFileReader
{
public:
    enum class Compression { None, Gzip, Zstd };

    CompressedFileReader();
    ~CompressedFileReader();
    CompressedFileReader(const CompressedFileReader &) = delete;
    CompressedFileReader &operator=(const CompressedFileReader &) = delete;

    // Opens the file and looks at its first bytes. False with error() set when it cannot be read.
    bool open(const std::string &path);
    Compression compression() const { return m_compression; }

    // Copies up to maxBytes decompressed bytes into buffer. Returns the count, 0 at the end of the
    // data, -1 on a read or decompression error (error() says what; the bytes before it were
    // delivered). A compressed stream that stops mid-frame is an error ("truncated").
    std::int64_t read(char *buffer, std::int64_t maxBytes);

    std::int64_t fileSizeBytes() const { return m_fileSizeBytes; }
    // Bytes of the file itself consumed so far: the progress measure for compressed files too.
    std::int64_t fileBytesRead() const
    {
        return m_fileBytesRead - std::int64_t(m_inputEnd - m_inputPos);
    }
    const std::string &error() const { return m_error; }

    static const char *compressionName(Compression compression);

private:
    bool fillInput();
    std::int64_t readGzip(char *buffer, std::int64_t maxBytes);
    std::int64_t readZstd(char *buffer, std::int64_t maxBytes);
    std::int64_t fail(std::string message);

    std::FILE *m_file = nullptr;
    Compression m_compression = Compression::None;
    std::vector<char> m_input; // raw file bytes, refilled in place
    std::size_t m_inputPos = 0;
    std::size_t m_inputEnd = 0;
    bool m_fileEnded = false;
    std::int64_t m_fileSizeBytes = 0;
    std::int64_t m_fileBytesRead = 0;
    std::unique_ptr<z_stream_s> m_zlib;
    bool m_zlibInitialised = false;
    bool m_frameOpen = false; // a gzip member or zstd frame has started and not yet ended
    ZSTD_DCtx_s *m_zstd = nullptr;
    std::string m_error;
};

} // namespace kansoku
