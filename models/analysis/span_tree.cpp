#include "analysis/span_tree.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <unordered_map>

namespace kansoku {

static std::uint64_t spanKey(const SpanId &id)
{
    std::uint64_t key = 0;
    std::memcpy(&key, id.bytes.data(), sizeof key);
    return key;
}

SpanTree::SpanTree(std::shared_ptr<const Trace> trace)
    : m_trace(std::move(trace))
{
    if (!m_trace)
        return;
    const std::vector<TraceSpan> &spans = m_trace->spans;
    const int count = int(spans.size());

    // Span id → first span carrying it (a duplicated id keeps the first occurrence as parent).
    std::unordered_map<std::uint64_t, int> indexOfId;
    indexOfId.reserve(std::size_t(count) * 2);
    for (int i = 0; i < count; ++i)
        indexOfId.emplace(spanKey(spans[std::size_t(i)].span.spanId), i);

    std::vector<int> parentOf(std::size_t(count), -1);
    std::vector<bool> orphan(std::size_t(count), false);
    for (int i = 0; i < count; ++i) {
        const Span &span = spans[std::size_t(i)].span;
        if (span.parentSpanId.isZero())
            continue;
        const auto it = indexOfId.find(spanKey(span.parentSpanId));
        if (it == indexOfId.end() || it->second == i)
            orphan[std::size_t(i)] = true;
        else
            parentOf[std::size_t(i)] = it->second;
    }

    // Children lists in CSR form, each ordered by start time (ties by arrival).
    std::vector<int> childOffsets(std::size_t(count) + 1, 0);
    for (int i = 0; i < count; ++i) {
        if (parentOf[std::size_t(i)] >= 0)
            ++childOffsets[std::size_t(parentOf[std::size_t(i)]) + 1];
    }
    for (int i = 0; i < count; ++i)
        childOffsets[std::size_t(i) + 1] += childOffsets[std::size_t(i)];
    std::vector<int> children(std::size_t(childOffsets.back()), 0);
    {
        std::vector<int> fill(childOffsets.begin(), childOffsets.end() - 1);
        for (int i = 0; i < count; ++i) {
            if (parentOf[std::size_t(i)] >= 0)
                children[std::size_t(fill[std::size_t(parentOf[std::size_t(i)])]++)] = i;
        }
    }
    const auto byStart = [&spans](int a, int b) {
        const std::int64_t sa = spans[std::size_t(a)].span.startTimeNs;
        const std::int64_t sb = spans[std::size_t(b)].span.startTimeNs;
        return sa != sb ? sa < sb : a < b;
    };
    for (int i = 0; i < count; ++i) {
        auto first = children.begin() + childOffsets[std::size_t(i)];
        auto last = children.begin() + childOffsets[std::size_t(i) + 1];
        if (!std::is_sorted(first, last, byStart))
            std::sort(first, last, byStart);
    }

    std::vector<int> roots;
    for (int i = 0; i < count; ++i) {
        if (parentOf[std::size_t(i)] < 0)
            roots.push_back(i);
    }
    std::sort(roots.begin(), roots.end(), byStart);

    // Service per resource, computed once per resource rather than per span.
    std::vector<int> serviceOfResource(m_trace->resources.size(), 0);
    {
        std::unordered_map<std::string, int> serviceIndex;
        for (std::size_t r = 0; r < m_trace->resources.size(); ++r) {
            const std::string name = m_trace->resources[r].serviceName();
            const auto [it, inserted] = serviceIndex.emplace(name, int(m_services.size()));
            if (inserted)
                m_services.push_back(name);
            serviceOfResource[r] = it->second;
        }
        if (m_services.empty())
            m_services.push_back("unknown_service");
    }

    m_nodes.reserve(std::size_t(count));
    m_nodeOfSpan.assign(std::size_t(count), -1);
    struct Pending
    {
        int spanIndex;
        int parentNode;
    };
    std::vector<Pending> stack;
    const auto visitFrom = [&](int rootSpan, bool isOrphanRoot) {
        stack.push_back({rootSpan, -1});
        m_nodeOfSpan[std::size_t(rootSpan)] = -2; // queued
        while (!stack.empty()) {
            const Pending pending = stack.back();
            stack.pop_back();
            const int nodeIndex = int(m_nodes.size());
            const TraceSpan &traceSpan = spans[std::size_t(pending.spanIndex)];
            SpanTreeNode node;
            node.spanIndex = pending.spanIndex;
            node.parent = pending.parentNode;
            node.depth
                = pending.parentNode < 0 ? 0 : m_nodes[std::size_t(pending.parentNode)].depth + 1;
            node.startTimeNs = traceSpan.span.startTimeNs;
            node.endTimeNs = std::max(traceSpan.span.endTimeNs, traceSpan.span.startTimeNs);
            node.subtreeStartNs = node.startTimeNs;
            node.subtreeEndNs = node.endTimeNs;
            node.isError = traceSpan.span.status.code == StatusCode::Error;
            node.isOrphan = pending.parentNode < 0 && isOrphanRoot;
            const auto resource = std::size_t(traceSpan.resourceIndex);
            node.serviceIndex
                = resource < serviceOfResource.size() ? serviceOfResource[resource] : 0;
            m_nodes.push_back(node);
            m_nodeOfSpan[std::size_t(pending.spanIndex)] = nodeIndex;
            const int first = childOffsets[std::size_t(pending.spanIndex)];
            const int last = childOffsets[std::size_t(pending.spanIndex) + 1];
            for (int c = last - 1; c >= first; --c) {
                const int child = children[std::size_t(c)];
                if (m_nodeOfSpan[std::size_t(child)] != -1)
                    continue; // already placed: the parent links form a cycle
                m_nodeOfSpan[std::size_t(child)] = -2;
                stack.push_back({child, nodeIndex});
            }
        }
    };
    for (int root : roots)
        visitFrom(root, orphan[std::size_t(root)]);
    // Spans whose parent chain loops never reach a root; show each loop from its earliest span.
    std::vector<int> unreached;
    for (int i = 0; i < count; ++i) {
        if (m_nodeOfSpan[std::size_t(i)] == -1)
            unreached.push_back(i);
    }
    std::sort(unreached.begin(), unreached.end(), byStart);
    for (int i : unreached) {
        if (m_nodeOfSpan[std::size_t(i)] == -1)
            visitFrom(i, true);
    }

    // Bottom-up pass in reverse pre-order: subtree extents, envelopes and child counts.
    std::vector<int> subtreeEnd(m_nodes.size());
    for (int n = int(m_nodes.size()) - 1; n >= 0; --n) {
        SpanTreeNode &node = m_nodes[std::size_t(n)];
        subtreeEnd[std::size_t(n)] = std::max(subtreeEnd[std::size_t(n)], n + 1);
        if (node.parent >= 0) {
            SpanTreeNode &parent = m_nodes[std::size_t(node.parent)];
            subtreeEnd[std::size_t(node.parent)]
                = std::max(subtreeEnd[std::size_t(node.parent)], subtreeEnd[std::size_t(n)]);
            parent.subtreeStartNs = std::min(parent.subtreeStartNs, node.subtreeStartNs);
            parent.subtreeEndNs = std::max(parent.subtreeEndNs, node.subtreeEndNs);
            ++parent.childCount;
        }
    }

    m_startTimeNs = std::numeric_limits<std::int64_t>::max();
    m_endTimeNs = std::numeric_limits<std::int64_t>::min();
    for (std::size_t n = 0; n < m_nodes.size(); ++n)
        m_nodes[n].subtreeEnd = subtreeEnd[n];
    for (int n = 0; n < int(m_nodes.size()); ++n) {
        SpanTreeNode &node = m_nodes[std::size_t(n)];
        m_maxDepth = std::max(m_maxDepth, node.depth);
        m_startTimeNs = std::min(m_startTimeNs, node.startTimeNs);
        m_endTimeNs = std::max(m_endTimeNs, node.endTimeNs);
        if (node.parent < 0)
            ++m_rootCount;
        if (node.isOrphan)
            ++m_orphanCount;
        if (node.isError)
            ++m_errorCount;

        // Self time: the node's interval minus the union of its children (children are in start
        // order, so one sweep merges overlaps).
        std::int64_t covered = 0;
        std::int64_t coveredUntil = node.startTimeNs;
        for (int c = firstChild(n); c >= 0; c = nextSibling(c)) {
            const SpanTreeNode &child = m_nodes[std::size_t(c)];
            const std::int64_t from = std::max(child.startTimeNs, coveredUntil);
            const std::int64_t to = std::min(child.endTimeNs, node.endTimeNs);
            if (to > from) {
                covered += to - from;
                coveredUntil = to;
            }
        }
        node.selfTimeNs = node.durationNs() - covered;
    }
    if (m_nodes.empty()) {
        m_startTimeNs = 0;
        m_endTimeNs = 0;
    }

    m_collapsed.assign(m_nodes.size(), false);
    m_groups = SiblingGroups(m_nodes, *m_trace);
    m_groupCollapsed.assign(std::size_t(m_groups.count()), true);
    rebuildVisibleRows();
}

const Span &SpanTree::span(int nodeIndex) const
{
    return traceSpan(nodeIndex).span;
}

const TraceSpan &SpanTree::traceSpan(int nodeIndex) const
{
    return m_trace->spans[std::size_t(m_nodes[std::size_t(nodeIndex)].spanIndex)];
}

int SpanTree::nodeForSpan(const SpanId &spanId) const
{
    if (!m_trace)
        return -1;
    // Linear, but only on explicit selection requests; the per-frame paths never look ids up.
    for (std::size_t i = 0; i < m_trace->spans.size(); ++i) {
        if (m_trace->spans[i].span.spanId == spanId)
            return m_nodeOfSpan[i];
    }
    return -1;
}

int SpanTree::firstChild(int nodeIndex) const
{
    const SpanTreeNode &node = m_nodes[std::size_t(nodeIndex)];
    return node.subtreeEnd > nodeIndex + 1 ? nodeIndex + 1 : -1;
}

int SpanTree::nextSibling(int nodeIndex) const
{
    const int next = m_nodes[std::size_t(nodeIndex)].subtreeEnd;
    if (next >= nodeCount())
        return -1;
    return m_nodes[std::size_t(next)].parent == m_nodes[std::size_t(nodeIndex)].parent ? next : -1;
}

std::vector<int> SpanTree::ancestors(int nodeIndex) const
{
    std::vector<int> chain;
    for (int p = m_nodes[std::size_t(nodeIndex)].parent; p >= 0; p = m_nodes[std::size_t(p)].parent)
        chain.push_back(p);
    std::reverse(chain.begin(), chain.end());
    return chain;
}

void SpanTree::setCollapsed(int nodeIndex, bool collapsed)
{
    if (m_collapsed[std::size_t(nodeIndex)] == collapsed)
        return;
    m_collapsed[std::size_t(nodeIndex)] = collapsed;
    rebuildVisibleRows();
}

void SpanTree::setGroupCollapsed(int groupIndex, bool collapsed)
{
    if (m_groupCollapsed[std::size_t(groupIndex)] == collapsed)
        return;
    m_groupCollapsed[std::size_t(groupIndex)] = collapsed;
    rebuildVisibleRows();
}

void SpanTree::expandAncestors(int nodeIndex)
{
    bool changed = false;
    for (int n = nodeIndex; n >= 0; n = m_nodes[std::size_t(n)].parent) {
        if (n != nodeIndex && m_collapsed[std::size_t(n)]) {
            m_collapsed[std::size_t(n)] = false;
            changed = true;
        }
        const int group = m_groups.groupOfNode(n);
        if (group >= 0 && m_groupCollapsed[std::size_t(group)]) {
            m_groupCollapsed[std::size_t(group)] = false;
            changed = true;
        }
    }
    if (changed)
        rebuildVisibleRows();
}

void SpanTree::collapseToDepth(int depth)
{
    for (std::size_t n = 0; n < m_nodes.size(); ++n)
        m_collapsed[n] = m_nodes[n].depth >= depth && m_nodes[n].childCount > 0;
    m_groupCollapsed.assign(m_groupCollapsed.size(), true);
    rebuildVisibleRows();
}

void SpanTree::expandAll()
{
    m_collapsed.assign(m_nodes.size(), false);
    m_groupCollapsed.assign(m_groupCollapsed.size(), false);
    rebuildVisibleRows();
}

void SpanTree::expandRange(int first, int end)
{
    for (int n = first; n < end; ++n)
        m_collapsed[std::size_t(n)] = false;
    // Groups come ordered by parent (roots, -1, first): those under [first, end) are one run.
    int low = 0;
    int high = m_groups.count();
    while (low < high) {
        const int mid = (low + high) / 2;
        if (m_groups.group(mid).parent < first)
            low = mid + 1;
        else
            high = mid;
    }
    for (int g = low; g < m_groups.count() && m_groups.group(g).parent < end; ++g)
        m_groupCollapsed[std::size_t(g)] = false;
}

void SpanTree::expandSubtree(int nodeIndex)
{
    expandRange(nodeIndex, m_nodes[std::size_t(nodeIndex)].subtreeEnd);
    rebuildVisibleRows();
}

void SpanTree::expandGroupSubtrees(int groupIndex)
{
    m_groupCollapsed[std::size_t(groupIndex)] = false;
    for (int member : m_groups.members(groupIndex))
        expandRange(member, m_nodes[std::size_t(member)].subtreeEnd);
    rebuildVisibleRows();
}

void SpanTree::setFoldState(std::vector<bool> collapsedNodes, std::vector<bool> collapsedGroups)
{
    if (collapsedNodes.size() != m_nodes.size()
        || collapsedGroups.size() != std::size_t(m_groups.count()))
        return;
    m_collapsed = std::move(collapsedNodes);
    m_groupCollapsed = std::move(collapsedGroups);
    rebuildVisibleRows();
}

const IntervalLane &SpanTree::descendantLane(int nodeIndex) const
{
    const auto found = m_descendantLanes.find(nodeIndex);
    if (found != m_descendantLanes.end())
        return found->second;
    IntervalLane lane;
    const int end = m_nodes[std::size_t(nodeIndex)].subtreeEnd;
    for (int n = nodeIndex + 1; n < end; ++n)
        lane.add(m_nodes[std::size_t(n)].startTimeNs, m_nodes[std::size_t(n)].endTimeNs, n);
    lane.finish();
    return m_descendantLanes.emplace(nodeIndex, std::move(lane)).first->second;
}

const SpanTree::GroupLanes &SpanTree::groupLanes(int groupIndex) const
{
    const auto found = m_groupLanes.find(groupIndex);
    if (found != m_groupLanes.end())
        return found->second;
    GroupLanes lanes;
    for (int member : m_groups.members(groupIndex)) {
        const SpanTreeNode &node = m_nodes[std::size_t(member)];
        lanes.members.add(node.startTimeNs, node.endTimeNs, member);
        if (node.isError)
            lanes.errors.add(node.startTimeNs, node.endTimeNs, member);
    }
    lanes.members.finish();
    lanes.errors.finish();
    return m_groupLanes.emplace(groupIndex, std::move(lanes)).first->second;
}

const IntervalLane &SpanTree::groupLane(int groupIndex) const
{
    return groupLanes(groupIndex).members;
}

const IntervalLane &SpanTree::groupErrorLane(int groupIndex) const
{
    return groupLanes(groupIndex).errors;
}

void SpanTree::rebuildVisibleRows()
{
    ++m_revision;
    m_visibleRows.clear();
    m_rowGroup.clear();
    m_rowOfNode.assign(m_nodes.size(), -1);
    m_rowOfGroup.assign(std::size_t(m_groups.count()), -1);
    // A walk over sibling lists: the children of a node (or the roots) stepping by subtreeEnd, or
    // the members of an expanded group. Without groups the rows are the pre-order minus collapsed
    // ranges; an expanded group's members follow its row as one block. Siblings hidden in a
    // collapsed group are stepped over, their subtrees never visited.
    struct Frame
    {
        int cursor;
        int end;
        int group; // >= 0: cursor and end count that group's members
    };
    std::vector<Frame> stack;
    const auto showNode = [&](int n) {
        m_rowOfNode[std::size_t(n)] = int(m_visibleRows.size());
        m_visibleRows.push_back(n);
        m_rowGroup.push_back(-1);
        if (!m_collapsed[std::size_t(n)] && m_nodes[std::size_t(n)].subtreeEnd > n + 1)
            stack.push_back({n + 1, m_nodes[std::size_t(n)].subtreeEnd, -1});
    };
    stack.push_back({0, nodeCount(), -1});
    while (!stack.empty()) {
        Frame &top = stack.back();
        if (top.cursor >= top.end) {
            stack.pop_back();
            continue;
        }
        if (top.group >= 0) {
            const int member = m_groups.members(top.group)[std::size_t(top.cursor++)];
            showNode(member); // may grow the stack: `top` is not used after this
            continue;
        }
        const int n = top.cursor;
        top.cursor = m_nodes[std::size_t(n)].subtreeEnd;
        const int group = m_groups.groupOfNode(n);
        if (group < 0) {
            showNode(n);
            continue;
        }
        const SiblingGroup &siblingGroup = m_groups.group(group);
        if (siblingGroup.firstMember != n)
            continue; // shown, or hidden, below its group's row
        m_rowOfGroup[std::size_t(group)] = int(m_visibleRows.size());
        m_visibleRows.push_back(n);
        m_rowGroup.push_back(group);
        if (!m_groupCollapsed[std::size_t(group)])
            stack.push_back({0, siblingGroup.memberCount, group});
    }
}

} // namespace kansoku
