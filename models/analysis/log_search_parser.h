// Turns the text of the logs search box into a LogQuery: free text becomes an FTS5 expression
// (words, "phrases", prefix*, AND/OR/NOT, parentheses, body:/attributes: columns) and filter
// tokens (severity>=warn, service:NAME, trace:HEX, span:HEX, key=value) become query fields.
// Text that FTS5 would reject gives a message instead. Pure, any thread.
#pragma once

#include "analysis/full_text_matcher.h"
#include "core/telemetry_queries.h"

namespace kansoku {

struct LogSearch
{
    std::string fullText; // FTS5 syntax, every phrase quoted; empty = no text condition
    int minSeverityNumber = 0;
    std::optional<std::string> service;
    std::optional<TraceId> traceId;
    std::optional<SpanId> spanId;
    std::vector<AttributeFilter> attributeFilters;
    // Body phrases to highlight: not the ones excluded with NOT, not attributes: phrases.
    std::vector<SearchPhrase> highlightPhrases;
    // Why the text is not a valid search (nothing else is set then); empty when valid.
    QString errorMessage;

    bool isValid() const { return errorMessage.isEmpty(); }
    bool hasFilters() const;
    // Adds this search's conditions to a query (severity: the stricter of both).
    void applyTo(LogQuery *query) const;
};

class LogSearchParser
{
public:
    static LogSearch parse(const QString &text);
};

} // namespace kansoku
