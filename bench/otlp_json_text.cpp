#include "otlp_json_text.h"

#include "core/telemetry_ids.h"

#include <QByteArray>
#include <google/protobuf/util/json_util.h>
#include <string_view>

namespace kansoku::bench {

std::string otlpJsonText(const google::protobuf::Message &message)
{
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    (void)google::protobuf::util::MessageToJsonString(message, &json, options);

    for (const std::string_view key : {"\"traceId\":\"", "\"spanId\":\"", "\"parentSpanId\":\""}) {
        std::string rewritten;
        std::size_t position = 0;
        while (true) {
            const std::size_t found = json.find(key, position);
            if (found == std::string::npos) {
                rewritten.append(json, position);
                break;
            }
            const std::size_t start = found + key.size();
            const std::size_t end = json.find('"', start);
            rewritten.append(json, position, start - position);
            const QByteArray raw
                = QByteArray::fromBase64(QByteArray(json.data() + start, qsizetype(end - start)));
            rewritten += toHex(std::string_view(raw.constData(), std::size_t(raw.size())));
            position = end;
        }
        json = std::move(rewritten);
    }
    return json;
}

} // namespace kansoku::bench
