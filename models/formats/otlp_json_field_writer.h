// Writes attributes, events, links and exemplars as exact text in the OTLP/JSON shape
// (e.g. [{"key":"k","value":{"intValue":"5"}}]): storage keeps resources, scopes, log bodies,
// metric metadata, stream attributes and exemplars in it (readable with sqlite3, queryable with
// json_each; OtlpJsonFieldReader reads them back), and exported requests (OtlpJsonRequestEncoder)
// are built on it. Stateless; safe on any thread.
#pragma once

#include "core/metric.h"
#include "core/span.h"

#include <string>
#include <string_view>

namespace kansoku {

// Beyond OTLP/JSON, three exactness rules: doubles that are NaN/Infinity are the strings "NaN",
// "Infinity", "-Infinity" (as protobuf's JSON mapping does); integral doubles keep a ".0" so they
// never read back as integers; text that is not valid UTF-8 is stored base64 under
// "stringValueBase64" / "keyBase64", because JSON text must be UTF-8.
class OtlpJsonFieldWriter
{
public:
    // Text that is not valid UTF-8: storage keeps it exactly in the base64 fields above; files for
    // other readers (exports) must be standard OTLP/JSON, so there each bad sequence becomes
    // U+FFFD.
    enum class InvalidUtf8 { Base64Field, Replace };

    static void appendAnyValue(std::string &out, const AnyValue &value,
                               InvalidUtf8 mode = InvalidUtf8::Base64Field);
    static void appendAttributes(std::string &out, const Attributes &attributes,
                                 InvalidUtf8 mode = InvalidUtf8::Base64Field);
    // JSON arrays, "[]" when empty.
    static void appendEvents(std::string &out, const std::vector<SpanEvent> &events,
                             InvalidUtf8 mode = InvalidUtf8::Base64Field);
    static void appendLinks(std::string &out, const std::vector<SpanLink> &links,
                            InvalidUtf8 mode = InvalidUtf8::Base64Field);
    static void appendExemplars(std::string &out, const std::vector<Exemplar> &exemplars,
                                InvalidUtf8 mode = InvalidUtf8::Base64Field);

    // Scalars by the OTLP/JSON rules: a JSON string (invalid UTF-8 replaced), a double (NaN and
    // infinities as strings, integral values with ".0"), a 64-bit integer as a decimal string, an
    // unsigned 32-bit number as a plain number, an id as a lowercase hex string.
    static void appendText(std::string &out, std::string_view text);
    static void appendDouble(std::string &out, double value);
    static void appendInt64String(std::string &out, std::int64_t value);
    static void appendUnsigned(std::string &out, std::uint64_t value);
    static void appendUInt64String(std::string &out, std::uint64_t value);
    static void appendHexId(std::string &out, const TraceId &id);
    static void appendHexId(std::string &out, const SpanId &id);

    // Empty input gives an empty string (stored as NULL).
    static std::string encodeAttributes(const Attributes &attributes);
    static std::string encodeAnyValue(const AnyValue &value);
    static std::string encodeEvents(const std::vector<SpanEvent> &events);
    static std::string encodeLinks(const std::vector<SpanLink> &links);
    static std::string encodeExemplars(const std::vector<Exemplar> &exemplars);

    static std::string toBase64(std::string_view raw);
};

} // namespace kansoku
