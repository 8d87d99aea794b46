// One trace as a compact JSON summary for programs (the MCP get_trace tool): its spans in tree
// order with depth, service, duration, self time, status and the semantic-convention attributes,
// cut at a depth and a span count for huge traces; the critical path; the findings whose example
// spans lie in it. And one span whole, with every attribute, event and link. Pure, any thread.
#pragma once

#include "analysis/finding.h"
#include "analysis/span_tree.h"

#include <QJsonObject>
#include <optional>

namespace kansoku {

struct TraceOutlineOptions
{
    int maxDepth = 20;  // spans deeper than this are left out (depth 0 = roots)
    int maxSpans = 200; // at most this many spans, in tree order
};

class TraceOutline
{
public:
    // {"trace_id", "start", "duration_ms", "span_count", "error_spans", "services", "spans":
    // [{"span_id", "parent_span_id", "depth", "name", "service", "kind", "start_offset_ms",
    // "duration_ms", "self_ms", "status", "status_message", "critical_path_ms", "attributes"}],
    // "omitted_spans", "critical_path": [{"span_id", "name", "service", "ms"}], "findings":
    // [{"detector", "severity", "title", "span_ids", "on_critical_path"}]}.
    static QJsonObject build(const SpanTree &tree, const std::vector<Finding> &findings,
                             const TraceOutlineOptions &options);
    // The span with all its fields, its resource and scope; nullopt when it is not in the trace.
    static std::optional<QJsonObject> span(const SpanTree &tree, const SpanId &spanId);
};

} // namespace kansoku
