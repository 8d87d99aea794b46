// Repeated siblings of a span tree folded into groups: under one parent, at least MinimumMembers
// children with the same service, span name and kind form one group (an N+1's fifty SELECTs).
// Built once with the SpanTree in one pass over each parent's children (a hash map per parent);
// immutable afterwards, so any thread may read it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace kansoku {

struct SpanTreeNode;
struct Trace;

struct SiblingGroup
{
    int parent = -1;      // node index of the members' parent; -1 when the members are roots
    int firstMember = 0;  // the earliest member: the group's row stands where it starts
    int memberOffset = 0; // into SiblingGroups' member list
    int memberCount = 0;
    int slowestMember = 0;        // node with the longest duration (the first of equals)
    int errorCount = 0;           // members whose status is Error
    std::int64_t startTimeNs = 0; // earliest member start
    std::int64_t endTimeNs = 0;   // latest member end
    // The time the members cover on the axis: the union of their intervals, so concurrent calls
    // are not counted twice. Never more than endTimeNs - startTimeNs.
    std::int64_t coveredNs = 0;
    std::int64_t totalNs = 0;   // sum of the members' durations
    std::int64_t slowestNs = 0; // duration of slowestMember
};

class SiblingGroups
{
public:
    // Fewer repeats than this stay separate rows: two to four identical calls (a retry, a read
    // and its write-back) are read one by one; from five on a list of identical rows pushes the
    // rest of the trace off the screen and reads as a loop.
    static constexpr int MinimumMembers = 5;

    SiblingGroups() = default;
    // nodes: a SpanTree's nodes (pre-order, children in start order); trace: the spans they index.
    SiblingGroups(const std::vector<SpanTreeNode> &nodes, const Trace &trace);

    int count() const { return int(m_groups.size()); }
    const SiblingGroup &group(int groupIndex) const { return m_groups[std::size_t(groupIndex)]; }
    // Member nodes in start order (ascending node index).
    std::span<const int> members(int groupIndex) const;
    int groupOfNode(int nodeIndex) const { return m_groupOfNode[std::size_t(nodeIndex)]; } // or -1
    // How many of the node and its ancestors are group members: the extra indentation the node
    // gets when every group above it is expanded.
    int nesting(int nodeIndex) const { return m_nesting[std::size_t(nodeIndex)]; }

private:
    std::vector<SiblingGroup> m_groups; // by parent (roots first), then first member
    std::vector<int> m_members;         // each group's members contiguous, in start order
    std::vector<int> m_groupOfNode;
    std::vector<int> m_nesting;
};

} // namespace kansoku
