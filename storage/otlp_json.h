// Exact text encoding of attributes, events, links and exemplars in the OTLP/JSON shape
// (e.g. [{"key":"k","value":{"intValue":"5"}}]) so a database stays readable with sqlite3 and
// queryable with json_each. Stateless; safe on any thread.
#pragma once

#include "metric.h"
#include "span.h"

#include <string>
#include <string_view>

namespace kansoku {

// Beyond OTLP/JSON, three exactness rules: doubles that are NaN/Infinity are the strings "NaN",
// "Infinity", "-Infinity" (as protobuf's JSON mapping does); integral doubles keep a ".0" so they
// never read back as integers; text that is not valid UTF-8 is stored base64 under
// "stringValueBase64" / "keyBase64", because JSON text must be UTF-8.
class OtlpJson
{
public:
    static void appendAnyValue(std::string &out, const AnyValue &value);
    static void appendAttributes(std::string &out, const Attributes &attributes);
    // Empty input gives an empty string (stored as NULL).
    static std::string encodeAttributes(const Attributes &attributes);
    static std::string encodeAnyValue(const AnyValue &value);
    static std::string encodeEvents(const std::vector<SpanEvent> &events);
    static std::string encodeLinks(const std::vector<SpanLink> &links);
    static std::string encodeExemplars(const std::vector<Exemplar> &exemplars);

    // An empty input decodes to the empty value. False on malformed text.
    static bool decodeAttributes(std::string_view json, Attributes *attributes);
    static bool decodeAnyValue(std::string_view json, AnyValue *value);
    static bool decodeEvents(std::string_view json, std::vector<SpanEvent> *events);
    static bool decodeLinks(std::string_view json, std::vector<SpanLink> *links);
    static bool decodeExemplars(std::string_view json, std::vector<Exemplar> *exemplars);

    // True when some attribute under key has the display text value (AnyValue::toDisplayString).
    static bool attributesMatch(std::string_view json, std::string_view key,
                                std::string_view value);

    static std::string toBase64(std::string_view raw);
    static bool fromBase64(std::string_view text, std::string *raw);
};

} // namespace kansoku
