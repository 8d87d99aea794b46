#include "synthetic_telemetry_files.h"

#include "bench_request_factory.h"
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"
#include "otlp_json_text.h"

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <zlib.h>
#include <zstd.h>

namespace kansoku::bench {

namespace {

const char hexDigits[] = "0123456789abcdef";

// A file plus an optional whole-file compressor in front of it.
class OutputFile
{
public:
    enum class Compression { None, Gzip, Zstd };

    OutputFile(const std::string &path, Compression compression)
        : m_compression(compression)
        , m_out(1 << 20)
    {
        m_file = std::fopen(path.c_str(), "wb");
        if (!m_file)
            throw std::runtime_error("cannot write " + path);
        if (compression == Compression::Gzip) {
            // Level 1: generation of a gigabyte should not take longer than its import.
            deflateInit2(&m_zlib, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
        } else if (compression == Compression::Zstd) {
            m_zstd = ZSTD_createCCtx();
            ZSTD_CCtx_setParameter(m_zstd, ZSTD_c_compressionLevel, 3);
        }
    }
    ~OutputFile()
    {
        if (m_zstd)
            ZSTD_freeCCtx(m_zstd);
        if (m_file)
            std::fclose(m_file);
    }

    void write(std::string_view bytes)
    {
        m_contentBytes += std::int64_t(bytes.size());
        switch (m_compression) {
        case Compression::None:
            std::fwrite(bytes.data(), 1, bytes.size(), m_file);
            break;
        case Compression::Gzip:
            deflateChunk(bytes, Z_NO_FLUSH);
            break;
        case Compression::Zstd:
            zstdChunk(bytes, ZSTD_e_continue);
            break;
        }
    }

    std::int64_t contentBytes() const { return m_contentBytes; }

    // Finishes the compressed stream and returns the file's size.
    std::int64_t finish()
    {
        if (m_compression == Compression::Gzip) {
            deflateChunk({}, Z_FINISH);
            deflateEnd(&m_zlib);
        } else if (m_compression == Compression::Zstd) {
            zstdChunk({}, ZSTD_e_end);
        }
        std::fflush(m_file);
        const long size = std::ftell(m_file);
        std::fclose(m_file);
        m_file = nullptr;
        return size;
    }

private:
    void deflateChunk(std::string_view bytes, int flush)
    {
        m_zlib.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
        m_zlib.avail_in = uInt(bytes.size());
        int status = Z_OK;
        do {
            m_zlib.next_out = reinterpret_cast<Bytef *>(m_out.data());
            m_zlib.avail_out = uInt(m_out.size());
            status = deflate(&m_zlib, flush);
            std::fwrite(m_out.data(), 1, m_out.size() - m_zlib.avail_out, m_file);
        } while (m_zlib.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END));
    }
    void zstdChunk(std::string_view bytes, ZSTD_EndDirective mode)
    {
        ZSTD_inBuffer input{bytes.data(), bytes.size(), 0};
        std::size_t remaining = 0;
        do {
            ZSTD_outBuffer output{m_out.data(), m_out.size(), 0};
            remaining = ZSTD_compressStream2(m_zstd, &output, &input, mode);
            std::fwrite(m_out.data(), 1, output.pos, m_file);
        } while (mode == ZSTD_e_end ? remaining != 0 : input.pos < input.size);
    }

