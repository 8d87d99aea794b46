#include "analysis/critical_path_folding.h"

#include <algorithm>

namespace kansoku {

CriticalPathFolding CriticalPathFolding::compute(const SpanTree &tree,
                                                 const std::vector<CriticalPathSegment> &path)
{
    const auto nodeCount = std::size_t(tree.nodeCount());
    std::vector<bool> holdsPath(nodeCount, false); // the node or a descendant is on the path
    CriticalPathFolding folding;
    for (const CriticalPathSegment &segment : path) {
        if (segment.node < 0 || std::size_t(segment.node) >= nodeCount)
            continue;
        holdsPath[std::size_t(segment.node)] = true;
        if (tree.node(segment.node).parent < 0)
            folding.pathRoot = segment.node;
    }
    // Pre-order: every child comes after its parent, so one backward pass carries it up.
    std::vector<bool> childHoldsPath(nodeCount, false);
    for (int n = tree.nodeCount() - 1; n >= 0; --n) {
        const int parent = tree.node(n).parent;
        if (holdsPath[std::size_t(n)] && parent >= 0) {
            holdsPath[std::size_t(parent)] = true;
            childHoldsPath[std::size_t(parent)] = true;
        }
    }
    folding.collapsedNodes.resize(nodeCount);
    for (std::size_t n = 0; n < nodeCount; ++n)
        folding.collapsedNodes[n] = tree.node(int(n)).childCount > 0 && !childHoldsPath[n];
    const SiblingGroups &groups = tree.groups();
    folding.collapsedGroups.resize(std::size_t(groups.count()));
    for (int g = 0; g < groups.count(); ++g) {
        const std::span<const int> members = groups.members(g);
        folding.collapsedGroups[std::size_t(g)]
            = std::none_of(members.begin(), members.end(),
                           [&holdsPath](int member) { return holdsPath[std::size_t(member)]; });
    }
    return folding;
}

} // namespace kansoku
