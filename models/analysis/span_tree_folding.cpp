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

SpanTreeFolding SpanTreeFolding::capture(const SpanTree &tree)
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
    std::sort(folding.m_collapsedSpans.begin(), folding.m_collapsedSpans.end());
    std::sort(folding.m_expandedGroups.begin(), folding.m_expandedGroups.end());
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
    tree.setFoldState(std::move(collapsed), std::move(groupCollapsed));
}

} // namespace kansoku
