// Where the service map draws its nodes and edges: layered left to right by call depth (entry
// services left, the services they call next, databases and outside hosts in the last column),
// nodes of a column
// spread vertically in the order of their callers, never overlapping; plus hit-testing. Pure and
// deterministic (the same map gives the same picture); any thread.
#pragma once

#include "analysis/service_map.h"

#include <QLineF>
#include <QRectF>
#include <QSizeF>
#include <vector>

namespace kansoku {

struct ServiceMapLayoutOptions
{
    double nodeWidth = 180; // px
    double nodeHeight = 54; // px
    double columnGap = 150; // px between columns: room for an edge's label
    double rowGap = 36;     // px between nodes of a column
    double pairOffset = 6;  // px each edge of a pair calling each other moves aside
};

struct ServiceMapGeometry
{
    std::vector<QRectF> nodeRects; // by ServiceMap::nodes index
    std::vector<int> nodeColumns;  // 0 = leftmost
    std::vector<QLineF> edgeLines; // by ServiceMap::edges index: caller's border to callee's
    QSizeF size;                   // the bounding box of every node, from (0, 0)
};

class ServiceMapLayout
{
public:
    static ServiceMapGeometry layOut(const ServiceMap &map,
                                     const ServiceMapLayoutOptions &options = {});

    // The node under point, -1 for none.
    static int nodeAt(const ServiceMapGeometry &geometry, QPointF point);
    // The edge whose line passes within tolerance of point (the nearest), -1 for none.
    static int edgeAt(const ServiceMapGeometry &geometry, QPointF point, double tolerance);

private:
    static std::vector<int> columnsOf(const ServiceMap &map);
};

} // namespace kansoku
