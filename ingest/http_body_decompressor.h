// Undoes an HTTP Content-Encoding (identity, gzip/deflate via zlib, zstd) with a hard output
// limit that is enforced while inflating. Stateless; callable from any thread.
#pragma once

#include <QByteArray>
#include <cstdint>
#include <string>

namespace kansoku {

class HttpBodyDecompressor
{
public:
    enum class Outcome {
        Ok,
        UnsupportedEncoding, // Content-Encoding we do not understand
        Malformed,           // corrupt or truncated compressed data
        TooLarge             // the decompressed body would exceed the limit
    };

    struct Result
    {
        Outcome outcome = Outcome::Ok;
        QByteArray body;
        std::string errorMessage;
    };

    // contentEncoding is the raw header value ("gzip", "zstd", "identity", "" ...).
    static Result decompress(const QByteArray &contentEncoding, const QByteArray &body,
                             std::int64_t maxBytes);
    static bool isSupported(const QByteArray &contentEncoding);

private:
    static Result inflateZlib(const QByteArray &body, std::int64_t maxBytes, bool gzip);
    static Result decompressZstd(const QByteArray &body, std::int64_t maxBytes);
};

} // namespace kansoku
