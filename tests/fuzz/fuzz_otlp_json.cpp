// libFuzzer target: OTLP/JSON export requests as the HTTP receiver decodes them. The first byte
// picks the signal; the rest is the request body.
#include "otlp_decoder.h"

#include <cstddef>
#include <cstdint>

using namespace kansoku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const auto signal = static_cast<TelemetrySignal>(data[0] % 3);
    const std::string_view body(reinterpret_cast<const char *>(data + 1), size - 1);
    OtlpDecoder::decode(signal, OtlpEncoding::Json, body);
    return 0;
}
