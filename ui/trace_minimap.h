// The strip on top of the trace waterfall that shows the whole trace: a caption (span count,
// depth), every span folded per pixel (OverviewGeometry) and the waterfall's time window, shaded
// outside and outlined. TraceWaterfallView paints it into its viewport and asks it which time a
// press moves the window to. GUI thread; shares the SpanTree with the view.
#pragma once

#include "analysis/overview_geometry.h"
#include "analysis/span_tree.h"
#include "analysis/time_scale.h"

#include <QCoreApplication>
#include <QRect>
#include <memory>
#include <vector>

class QFont;
class QPainter;
class QPalette;

namespace kansoku {

class TraceMinimap
{
    Q_DECLARE_TR_FUNCTIONS(TraceMinimap)
public:
    static constexpr int Height = 40;

    void setTree(std::shared_ptr<const SpanTree> tree); // nullptr clears

    // The strip is `width` wide and Height tall at the owner's top left; the caption fills the
    // first captionWidth pixels and the map lines up with the owner's bars [barLeft, +barWidth).
    void setGeometry(int width, int captionWidth, int barLeft, int barWidth);
    QRect mapRect() const; // owner coordinates

    // A press here moves the window: the map, with the strip's margin above and below it.
    bool acceptsPress(QPoint pos) const;
    // The time under x on the whole-trace map; the owner centres its window there.
    std::int64_t timeAt(int x) const;
    QString toolTipAt(QPoint pos) const; // empty outside the map

    // Paints the strip with `window` (the owner's time scale) marked; nothing without a tree.
    void paint(QPainter &painter, const QPalette &palette, const QFont &font,
               const TimeScale &window);
    // Box rebuilds since setTree: once per map width, not per repaint.
    int boxBuildCount() const { return m_boxBuildCount; }

private:
    TimeScale wholeTraceScale() const;

    std::shared_ptr<const SpanTree> m_tree;
    OverviewGeometry m_overview;
    std::vector<OverviewBox> m_boxes; // for m_boxesWidth
    int m_boxesWidth = -1;
    int m_boxBuildCount = 0;
    int m_width = 0;
    int m_captionWidth = 0;
    int m_barLeft = 0;
    int m_barWidth = 1;
};

} // namespace kansoku
