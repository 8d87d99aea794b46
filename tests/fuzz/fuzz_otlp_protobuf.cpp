// libFuzzer target: OTLP protobuf export requests as the receivers decode them. The first byte
// picks the signal and whether spans are read by OtlpTraceWireReader (kept encoded, as the
// receivers do) or decoded whole; the rest is the request body.
#include "otlp_decoder.h"
#include "protobuf_log_limiter.h"

#include <cstddef>
#include <cstdint>

using namespace kansoku;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // Invalid UTF-8 makes libprotobuf log a line per input: rate-limited, as in the app.
    ProtobufLogLimiter::installForProcess();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const auto signal = static_cast<TelemetrySignal>(data[0] % 3);
    const SpanFields spanFields = (data[0] & 0x80) != 0 ? SpanFields::Encoded : SpanFields::Decoded;
    const std::string_view body(reinterpret_cast<const char *>(data + 1), size - 1);
    OtlpDecoder::decode(signal, OtlpEncoding::Protobuf, body, spanFields);
    return 0;
}
