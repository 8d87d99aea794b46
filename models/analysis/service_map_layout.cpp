#include "analysis/service_map_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace kansoku {

namespace {

// Where the line from the centre of rect towards target leaves rect.
QPointF borderPoint(const QRectF &rect, QPointF target)
{
    const QPointF centre = rect.center();
    const double dx = target.x() - centre.x();
    const double dy = target.y() - centre.y();
    if (dx == 0 && dy == 0)
        return centre;
    const double scaleX
        = dx != 0 ? rect.width() / 2 / std::abs(dx) : std::numeric_limits<double>::infinity();
    const double scaleY
        = dy != 0 ? rect.height() / 2 / std::abs(dy) : std::numeric_limits<double>::infinity();
    const double scale = std::min(scaleX, scaleY);
    return centre + QPointF(dx * scale, dy * scale);
}

double distanceToSegment(QPointF point, const QLineF &line)
{
    const QPointF d = line.p2() - line.p1();
    const double lengthSquared = d.x() * d.x() + d.y() * d.y();
    double t = 0;
    if (lengthSquared > 0) {
        const QPointF fromStart = point - line.p1();
        t = std::clamp((fromStart.x() * d.x() + fromStart.y() * d.y()) / lengthSquared, 0.0, 1.0);
    }
    const QPointF nearest = line.p1() + t * d;
    return std::hypot(point.x() - nearest.x(), point.y() - nearest.y());
}

} // namespace

std::vector<int> ServiceMapLayout::columnsOf(const ServiceMap &map)
{
    const int count = int(map.nodes.size());
    std::vector<std::vector<int>> callees(std::size_t(count), std::vector<int>{});
    std::vector<int> incoming(std::size_t(count), 0);
    for (const ServiceMapEdge &edge : map.edges) {
        if (edge.caller == edge.callee)
            continue;
        callees[std::size_t(edge.caller)].push_back(edge.callee);
        ++incoming[std::size_t(edge.callee)];
    }
    // Depth-first from the entry points (services nobody calls, then entry services, then the
    // rest by name order) marks the edges that close a cycle; without them the calls form a
    // DAG, and a node's column is its longest call path from an entry.
    std::vector<int> order(static_cast<std::size_t>(count));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const auto rank = [&](int node) {
            return incoming[std::size_t(node)] == 0       ? 0
                   : map.nodes[std::size_t(node)].isEntry ? 1
                                                          : 2;
        };
        return rank(a) < rank(b);
    });
    enum class Mark { New, OnPath, Done };
    std::vector<Mark> marks(std::size_t(count), Mark::New);
    std::vector<std::vector<int>> forward(std::size_t(count), std::vector<int>{});
    std::vector<std::vector<int>> callers(std::size_t(count), std::vector<int>{});
    std::vector<int> postOrder;
    for (int start : order) {
        if (marks[std::size_t(start)] != Mark::New)
            continue;
        // Iterative, so a long call chain cannot overflow the stack: (node, next callee index).
        std::vector<std::pair<int, std::size_t>> stack{{start, 0}};
        marks[std::size_t(start)] = Mark::OnPath;
        while (!stack.empty()) {
            auto &[node, next] = stack.back();
            if (next < callees[std::size_t(node)].size()) {
                const int callee = callees[std::size_t(node)][next++];
                if (marks[std::size_t(callee)] == Mark::OnPath)
                    continue; // closes a cycle: drawn, but not layered by
                forward[std::size_t(node)].push_back(callee);
                callers[std::size_t(callee)].push_back(node);
                if (marks[std::size_t(callee)] == Mark::New) {
                    marks[std::size_t(callee)] = Mark::OnPath;
                    stack.emplace_back(callee, 0);
                }
                continue;
            }
            marks[std::size_t(node)] = Mark::Done;
            postOrder.push_back(node);
            stack.pop_back();
        }
    }
    // Reverse post-order is a topological order of the forward edges.
    std::vector<int> columns(std::size_t(count), 0);
    for (auto it = postOrder.rbegin(); it != postOrder.rend(); ++it) {
        for (int callee : forward[std::size_t(*it)])
            columns[std::size_t(callee)]
                = std::max(columns[std::size_t(callee)], columns[std::size_t(*it)] + 1);
    }
    // What does not report itself (databases, outside hosts) goes right of every service, in one
    // column, where a reader looks for the storage and the outside world.
    int lastServiceColumn = -1;
    for (int i = 0; i < count; ++i) {
        if (map.nodes[std::size_t(i)].kind == ServiceNodeKind::Service)
            lastServiceColumn = std::max(lastServiceColumn, columns[std::size_t(i)]);
    }
    for (int i = 0; i < count; ++i) {
        if (map.nodes[std::size_t(i)].kind != ServiceNodeKind::Service)
            columns[std::size_t(i)] = lastServiceColumn + 1;
    }
    return columns;
}

