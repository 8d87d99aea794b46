#include "analysis/flame_graph_layout.h"

#include <algorithm>

namespace kansoku {

FlameGraphLayout::FlameGraphLayout(std::shared_ptr<const SpanTree> tree)
    : m_tree(std::move(tree))
{
    setFocus(-1);
}

void FlameGraphLayout::setFocus(int nodeIndex)
{
    if (!m_tree || nodeIndex >= m_tree->nodeCount())
        nodeIndex = -1;
    m_focus = nodeIndex;
    if (!m_tree || m_tree->nodeCount() == 0) {
        m_rowCount = 0;
        return;
    }
    if (nodeIndex < 0) {
        m_rowCount = m_tree->maxDepth() + 1;
        return;
    }
    const int baseDepth = m_tree->node(nodeIndex).depth;
    int deepest = baseDepth;
    for (int n = nodeIndex; n < m_tree->node(nodeIndex).subtreeEnd; ++n)
        deepest = std::max(deepest, m_tree->node(n).depth);
    m_rowCount = deepest - baseDepth + 1;
}

std::vector<int> FlameGraphLayout::breadcrumb() const
{
    if (!m_tree || m_focus < 0)
        return {};
    std::vector<int> path = m_tree->ancestors(m_focus);
    path.push_back(m_focus);
    return path;
}

std::vector<FlameBox> FlameGraphLayout::build(double widthPx, double rowHeightPx, int firstRow,
                                              int lastRow) const
{
    std::vector<FlameBox> boxes;
    if (!m_tree || m_tree->nodeCount() == 0 || widthPx <= 0)
        return boxes;
    const SpanTree &tree = *m_tree;

    struct Placed
    {
        int node;
        int row;
        double x;
        double width;
    };
    std::vector<Placed> stack;

    // Lays out a sibling run [first, -1) in the span [x, x + width): widths ∝ durations, scaled
    // down when the siblings overlap in time and together outlast the space.
    const auto placeSiblings = [&](int first, int row, double x, double width,
                                   std::int64_t parentDurationNs) {
        std::int64_t total = 0;
        for (int c = first; c >= 0; c = tree.nextSibling(c))
            total += tree.node(c).durationNs();
        const double unit = width / double(std::max<std::int64_t>({total, parentDurationNs, 1}));
        FlameBox pending;
        pending.folded = true;
        pending.count = 0;
        const auto flush = [&]() {
            if (pending.count == 0)
                return;
            if (row >= firstRow && row < lastRow) {
                pending.rect.setWidth(std::max(pending.rect.width(), 1.0));
                boxes.push_back(pending);
            }
            pending = FlameBox();
            pending.folded = true;
            pending.count = 0;
        };
        double cursor = x;
        std::vector<Placed> wide;
        for (int c = first; c >= 0; c = tree.nextSibling(c)) {
            const double w = double(tree.node(c).durationNs()) * unit;
            if (w < MinimumBoxWidthPx) {
                if (pending.count == 0) {
                    pending.node = c;
                    pending.rect = QRectF(cursor, row * rowHeightPx, 0, rowHeightPx);
                }
                pending.rect.setRight(cursor + w);
                pending.count += tree.subtreeSize(c);
            } else {
                flush();
                wide.push_back({c, row, cursor, w});
            }
            cursor += w;
        }
        flush();
        // Reverse so the stack pops left to right (keeps boxes in paint/row order per level).
        for (auto it = wide.rbegin(); it != wide.rend(); ++it)
            stack.push_back(*it);
    };

    if (m_focus >= 0) {
        stack.push_back({m_focus, 0, 0.0, widthPx});
    } else {
        // All roots side by side: the sum of root durations fills the width.
        placeSiblings(0, 0, 0.0, widthPx, 0);
    }
    const int baseDepth = m_focus >= 0 ? tree.node(m_focus).depth : 0;
    while (!stack.empty()) {
        const Placed placed = stack.back();
        stack.pop_back();
        if (placed.row >= firstRow && placed.row < lastRow) {
            boxes.push_back({QRectF(placed.x, placed.row * rowHeightPx, placed.width, rowHeightPx),
                             placed.node, 1, false});
        }
        const int child = tree.firstChild(placed.node);
        if (child >= 0 && placed.row + 1 < lastRow)
            placeSiblings(child, tree.node(child).depth - baseDepth, placed.x, placed.width,
                          tree.node(placed.node).durationNs());
    }
    return boxes;
}

const FlameBox *FlameGraphLayout::boxAt(const std::vector<FlameBox> &boxes, QPointF point)
{
    for (const FlameBox &box : boxes) {
        if (box.rect.contains(point))
            return &box;
    }
    return nullptr;
}

} // namespace kansoku
