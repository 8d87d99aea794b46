// "Collapse to the critical path": the fold state of a SpanTree that shows every span on the
// critical path as a row and folds everything else — each span whose subtree holds no span of
// the path collapses, each group of repeated calls none of whose members' subtrees does folds,
// and the spans and groups above the path's spans open. Pure; any thread.
#pragma once

#include "analysis/critical_path.h"
#include "analysis/span_tree.h"

#include <vector>

namespace kansoku {

struct CriticalPathFolding
{
    // For SpanTree::setFoldState: per node (nodeCount()) and per group (groups().count()).
    std::vector<bool> collapsedNodes;
    std::vector<bool> collapsedGroups;
    int pathRoot = -1; // the root the path runs through; -1 for an empty path

    // path: CriticalPath::compute(tree), in any order. An empty path folds every span and group.
    static CriticalPathFolding compute(const SpanTree &tree,
                                       const std::vector<CriticalPathSegment> &path);
};

} // namespace kansoku
