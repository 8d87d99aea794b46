#include "analysis/waterfall_geometry.h"

#include <algorithm>
#include <cmath>

namespace kansoku {

std::vector<WaterfallItem> WaterfallGeometry::build(const SpanTree &tree, int firstRow, int lastRow,
                                                    const TimeScale &scale, double rowHeightPx)
{
    std::vector<WaterfallItem> items;
    firstRow = std::max(firstRow, 0);
    lastRow = std::min(lastRow, tree.rowCount());
    if (firstRow >= lastRow)
        return items;
    items.reserve(std::size_t(lastRow - firstRow) * 2);

    const double width = scale.widthPx();
    const double barInset = std::round(rowHeightPx * 0.22);
    const double barHeight = rowHeightPx - 2 * barInset;
    // Keep off-screen ends a little outside the area: no huge coordinates, no visible caps.
    const auto clampX = [width](double x) {
        return std::clamp(x, -2.0, width + 2.0);
    };
    std::vector<LaneBox> laneBoxes;
    std::vector<double> eventXs;

    const auto appendLane = [&](const IntervalLane &lane, WaterfallItem::Kind kind, double top,
                                double height, int row, int groupNode) {
        laneBoxes.clear();
        lane.appendBoxes(scale, MinimumBoxWidthPx, laneBoxes);
        for (const LaneBox &box : laneBoxes) {
            items.push_back({kind, QRectF(box.x0, top, box.x1 - box.x0, height), row,
                             box.count == 1 ? box.firstNode : groupNode, box.count});
        }
    };
    const auto appendErrorMark = [&](std::int64_t endNs, double barTop, int row, int nodeIndex) {
        // At the bar's end, or at the right edge when the end is out of view.
        const double endX = std::min(scale.xForTime(endNs), width - barHeight);
        const double x = std::max(endX + 3, 0.0);
        items.push_back({WaterfallItem::Kind::ErrorMark, QRectF(x, barTop, barHeight, barHeight),
                         row, nodeIndex, 1});
    };

    for (int row = firstRow; row < lastRow; ++row) {
        const int nodeIndex = tree.visibleRows()[std::size_t(row)];
        const SpanTreeNode &node = tree.node(nodeIndex);
        const double rowTop = double(row) * rowHeightPx;
        const double barTop = rowTop + barInset;

        if (const int group = tree.rowGroup(row); group >= 0) {
            const SiblingGroup &siblings = tree.groups().group(group);
            if (siblings.endTimeNs >= scale.viewStartNs()
                && siblings.startTimeNs <= scale.viewEndNs()) {
                const double x0 = clampX(scale.xForTime(siblings.startTimeNs));
                const double x1 = clampX(scale.xForTime(siblings.endTimeNs));
                items.push_back(
                    {WaterfallItem::Kind::GroupExtent,
                     QRectF(x0, barTop, std::max(x1 - x0, MinimumBarWidthPx), barHeight), row,
                     nodeIndex, siblings.memberCount});
            }
            appendLane(tree.groupLane(group), WaterfallItem::Kind::GroupMembers, barTop, barHeight,
                       row, nodeIndex);
            const double errorHeight = std::max(2.0, std::round(barHeight * 0.3));
            appendLane(tree.groupErrorLane(group), WaterfallItem::Kind::GroupErrors,
                       barTop + barHeight - errorHeight, errorHeight, row, nodeIndex);
            if (siblings.errorCount > 0)
                appendErrorMark(siblings.endTimeNs, barTop, row, nodeIndex);
            continue;
        }

        if (node.endTimeNs >= scale.viewStartNs() && node.startTimeNs <= scale.viewEndNs()) {
            double x0 = scale.xForTime(node.startTimeNs);
            double x1 = scale.xForTime(node.endTimeNs);
            if (x1 - x0 < MinimumBarWidthPx)
                x1 = x0 + MinimumBarWidthPx;
            x0 = clampX(x0);
            x1 = clampX(x1);
            items.push_back({WaterfallItem::Kind::Bar, QRectF(x0, barTop, x1 - x0, barHeight), row,
                             nodeIndex, 1});
        }

        if (tree.isCollapsed(nodeIndex) && node.subtreeEnd > nodeIndex + 1) {
            const double summaryHeight = std::max(2.0, std::round(barHeight * 0.35));
            appendLane(tree.descendantLane(nodeIndex), WaterfallItem::Kind::CollapsedSummary,
                       barTop + barHeight + 1, summaryHeight, row, nodeIndex);
        }

        const Span &span = tree.span(nodeIndex);
        if (!span.events.empty()) {
            eventXs.clear();
            for (const SpanEvent &event : span.events) {
                if (event.timeNs >= scale.viewStartNs() && event.timeNs <= scale.viewEndNs())
                    eventXs.push_back(scale.xForTime(event.timeNs));
            }
            std::sort(eventXs.begin(), eventXs.end());
            const double tickHalf = MinimumBoxWidthPx / 2;
            std::size_t i = 0;
            while (i < eventXs.size()) {
                std::size_t j = i + 1;
                while (j < eventXs.size() && eventXs[j] - eventXs[j - 1] < MinimumBoxWidthPx)
                    ++j;
                const int count = int(j - i);
                const double x0 = eventXs[i] - tickHalf;
                const double x1 = eventXs[j - 1] + tickHalf;
                items.push_back(
                    {count == 1 ? WaterfallItem::Kind::Event : WaterfallItem::Kind::FoldedEvents,
                     QRectF(x0, rowTop + 2, x1 - x0, rowHeightPx - 4), row, nodeIndex, count});
                i = j;
            }
        }

        if (node.isError)
            appendErrorMark(node.endTimeNs, barTop, row, nodeIndex);
    }
    return items;
}

int WaterfallGeometry::rowAt(const SpanTree &tree, double contentY, double rowHeightPx)
{
    if (contentY < 0 || rowHeightPx <= 0)
        return -1;
    const auto row = int(contentY / rowHeightPx);
    return row < tree.rowCount() ? row : -1;
}

const WaterfallItem *WaterfallGeometry::itemAt(const std::vector<WaterfallItem> &items,
                                               QPointF point)
{
    const WaterfallItem *bar = nullptr;
    for (const WaterfallItem &item : items) {
        if (!item.rect.contains(point))
            continue;
        if (item.kind == WaterfallItem::Kind::Event
            || item.kind == WaterfallItem::Kind::FoldedEvents)
            return &item;
        // A group's extent lies under its members: a member box is the more precise answer.
        if (!bar || bar->kind == WaterfallItem::Kind::GroupExtent)
            bar = &item;
    }
    return bar;
}

} // namespace kansoku
