// How the Traces pane shares its height between the trace browser (filters, scatter, list) and
// the open trace: the trace gets the height its rows need, the browser what is left if that is
// enough to be useful, else the browser folds away to a one-line strip. Pure; any thread.
#pragma once

namespace kansoku {

struct TraceRoomSplit
{
    bool browserShown = true;
    bool scatterShown = true;
    int browserHeightPx = 0; // 0 when folded
    int traceHeightPx = 0;
};

class TraceRoomPlan
{
public:
    // paneHeightPx: what the browser and the trace share. traceWantedPx: the trace view with all
    // its rows. listMinPx: the browser's filters and list at their smallest useful size (a few
    // rows); scatterMinPx: what the scatter adds to that. The browser never takes more than
    // maxBrowserPercent of the pane, so the trace always gets most of it.
    static TraceRoomSplit split(int paneHeightPx, int traceWantedPx, int listMinPx,
                                int scatterMinPx);
    static constexpr int maxBrowserPercent = 40;
};

} // namespace kansoku
