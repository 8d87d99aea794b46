// Writes synthetic telemetry files for the import benchmark, the way the OpenTelemetry Collector's
// file exporter lays them out: length-delimited OTLP protobuf and OTLP JSON lines (trace and log
// requests alternating, 512 items each, every request with fresh trace ids), plus whole-file zstd
// and gzip copies. Streams to disk, so a 1 GB file needs no more memory than a request. Main
// thread.
#pragma once

#include "request_template.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kansoku::bench {

struct SyntheticFile
{
    std::string path;
    std::string label;             // e.g. "OTLP protobuf .zst"
    std::int64_t fileBytes = 0;    // on disk
    std::int64_t contentBytes = 0; // decompressed
    std::int64_t items = 0;
};

class SyntheticTelemetryFiles
{
public:
    SyntheticTelemetryFiles();

    // Writes directory/bench.binpb and bench.binpb.zst with about targetBytes of content each,
    // then bench.jsonl and bench.jsonl.gz likewise. Returns the four files.
    std::vector<SyntheticFile> write(const std::string &directory, std::int64_t targetBytes);

private:
    // An OTLP/JSON copy of a template with hex ids, and where its trace ids are, for renumbering.
    struct JsonTemplate
    {
        std::string text;
        std::vector<std::pair<std::size_t, std::string>> traceIds; // offset of hex, raw id
        std::int64_t items = 0;
    };
    static JsonTemplate toJson(const RequestTemplate &request, bool traces);
    static std::string instantiate(const JsonTemplate &json, std::uint64_t sequence);

    std::vector<RequestTemplate> m_protobuf;
    std::vector<JsonTemplate> m_json;
};

} // namespace kansoku::bench
