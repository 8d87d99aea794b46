// The span hierarchy of one trace laid out for painting: nodes in pre-order (children by start
// time), depth, self time, subtree envelopes, orphan and error flags, service indexes, and the
// expand/collapse state that decides the visible rows. Built on any thread (it only reads the
// immutable Trace); once handed to a view, used and mutated on that view's thread only.
#pragma once

#include "analysis/interval_lane.h"
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

    // Expand/collapse. Every node starts expanded. revision() changes with every visible change.
    bool isCollapsed(int nodeIndex) const { return m_collapsed[std::size_t(nodeIndex)]; }
    void setCollapsed(int nodeIndex, bool collapsed);
    void expandAncestors(int nodeIndex);
    void collapseToDepth(int depth); // nodes at depth >= depth with children collapse
    void expandAll();
    int revision() const { return m_revision; }

    // The descendants of a node as one lane, for painting a collapsed row's hidden work. Built on
    // first use and cached (a cache mutated from const code: single-threaded use only).
    const IntervalLane &descendantLane(int nodeIndex) const;

    const std::vector<int> &visibleRows() const { return m_visibleRows; } // node per row
    int rowCount() const { return int(m_visibleRows.size()); }
    int rowOfNode(int nodeIndex) const { return m_rowOfNode[std::size_t(nodeIndex)]; } // -1 hidden

private:
    void rebuildVisibleRows();

    std::shared_ptr<const Trace> m_trace;
    std::vector<SpanTreeNode> m_nodes;
    std::vector<int> m_nodeOfSpan; // Trace::spans index → node index
    std::vector<std::string> m_services;
    std::vector<bool> m_collapsed;
    std::vector<int> m_visibleRows;
    std::vector<int> m_rowOfNode;
    mutable std::unordered_map<int, IntervalLane> m_descendantLanes;
    std::int64_t m_startTimeNs = 0;
    std::int64_t m_endTimeNs = 0;
    int m_maxDepth = 0;
    int m_rootCount = 0;
    int m_orphanCount = 0;
    int m_errorCount = 0;
    int m_revision = 0;
};

} // namespace kansoku