    Compression m_compression;
    std::FILE *m_file = nullptr;
    z_stream m_zlib{};
    ZSTD_CCtx *m_zstd = nullptr;
    std::vector<char> m_out;
    std::int64_t m_contentBytes = 0;
};

} // namespace

SyntheticTelemetryFiles::SyntheticTelemetryFiles()
{
    BenchRequestFactory factory(42);
    m_protobuf.push_back(factory.traceRequest());
    m_protobuf.push_back(factory.logRequest());
    m_json.push_back(toJson(m_protobuf[0], true));
    m_json.push_back(toJson(m_protobuf[1], false));
}

SyntheticTelemetryFiles::JsonTemplate
SyntheticTelemetryFiles::toJson(const RequestTemplate &request, bool traces)
{
    namespace collector = opentelemetry::proto::collector;
    std::unique_ptr<google::protobuf::Message> message;
    if (traces)
        message = std::make_unique<collector::trace::v1::ExportTraceServiceRequest>();
    else
        message = std::make_unique<collector::logs::v1::ExportLogsServiceRequest>();
    message->ParseFromString(request.instantiate(0));
    std::string json = otlpJsonText(*message);
    // Where the (now hex) trace ids are, with their raw bytes, for renumbering.
    JsonTemplate result;
    result.items = request.itemCount();
    const std::string_view traceKey = "\"traceId\":\"";
    for (std::size_t position = json.find(traceKey); position != std::string::npos;
         position = json.find(traceKey, position + 1)) {
        const std::size_t start = position + traceKey.size();
        std::string raw;
        for (std::size_t i = 0; i < 16; ++i)
            raw += char(std::stoi(json.substr(start + 2 * i, 2), nullptr, 16));
        result.traceIds.emplace_back(start, std::move(raw));
    }
    result.text = std::move(json);
    return result;
}

std::string SyntheticTelemetryFiles::instantiate(const JsonTemplate &json, std::uint64_t sequence)
{
    // The same renumbering as RequestTemplate: the first 8 bytes XORed with sequence.
    std::string text = json.text;
    for (const auto &[offset, raw] : json.traceIds) {
        for (int i = 0; i < 8; ++i) {
            const auto byte = static_cast<unsigned char>(raw[std::size_t(i)]
                                                         ^ char((sequence >> (8 * i)) & 0xff));
            text[offset + std::size_t(2 * i)] = hexDigits[byte >> 4];
            text[offset + std::size_t(2 * i + 1)] = hexDigits[byte & 15];
        }
    }
    return text;
}

std::vector<SyntheticFile> SyntheticTelemetryFiles::write(const std::string &directory,
                                                          std::int64_t targetBytes)
{
    std::vector<SyntheticFile> files;
    {
        OutputFile plain(directory + "/bench.binpb", OutputFile::Compression::None);
        OutputFile zstd(directory + "/bench.binpb.zst", OutputFile::Compression::Zstd);
        std::int64_t items = 0;
        for (std::uint64_t sequence = 1; plain.contentBytes() < targetBytes; ++sequence) {
            const RequestTemplate &request = m_protobuf[sequence % m_protobuf.size()];
            const std::string message = request.instantiate(sequence);
            const auto length = std::uint32_t(message.size());
            const char prefix[4]
                = {char(length >> 24), char(length >> 16), char(length >> 8), char(length)};
            for (OutputFile *file : {&plain, &zstd}) {
                file->write(std::string_view(prefix, 4));
                file->write(message);
            }
            items += request.itemCount();
        }
        const std::int64_t content = plain.contentBytes();
        files.push_back(
            {directory + "/bench.binpb", "OTLP protobuf", plain.finish(), content, items});
        files.push_back(
            {directory + "/bench.binpb.zst", "OTLP protobuf .zst", zstd.finish(), content, items});
    }
    {
        OutputFile plain(directory + "/bench.jsonl", OutputFile::Compression::None);
        OutputFile gzip(directory + "/bench.jsonl.gz", OutputFile::Compression::Gzip);
        std::int64_t items = 0;
        for (std::uint64_t sequence = 1; plain.contentBytes() < targetBytes; ++sequence) {
            const JsonTemplate &request = m_json[sequence % m_json.size()];
            std::string line = instantiate(request, sequence);
            line += '\n';
            plain.write(line);
            gzip.write(line);
            items += request.items;
        }
        const std::int64_t content = plain.contentBytes();
        files.push_back(
            {directory + "/bench.jsonl", "OTLP JSON lines", plain.finish(), content, items});
        files.push_back(
            {directory + "/bench.jsonl.gz", "OTLP JSON lines .gz", gzip.finish(), content, items});
    }
    return files;
}

} // namespace kansoku::bench
