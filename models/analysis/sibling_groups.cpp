#include "analysis/sibling_groups.h"

#include "analysis/span_tree.h"

#include <string_view>
#include <unordered_map>

namespace kansoku {

namespace {

// What makes siblings "the same call". The name is a view into the immutable Trace.
struct CallKey
{
    std::string_view name;
    int serviceIndex;
    SpanKind kind;
    bool operator==(const CallKey &) const = default;
};

struct CallKeyHash
{
    std::size_t operator()(const CallKey &key) const
    {
        const std::size_t name = std::hash<std::string_view>()(key.name);
        return name ^ (std::size_t(key.serviceIndex) * 0x9e3779b97f4a7c15ULL)
               ^ (std::size_t(key.kind) << 56);
    }
};

struct KeyCount
{
    int count = 0;
    int group = -1;
};

} // namespace

SiblingGroups::SiblingGroups(const std::vector<SpanTreeNode> &nodes, const Trace &trace)
{
    const int nodeCount = int(nodes.size());
    m_groupOfNode.assign(nodes.size(), -1);
    m_nesting.assign(nodes.size(), 0);
    const auto keyOf = [&](int node) {
        const Span &span = trace.spans[std::size_t(nodes[std::size_t(node)].spanIndex)].span;
        return CallKey{span.name, nodes[std::size_t(node)].serviceIndex, span.kind};
    };

    // The children of `parent` are [first, end) stepped by subtreeEnd; roots are parent -1.
    const auto groupChildren = [&](int parent, int first, int end, int childCount) {
        if (childCount < MinimumMembers)
            return;
        std::unordered_map<CallKey, KeyCount, CallKeyHash> counts;
        counts.reserve(std::size_t(childCount));
        int mostRepeated = 0;
        for (int c = first; c < end; c = nodes[std::size_t(c)].subtreeEnd)
            mostRepeated = std::max(mostRepeated, ++counts[keyOf(c)].count);
        if (mostRepeated < MinimumMembers)
            return;
        // Children come in start order, so each group opens at its earliest member and fills its
        // slice of m_members in start order.
        std::vector<int> filled; // members placed so far, per group opened here
        const int firstGroup = count();
        for (int c = first; c < end; c = nodes[std::size_t(c)].subtreeEnd) {
            KeyCount &entry = counts[keyOf(c)];
            if (entry.count < MinimumMembers)
                continue;
            if (entry.group < 0) {
                entry.group = count();
                SiblingGroup group;
                group.parent = parent;
                group.firstMember = c;
                group.memberOffset = int(m_members.size());
                group.memberCount = entry.count;
                m_groups.push_back(group);
                m_members.resize(m_members.size() + std::size_t(entry.count));
                filled.push_back(0);
            }
            const SiblingGroup &group = m_groups[std::size_t(entry.group)];
            int &placed = filled[std::size_t(entry.group - firstGroup)];
            m_members[std::size_t(group.memberOffset + placed++)] = c;
            m_groupOfNode[std::size_t(c)] = entry.group;
        }
    };

    int rootCount = 0;
    for (int n = 0; n < nodeCount; n = nodes[std::size_t(n)].subtreeEnd)
        ++rootCount;
    groupChildren(-1, 0, nodeCount, rootCount);
    for (int n = 0; n < nodeCount; ++n) {
        const SpanTreeNode &node = nodes[std::size_t(n)];
        if (node.childCount >= MinimumMembers)
            groupChildren(n, n + 1, node.subtreeEnd, node.childCount);
    }

    for (int g = 0; g < count(); ++g) {
        SiblingGroup &group = m_groups[std::size_t(g)];
        const SpanTreeNode &first = nodes[std::size_t(group.firstMember)];
        group.startTimeNs = first.startTimeNs;
        group.endTimeNs = first.endTimeNs;
        group.slowestMember = group.firstMember;
        // Members are in start order: one sweep merges overlapping intervals.
        std::int64_t coveredUntil = first.startTimeNs;
        for (int member : members(g)) {
            const SpanTreeNode &node = nodes[std::size_t(member)];
            const std::int64_t duration = node.durationNs();
            group.endTimeNs = std::max(group.endTimeNs, node.endTimeNs);
            group.totalNs += duration;
            if (duration > group.slowestNs) {
                group.slowestNs = duration;
                group.slowestMember = member;
            }
            if (node.isError)
                ++group.errorCount;
            const std::int64_t from = std::max(node.startTimeNs, coveredUntil);
            if (node.endTimeNs > from) {
                group.coveredNs += node.endTimeNs - from;
                coveredUntil = node.endTimeNs;
            }
        }
    }

    // Parents precede their children in pre-order.
    for (int n = 0; n < nodeCount; ++n) {
        const int parent = nodes[std::size_t(n)].parent;
        m_nesting[std::size_t(n)] = (parent >= 0 ? m_nesting[std::size_t(parent)] : 0)
                                    + (m_groupOfNode[std::size_t(n)] >= 0 ? 1 : 0);
    }
}

std::span<const int> SiblingGroups::members(int groupIndex) const
{
    const SiblingGroup &group = m_groups[std::size_t(groupIndex)];
    return {m_members.data() + group.memberOffset, std::size_t(group.memberCount)};
}

} // namespace kansoku
