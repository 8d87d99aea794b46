// libFuzzer target: a telemetry file as `kansoku import` and File > Open read it — format
// detection, whole-file gzip/zstd, OTLP JSON (lines or documents), length-delimited protobuf
// (optionally zstd per message), Jaeger and Zipkin JSON — into a sink that keeps nothing.
#include "protobuf_log_limiter.h"
#include "telemetry_file_importer.h"

#include <QDir>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

using namespace kansoku;

namespace {

class DiscardingSink : public TelemetrySink
{
public:
    OfferResult offer(TelemetryBatchPtr) override { return OfferResult::Accepted; }
};

std::string inputPath()
{
    const QString path = QDir::tempPath() + QStringLiteral("/kansoku-fuzz-import-%1").arg(getpid());
    return path.toStdString();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    ProtobufLogLimiter::installForProcess();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // The importer reads files (it streams them in chunks); the input goes into one first.
    static const std::string path = inputPath();
    std::FILE *file = std::fopen(path.c_str(), "wb");
    if (file == nullptr)
        return 0;
    std::fwrite(data, 1, size, file);
    std::fclose(file);
    TelemetryFileImporter importer(std::make_shared<DiscardingSink>(),
                                   std::make_shared<IngestCounters>());
    importer.importFile(path);
    return 0;
}
