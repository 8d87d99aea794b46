// Finds the spans of one open trace that match the waterfall's find bar: the words and
// key=value terms typed (TraceFilterText::parseSearchTerms) and the service and span kind chosen
// beside it. Pure; any thread (it only reads the immutable Trace), so a huge trace is searched
// on a worker.
#pragma once

#include "analysis/trace_filter_text.h"
#include "core/telemetry_queries.h"

#include <optional>
#include <string>
#include <vector>

namespace kansoku {

struct TraceSpanQuery
{
    std::vector<TraceFilterText::SearchTerm> terms; // every term must match
    std::string service;                            // service.name; empty: any service
    std::optional<SpanKind> kind;                   // empty: any kind
    bool isEmpty() const { return terms.empty() && service.empty() && !kind; }
};

class TraceSpanSearch
{
public:
    // A free word matches, ignoring ASCII case, part of the span's name, its service, its span id
    // in hex, its status message, one of its event names, or one of its attribute keys or values.
    // "key=value" matches a span attribute, or else a resource attribute (service.version,
    // host.name), with that exact key whose value contains the value ignoring ASCII case; an
    // empty value matches any value of the key.
    static bool matches(const Trace &trace, const TraceSpan &span, const TraceSpanQuery &query);
    // Indexes into Trace::spans of the matching spans, ascending; every span for an empty query.
    static std::vector<int> matchingSpans(const Trace &trace, const TraceSpanQuery &query);
};

} // namespace kansoku
