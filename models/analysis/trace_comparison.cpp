#include "analysis/trace_comparison.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace kansoku {

namespace {

// The merged tree while it is built: children looked up by (service, name).
struct BuildNode
{
    std::string service;
    std::string name;
    int parent = -1;
    std::map<std::pair<std::string, std::string>, int> children;
    std::int64_t firstStart[2]
        = {std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::max()};
    std::int64_t count[2] = {0, 0};
    std::int64_t totalDurationNs[2] = {0, 0};
    std::int64_t selfTimeNs[2] = {0, 0};
    int errorCount[2] = {0, 0};
};

} // namespace

TraceComparison::TraceComparison(const SpanTree &a, const SpanTree &b)
{
    std::vector<BuildNode> build(1); // node 0: a virtual root above the traces' roots
    const SpanTree *trees[2] = {&a, &b};
    for (int side = 0; side < 2; ++side) {
        const SpanTree &tree = *trees[side];
        if (tree.nodeCount() > 0)
            m_durationNs[side] = tree.endTimeNs() - tree.startTimeNs();
        // Pre-order guarantees a parent's merged node exists before its children's.
        std::vector<int> mergedOf(std::size_t(tree.nodeCount()), 0);
        for (int node = 0; node < tree.nodeCount(); ++node) {
            const SpanTreeNode &n = tree.node(node);
            const int parent = n.parent < 0 ? 0 : mergedOf[std::size_t(n.parent)];
            const std::string &service = tree.serviceOf(node);
            const std::string &name = tree.span(node).name;
            auto [entry, inserted] = build[std::size_t(parent)].children.try_emplace(
                std::make_pair(service, name), int(build.size()));
            if (inserted) {
                BuildNode child;
                child.service = service;
                child.name = name;
                child.parent = parent;
                build.push_back(std::move(child));
            }
            const int merged = entry->second;
            mergedOf[std::size_t(node)] = merged;
            BuildNode &target = build[std::size_t(merged)];
            target.firstStart[side] = std::min(target.firstStart[side], n.startTimeNs);
            ++target.count[side];
            target.totalDurationNs[side] += n.durationNs();
            target.selfTimeNs[side] += n.selfTimeNs;
            target.errorCount[side] += n.isError ? 1 : 0;
        }
    }

    // Flatten in pre-order, children by their first start in A, then in B.
    const auto order = [&](int x, int y) {
        const BuildNode &p = build[std::size_t(x)];
        const BuildNode &q = build[std::size_t(y)];
        return std::tie(p.firstStart[0], p.firstStart[1], p.service, p.name)
               < std::tie(q.firstStart[0], q.firstStart[1], q.service, q.name);
    };
    struct Frame
    {
        int buildNode;
        int parent;
        int depth;
    };
    std::vector<Frame> stack;
    const auto pushChildren = [&](int buildNode, int parent, int depth) {
        std::vector<int> children;
        for (const auto &[key, child] : build[std::size_t(buildNode)].children)
            children.push_back(child);
        std::sort(children.begin(), children.end(), order);
        for (auto it = children.rbegin(); it != children.rend(); ++it)
            stack.push_back({*it, parent, depth});
    };
    pushChildren(0, -1, 0);
    std::vector<int> open; // nodes whose subtreeEnd is not known yet, by depth
    while (!stack.empty()) {
        const Frame frame = stack.back();
        stack.pop_back();
        while (int(open.size()) > frame.depth) {
            m_nodes[std::size_t(open.back())].subtreeEnd = int(m_nodes.size());
            open.pop_back();
        }
        const BuildNode &source = build[std::size_t(frame.buildNode)];
        TraceComparisonNode node;
        node.service = source.service;
        node.name = source.name;
        node.parent = frame.parent;
        node.depth = frame.depth;
        for (int side = 0; side < 2; ++side) {
            node.count[side] = source.count[side];
            node.totalDurationNs[side] = source.totalDurationNs[side];
            node.selfTimeNs[side] = source.selfTimeNs[side];
            node.errorCount[side] = source.errorCount[side];
        }
        const int index = int(m_nodes.size());
        m_nodes.push_back(std::move(node));
        open.push_back(index);
        pushChildren(frame.buildNode, index, frame.depth + 1);
    }
    for (int index : open)
        m_nodes[std::size_t(index)].subtreeEnd = int(m_nodes.size());
}

int TraceComparison::onlyInACount() const
{
    return int(std::count_if(m_nodes.begin(), m_nodes.end(),
                             [](const TraceComparisonNode &n) { return n.onlyInA(); }));
}

int TraceComparison::onlyInBCount() const
{
    return int(std::count_if(m_nodes.begin(), m_nodes.end(),
                             [](const TraceComparisonNode &n) { return n.onlyInB(); }));
}

} // namespace kansoku
