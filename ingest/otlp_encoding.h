// The two OTLP payload encodings: binary protobuf and OTLP/JSON.
#pragma once

namespace kansoku {

enum class OtlpEncoding { Protobuf, Json };

} // namespace kansoku