ServiceMapGeometry ServiceMapLayout::layOut(const ServiceMap &map,
                                            const ServiceMapLayoutOptions &options)
{
    ServiceMapGeometry geometry;
    const int count = int(map.nodes.size());
    if (count == 0)
        return geometry;
    geometry.nodeColumns = columnsOf(map);
    const int columnCount
        = *std::max_element(geometry.nodeColumns.begin(), geometry.nodeColumns.end()) + 1;

    // Each column in the order of its callers' rows (the mean, so a node sits near who calls
    // it and edges cross less), ties and nodes without callers to the left in name order.
    std::vector<std::vector<int>> callersOf(std::size_t(count), std::vector<int>{});
    for (const ServiceMapEdge &edge : map.edges) {
        if (geometry.nodeColumns[std::size_t(edge.caller)]
            < geometry.nodeColumns[std::size_t(edge.callee)])
            callersOf[std::size_t(edge.callee)].push_back(edge.caller);
    }
    std::vector<double> rowOf(std::size_t(count), 0);
    std::vector<std::vector<int>> columns(std::size_t(columnCount), std::vector<int>{});
    for (int column = 0; column < columnCount; ++column) {
        std::vector<int> &nodes = columns[std::size_t(column)];
        std::vector<double> key(std::size_t(count), std::numeric_limits<double>::max());
        for (int i = 0; i < count; ++i) {
            if (geometry.nodeColumns[std::size_t(i)] != column)
                continue;
            nodes.push_back(i);
            const std::vector<int> &callers = callersOf[std::size_t(i)];
            if (!callers.empty()) {
                double sum = 0;
                for (int caller : callers)
                    sum += rowOf[std::size_t(caller)];
                key[std::size_t(i)] = sum / double(callers.size());
            }
        }
        std::stable_sort(nodes.begin(), nodes.end(), [&](int a, int b) {
            if (key[std::size_t(a)] != key[std::size_t(b)])
                return key[std::size_t(a)] < key[std::size_t(b)];
            return map.nodes[std::size_t(a)].name < map.nodes[std::size_t(b)].name;
        });
        for (std::size_t row = 0; row < nodes.size(); ++row)
            rowOf[std::size_t(nodes[row])] = double(row) - double(nodes.size() - 1) / 2;
    }

    // Columns are centred on the tallest one.
    std::size_t tallest = 0;
    for (const std::vector<int> &nodes : columns)
        tallest = std::max(tallest, nodes.size());
    const double rowPitch = options.nodeHeight + options.rowGap;
    const double height = double(tallest) * rowPitch - options.rowGap;
    geometry.nodeRects.resize(std::size_t(count));
    for (int column = 0; column < columnCount; ++column) {
        const std::vector<int> &nodes = columns[std::size_t(column)];
        const double top = (height - (double(nodes.size()) * rowPitch - options.rowGap)) / 2;
        for (std::size_t row = 0; row < nodes.size(); ++row) {
            geometry.nodeRects[std::size_t(nodes[row])]
                = QRectF(double(column) * (options.nodeWidth + options.columnGap),
                         top + double(row) * rowPitch, options.nodeWidth, options.nodeHeight);
        }
    }
    geometry.size = QSizeF(
        double(columnCount) * (options.nodeWidth + options.columnGap) - options.columnGap, height);

    for (const ServiceMapEdge &edge : map.edges) {
        const QRectF &from = geometry.nodeRects[std::size_t(edge.caller)];
        const QRectF &to = geometry.nodeRects[std::size_t(edge.callee)];
        QLineF line(borderPoint(from, to.center()), borderPoint(to, from.center()));
        // Two services calling each other: each arrow moves to its own side of the centre line.
        if (edge.caller != edge.callee && map.edgeIndex(edge.callee, edge.caller) >= 0) {
            const QLineF normal = line.normalVector().unitVector();
            const QPointF shift = (normal.p2() - normal.p1()) * options.pairOffset;
            line.translate(shift);
        }
        geometry.edgeLines.push_back(line);
    }
    return geometry;
}

int ServiceMapLayout::nodeAt(const ServiceMapGeometry &geometry, QPointF point)
{
    for (std::size_t i = 0; i < geometry.nodeRects.size(); ++i) {
        if (geometry.nodeRects[i].contains(point))
            return int(i);
    }
    return -1;
}

int ServiceMapLayout::edgeAt(const ServiceMapGeometry &geometry, QPointF point, double tolerance)
{
    int nearest = -1;
    double nearestDistance = tolerance;
    for (std::size_t i = 0; i < geometry.edgeLines.size(); ++i) {
        const double distance = distanceToSegment(point, geometry.edgeLines[i]);
        if (distance <= nearestDistance) {
            nearest = int(i);
            nearestDistance = distance;
        }
    }
    return nearest;
}

} // namespace kansoku
