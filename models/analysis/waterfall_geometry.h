// Waterfall rectangles for a range of visible rows: one bar per span row, folded boxes for the
// hidden descendants of collapsed rows, the members of a group's row, event ticks (close ones
// folded with a count) and error marks. Pure function of (tree rows, row range, TimeScale, row
// height); x is relative to the bar area, y is the row's content position (row × row height). Any
// thread.
#pragma once

#include "analysis/span_tree.h"

#include <QPointF>
#include <QRectF>
#include <vector>

namespace kansoku {

struct WaterfallItem
{
    enum class Kind : std::uint8_t {
        Bar,              // the row's own span; node = the span's node
        CollapsedSummary, // hidden descendants of a collapsed row; count = spans folded in
        Event,            // one span event; count = 1
        FoldedEvents,     // events closer than the minimum width; count = events
        ErrorMark,        // the status of the row's span (or of a member of its group) is Error
        // A group's row: the extent from the first member's start to the last end (node = the
        // first member), then its members' intervals (count = members folded in; node = the
        // member when count is 1, else the first member), then the members in error likewise.
        GroupExtent,
        GroupMembers,
        GroupErrors,
    };
    Kind kind = Kind::Bar;
    QRectF rect;
    int row = 0;
    int node = -1;
    int count = 1;
    bool operator==(const WaterfallItem &) const = default;
};

class WaterfallGeometry
{
public:
    static constexpr double MinimumBoxWidthPx = 3.0; // narrower runs fold into one box
    static constexpr double MinimumBarWidthPx = 2.0; // a lone short span stays visible

    // Items for rows [firstRow, lastRow) in row order; within a row: bar, summaries, events,
    // error mark, or for a group's row: extent, members, errors, error mark (the paint order).
    static std::vector<WaterfallItem> build(const SpanTree &tree, int firstRow, int lastRow,
                                            const TimeScale &scale, double rowHeightPx);

    // The row under a content y, or -1 outside the rows.
    static int rowAt(const SpanTree &tree, double contentY, double rowHeightPx);
    // The topmost item containing point (events before bars, a group's members before its
    // extent), or nullptr.
    static const WaterfallItem *itemAt(const std::vector<WaterfallItem> &items, QPointF point);
};

} // namespace kansoku
