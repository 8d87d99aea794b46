#include "analysis/critical_path.h"

#include <algorithm>

namespace kansoku {

namespace {

struct ClippedChild
{
    int node;
    std::int64_t startNs;
    std::int64_t endNs;
};

// The node's children clipped to it, latest end first (ties: the later start first, then the
// earlier node, so the result does not depend on sort stability).
std::vector<ClippedChild> clippedChildren(const SpanTree &tree, int node)
{
    const SpanTreeNode &parent = tree.node(node);
    std::vector<ClippedChild> children;
    for (int child = tree.firstChild(node); child >= 0; child = tree.nextSibling(child)) {
        const SpanTreeNode &c = tree.node(child);
        const std::int64_t start = std::max(c.startTimeNs, parent.startTimeNs);
        const std::int64_t end = std::min(c.endTimeNs, parent.endTimeNs);
        if (start < end
            || (start == end && c.startTimeNs >= parent.startTimeNs
                && c.endTimeNs <= parent.endTimeNs))
            children.push_back({child, start, end});
    }
    std::sort(children.begin(), children.end(), [](const auto &a, const auto &b) {
        if (a.endNs != b.endNs)
            return a.endNs > b.endNs;
        if (a.startNs != b.startNs)
            return a.startNs > b.startNs;
        return a.node < b.node;
    });
    return children;
}

} // namespace

std::vector<CriticalPathSegment> CriticalPath::compute(const SpanTree &tree)
{
    int root = -1;
    for (int node = 0; node < tree.nodeCount(); node = tree.node(node).subtreeEnd) {
        const SpanTreeNode &candidate = tree.node(node);
        if (candidate.isOrphan)
            continue;
        if (root < 0 || candidate.endTimeNs > tree.node(root).endTimeNs)
            root = node;
    }
    if (root < 0)
        return {};

    // Clipped bounds of each node on the walk: a child's, or the root's own.
    std::vector<std::int64_t> clippedStart(std::size_t(tree.nodeCount()));
    std::vector<std::int64_t> clippedEnd(std::size_t(tree.nodeCount()));
    clippedStart[std::size_t(root)] = tree.node(root).startTimeNs;
    clippedEnd[std::size_t(root)] = tree.node(root).endTimeNs;

    std::vector<CriticalPathSegment> reversed;
    int current = root;
    // Whether the walk came back up from a child, and that child's (clipped) start.
    bool returned = false;
    std::int64_t returnedAt = 0;
    while (true) {
        const std::int64_t sectionEnd = returned ? returnedAt : clippedEnd[std::size_t(current)];
        const std::vector<ClippedChild> children = clippedChildren(tree, current);
        const auto next = std::find_if(children.begin(), children.end(), [&](const auto &child) {
            return !returned || child.endNs < returnedAt;
        });
        if (next != children.end()) {
            if (next->endNs < sectionEnd)
                reversed.push_back({current, next->endNs, sectionEnd});
            clippedStart[std::size_t(next->node)] = next->startNs;
            clippedEnd[std::size_t(next->node)] = next->endNs;
            current = next->node;
            returned = false;
            continue;
        }
        const std::int64_t start = clippedStart[std::size_t(current)];
        if (start < sectionEnd)
            reversed.push_back({current, start, sectionEnd});
        if (current == root)
            break;
        returned = true;
        returnedAt = start;
        current = tree.node(current).parent;
    }
    std::reverse(reversed.begin(), reversed.end());
    return reversed;
}

std::vector<std::int64_t> CriticalPath::timePerNode(const SpanTree &tree,
                                                    const std::vector<CriticalPathSegment> &path)
{
    std::vector<std::int64_t> time(std::size_t(tree.nodeCount()), 0);
    for (const CriticalPathSegment &segment : path)
        time[std::size_t(segment.node)] += segment.endNs - segment.startNs;
    return time;
}

std::vector<std::int64_t> CriticalPath::timePerService(const SpanTree &tree,
                                                       const std::vector<CriticalPathSegment> &path)
{
    std::vector<std::int64_t> time(tree.services().size(), 0);
    for (const CriticalPathSegment &segment : path)
        time[std::size_t(tree.node(segment.node).serviceIndex)] += segment.endNs - segment.startNs;
    return time;
}

std::vector<CriticalPathShare>
CriticalPath::servicesByTime(const SpanTree &tree, const std::vector<CriticalPathSegment> &path)
{
    const std::vector<std::int64_t> time = timePerService(tree, path);
    std::vector<CriticalPathShare> shares;
    for (std::size_t service = 0; service < time.size(); ++service)
        if (time[service] > 0)
            shares.push_back({int(service), time[service]});
    std::stable_sort(
        shares.begin(), shares.end(),
        [](const CriticalPathShare &a, const CriticalPathShare &b) { return a.timeNs > b.timeNs; });
    return shares;
}

} // namespace kansoku
