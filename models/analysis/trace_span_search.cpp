#include "analysis/trace_span_search.h"

#include <algorithm>
#include <cctype>

namespace kansoku {

namespace {

char foldAscii(char c)
{
    return char(std::tolower(static_cast<unsigned char>(c)));
}

std::string foldedAscii(std::string_view text)
{
    std::string folded(text);
    std::transform(folded.begin(), folded.end(), folded.begin(), foldAscii);
    return folded;
}

// Whether text contains the already folded needle, ignoring ASCII case. UTF-8 bytes beyond ASCII
// compare as they are, which keeps a multi-byte character whole.
bool containsFolded(std::string_view text, std::string_view foldedNeedle)
{
    if (foldedNeedle.empty())
        return true;
    return std::search(text.begin(), text.end(), foldedNeedle.begin(), foldedNeedle.end(),
                       [](char a, char b) { return foldAscii(a) == b; })
           != text.end();
}

bool valueContains(const AnyValue &value, std::string_view foldedNeedle)
{
    if (value.type() == AnyValue::Type::String)
        return containsFolded(value.stringValue(), foldedNeedle);
    return containsFolded(value.toDisplayString(), foldedNeedle);
}

bool attributeMatches(const Attributes &attributes, const std::string &key,
                      std::string_view foldedValue)
{
    return std::any_of(attributes.begin(), attributes.end(), [&](const KeyValue &attribute) {
        return attribute.key == key && valueContains(attribute.value, foldedValue);
    });
}

// A term with its value folded once for the whole search, not once per span.
struct FoldedTerm
{
    const TraceFilterText::SearchTerm *term = nullptr;
    std::string foldedValue;
};

bool freeWordMatches(const Trace &trace, const TraceSpan &traceSpan, std::string_view word)
{
    const Span &span = traceSpan.span;
    if (containsFolded(span.name, word) || containsFolded(span.status.message, word))
        return true;
    const auto resource = std::size_t(traceSpan.resourceIndex);
    if (resource < trace.resources.size()
        && containsFolded(trace.resources[resource].serviceName(), word))
        return true;
    if (containsFolded(toHex(span.spanId), word))
        return true;
    for (const SpanEvent &event : span.events)
        if (containsFolded(event.name, word))
            return true;
    return std::any_of(
        span.attributes.begin(), span.attributes.end(), [word](const KeyValue &attribute) {
            return containsFolded(attribute.key, word) || valueContains(attribute.value, word);
        });
}

bool termMatches(const Trace &trace, const TraceSpan &traceSpan, const FoldedTerm &folded)
{
    const TraceFilterText::SearchTerm &term = *folded.term;
    if (!term.isAttribute())
        return freeWordMatches(trace, traceSpan, folded.foldedValue);
    if (attributeMatches(traceSpan.span.attributes, term.key, folded.foldedValue))
        return true;
    const auto resource = std::size_t(traceSpan.resourceIndex);
    return resource < trace.resources.size()
           && attributeMatches(trace.resources[resource].attributes, term.key, folded.foldedValue);
}

std::vector<FoldedTerm> foldTerms(const TraceSpanQuery &query)
{
    std::vector<FoldedTerm> folded;
    folded.reserve(query.terms.size());
    for (const TraceFilterText::SearchTerm &term : query.terms)
        folded.push_back({&term, foldedAscii(term.value)});
    return folded;
}

// service.name is read from each resource once per search, not once per span.
std::vector<bool> resourcesOfService(const Trace &trace, const std::string &service)
{
    std::vector<bool> ofService(trace.resources.size(), false);
    for (std::size_t resource = 0; resource < trace.resources.size(); ++resource)
        ofService[resource] = trace.resources[resource].serviceName() == service;
    return ofService;
}

bool matchesFolded(const Trace &trace, const TraceSpan &span, const TraceSpanQuery &query,
                   const std::vector<FoldedTerm> &terms, const std::vector<bool> &resourceOfService)
{
    if (query.kind && span.span.kind != *query.kind)
        return false;
    if (!query.service.empty()) {
        const auto resource = std::size_t(span.resourceIndex);
        if (resource >= resourceOfService.size() || !resourceOfService[resource])
            return false;
    }
    return std::all_of(terms.begin(), terms.end(),
                       [&](const FoldedTerm &term) { return termMatches(trace, span, term); });
}

} // namespace

bool TraceSpanSearch::matches(const Trace &trace, const TraceSpan &span,
                              const TraceSpanQuery &query)
{
    return matchesFolded(trace, span, query, foldTerms(query),
                         resourcesOfService(trace, query.service));
}

std::vector<int> TraceSpanSearch::matchingSpans(const Trace &trace, const TraceSpanQuery &query)
{
    const std::vector<FoldedTerm> terms = foldTerms(query);
    const std::vector<bool> resourceOfService = resourcesOfService(trace, query.service);
    std::vector<int> matching;
    for (std::size_t index = 0; index < trace.spans.size(); ++index)
        if (matchesFolded(trace, trace.spans[index], query, terms, resourceOfService))
            matching.push_back(int(index));
    return matching;
}

} // namespace kansoku
