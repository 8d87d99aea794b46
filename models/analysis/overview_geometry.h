// The whole-trace minimap: every span in a lane per depth (deep spans share the last lane), folded
// per pixel so 1 M spans paint in a few hundred boxes. Built once per trace on any thread; build()
// is const and cheap enough to call per resize.
#pragma once

#include "analysis/span_tree.h"

#include <QRectF>
#include <vector>

namespace kansoku {

struct OverviewBox
{
    QRectF rect;
    int count = 0; // spans folded in; 1 = a single span
    int firstNode = -1;
};

class OverviewGeometry
{
public:
    OverviewGeometry() = default;
    OverviewGeometry(const SpanTree &tree, int maxLanes);

    int laneCount() const { return int(m_lanes.size()); }
    // Boxes for the scale's window (normally the whole trace) in a width × height strip.
    std::vector<OverviewBox> build(const TimeScale &scale, double heightPx,
                                   double minWidthPx = 2.0) const;

private:
    std::vector<IntervalLane> m_lanes;
};

} // namespace kansoku
