#include "analysis/overview_geometry.h"

#include <algorithm>

namespace kansoku {

OverviewGeometry::OverviewGeometry(const SpanTree &tree, int maxLanes)
{
    const int laneCount = std::clamp(tree.maxDepth() + 1, 1, std::max(maxLanes, 1));
    m_lanes.resize(std::size_t(tree.nodeCount() > 0 ? laneCount : 0));
    for (int n = 0; n < tree.nodeCount(); ++n) {
        const SpanTreeNode &node = tree.node(n);
        m_lanes[std::size_t(std::min(node.depth, laneCount - 1))].add(node.startTimeNs,
                                                                      node.endTimeNs, n);
    }
    for (IntervalLane &lane : m_lanes)
        lane.finish();
}

std::vector<OverviewBox> OverviewGeometry::build(const TimeScale &scale, double heightPx,
                                                 double minWidthPx) const
{
    std::vector<OverviewBox> boxes;
    if (m_lanes.empty())
        return boxes;
    const double laneHeight = heightPx / double(m_lanes.size());
    std::vector<LaneBox> laneBoxes;
    for (std::size_t lane = 0; lane < m_lanes.size(); ++lane) {
        laneBoxes.clear();
        m_lanes[lane].appendBoxes(scale, minWidthPx, laneBoxes);
        const double y = double(lane) * laneHeight;
        for (const LaneBox &box : laneBoxes)
            boxes.push_back(
                {QRectF(box.x0, y, box.x1 - box.x0, laneHeight), box.count, box.firstNode});
    }
    return boxes;
}

} // namespace kansoku
