// The user's expand/collapse choices in a SpanTree, kept by span id instead of node index so that
// they survive rebuilding the tree from a trace with more spans (live reload): collapsed spans by
// their id, expanded groups by their parent's span id and the call they repeat. Spans and groups
// it does not name get the SpanTree defaults (spans expanded, groups folded). A plain value: any
// thread (applied on the worker that builds a huge tree).
#pragma once

#include "core/span.h"

#include <string>
#include <vector>

namespace kansoku {

class SpanTree;

class SpanTreeFolding
{
public:
    SpanTreeFolding() = default;
    static SpanTreeFolding capture(const SpanTree &tree);

    // Sets the tree's state in one rebuild; names missing from the tree are skipped.
    void applyTo(SpanTree &tree) const;

    const std::vector<SpanId> &collapsedSpans() const { return m_collapsedSpans; } // ascending
    int expandedGroupCount() const { return int(m_expandedGroups.size()); }

private:
    // What makes a group the same one in the rebuilt tree: its members may change (a late span
    // that starts first becomes the first member) but not their parent or the call.
    struct GroupKey
    {
        SpanId parent; // zero for a group of roots
        std::string service;
        std::string name;
        SpanKind kind = SpanKind::Unspecified;
        auto operator<=>(const GroupKey &) const = default;
    };
    static GroupKey keyOf(const SpanTree &tree, int groupIndex);

    std::vector<SpanId> m_collapsedSpans;   // ascending
    std::vector<GroupKey> m_expandedGroups; // ascending
};

} // namespace kansoku
