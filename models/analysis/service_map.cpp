#include "analysis/service_map.h"

#include "analysis/finding_text.h"

namespace kansoku {

int ServiceMap::nodeIndex(const std::string &name, ServiceNodeKind kind) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].kind == kind && nodes[i].name == name)
            return int(i);
    }
    return -1;
}

int ServiceMap::edgeIndex(int caller, int callee) const
{
    for (std::size_t i = 0; i < edges.size(); ++i) {
        if (edges[i].caller == caller && edges[i].callee == callee)
            return int(i);
    }
    return -1;
}

std::string serviceMapEdgeLabel(const ServiceMap &map, const ServiceMapEdge &edge)
{
    std::string label
        = map.hasRate ? formatRatePerSecond(edge.callsPerSecond)
                      : std::to_string(edge.callCount) + (edge.callCount == 1 ? " call" : " calls");
    if (edge.failedCallCount > 0)
        label += " · " + formatShare(edge.errorShare()) + " err";
    label += " · p95 " + findingDurationText(edge.p95DurationNs);
    return label;
}

} // namespace kansoku
