// The user's expand/collapse choices in a SpanTree, kept by span id instead of node index so that
// they survive rebuilding the tree from a trace with more spans (live reload): collapsed spans by
// their id, expanded groups by their parent's span id and the call they repeat. Spans and groups
// it does not name get the SpanTree defaults (spans expanded, groups folded), except a group that
// forms in the rebuilt tree out of spans that had rows of their own (or the selected span): it
// starts expanded, so what the user was looking at does not vanish into a folded row. A plain
// value: any thread (applied on the worker that builds a huge tree).
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
    // selectedSpan (zero: none) counts as shown even where it has no row.
    static SpanTreeFolding capture(const SpanTree &tree, const SpanId &selectedSpan = SpanId());

    // Sets the tree's state in one rebuild; names missing from the tree are skipped.
    void applyTo(SpanTree &tree) const;

    const std::vector<SpanId> &collapsedSpans() const { return m_collapsedSpans; } // ascending
    int expandedGroupCount() const { return int(m_expandedGroups.size()); }
    // Spans outside any group that had a row (and the selected span if outside any group): a new
    // group holding one of them starts expanded. Ascending.
    const std::vector<SpanId> &shownUngroupedSpans() const { return m_shownUngroupedSpans; }

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

    std::vector<SpanId> m_collapsedSpans;      // ascending
    std::vector<GroupKey> m_expandedGroups;    // ascending
    std::vector<SpanId> m_shownUngroupedSpans; // ascending
};

} // namespace kansoku
