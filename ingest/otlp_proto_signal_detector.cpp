#include "otlp_proto_signal_detector.h"

#include <cstdint>

namespace kansoku {

namespace {

enum WireType : std::uint32_t { Varint = 0, Fixed64 = 1, Length = 2, Fixed32 = 5 };

// A minimal protobuf wire reader: enough to walk tags and skip or enter fields.
class WireReader
{
public:
    explicit WireReader(std::string_view bytes)
        : m_bytes(bytes)
    {}

    bool atEnd() const { return m_pos >= m_bytes.size(); }

    // Reads the next field. For Length fields, *payload is the field's bytes. False on malformed
    // input (which stops the walk).
    bool next(std::uint32_t *field, std::uint32_t *wireType, std::string_view *payload)
    {
        std::uint64_t tag = 0;
        if (!varint(&tag) || (tag >> 3) == 0 || (tag >> 3) > 0x1fffffff)
            return false;
        *field = std::uint32_t(tag >> 3);
        *wireType = std::uint32_t(tag & 7);
        *payload = {};
        switch (*wireType) {
        case Varint: {
            std::uint64_t ignored = 0;
            return varint(&ignored);
        }
        case Fixed64:
            return skip(8);
        case Fixed32:
            return skip(4);
        case Length: {
            std::uint64_t length = 0;
            if (!varint(&length) || length > m_bytes.size() - m_pos)
                return false;
            *payload = m_bytes.substr(m_pos, std::size_t(length));
            m_pos += std::size_t(length);
            return true;
        }
        default:
            return false; // groups are not used by OTLP
        }
    }

private:
    bool varint(std::uint64_t *value)
    {
        std::uint64_t result = 0;
        for (int shift = 0; shift < 64 && m_pos < m_bytes.size(); shift += 7) {
            const auto byte = static_cast<unsigned char>(m_bytes[m_pos++]);
            result |= std::uint64_t(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0) {
                *value = result;
                return true;
            }
        }
        return false;
    }
    bool skip(std::size_t count)
    {
        if (count > m_bytes.size() - m_pos)
            return false;
        m_pos += count;
        return true;
    }

    std::string_view m_bytes;
    std::size_t m_pos = 0;
};

// Calls onPayload for each Length-typed occurrence of field 2 in message; stops when it returns
// a value.
template<typename OnPayload>
std::optional<TelemetrySignal> forEachField2(std::string_view message, OnPayload onPayload)
{
    WireReader reader(message);
    std::uint32_t field = 0;
    std::uint32_t wireType = 0;
    std::string_view payload;
    while (!reader.atEnd() && reader.next(&field, &wireType, &payload)) {
        if (field == 2 && wireType == Length) {
            if (const std::optional<TelemetrySignal> signal = onPayload(payload))
                return signal;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<TelemetrySignal> OtlpProtoSignalDetector::classifyItem(std::string_view item)
{
    // Field numbers and wire types from the OTLP .proto files:
    //   Span:      1 trace_id, 2 span_id, 3 trace_state, 4 parent_span_id, 5 name (bytes/text),
    //              6 kind (varint), 7/8 start/end time (fixed64), 9 attributes, 10 dropped count
    //              (varint), 11 events, 12 dropped (varint), 13 links, 14 dropped (varint),
    //              15 status, 16 flags (fixed32)
    //   LogRecord: 1 time (fixed64), 2 severity number (varint), 3 severity text, 5 body, 6
    //              attributes, 7 dropped (varint), 8 flags (fixed32), 9 trace_id, 10 span_id,
    //              11 observed time (fixed64), 12 event_name
    //   Metric:    1 name, 2 description, 3 unit, 5 gauge, 7 sum, 9 histogram, 10 exponential
    //              histogram, 11 summary, 12 metadata - length-delimited fields only.
    // The fixed-width times decide between spans and logs (7/8 vs 1/11, each unique to its type
    // and set on practically every item); an item with only length-delimited fields, all of them
    // numbers a Metric has, including a data field, is a metric.
    int span = 0;
    int log = 0;
    bool onlyMetricFields = true;
    bool metricData = false;
    WireReader reader(item);
    std::uint32_t field = 0;
    std::uint32_t wireType = 0;
    std::string_view payload;
    while (!reader.atEnd()) {
        if (!reader.next(&field, &wireType, &payload))
            return std::nullopt;
        if (wireType != Length) {
            onlyMetricFields = false;
        } else {
            const bool metricField = field <= 3 || field == 5 || field == 7 || field == 9
                                     || field == 10 || field == 11 || field == 12;
            onlyMetricFields = onlyMetricFields && metricField;
            metricData = metricData || (metricField && field >= 5 && field <= 11);
        }
        switch (wireType) {
        case Fixed64:
            if (field == 7 || field == 8)
                span += 4;
            else if (field == 1 || field == 11)
                log += 4;
            break;
        case Fixed32:
            if (field == 16)
                span += 4;
            else if (field == 8)
                log += 4;
            break;
        case Varint:
            if (field == 6)
                span += 1;
            else if (field == 2)
                log += 1;
            break;
        default:
            break;
        }
    }
    if (span > log)
        return TelemetrySignal::Traces;
    if (log > span)
        return TelemetrySignal::Logs;
    if (span == 0 && onlyMetricFields && metricData)
        return TelemetrySignal::Metrics;
    return std::nullopt;
}

std::optional<TelemetrySignal> OtlpProtoSignalDetector::detect(std::string_view message)
{
    // request.1 (ResourceX) -> .2 (ScopeX) -> .2 (item): the first item that decides wins.
    WireReader reader(message);
    std::uint32_t field = 0;
    std::uint32_t wireType = 0;
    std::string_view resource;
    while (!reader.atEnd() && reader.next(&field, &wireType, &resource)) {
        if (field != 1 || wireType != Length)
            continue;
        const std::optional<TelemetrySignal> signal
            = forEachField2(resource, [](std::string_view scope) {
                  return forEachField2(scope, [](std::string_view item) {
                      return OtlpProtoSignalDetector::classifyItem(item);
                  });
              });
        if (signal)
            return signal;
    }
    return std::nullopt;
}

} // namespace kansoku
