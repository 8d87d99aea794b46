// The critical path of a trace: the chain of work that decided when its root span ended, found
// as Jaeger does it — walk back from the root's end through the child that finished last before
// that point, down into it, and back up to its parent at the child's start. Children are clipped
// to their parent first (work outside the parent cannot delay it; a child wholly outside is not
// on the path). Pure; built on any thread from an immutable SpanTree.
#pragma once

#include "analysis/span_tree.h"

#include <cstdint>
#include <vector>

namespace kansoku {

struct CriticalPathSegment
{
    int node = 0; // SpanTree node index
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    bool operator==(const CriticalPathSegment &) const = default;
};

struct CriticalPathShare
{
    int serviceIndex = 0; // into SpanTree::services()
    std::int64_t timeNs = 0;
    bool operator==(const CriticalPathShare &) const = default;
};

class CriticalPath
{
public:
    // The path of the root that ends last (orphans' subtrees are not part of it), in time order;
    // consecutive segments of one span stay apart (the span is critical before and after a child).
    // Empty for an empty tree.
    static std::vector<CriticalPathSegment> compute(const SpanTree &tree);

    // Time on the path per node (indexed by node), for painting and for "self time on the path".
    static std::vector<std::int64_t> timePerNode(const SpanTree &tree,
                                                 const std::vector<CriticalPathSegment> &path);
    // Time on the path per service (indexed like SpanTree::services()).
    static std::vector<std::int64_t> timePerService(const SpanTree &tree,
                                                    const std::vector<CriticalPathSegment> &path);
    // The services with time on the path, the most first (ties: the first to appear in the
    // trace), for "where did this request spend its time" at a glance. The shares add up to the
    // path's length.
    static std::vector<CriticalPathShare>
    servicesByTime(const SpanTree &tree, const std::vector<CriticalPathSegment> &path);
};

} // namespace kansoku
