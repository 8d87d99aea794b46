#include "view/trace_room_plan.h"

#include <algorithm>

namespace kansoku {

TraceRoomSplit TraceRoomPlan::split(int paneHeightPx, int traceWantedPx, int listMinPx,
                                    int scatterMinPx)
{
    TraceRoomSplit split;
    const int pane = std::max(0, paneHeightPx);
    const int left = std::min(pane - traceWantedPx, pane * maxBrowserPercent / 100);
    if (left < listMinPx) {
        split.browserShown = false;
        split.scatterShown = false;
        split.traceHeightPx = pane;
        return split;
    }
    split.scatterShown = left >= listMinPx + scatterMinPx;
    split.browserHeightPx = left;
    split.traceHeightPx = pane - left;
    return split;
}

} // namespace kansoku
