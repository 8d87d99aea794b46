// Reads back what OtlpJsonFieldWriter wrote (attributes, events, links and exemplars in the
// OTLP/JSON shape, with its exactness rules) into the session's JSON columns, and the span columns
// of schema version 1 files while they are migrated. Stateless; safe on any thread (one simdjson
// parser per thread).
#pragma once

#include "core/metric.h"
#include "core/span.h"

#include <string>
#include <string_view>

namespace kansoku {

class OtlpJsonFieldReader
{
public:
    // An empty input decodes to the empty value. False on malformed text.
    static bool decodeAttributes(std::string_view json, Attributes *attributes);
    static bool decodeAnyValue(std::string_view json, AnyValue *value);
    static bool decodeEvents(std::string_view json, std::vector<SpanEvent> *events);
    static bool decodeLinks(std::string_view json, std::vector<SpanLink> *links);
    static bool decodeExemplars(std::string_view json, std::vector<Exemplar> *exemplars);

    static bool fromBase64(std::string_view text, std::string *raw);
};

} // namespace kansoku
