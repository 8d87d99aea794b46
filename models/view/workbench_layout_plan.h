// Where the workbench window and its panes go before the user arranges them: the first run's
// window geometry on the screen, and the default arrangement of the panes for the window's width.
// Pure geometry, no widgets; WorkbenchWindow applies it. Any thread.
#pragma once

#include <QRect>

namespace kansoku {

struct PaneArrangement
{
    enum class Kind {
        Columns, // Traces | Metrics | Logs side by side, Findings under Metrics and Logs
        Tabs,    // every pane full size, one tab each (Traces in front)
    };
    Kind kind = Kind::Columns;
    // Columns only: shares of the width (they add up to 100).
    int tracesPercent = 40;
    int metricsPercent = 30;
    int logsPercent = 30;
};

class WorkbenchLayoutPlan
{
public:
    // Below this pane-area width three columns leave each pane too narrow to read: tabs instead.
    static constexpr int columnsMinWidthPx = 1400;
    // Traces gets this much width when Metrics and Logs still keep columnMinWidthPx each (from
    // about 1790 px, a 1920 px screen): the trace view then has room for the span details beside
    // the waterfall (TraceInspector puts them there from 1000 px).
    static constexpr int tracesRoomWidthPx = 1010;
    static constexpr int columnMinWidthPx = 390;

    // The first run's window: most of the screen's available area (95% of each side), centred,
    // so that the panes and the trace view get the room a large screen has.
    static QRect firstRunWindowGeometry(const QRect &availableGeometry);
    // The default panes for a pane area this wide.
    static PaneArrangement arrangementForWidth(int paneAreaWidthPx);
};

} // namespace kansoku
