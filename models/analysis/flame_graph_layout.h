// Icicle layout of one trace: a row per depth below the focused node, each child as wide as its
// share of the parent's duration (siblings side by side in start order; the parent's self time is
// the unfilled rest). Zooming focuses a subtree, which then spans the full width; runs of boxes
// narrower than a few pixels fold into one box with a count and are not descended into.
// Holds a shared, read-only SpanTree; use on one thread.
#pragma once

#include "analysis/span_tree.h"

#include <QPointF>
#include <QRectF>
#include <memory>
#include <vector>

namespace kansoku {

struct FlameBox
{
    QRectF rect;
    int node = -1; // the span's node; for a folded box the first folded node
    int count = 1; // spans represented (a folded box counts whole subtrees)
    bool folded = false;
    bool operator==(const FlameBox &) const = default;
};

class FlameGraphLayout
{
public:
    static constexpr double MinimumBoxWidthPx = 3.0;

    FlameGraphLayout() = default;
    explicit FlameGraphLayout(std::shared_ptr<const SpanTree> tree);

    const std::shared_ptr<const SpanTree> &tree() const { return m_tree; }
    int focus() const { return m_focus; } // -1 = all roots side by side
    void setFocus(int nodeIndex);
    // Ancestors of the focus and the focus itself, root first; empty when nothing is focused.
    std::vector<int> breadcrumb() const;
    int rowCount() const { return m_rowCount; } // depth rows below (and including) the focus

    // Boxes for rows [firstRow, lastRow) at y = row × rowHeightPx.
    std::vector<FlameBox> build(double widthPx, double rowHeightPx, int firstRow = 0,
                                int lastRow = 1 << 30) const;
    static const FlameBox *boxAt(const std::vector<FlameBox> &boxes, QPointF point);

private:
    std::shared_ptr<const SpanTree> m_tree;
    int m_focus = -1;
    int m_rowCount = 0;
};

} // namespace kansoku
