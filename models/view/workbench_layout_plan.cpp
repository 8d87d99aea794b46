#include "view/workbench_layout_plan.h"

#include <algorithm>

namespace kansoku {

QRect WorkbenchLayoutPlan::firstRunWindowGeometry(const QRect &availableGeometry)
{
    if (availableGeometry.isEmpty())
        return {};
    const QSize size(availableGeometry.width() * 95 / 100, availableGeometry.height() * 95 / 100);
    QRect window(QPoint(0, 0), size);
    window.moveCenter(availableGeometry.center());
    return window;
}

PaneArrangement WorkbenchLayoutPlan::arrangementForWidth(int paneAreaWidthPx)
{
    PaneArrangement arrangement;
    if (paneAreaWidthPx < columnsMinWidthPx) {
        arrangement.kind = PaneArrangement::Kind::Tabs;
        return arrangement;
    }
    // 40% for Traces; all of tracesRoomWidthPx when Metrics and Logs keep columnMinWidthPx each
    // (a share in between would not fit the span details beside the waterfall anyway).
    if (paneAreaWidthPx >= tracesRoomWidthPx + 2 * columnMinWidthPx)
        arrangement.tracesPercent
            = std::max(arrangement.tracesPercent,
                       (tracesRoomWidthPx * 100 + paneAreaWidthPx - 1) / paneAreaWidthPx);
    arrangement.metricsPercent = (100 - arrangement.tracesPercent) / 2;
    arrangement.logsPercent = 100 - arrangement.tracesPercent - arrangement.metricsPercent;
    return arrangement;
}

} // namespace kansoku
