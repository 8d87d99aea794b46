// The span hierarchy of one trace laid out for painting: nodes in pre-order (children by start
// time), depth, self time, subtree envelopes, orphan and error flags, service indexes, groups of
// repeated siblings (SiblingGroups), and the expand/collapse state that decides the visible rows.
// Built on any thread (it only reads the immutable Trace); once handed to a view, used and mutated
// on that view's thread only.
#pragma once

#include "analysis/interval_lane.h"
#include "analysis/sibling_groups.h"
#include "core/telemetry_queries.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace kansoku {

struct SpanTreeNode
{
    int spanIndex = 0; // into Trace::spans
    int parent = -1;   // node index; -1 for roots (true roots and orphans)
    int depth = 0;
    int subtreeEnd = 0; // one past the last descendant: descendants are (this, subtreeEnd)
    int childCount = 0;
    int serviceIndex = 0; // into SpanTree::services()
    std::int64_t startTimeNs = 0;
    std::int64_t endTimeNs = 0;
    std::int64_t selfTimeNs = 0;     // duration not covered by any child (children clipped to it)
    std::int64_t subtreeStartNs = 0; // earliest start and latest end over the subtree
    std::int64_t subtreeEndNs = 0;
    bool isError = false;
    // Its parent id is set but not in the trace (or the parent chain loops back on itself).
    bool isOrphan = false;

    std::int64_t durationNs() const { return endTimeNs - startTimeNs; }
};

class SpanTree
{
public:
    SpanTree() = default;
    explicit SpanTree(std::shared_ptr<const Trace> trace);

    const std::shared_ptr<const Trace> &trace() const { return m_trace; }
    int nodeCount() const { return int(m_nodes.size()); }
    const SpanTreeNode &node(int index) const { return m_nodes[std::size_t(index)]; }
    const std::vector<SpanTreeNode> &nodes() const { return m_nodes; }
    const Span &span(int nodeIndex) const;
    const TraceSpan &traceSpan(int nodeIndex) const;
    int nodeForSpan(const SpanId &spanId) const; // -1 when absent
    int nodeOfSpanIndex(int spanIndex) const { return m_nodeOfSpan[std::size_t(spanIndex)]; }

    // Distinct service names in order of first appearance; a node's serviceIndex points here.
    const std::vector<std::string> &services() const { return m_services; }
    // The service name of a node: services()[node(nodeIndex).serviceIndex].
    const std::string &serviceOf(int nodeIndex) const
    {
        return m_services[std::size_t(node(nodeIndex).serviceIndex)];
    }
    std::int64_t startTimeNs() const { return m_startTimeNs; }
    std::int64_t endTimeNs() const { return m_endTimeNs; }
    int maxDepth() const { return m_maxDepth; }
    int rootCount() const { return m_rootCount; }
    int orphanCount() const { return m_orphanCount; }
    int errorCount() const { return m_errorCount; }

    // Navigation in pre-order: first child is index + 1, the next sibling starts at subtreeEnd.
    int firstChild(int nodeIndex) const;
    int nextSibling(int nodeIndex) const; // -1 after the last child or the last root
    int subtreeSize(int nodeIndex) const { return node(nodeIndex).subtreeEnd - nodeIndex; }
    std::vector<int> ancestors(int nodeIndex) const; // root first, nodeIndex excluded

    // Repeated siblings. A group has one row, where its first member starts among its siblings;
    // expanded, its members follow that row in start order, each with its own subtree.
    const SiblingGroups &groups() const { return m_groups; }

    // Expand/collapse. Every node starts expanded, every group collapsed. revision() changes with
    // every visible change.
    bool isCollapsed(int nodeIndex) const { return m_collapsed[std::size_t(nodeIndex)]; }
    void setCollapsed(int nodeIndex, bool collapsed);
    bool isGroupCollapsed(int groupIndex) const
    {
        return m_groupCollapsed[std::size_t(groupIndex)];
    }
    void setGroupCollapsed(int groupIndex, bool collapsed);
    // Expands the collapsed ancestors of the node and the groups holding it or an ancestor.
    void expandAncestors(int nodeIndex);
    // Nodes at depth >= depth with children collapse, and every group folds back to its row
    // (a summary level shows one row per repeated call).
    void collapseToDepth(int depth);
    void expandAll(); // groups too
    // The node, every node under it and the groups among them (as `*` in a tree view does).
    void expandSubtree(int nodeIndex);
    // A group and the subtrees of all its members.
    void expandGroupSubtrees(int groupIndex);
    // Sets the whole state at once (one rebuild): collapsed per node and per group, sized
    // nodeCount() and groups().count(); other sizes are ignored.
    void setFoldState(std::vector<bool> collapsedNodes, std::vector<bool> collapsedGroups);
    int revision() const { return m_revision; }

    // The descendants of a node as one lane, for painting a collapsed row's hidden work. Built on
    // first use and cached (a cache mutated from const code: single-threaded use only).
    const IntervalLane &descendantLane(int nodeIndex) const;
    // A group's members (not their descendants) as one lane, and those of them in error, for
    // painting the group's row. Cached like descendantLane().
    const IntervalLane &groupLane(int groupIndex) const;
    const IntervalLane &groupErrorLane(int groupIndex) const;

    // Node per row; a group's row holds its first member (which is then not shown by itself
    // unless the group is expanded: rowOfNode() says where a node really is).
    const std::vector<int> &visibleRows() const { return m_visibleRows; }
    int rowCount() const { return int(m_visibleRows.size()); }
    int rowOfNode(int nodeIndex) const { return m_rowOfNode[std::size_t(nodeIndex)]; } // -1 hidden
    int rowGroup(int row) const { return m_rowGroup[std::size_t(row)]; } // -1: a span's row
    int rowOfGroup(int groupIndex) const { return m_rowOfGroup[std::size_t(groupIndex)]; }
    // Indentation levels of a row: the depth plus one per group row above it.
    int displayDepth(int nodeIndex) const
    {
        return node(nodeIndex).depth + m_groups.nesting(nodeIndex);
    }
    int groupDisplayDepth(int groupIndex) const
    {
        return displayDepth(m_groups.group(groupIndex).firstMember) - 1;
    }

private:
    void rebuildVisibleRows();
    // Expands the nodes [first, end) (whole subtrees) and the groups whose parent lies there.
    void expandRange(int first, int end);

    struct GroupLanes
    {
        IntervalLane members;
        IntervalLane errors;
    };
    const GroupLanes &groupLanes(int groupIndex) const;

    std::shared_ptr<const Trace> m_trace;
    std::vector<SpanTreeNode> m_nodes;
    std::vector<int> m_nodeOfSpan; // Trace::spans index → node index
    std::vector<std::string> m_services;
    std::vector<bool> m_collapsed;
    SiblingGroups m_groups;
    std::vector<bool> m_groupCollapsed;
    std::vector<int> m_visibleRows;
    std::vector<int> m_rowOfNode;
    std::vector<int> m_rowGroup;   // per row
    std::vector<int> m_rowOfGroup; // per group
    mutable std::unordered_map<int, IntervalLane> m_descendantLanes;
    mutable std::unordered_map<int, GroupLanes> m_groupLanes;
    std::int64_t m_startTimeNs = 0;
    std::int64_t m_endTimeNs = 0;
    int m_maxDepth = 0;
    int m_rootCount = 0;
    int m_orphanCount = 0;
    int m_errorCount = 0;
    int m_revision = 0;
};

} // namespace kansoku
