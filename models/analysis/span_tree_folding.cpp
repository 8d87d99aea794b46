#include "analysis/span_tree_folding.h"

#include "analysis/span_tree.h"

#include <algorithm>

namespace kansoku {

SpanTreeFolding::GroupKey SpanTreeFolding::keyOf(const SpanTree &tree, int groupIndex)
{
    const SiblingGroup &group = tree.groups().group(groupIndex);
    const Span &first = tree.span(group.firstMember);
    GroupKey key;
    if (group.parent >= 0)
        key.parent = tree.span(group.parent).spanId;
    key.service = tree.serviceOf(group.firstMember);
    key.name = first.name;
    key.kind = first.kind;
    return key;
}

SpanTreeFolding SpanTreeFolding::capture(const SpanTree &tree, const SpanId &selectedSpan)
{
    SpanTreeFolding folding;
    for (int n = 0; n < tree.nodeCount(); ++n) {
        if (tree.isCollapsed(n))
            folding.m_collapsedSpans.push_back(tree.span(n).spanId);
    }
    for (int g = 0; g < tree.groups().count(); ++g) {
        if (!tree.isGroupCollapsed(g))
            folding.m_expandedGroups.push_back(keyOf(tree, g));
    }
    // Members of a group already there keep that group's state: only spans outside every group
    // can form a new one.
    const SiblingGroups &groups = tree.groups();
    for (int row = 0; row < tree.rowCount(); ++row) {
        const int node = tree.visibleRows()[std::size_t(row)];
        if (tree.rowGroup(row) < 0 && groups.groupOfNode(node) < 0)
            folding.m_shownUngroupedSpans.push_back(tree.span(node).spanId);
    }
    if (const int selected = selectedSpan.isZero() ? -1 : tree.nodeForSpan(selectedSpan);
        selected >= 0 && groups.groupOfNode(selected) < 0 && tree.rowOfNode(selected) < 0)
        folding.m_shownUngroupedSpans.push_back(selectedSpan);
    std::sort(folding.m_collapsedSpans.begin(), folding.m_collapsedSpans.end());
    std::sort(folding.m_expandedGroups.begin(), folding.m_expandedGroups.end());
    std::sort(folding.m_shownUngroupedSpans.begin(), folding.m_shownUngroupedSpans.end());
    return folding;
}

void SpanTreeFolding::applyTo(SpanTree &tree) const
{
    std::vector<bool> collapsed(std::size_t(tree.nodeCount()), false);
    if (!m_collapsedSpans.empty()) {
        for (int n = 0; n < tree.nodeCount(); ++n)
            collapsed[std::size_t(n)] = std::binary_search(
                m_collapsedSpans.begin(), m_collapsedSpans.end(), tree.span(n).spanId);
    }
    std::vector<bool> groupCollapsed(std::size_t(tree.groups().count()), true);
    if (!m_expandedGroups.empty()) {
        for (int g = 0; g < tree.groups().count(); ++g)
            groupCollapsed[std::size_t(g)] = !std::binary_search(
                m_expandedGroups.begin(), m_expandedGroups.end(), keyOf(tree, g));
    }
    if (!m_shownUngroupedSpans.empty()) {
        const auto wasShown = [this, &tree](int node) {
            return std::binary_search(m_shownUngroupedSpans.begin(), m_shownUngroupedSpans.end(),
                                      tree.span(node).spanId);
        };
        for (int g = 0; g < tree.groups().count(); ++g) {
            const std::span<const int> members = tree.groups().members(g);
            if (groupCollapsed[std::size_t(g)]
                && std::any_of(members.begin(), members.end(), wasShown))
                groupCollapsed[std::size_t(g)] = false;
        }
    }
    tree.setFoldState(std::move(collapsed), std::move(groupCollapsed));
}

} // namespace kansoku
