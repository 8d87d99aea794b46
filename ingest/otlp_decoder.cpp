#include "otlp_decoder.h"

#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/metrics/v1/metrics_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"
#include "otlp_json_reader.h"
#include "otlp_proto_decoder.h"
#include "otlp_trace_wire_reader.h"

#include <algorithm>
#include <climits>
#include <cstddef>
#include <google/protobuf/arena.h>
#include <type_traits>

namespace kansoku {

namespace {

bool isBlank(std::string_view body)
{
    for (char c : body) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

OtlpDecodeResult failure(std::string message)
{
    OtlpDecodeResult result;
    result.errorMessage = std::move(message);
    return result;
}

template<typename Request>
OtlpDecodeResult decodeAs(OtlpEncoding encoding, std::string_view body, SpanFields spanFields)
{
    // The arena frees the whole parsed tree at once; starting it near the body size avoids most
    // block growth for typical requests. The size must be a multiple of the alignment: protobuf
    // 3.21 writes its cleanup nodes (two pointers) down from the end of a block, and each block
    // after the first is twice the one before, taken as is - an odd body made the second block end
    // 4 bytes off and its cleanup nodes misaligned (undefined behaviour, issue 15).
    constexpr std::size_t blockAlignment = alignof(std::max_align_t);
    const std::size_t wantedBlockSize = std::clamp<std::size_t>(body.size() * 2, 4096, 1 << 20);
    google::protobuf::ArenaOptions options;
    options.start_block_size
        = (wantedBlockSize + blockAlignment - 1) / blockAlignment * blockAlignment;
    options.max_block_size = 8 << 20;
    google::protobuf::Arena arena(options);
    auto *request = google::protobuf::Arena::CreateMessage<Request>(&arena);

    if (encoding == OtlpEncoding::Protobuf) {
        if (body.size() > static_cast<std::size_t>(INT_MAX))
            return failure("protobuf body too large");
        if (!request->ParseFromArray(body.data(), static_cast<int>(body.size()))) {
            return failure("malformed protobuf " + Request::descriptor()->name() + " ("
                           + std::to_string(body.size()) + " bytes)");
        }
    } else {
        std::string error = OtlpJsonReader::read(body, *request);
        if (!error.empty())
            return failure(std::move(error));
    }
    if constexpr (std::is_same_v<
                      Request,
                      opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest>)
        return OtlpProtoDecoder::convert(*request, spanFields);
    else
        return OtlpProtoDecoder::convert(*request);
}

} // namespace

OtlpDecodeResult OtlpDecoder::decode(TelemetrySignal signal, OtlpEncoding encoding,
                                     std::string_view body, SpanFields spanFields)
{
    if (body.empty() || (encoding == OtlpEncoding::Json && isBlank(body))) {
        OtlpDecodeResult result;
        result.ok = true;
        result.batch = std::make_shared<const TelemetryBatch>();
        return result;
    }
    namespace collector = opentelemetry::proto::collector;
    switch (signal) {
    case TelemetrySignal::Traces:
        if (encoding == OtlpEncoding::Protobuf && spanFields == SpanFields::Encoded)
            return OtlpTraceWireReader::read(body);
        return decodeAs<collector::trace::v1::ExportTraceServiceRequest>(encoding, body,
                                                                         spanFields);
    case TelemetrySignal::Metrics:
        return decodeAs<collector::metrics::v1::ExportMetricsServiceRequest>(encoding, body,
                                                                             spanFields);
    case TelemetrySignal::Logs:
        return decodeAs<collector::logs::v1::ExportLogsServiceRequest>(encoding, body, spanFields);
    }
    return failure("unknown signal");
}

} // namespace kansoku
