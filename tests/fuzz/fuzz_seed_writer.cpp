// Writes the seed corpora of the OTLP fuzz targets from the OpenTelemetry JS SDK captures in
// tests/data/otlp: each request as OTLP/JSON (for fuzz_otlp_json) and re-encoded as protobuf
// (for fuzz_otlp_protobuf, both span modes), behind the signal byte the targets read first.
// Usage: kansoku_fuzz_seeds DATA_DIR OUT_DIR (OUT_DIR/otlp_json, OUT_DIR/otlp_protobuf).
#include "otlp_decoder.h"
#include "otlp_proto_encoder.h"

#include <QDir>
#include <QFile>
#include <cstdio>

using namespace kansoku;

namespace {

bool writeSeed(const QString &path, char signalByte, const std::string &body)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(&signalByte, 1);
    file.write(body.data(), static_cast<qint64>(body.size()));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s DATA_DIR OUT_DIR\n", argv[0]);
        return 2;
    }
    const QDir data(QString::fromLocal8Bit(argv[1]));
    const QDir out(QString::fromLocal8Bit(argv[2]));
    out.mkpath(QStringLiteral("otlp_json"));
    out.mkpath(QStringLiteral("otlp_protobuf"));
    const struct
    {
        const char *file;
        TelemetrySignal signal;
    } captures[] = {{"otlp/js_sdk_traces.json", TelemetrySignal::Traces},
                    {"otlp/js_sdk_metrics.json", TelemetrySignal::Metrics},
                    {"otlp/js_sdk_logs.json", TelemetrySignal::Logs}};
    for (const auto &capture : captures) {
        QFile file(data.filePath(QString::fromLatin1(capture.file)));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(file.fileName()));
            return 1;
        }
        const QByteArray json = file.readAll();
        const std::string jsonBody(json.constData(), std::size_t(json.size()));
        const OtlpDecodeResult decoded
            = OtlpDecoder::decode(capture.signal, OtlpEncoding::Json, jsonBody);
        if (!decoded.ok) {
            std::fprintf(stderr, "%s: %s\n", capture.file, decoded.errorMessage.c_str());
            return 1;
        }
        std::string protobuf;
        switch (capture.signal) {
        case TelemetrySignal::Traces:
            protobuf = OtlpProtoEncoder::serializeTraces(decoded.batch->resourceSpans);
            break;
        case TelemetrySignal::Metrics:
            protobuf = OtlpProtoEncoder::serializeMetrics(decoded.batch->resourceMetrics);
            break;
        case TelemetrySignal::Logs:
            protobuf = OtlpProtoEncoder::serializeLogs(decoded.batch->resourceLogs);
            break;
        }
        const auto signalByte = static_cast<char>(capture.signal);
        const QString name = QFileInfo(QString::fromLatin1(capture.file)).baseName();
        const bool written
            = writeSeed(out.filePath(QStringLiteral("otlp_json/%1").arg(name)), signalByte,
                        jsonBody)
              && writeSeed(out.filePath(QStringLiteral("otlp_protobuf/%1").arg(name)), signalByte,
                           protobuf)
              && writeSeed(out.filePath(QStringLiteral("otlp_protobuf/%1_encoded").arg(name)),
                           static_cast<char>(signalByte | 0x80), protobuf);
        if (!written) {
            std::fprintf(stderr, "cannot write the seeds into %s\n", argv[2]);
            return 1;
        }
    }
    return 0;
}
