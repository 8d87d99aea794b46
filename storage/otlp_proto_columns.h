// The stored form of the per-item columns written at ingest rate: spans.attributes, spans.events,
// spans.links and logs.attributes hold the OTLP protobuf wire encoding of that repeated field of
// the Span or LogRecord message (field numbers below), so each column decodes with any OTLP
// protobuf tooling as a partial Span or LogRecord (`protoc --decode
// opentelemetry.proto.trace.v1.Span`). About half the size of OTLP/JSON and several times cheaper
// to write and read; the smaller interned tables (resources, scopes, metric streams) keep readable
// OTLP/JSON. Empty lists are stored as NULL. Decoding never trusts the bytes: a damaged value
// yields false, never a crash; it reads what protobuf's generated parser reads as a Span or
// LogRecord, with ProtobufWireReader, the one walker ingest reads requests with.
#pragma once

#include "core/span.h"

#include <string>
#include <string_view>
#include <vector>

namespace kansoku {

class OtlpProtoColumns
{
public:
    static constexpr int spanAttributesField = 9;
    static constexpr int spanEventsField = 11;
    static constexpr int spanLinksField = 13;
    static constexpr int logAttributesField = 6;

    // Append to out (not cleared), each entry as `fieldNumber` of the enclosing message.
    static void appendAttributes(std::string &out, int fieldNumber, const Attributes &attributes);
    static void appendEvents(std::string &out, const std::vector<SpanEvent> &events);
    static void appendLinks(std::string &out, const std::vector<SpanLink> &links);

    // Replace *out with what the bytes hold; entries under other field numbers are skipped.
    // Empty bytes (a NULL column) are an empty list.
    static bool decodeAttributes(std::string_view bytes, int fieldNumber, Attributes *out);
    static bool decodeEvents(std::string_view bytes, std::vector<SpanEvent> *out);
    static bool decodeLinks(std::string_view bytes, std::vector<SpanLink> *out);

    // decodeAttributes keeping only the entries whose key passes keep, in their order. The value
    // of any other entry is skipped unread (only its length is checked), so the attributes a
    // reader does not want cost no allocation and no decoding; a damage inside such a value goes
    // unnoticed. On damaged bytes: false, with the whole entries kept before the damage in *out.
    using KeyFilter = bool (*)(std::string_view key);
    static bool decodeAttributesWhere(std::string_view bytes, int fieldNumber, KeyFilter keep,
                                      Attributes *out);
    // From an events column: the value of the first attribute under key of the first event named
    // eventName; empty when there is none, or when the bytes up to it are damaged. Reads only that
    // event's attributes and copies only that value (not, say, an exception's stack trace).
    static AnyValue firstEventAttribute(std::string_view bytes, std::string_view eventName,
                                        std::string_view key);

    // True when an attribute under key has the display text value (AnyValue::toDisplayString).
    static bool attributesMatch(std::string_view bytes, int fieldNumber, std::string_view key,
                                std::string_view value);
};

} // namespace kansoku
