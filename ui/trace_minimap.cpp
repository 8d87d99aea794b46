#include "trace_minimap.h"

#include "service_palette.h"

#include <QPainter>
#include <QPalette>
#include <algorithm>

namespace kansoku {

namespace {

constexpr int MarginPx = 5;  // between the strip's edges and the map
constexpr int MaxLanes = 10; // deeper spans share the last lane

} // namespace

void TraceMinimap::setTree(std::shared_ptr<const SpanTree> tree)
{
    m_tree = std::move(tree);
    m_overview = m_tree ? OverviewGeometry(*m_tree, MaxLanes) : OverviewGeometry();
    m_boxes.clear();
    m_boxesWidth = -1;
    m_boxBuildCount = 0;
}

void TraceMinimap::setGeometry(int width, int captionWidth, int barLeft, int barWidth)
{
    m_width = width;
    m_captionWidth = captionWidth;
    m_barLeft = barLeft;
    m_barWidth = barWidth;
}

QRect TraceMinimap::mapRect() const
{
    return QRect(m_barLeft, MarginPx, m_barWidth, Height - 2 * MarginPx);
}

bool TraceMinimap::acceptsPress(QPoint pos) const
{
    return m_tree && mapRect().adjusted(0, -MarginPx, 0, MarginPx).contains(pos);
}

TimeScale TraceMinimap::wholeTraceScale() const
{
    return TimeScale(m_tree->startTimeNs(), m_tree->endTimeNs(), mapRect().width());
}

std::int64_t TraceMinimap::timeAt(int x) const
{
    if (!m_tree)
        return 0;
    return wholeTraceScale().timeForX(x - mapRect().left());
}

QString TraceMinimap::toolTipAt(QPoint pos) const
{
    if (!m_tree || !mapRect().contains(pos))
        return {};
    return tr("Whole trace: click or drag to move the visible window");
}

void TraceMinimap::paint(QPainter &painter, const QPalette &pal, const QFont &font,
                         const TimeScale &window)
{
    if (!m_tree)
        return;
    const QRect strip(0, 0, m_width, Height);
    painter.fillRect(
        strip, ServicePalette::blend(pal.color(QPalette::Base), pal.color(QPalette::Window), 0.7));
    const QRect map = mapRect();

    painter.setPen(pal.color(QPalette::PlaceholderText));
    QFont small = font;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter.setFont(small);
    painter.drawText(
        QRect(10, 0, m_captionWidth - 20, Height), Qt::AlignVCenter | Qt::AlignLeft,
        tr("%Ln span(s), depth %1", nullptr, m_tree->nodeCount()).arg(m_tree->maxDepth() + 1));

    const TimeScale full = wholeTraceScale();
    if (m_boxesWidth != map.width()) {
        m_boxes = m_overview.build(full, map.height());
        m_boxesWidth = map.width();
        ++m_boxBuildCount;
    }
    painter.fillRect(map, pal.color(QPalette::Base));
    for (const OverviewBox &box : m_boxes) {
        QColor color = ServicePalette::color(m_tree->serviceOf(box.firstNode));
        if (box.count > 1)
            color = ServicePalette::blend(color, pal.color(QPalette::Text), 0.25);
        painter.fillRect(box.rect.translated(map.topLeft()).adjusted(0, 0.5, 0, -0.5), color);
    }
    // The visible window: shade what is outside, outline what is inside.
    const double x0 = map.left() + full.xForTime(window.viewStartNs());
    const double x1 = map.left() + full.xForTime(window.viewEndNs());
    QColor shade = pal.color(QPalette::Window);
    shade.setAlpha(170);
    painter.fillRect(QRectF(map.left(), map.top(), x0 - map.left(), map.height()), shade);
    painter.fillRect(QRectF(x1, map.top(), map.right() + 1 - x1, map.height()), shade);
    QPen windowPen(pal.color(QPalette::Highlight), 1.5);
    painter.setPen(windowPen);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(x0, map.top() - 1, std::max(x1 - x0, 2.0), map.height() + 2));
    painter.fillRect(QRect(0, Height - 1, m_width, 1), pal.color(QPalette::Midlight));
}

} // namespace kansoku
