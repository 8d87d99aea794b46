#include "http_body_decompressor.h"

#include <array>
#include <memory>
#include <zlib.h>
#include <zstd.h>

namespace kansoku {

namespace {

// Output is produced in pieces of this size, so the peak allocation stays within maxBytes plus
// one piece however large the compression ratio is.
constexpr std::size_t outputChunkBytes = 64 * 1024;
// Refuse zstd frames that demand a window above 32 MiB: the window is allocated up front from the
// frame header, before any output exists to count against the limit.
constexpr int zstdWindowLogMax = 25;

QByteArray normalizedEncoding(const QByteArray &contentEncoding)
{
    return contentEncoding.trimmed().toLower();
}

HttpBodyDecompressor::Result failure(HttpBodyDecompressor::Outcome outcome, std::string message)
{
    HttpBodyDecompressor::Result result;
    result.outcome = outcome;
    result.errorMessage = std::move(message);
    return result;
}

HttpBodyDecompressor::Result tooLarge(std::int64_t maxBytes)
{
    return failure(HttpBodyDecompressor::Outcome::TooLarge,
                   "decompressed body exceeds the limit of " + std::to_string(maxBytes) + " bytes");
}

} // namespace

bool HttpBodyDecompressor::isSupported(const QByteArray &contentEncoding)
{
    const QByteArray encoding = normalizedEncoding(contentEncoding);
    return encoding.isEmpty() || encoding == "identity" || encoding == "gzip"
           || encoding == "x-gzip" || encoding == "deflate" || encoding == "zstd";
}

HttpBodyDecompressor::Result HttpBodyDecompressor::decompress(const QByteArray &contentEncoding,
                                                              const QByteArray &body,
                                                              std::int64_t maxBytes)
{
    const QByteArray encoding = normalizedEncoding(contentEncoding);
    if (encoding.isEmpty() || encoding == "identity") {
        if (body.size() > maxBytes)
            return failure(Outcome::TooLarge,
                           "body exceeds the limit of " + std::to_string(maxBytes) + " bytes");
        Result result;
        result.body = body;
        return result;
    }
    if (encoding == "gzip" || encoding == "x-gzip")
        return inflateZlib(body, maxBytes, true);
    if (encoding == "deflate")
        return inflateZlib(body, maxBytes, false);
    if (encoding == "zstd")
        return decompressZstd(body, maxBytes);
    return failure(Outcome::UnsupportedEncoding,
                   "unsupported Content-Encoding '" + encoding.toStdString()
                       + "'; accepted: gzip, zstd, deflate, identity");
}

HttpBodyDecompressor::Result HttpBodyDecompressor::inflateZlib(const QByteArray &body,
                                                               std::int64_t maxBytes, bool gzip)
{
    const char *const name = gzip ? "gzip" : "deflate";
    z_stream stream{};
    // 15 window bits; +16 selects the gzip wrapper, plain 15 the zlib wrapper of "deflate".
    if (inflateInit2(&stream, gzip ? 15 + 16 : 15) != Z_OK)
        return failure(Outcome::Malformed, std::string(name) + ": cannot initialise zlib");
    const std::unique_ptr<z_stream, int (*)(z_stream *)> guard(&stream, inflateEnd);

    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(body.constData()));
    stream.avail_in = static_cast<uInt>(body.size());
    std::array<char, outputChunkBytes> chunk;
    Result result;
    bool streamEnded = false;
    while (true) {
        stream.next_out = reinterpret_cast<Bytef *>(chunk.data());
        stream.avail_out = static_cast<uInt>(chunk.size());
        const int status = inflate(&stream, Z_NO_FLUSH);
        const std::size_t produced = chunk.size() - stream.avail_out;
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
            const char *detail = stream.msg ? stream.msg : "corrupt data";
            return failure(Outcome::Malformed, std::string("invalid ") + name + " data: " + detail);
        }
        if (result.body.size() + static_cast<std::int64_t>(produced) > maxBytes)
            return tooLarge(maxBytes);
        result.body.append(chunk.data(), static_cast<qsizetype>(produced));
        if (status == Z_STREAM_END) {
            streamEnded = true;
            // A gzip body may hold several members back to back (RFC 1952 section 2.2).
            if (gzip && stream.avail_in > 0) {
                if (inflateReset(&stream) != Z_OK)
                    return failure(Outcome::Malformed, "invalid gzip data");
                streamEnded = false;
                continue;
            }
            break;
        }
        if (status == Z_BUF_ERROR || (stream.avail_in == 0 && produced == 0))
            break;
    }
    if (!streamEnded)
        return failure(Outcome::Malformed, std::string("invalid ") + name + " data: truncated");
    return result;
}

HttpBodyDecompressor::Result HttpBodyDecompressor::decompressZstd(const QByteArray &body,
                                                                  std::int64_t maxBytes)
{
    const std::unique_ptr<ZSTD_DCtx, std::size_t (*)(ZSTD_DCtx *)> context(ZSTD_createDCtx(),
                                                                           ZSTD_freeDCtx);
    if (!context)
        return failure(Outcome::Malformed, "zstd: cannot create a decompression context");
    ZSTD_DCtx_setParameter(context.get(), ZSTD_d_windowLogMax, zstdWindowLogMax);

    ZSTD_inBuffer input{body.constData(), static_cast<std::size_t>(body.size()), 0};
    std::array<char, outputChunkBytes> chunk;
    Result result;
    std::size_t pending = 1; // non-zero while a frame is incomplete
    while (input.pos < input.size || pending != 0) {
        ZSTD_outBuffer output{chunk.data(), chunk.size(), 0};
        pending = ZSTD_decompressStream(context.get(), &output, &input);
        if (ZSTD_isError(pending))
            return failure(Outcome::Malformed,
                           std::string("invalid zstd data: ") + ZSTD_getErrorName(pending));
        if (result.body.size() + static_cast<std::int64_t>(output.pos) > maxBytes)
            return tooLarge(maxBytes);
        result.body.append(chunk.data(), static_cast<qsizetype>(output.pos));
        // No input left, no output produced and a frame still open: the body was cut short.
        if (input.pos == input.size && output.pos < output.size && pending != 0)
            return failure(Outcome::Malformed, "invalid zstd data: truncated");
    }
    return result;
}

} // namespace kansoku
