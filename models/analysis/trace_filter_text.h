// Parses what users type into the trace filter fields: durations ("250ms", ">1.5s", "800us"),
// attribute filters ("http.route=/api key=\"a b\"") and trace ids. Pure functions; any thread.
#pragma once

#include "core/telemetry_queries.h"

#include <QString>
#include <optional>
#include <vector>

namespace kansoku {

class TraceFilterText
{
public:
    enum class Comparison { Unspecified, AtLeast, AtMost };

    struct DurationBound
    {
        Comparison comparison = Comparison::Unspecified; // from a leading ">", ">=", "<", "<="
        std::int64_t durationNs = 0;
        bool operator==(const DurationBound &) const = default;
    };

    // A non-negative number with an optional unit: ns, us (µs), ms, s, m, h; a bare number is
    // milliseconds. Whitespace is ignored. nullopt on anything else, including values beyond the
    // int64 nanosecond range.
    static std::optional<DurationBound> parseDuration(const QString &text);

    // One word of a search: "key=value" (an attribute term; the value may be empty) or a free
    // word (key empty).
    struct SearchTerm
    {
        std::string key;
        std::string value;
        bool isAttribute() const { return !key.empty(); }
        bool operator==(const SearchTerm &) const = default;
    };

    // Whitespace-separated words, each "key=value" or a free word; a value or a free word may be
    // double-quoted to hold spaces (a backslash escapes a quote or backslash inside quotes).
    // nullopt when a word starts with '=' (no key), a quote is not closed, or text follows a
    // closing quote. Empty text gives an empty list.
    static std::optional<std::vector<SearchTerm>> parseSearchTerms(const QString &text);

    // Whitespace-separated key=value pairs; a value may be double-quoted to hold spaces (a
    // backslash escapes a quote or backslash inside quotes). nullopt when a pair has no '=' or an
    // empty key, or a quote is not closed. Empty text gives an empty list.
    static std::optional<std::vector<AttributeFilter>> parseAttributeFilters(const QString &text);

    // 32 hex digits, surrounding whitespace ignored; nullopt otherwise (and for the all-zero id,
    // which no valid trace has).
    static std::optional<TraceId> parseTraceId(const QString &text);
};

} // namespace kansoku
