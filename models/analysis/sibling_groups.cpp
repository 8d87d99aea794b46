#include "analysis/sibling_groups.h"

#include "analysis/span_tree.h"

#include <algorithm>
#include <bit>
#include <string_view>

namespace kansoku {

namespace {

// What makes siblings "the same call". The name is a view into the immutable Trace.
struct CallKey
{
    std::string_view name;
    int serviceIndex;
    SpanKind kind;
    bool operator==(const CallKey &) const = default;

    std::uint64_t hash() const
    {
        return std::hash<std::string_view>()(name)
               ^ (std::uint64_t(serviceIndex) * 0x9e3779b97f4a7c15ULL)
               ^ (std::uint64_t(kind) << 56);
    }
};

// One parent's children counted by call: an open-addressing table reused from parent to parent,
// so that grouping allocates nothing per span (only when a parent has more children than any
// before it). Slots used are reset after each parent, not the whole table.
class CallCounter
{
public:
    struct Slot
    {
        std::uint64_t hash = 0;
        int firstChild = -1; // -1: empty; else the child whose key the slot holds
        int count = 0;
        int group = -1;
    };

    void startParent(int childCount)
    {
        const std::size_t capacity = std::bit_ceil(std::size_t(childCount) * 2);
        if (m_slots.size() < capacity)
            m_slots.resize(capacity);
        m_mask = capacity - 1;
    }
    template<typename KeyOf>
    Slot &slotFor(int child, const KeyOf &keyOf)
    {
        const CallKey key = keyOf(child);
        const std::uint64_t hash = key.hash();
        for (std::size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
            Slot &slot = m_slots[i];
            if (slot.firstChild < 0) {
                slot = {hash, child, 0, -1};
                m_used.push_back(i);
                return slot;
            }
            if (slot.hash == hash && keyOf(slot.firstChild) == key)
                return slot;
        }
    }
    void endParent()
    {
        for (std::size_t i : m_used)
            m_slots[i] = Slot();
        m_used.clear();
    }

private:
    std::vector<Slot> m_slots;
    std::vector<std::size_t> m_used;
    std::size_t m_mask = 0;
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

    CallCounter counter;
    std::vector<CallCounter::Slot *> slotOfChild; // per child of the current parent
    std::vector<int> filled;                      // members placed so far, per group opened
    // The children of `parent` are [first, end) stepped by subtreeEnd; roots are parent -1.
    const auto groupChildren = [&](int parent, int first, int end, int childCount) {
        if (childCount < MinimumMembers)
            return;
        counter.startParent(childCount);
        slotOfChild.clear();
        int mostRepeated = 0;
        for (int c = first; c < end; c = nodes[std::size_t(c)].subtreeEnd) {
            CallCounter::Slot &slot = counter.slotFor(c, keyOf);
            mostRepeated = std::max(mostRepeated, ++slot.count);
            slotOfChild.push_back(&slot);
        }
        if (mostRepeated >= MinimumMembers) {
            // Children come in start order, so each group opens at its earliest member and fills
            // its slice of m_members in start order.
            const int firstGroup = count();
            filled.clear();
            int child = 0;
            for (int c = first; c < end; c = nodes[std::size_t(c)].subtreeEnd, ++child) {
                CallCounter::Slot &slot = *slotOfChild[std::size_t(child)];
                if (slot.count < MinimumMembers)
                    continue;
                if (slot.group < 0) {
                    slot.group = count();
                    SiblingGroup group;
                    group.parent = parent;
                    group.firstMember = c;
                    group.memberOffset = int(m_members.size());
                    group.memberCount = slot.count;
                    m_groups.push_back(group);
                    m_members.resize(m_members.size() + std::size_t(slot.count));
                    filled.push_back(0);
                }
                const SiblingGroup &group = m_groups[std::size_t(slot.group)];
                int &placed = filled[std::size_t(slot.group - firstGroup)];
                m_members[std::size_t(group.memberOffset + placed++)] = c;
                m_groupOfNode[std::size_t(c)] = slot.group;
            }
        }
        counter.endParent();
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
