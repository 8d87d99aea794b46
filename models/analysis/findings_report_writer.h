// Writes findings for people (aligned text) and for scripts (one JSON document), as `kansoku
// analyze` prints them. Pure functions, any thread.
#pragma once

#include "analysis/finding.h"

#include <string>
#include <vector>

namespace kansoku {

struct FindingsReport
{
    std::string sessionPath;
    TimeRange range; // the analysed range; unbounded sides are open
    std::int64_t traceCount = 0;
    std::int64_t spanCount = 0;
    std::vector<Finding> findings; // worst first
};

class FindingsReportWriter
{
public:
    // {"session", "range": {"from", "to"}, "traces", "spans", "findings": [{"detector", "title",
    // "severity", "service", "operation", "statement", "occurrences", "traces",
    // "endpoint_traces", "share_of_endpoint_traces", "cost_ms_per_request", "total_cost_ms",
    // "latency_share", "examples", "example_spans", "first_seen", "last_seen", "facts",
    // "fix_hint"}]}; times ISO 8601 UTC, ids lowercase hex, one line.
    static std::string json(const FindingsReport &report);
    // A header line, then per finding its title, the figures and the examples, then the hint.
    static std::string text(const FindingsReport &report);
};

} // namespace kansoku
