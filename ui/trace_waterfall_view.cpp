#include "trace_waterfall_view.h"

#include "core/time_format.h"
#include "service_palette.h"

#include <QApplication>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace kansoku {

namespace {

constexpr int BarPadding = 14; // between the tree column and the time axis, and at the right
constexpr int IndentPx = 14;
constexpr int ColumnHandlePx = 4;  // grab distance of the column separator
constexpr int DragThresholdPx = 4; // below this a press-release is a click
constexpr double WheelZoomStep = 1.25;
constexpr double DimmedOpacity = 0.3; // rows outside the find bar's matches

// Sorted, unique, in-range node indexes.
std::vector<int> normalizedNodes(std::vector<int> nodes, int nodeCount)
{
    std::erase_if(nodes, [nodeCount](int node) { return node < 0 || node >= nodeCount; });
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    return nodes;
}

// Whether a node of the ascending set lies among the descendants of nodeIndex: pre-order makes a
// subtree the index range (nodeIndex, subtreeEnd).
bool setHasDescendant(const std::vector<int> &nodes, const SpanTree &tree, int nodeIndex)
{
    const auto next = std::upper_bound(nodes.begin(), nodes.end(), nodeIndex);
    return next != nodes.end() && *next < tree.node(nodeIndex).subtreeEnd;
}

} // namespace

TraceWaterfallView::TraceWaterfallView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    verticalScrollBar()->setSingleStep(RowHeight);
    setToolTip(QString());
    setWhatsThis(tr("Wheel scrolls the spans; Ctrl+wheel zooms the time axis about the cursor; "
                    "Shift+wheel or dragging pans; double-click a bar to zoom to it; 0 shows the "
                    "whole trace. Arrow keys move the selection; Left/Right collapse and expand."));
}

void TraceWaterfallView::setTree(std::shared_ptr<SpanTree> tree)
{
    m_tree = std::move(tree);
    m_selectedNode = -1;
    m_hoveredRow = -1;
    m_highlightedNodes.clear();
    m_searchActive = false;
    m_searchMatches.clear();
    m_criticalPath.clear();
    if (m_criticalPathShown && m_tree) {
        m_criticalPathShown = false;
        setCriticalPathShown(true);
    }
    m_items.clear();
    m_cacheKey = CacheKey();
    m_geometryBuildCount = 0;
    m_minimap.setTree(m_tree);
    m_scale = m_tree ? TimeScale(m_tree->startTimeNs(), m_tree->endTimeNs(), 1) : TimeScale();
    updateBarArea();
    m_scale.showAll();
    updateScrollBar();
    verticalScrollBar()->setValue(0);
    viewport()->update();
    Q_EMIT timeWindowChanged();
}

QRect TraceWaterfallView::barAreaRect() const
{
    const int left = m_treeColumnWidth + BarPadding;
    return QRect(left, 0, std::max(1, viewport()->width() - left - BarPadding),
                 viewport()->height());
}

QRect TraceWaterfallView::rowsRect() const
{
    return QRect(0, HeaderHeight, viewport()->width(),
                 std::max(0, viewport()->height() - HeaderHeight));
}

int TraceWaterfallView::firstVisibleRow() const
{
    return verticalScrollBar()->value() / RowHeight;
}

// The bar area moved or changed width: the time axis and the minimap follow it.
void TraceWaterfallView::updateBarArea()
{
    const QRect bars = barAreaRect();
    m_scale.setWidth(bars.width());
    m_minimap.setGeometry(viewport()->width(), m_treeColumnWidth, bars.left(), bars.width());
}

void TraceWaterfallView::updateScrollBar()
{
    const int rows = m_tree ? m_tree->rowCount() : 0;
    const int visibleHeight = rowsRect().height();
    verticalScrollBar()->setPageStep(visibleHeight);
    verticalScrollBar()->setRange(0, std::max(0, rows * RowHeight - visibleHeight));
}

void TraceWaterfallView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    m_treeColumnWidth
        = std::clamp(m_preferredTreeColumnWidth, 120, std::max(120, viewport()->width() / 2));
    // Keep the same time window at the new width.
    const std::int64_t start = m_scale.viewStartNs();
    const std::int64_t duration = m_scale.viewDurationNs();
    updateBarArea();
    m_scale.setView(start, duration);
    updateScrollBar();
}

void TraceWaterfallView::scrollContentsBy(int, int)
{
    viewport()->update();
}

const std::vector<WaterfallItem> &TraceWaterfallView::visibleItems()
{
    if (!m_tree)
        return m_items;
    const int scrollY = verticalScrollBar()->value();
    CacheKey key;
    key.firstRow = scrollY / RowHeight;
    key.lastRow = (scrollY + rowsRect().height()) / RowHeight + 1;
    key.revision = m_tree->revision();
    key.scale = m_scale;
    if (!(key == m_cacheKey)) {
        m_items = WaterfallGeometry::build(*m_tree, key.firstRow, key.lastRow, m_scale, RowHeight);
        m_cacheKey = key;
        ++m_geometryBuildCount;
    }
    return m_items;
}

double TraceWaterfallView::contentYForViewportY(int y) const
{
    return double(y - HeaderHeight + verticalScrollBar()->value());
}

QRectF TraceWaterfallView::barRect(int nodeIndex) const
{
    if (!m_tree || nodeIndex < 0 || nodeIndex >= m_tree->nodeCount())
        return {};
    const int row = m_tree->rowOfNode(nodeIndex);
    if (row < 0)
        return {};
    const std::vector<WaterfallItem> items
        = WaterfallGeometry::build(*m_tree, row, row + 1, m_scale, RowHeight);
    for (const WaterfallItem &item : items) {
        if (item.kind == WaterfallItem::Kind::Bar)
            return item.rect.translated(barAreaRect().left(),
                                        HeaderHeight - verticalScrollBar()->value());
    }
    return {};
}

QRect TraceWaterfallView::expanderRect(int nodeIndex) const
{
    if (!m_tree || nodeIndex < 0 || nodeIndex >= m_tree->nodeCount())
        return {};
    const int row = m_tree->rowOfNode(nodeIndex);
    if (row < 0 || m_tree->node(nodeIndex).childCount == 0)
        return {};
    const int indent = std::min(m_tree->node(nodeIndex).depth * IndentPx, m_treeColumnWidth - 140);
    const int y = HeaderHeight + row * RowHeight - verticalScrollBar()->value();
    return QRect(6 + std::max(indent, 0), y, 16, RowHeight);
}

int TraceWaterfallView::nodeAtViewport(QPoint pos, bool *onExpander)
{
    if (onExpander)
        *onExpander = false;
    if (!m_tree || pos.y() < HeaderHeight)
        return -1;
    const int row = WaterfallGeometry::rowAt(*m_tree, contentYForViewportY(pos.y()), RowHeight);
    if (row < 0)
        return -1;
    const int nodeIndex = m_tree->visibleRows()[std::size_t(row)];
    if (pos.x() < m_treeColumnWidth) {
        if (onExpander)
            *onExpander = expanderRect(nodeIndex).adjusted(-3, 0, 3, 0).contains(pos);
        return nodeIndex;
    }
    // A folded summary or an event may belong to another node than the row's own span.
    const QPointF content(pos.x() - barAreaRect().left(), contentYForViewportY(pos.y()));
    if (const WaterfallItem *item = WaterfallGeometry::itemAt(visibleItems(), content)) {
        if (item->kind != WaterfallItem::Kind::CollapsedSummary || item->count == 1)
            return item->node;
    }
    return nodeIndex;
}

void TraceWaterfallView::setSelectedNode(int nodeIndex)
{
    if (!m_tree || nodeIndex < 0 || nodeIndex >= m_tree->nodeCount()) {
        m_selectedNode = -1;
        viewport()->update();
        return;
    }
    m_selectedNode = nodeIndex;
    m_tree->expandAncestors(nodeIndex);
    updateScrollBar();
    ensureRowVisible(m_tree->rowOfNode(nodeIndex));
    const SpanTreeNode &node = m_tree->node(nodeIndex);
    if (node.endTimeNs < m_scale.viewStartNs() || node.startTimeNs > m_scale.viewEndNs()) {
        m_scale.centerOn(node.startTimeNs + node.durationNs() / 2);
        Q_EMIT timeWindowChanged();
    }
    viewport()->update();
}

void TraceWaterfallView::setCollapsed(int nodeIndex, bool collapsed)
{
    if (!m_tree)
        return;
    m_tree->setCollapsed(nodeIndex, collapsed);
    // A selection inside the collapsed subtree moves to the collapsed row that hides it.
    if (m_selectedNode >= 0 && m_tree->rowOfNode(m_selectedNode) < 0) {
        m_selectedNode = nodeIndex;
        Q_EMIT nodeSelected(nodeIndex);
    }
    updateScrollBar();
    viewport()->update();
}

void TraceWaterfallView::setHighlightedNodes(std::vector<int> nodeIndexes)
{
    m_highlightedNodes = normalizedNodes(std::move(nodeIndexes), m_tree ? m_tree->nodeCount() : 0);
    for (int node : m_highlightedNodes)
        m_tree->expandAncestors(node);
    updateScrollBar();
    viewport()->update();
}

void TraceWaterfallView::setSearchMatches(std::optional<std::vector<int>> nodeIndexes)
{
    m_searchActive = nodeIndexes.has_value();
    m_searchMatches
        = nodeIndexes ? normalizedNodes(std::move(*nodeIndexes), m_tree ? m_tree->nodeCount() : 0)
                      : std::vector<int>();
    viewport()->update();
}

bool TraceWaterfallView::isDimmed(int nodeIndex) const
{
    if (!m_searchActive || !m_tree || nodeIndex < 0 || nodeIndex >= m_tree->nodeCount())
        return false;
    if (std::binary_search(m_searchMatches.begin(), m_searchMatches.end(), nodeIndex))
        return false;
    return !(m_tree->isCollapsed(nodeIndex)
             && setHasDescendant(m_searchMatches, *m_tree, nodeIndex));
}

void TraceWaterfallView::setCriticalPathShown(bool shown)
{
    if (shown == m_criticalPathShown)
        return;
    m_criticalPathShown = shown;
    m_criticalPath.clear();
    if (shown && m_tree) {
        // O(n log n) over the tree; a fraction of what building the tree cost.
        m_criticalPath = CriticalPath::compute(*m_tree);
        std::stable_sort(m_criticalPath.begin(), m_criticalPath.end(),
                         [](const CriticalPathSegment &a, const CriticalPathSegment &b) {
                             return a.node < b.node;
                         });
    }
    viewport()->update();
}

bool TraceWaterfallView::isHighlighted(int nodeIndex) const
{
    return std::binary_search(m_highlightedNodes.begin(), m_highlightedNodes.end(), nodeIndex);
}

bool TraceWaterfallView::hidesHighlighted(int nodeIndex) const
{
    if (!m_tree || nodeIndex < 0 || nodeIndex >= m_tree->nodeCount())
        return false;
    return setHasDescendant(m_highlightedNodes, *m_tree, nodeIndex);
}

void TraceWaterfallView::ensureRowVisible(int row)
{
    if (row < 0)
        return;
    const int top = row * RowHeight;
    QScrollBar *bar = verticalScrollBar();
    const int visible = rowsRect().height();
    if (top < bar->value())
        bar->setValue(top);
    else if (top + RowHeight > bar->value() + visible)
        bar->setValue(top + RowHeight - visible);
}

void TraceWaterfallView::selectByUser(int nodeIndex)
{
    if (!m_tree || nodeIndex < 0)
        return;
    const bool changed = nodeIndex != m_selectedNode;
    setSelectedNode(nodeIndex);
    if (changed)
        Q_EMIT nodeSelected(nodeIndex);
}

void TraceWaterfallView::zoomToNode(int nodeIndex)
{
    if (!m_tree || nodeIndex < 0 || nodeIndex >= m_tree->nodeCount())
        return;
    const SpanTreeNode &node = m_tree->node(nodeIndex);
    const std::int64_t margin = std::max<std::int64_t>(node.durationNs() / 20, 1);
    m_scale.setView(node.startTimeNs - margin, node.durationNs() + 2 * margin);
    viewport()->update();
    Q_EMIT timeWindowChanged();
}

void TraceWaterfallView::resetZoom()
{
    m_scale.showAll();
    viewport()->update();
    Q_EMIT timeWindowChanged();
}

void TraceWaterfallView::zoomBy(double factor, double barX)
{
    const TimeScale before = m_scale;
    m_scale.zoomAbout(barX, factor);
    if (!(before == m_scale)) {
        viewport()->update();
        Q_EMIT timeWindowChanged();
    }
}

void TraceWaterfallView::centerWindowOn(std::int64_t timeNs)
{
    m_scale.centerOn(timeNs);
    viewport()->update();
    Q_EMIT timeWindowChanged();
}

void TraceWaterfallView::wheelEvent(QWheelEvent *event)
{
    const QPoint angle = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = angle.y() / 120.0;
        const double x = event->position().x() - barAreaRect().left();
        zoomBy(std::pow(WheelZoomStep, steps), std::clamp(x, 0.0, m_scale.widthPx()));
        event->accept();
        return;
    }
    const int horizontal = (event->modifiers() & Qt::ShiftModifier) ? angle.y() : angle.x();
    if (horizontal != 0) {
        m_scale.panByPixels(horizontal / 120.0 * m_scale.widthPx() / 10);
        viewport()->update();
        Q_EMIT timeWindowChanged();
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TraceWaterfallView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_tree) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    m_pressPos = pos;
    m_lastDragPos = pos;
    m_dragMoved = false;
    if (std::abs(pos.x() - m_treeColumnWidth) <= ColumnHandlePx) {
        m_dragMode = DragMode::ColumnResize;
    } else if (m_minimap.acceptsPress(pos)) {
        m_dragMode = DragMode::Minimap;
        centerWindowOn(m_minimap.timeAt(pos.x()));
    } else {
        m_dragMode = DragMode::Pan;
    }
    event->accept();
}

void TraceWaterfallView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_dragMode == DragMode::None) {
        const bool onHandle = std::abs(pos.x() - m_treeColumnWidth) <= ColumnHandlePx;
        viewport()->setCursor(onHandle ? Qt::SplitHCursor : Qt::ArrowCursor);
        const int row
            = m_tree && pos.y() >= HeaderHeight
                  ? WaterfallGeometry::rowAt(*m_tree, contentYForViewportY(pos.y()), RowHeight)
                  : -1;
        if (row != m_hoveredRow) {
            m_hoveredRow = row;
            viewport()->update();
        }
        return;
    }
    if ((pos - m_pressPos).manhattanLength() >= DragThresholdPx)
        m_dragMoved = true;
    const QPoint delta = pos - m_lastDragPos;
    m_lastDragPos = pos;
    switch (m_dragMode) {
    case DragMode::ColumnResize:
        m_treeColumnWidth = std::clamp(pos.x(), 120, std::max(120, viewport()->width() - 200));
        m_preferredTreeColumnWidth = m_treeColumnWidth;
        updateBarArea();
        m_scale.setView(m_scale.viewStartNs(), m_scale.viewDurationNs());
        viewport()->update();
        break;
    case DragMode::Minimap:
        centerWindowOn(m_minimap.timeAt(pos.x()));
        break;
    case DragMode::Pan:
        if (!m_dragMoved)
            break;
        viewport()->setCursor(Qt::ClosedHandCursor);
        m_scale.panByPixels(delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        viewport()->update();
        Q_EMIT timeWindowChanged();
        break;
    case DragMode::None:
        break;
    }
}

void TraceWaterfallView::mouseReleaseEvent(QMouseEvent *event)
{
    const DragMode mode = std::exchange(m_dragMode, DragMode::None);
    viewport()->setCursor(Qt::ArrowCursor);
    event->accept();
    if (event->button() != Qt::LeftButton || mode != DragMode::Pan || m_dragMoved)
        return;
    bool onExpander = false;
    const int nodeIndex = nodeAtViewport(event->position().toPoint(), &onExpander);
    if (nodeIndex < 0)
        return;
    if (onExpander) {
        setCollapsed(nodeIndex, !m_tree->isCollapsed(nodeIndex));
        return;
    }
    selectByUser(nodeIndex);
}

void TraceWaterfallView::mouseDoubleClickEvent(QMouseEvent *event)
{
    bool onExpander = false;
    const QPoint pos = event->position().toPoint();
    const int nodeIndex = nodeAtViewport(pos, &onExpander);
    if (nodeIndex < 0 || onExpander)
        return;
    if (pos.x() < m_treeColumnWidth) {
        if (m_tree->node(nodeIndex).childCount > 0)
            setCollapsed(nodeIndex, !m_tree->isCollapsed(nodeIndex));
    } else {
        zoomToNode(nodeIndex);
    }
}

void TraceWaterfallView::keyPressEvent(QKeyEvent *event)
{
    if (!m_tree || m_tree->rowCount() == 0) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    const int row = m_selectedNode >= 0 ? m_tree->rowOfNode(m_selectedNode) : -1;
    const auto nodeAtRow = [this](int r) {
        return m_tree->visibleRows()[std::size_t(std::clamp(r, 0, m_tree->rowCount() - 1))];
    };
    const int pageRows = std::max(1, rowsRect().height() / RowHeight - 1);
    switch (event->key()) {
    case Qt::Key_Down:
        selectByUser(nodeAtRow(row + 1));
        break;
    case Qt::Key_Up:
        selectByUser(nodeAtRow(row < 0 ? 0 : row - 1));
        break;
    case Qt::Key_PageDown:
        selectByUser(nodeAtRow(row + pageRows));
        break;
    case Qt::Key_PageUp:
        selectByUser(nodeAtRow(row - pageRows));
        break;
    case Qt::Key_Home:
        selectByUser(nodeAtRow(0));
        break;
    case Qt::Key_End:
        selectByUser(nodeAtRow(m_tree->rowCount() - 1));
        break;
    case Qt::Key_Left:
        if (m_selectedNode < 0)
            break;
        if (m_tree->node(m_selectedNode).childCount > 0 && !m_tree->isCollapsed(m_selectedNode))
            setCollapsed(m_selectedNode, true);
        else if (m_tree->node(m_selectedNode).parent >= 0)
            selectByUser(m_tree->node(m_selectedNode).parent);
        break;
    case Qt::Key_Right:
        if (m_selectedNode < 0)
            break;
        if (m_tree->isCollapsed(m_selectedNode))
            setCollapsed(m_selectedNode, false);
        else if (m_tree->firstChild(m_selectedNode) >= 0)
            selectByUser(m_tree->firstChild(m_selectedNode));
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(2.0, m_scale.widthPx() / 2);
        break;
    case Qt::Key_Minus:
        zoomBy(0.5, m_scale.widthPx() / 2);
        break;
    case Qt::Key_0:
        resetZoom();
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        zoomToNode(m_selectedNode);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

QString TraceWaterfallView::toolTipFor(QPoint pos)
{
    if (!m_tree)
        return {};
    if (QString text = m_minimap.toolTipAt(pos); !text.isEmpty())
        return text;
    const int nodeIndex = nodeAtViewport(pos, nullptr);
    if (nodeIndex < 0)
        return {};
    const SpanTreeNode &node = m_tree->node(nodeIndex);
    const Span &span = m_tree->span(nodeIndex);
    QString text
        = QStringLiteral("<b>%1</b><br>%2<br>")
              .arg(QString::fromStdString(span.name).toHtmlEscaped(),
                   QString::fromStdString(m_tree->services()[std::size_t(node.serviceIndex)])
                       .toHtmlEscaped());
    text += tr("Duration: %1<br>Self time: %2<br>Starts at +%3")
                .arg(formatDurationNs(node.durationNs()), formatDurationNs(node.selfTimeNs),
                     formatDurationNs(node.startTimeNs - m_tree->startTimeNs()));
    if (node.isError)
        text += QStringLiteral("<br><span style='color:#d62728'>")
                + tr("Error: %1").arg(QString::fromStdString(span.status.message).toHtmlEscaped())
                + QStringLiteral("</span>");
    if (node.isOrphan)
        text += QStringLiteral("<br>") + tr("Orphan: its parent span is not in this trace");
    if (m_tree->isCollapsed(nodeIndex))
        text += QStringLiteral("<br>")
                + tr("Hidden descendants: %1").arg(m_tree->subtreeSize(nodeIndex) - 1);
    return text;
}

bool TraceWaterfallView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipFor(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    if (event->type() == QEvent::Leave && m_hoveredRow >= 0) {
        m_hoveredRow = -1;
        viewport()->update();
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void TraceWaterfallView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QPalette &pal = palette();
    painter.fillRect(viewport()->rect(), pal.color(QPalette::Base));
    if (!m_tree || m_tree->nodeCount() == 0) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No spans"));
        return;
    }
    paintRows(painter);
    m_minimap.paint(painter, pal, font(), m_scale);
    paintAxis(painter);
    // Column separator across the whole height.
    painter.fillRect(QRect(m_treeColumnWidth, 0, 1, viewport()->height()),
                     pal.color(QPalette::Mid));
}

void TraceWaterfallView::paintAxis(QPainter &painter)
{
    const QPalette &pal = palette();
    const QRect axis(0, MinimapHeight, viewport()->width(), AxisHeight);
    painter.fillRect(axis, pal.color(QPalette::Base));
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(pal.color(QPalette::Text));
    painter.drawText(QRect(10, axis.top(), m_treeColumnWidth - 20, AxisHeight),
                     Qt::AlignVCenter | Qt::AlignLeft, tr("Service · Operation"));

    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter.setFont(small);
    const QRect bars = barAreaRect();
    painter.setPen(pal.color(QPalette::PlaceholderText));
    for (std::int64_t tick : m_scale.ticks(90, m_tree->startTimeNs())) {
        const double x = bars.left() + m_scale.xForTime(tick);
        painter.fillRect(QRectF(x, axis.bottom() - 5, 1, 5), pal.color(QPalette::Mid));
        const QString label = tick == m_tree->startTimeNs()
                                  ? QStringLiteral("0")
                                  : formatDurationNs(tick - m_tree->startTimeNs());
        if (x + 3 + painter.fontMetrics().horizontalAdvance(label) > viewport()->width())
            continue;
        painter.drawText(QRectF(x + 3, axis.top(), 100, AxisHeight - 2),
                         Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    painter.fillRect(QRect(0, axis.bottom(), viewport()->width(), 1), pal.color(QPalette::Mid));
}

void TraceWaterfallView::paintRows(QPainter &painter)
{
    const QPalette &pal = palette();
    const QRect rows = rowsRect();
    const QRect bars = barAreaRect();
    const int scrollY = verticalScrollBar()->value();
    const int firstRow = scrollY / RowHeight;
    const int lastRow = std::min(m_tree->rowCount(), (scrollY + rows.height()) / RowHeight + 1);
    const int selectedRow = m_selectedNode >= 0 ? m_tree->rowOfNode(m_selectedNode) : -1;

    painter.save();
    painter.setClipRect(rows);
    const QColor base = pal.color(QPalette::Base);
    const QColor alternate = ServicePalette::blend(base, pal.color(QPalette::AlternateBase), 0.6);
    QColor selection = pal.color(QPalette::Highlight);
    selection.setAlpha(60);
    QColor hover = pal.color(QPalette::Highlight);
    hover.setAlpha(22);
    const QColor accent = ServicePalette::highlightColor();
    QColor highlightTint = accent;
    highlightTint.setAlpha(48);
    QColor hiddenHighlightTint = accent;
    hiddenHighlightTint.setAlpha(24);
    for (int row = firstRow; row < lastRow; ++row) {
        const QRect rowRect(0, HeaderHeight + row * RowHeight - scrollY, viewport()->width(),
                            RowHeight);
        painter.fillRect(rowRect, row % 2 ? alternate : base);
        if (!m_highlightedNodes.empty()) {
            const int nodeIndex = m_tree->visibleRows()[std::size_t(row)];
            if (isHighlighted(nodeIndex)) {
                painter.fillRect(rowRect, highlightTint);
                painter.fillRect(QRect(rowRect.left(), rowRect.top(), 4, RowHeight), accent);
            } else if (m_tree->isCollapsed(nodeIndex) && hidesHighlighted(nodeIndex)) {
                painter.fillRect(rowRect, hiddenHighlightTint);
                painter.fillRect(QRect(rowRect.left(), rowRect.top() + 4, 2, RowHeight - 8),
                                 accent);
            }
        }
        if (row == selectedRow)
            painter.fillRect(rowRect, selection);
        else if (row == m_hoveredRow)
            painter.fillRect(rowRect, hover);
    }

    // Tick grid behind the bars.
    const QColor grid = ServicePalette::blend(base, pal.color(QPalette::Mid), 0.35);
    for (std::int64_t tick : m_scale.ticks(90, m_tree->startTimeNs()))
        painter.fillRect(QRectF(bars.left() + m_scale.xForTime(tick), rows.top(), 1, rows.height()),
                         grid);

    paintTreeColumn(painter, firstRow, lastRow);

    painter.setClipRect(QRect(m_treeColumnWidth + 1, rows.top(),
                              viewport()->width() - m_treeColumnWidth - 1, rows.height()));
    painter.translate(bars.left(), HeaderHeight - scrollY);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter.setFont(small);
    const QFontMetrics metrics(small);
    const QColor textColor = pal.color(QPalette::Text);
    const QColor mutedText = pal.color(QPalette::PlaceholderText);
    const QColor errorColor = ServicePalette::errorColor();
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (const WaterfallItem &item : visibleItems()) {
        painter.setOpacity(isDimmed(item.node) ? DimmedOpacity : 1.0);
        const SpanTreeNode &node = m_tree->node(item.node);
        const QColor color
            = ServicePalette::color(m_tree->services()[std::size_t(node.serviceIndex)]);
        switch (item.kind) {
        case WaterfallItem::Kind::Bar: {
            painter.fillRect(item.rect, color);
            if (!m_criticalPath.empty()) {
                const auto segments = std::equal_range(
                    m_criticalPath.begin(), m_criticalPath.end(), CriticalPathSegment{item.node},
                    [](const CriticalPathSegment &a, const CriticalPathSegment &b) {
                        return a.node < b.node;
                    });
                for (auto it = segments.first; it != segments.second; ++it) {
                    const double left = std::max(m_scale.xForTime(it->startNs), item.rect.left());
                    const double right = std::min(m_scale.xForTime(it->endNs), item.rect.right());
                    if (right > left)
                        painter.fillRect(
                            QRectF(left, item.rect.top(), std::max(right - left, 1.0), 3),
                            textColor);
                }
            }
            if (node.isError)
                painter.fillRect(
                    QRectF(item.rect.left(), item.rect.bottom() - 2, item.rect.width(), 2),
                    errorColor);
            if (item.node == m_selectedNode || isHighlighted(item.node)) {
                painter.setPen(
                    QPen(item.node == m_selectedNode ? textColor : ServicePalette::highlightColor(),
                         1.5));
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(item.rect.adjusted(-1, -1, 1, 1));
            }
            // Duration label: right of the bar, else left of it, else inside if it fits.
            const QString label = formatDurationNs(node.durationNs());
            const int labelWidth = metrics.horizontalAdvance(label) + 6;
            const double errorSpace = node.isError ? item.rect.height() + 4 : 0;
            QRectF labelRect;
            QColor labelColor = mutedText;
            if (item.rect.right() + errorSpace + labelWidth < m_scale.widthPx())
                labelRect = QRectF(item.rect.right() + errorSpace + 3, item.rect.top() - 2,
                                   labelWidth, item.rect.height() + 4);
            else if (item.rect.left() - labelWidth > 0)
                labelRect = QRectF(item.rect.left() - labelWidth - 1, item.rect.top() - 2,
                                   labelWidth, item.rect.height() + 4);
            else if (item.rect.width() > labelWidth + 4) {
                labelRect = QRectF(std::max(item.rect.left(), 0.0) + 2, item.rect.top() - 2,
                                   labelWidth, item.rect.height() + 4);
                labelColor = ServicePalette::textColor(color);
            }
            if (!labelRect.isNull()) {
                painter.setPen(labelColor);
                painter.drawText(labelRect, Qt::AlignVCenter | Qt::AlignLeft, label);
            }
            break;
        }
        case WaterfallItem::Kind::CollapsedSummary: {
            QColor summary = color;
            summary.setAlpha(item.count > 1 ? 200 : 140);
            painter.fillRect(item.rect, summary);
            break;
        }
        case WaterfallItem::Kind::Event:
        case WaterfallItem::Kind::FoldedEvents: {
            const double cx = item.rect.center().x();
            const double top = item.rect.top() + 2;
            const double bottom = item.rect.bottom() - 2;
            painter.fillRect(QRectF(cx - 0.75, top, 1.5, bottom - top), textColor);
            const double size = item.kind == WaterfallItem::Kind::FoldedEvents ? 4 : 3;
            painter.fillRect(QRectF(cx - size / 2, top, size, size), textColor);
            break;
        }
        case WaterfallItem::Kind::ErrorMark: {
            painter.setRenderHint(QPainter::Antialiasing, true);
            painter.setPen(Qt::NoPen);
            painter.setBrush(errorColor);
            painter.drawEllipse(item.rect);
            painter.setPen(QPen(Qt::white, 1.6));
            const QPointF c = item.rect.center();
            const double h = item.rect.height();
            painter.drawLine(QPointF(c.x(), c.y() - h * 0.25), QPointF(c.x(), c.y() + h * 0.08));
            painter.drawPoint(QPointF(c.x(), c.y() + h * 0.25));
            painter.setRenderHint(QPainter::Antialiasing, false);
            break;
        }
        }
    }
    painter.restore();
}

void TraceWaterfallView::paintTreeColumn(QPainter &painter, int firstRow, int lastRow)
{
    const QPalette &pal = palette();
    const int scrollY = verticalScrollBar()->value();
    const QFontMetrics metrics(font());
    QFont bold = font();
    bold.setWeight(QFont::DemiBold);
    const QFontMetrics boldMetrics(bold);
    const QColor textColor = pal.color(QPalette::Text);
    const QColor mutedText = pal.color(QPalette::PlaceholderText);
    const QColor guide
        = ServicePalette::blend(pal.color(QPalette::Base), pal.color(QPalette::Mid), 0.5);
    painter.save();
    painter.setClipRect(QRect(0, HeaderHeight, m_treeColumnWidth, rowsRect().height()));
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (int row = firstRow; row < lastRow; ++row) {
        const int nodeIndex = m_tree->visibleRows()[std::size_t(row)];
        const SpanTreeNode &node = m_tree->node(nodeIndex);
        const int y = HeaderHeight + row * RowHeight - scrollY;
        painter.setOpacity(isDimmed(nodeIndex) ? DimmedOpacity : 1.0);
        // Deep trees keep at least 140 px for the name: indentation stops growing there.
        const int indent = std::max(0, std::min(node.depth * IndentPx, m_treeColumnWidth - 140));
        for (int level = 1; level <= node.depth && level * IndentPx <= indent; ++level)
            painter.fillRect(QRect(6 + level * IndentPx - IndentPx / 2 + 2, y, 1, RowHeight),
                             guide);
        int x = 6 + indent;
        if (node.childCount > 0) {
            const bool collapsed = m_tree->isCollapsed(nodeIndex);
            QPainterPath triangle;
            const QPointF c(x + 8, y + RowHeight / 2.0);
            if (collapsed) {
                triangle.moveTo(c + QPointF(-2.5, -4.5));
                triangle.lineTo(c + QPointF(3.5, 0));
                triangle.lineTo(c + QPointF(-2.5, 4.5));
            } else {
                triangle.moveTo(c + QPointF(-4.5, -2.5));
                triangle.lineTo(c + QPointF(4.5, -2.5));
                triangle.lineTo(c + QPointF(0, 3.5));
            }
            triangle.closeSubpath();
            painter.fillPath(triangle, mutedText);
        }
        x += 18;
        const std::string &service = m_tree->services()[std::size_t(node.serviceIndex)];
        const QColor color = ServicePalette::color(service);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawRoundedRect(QRectF(x, y + 6, 4, RowHeight - 12), 2, 2);
        x += 10;
        const int right = m_treeColumnWidth - 8;
        if (node.isError) {
            painter.setBrush(ServicePalette::errorColor());
            painter.drawEllipse(QRectF(right - 8, y + RowHeight / 2.0 - 4, 8, 8));
        }
        int textRight = node.isError ? right - 12 : right;
        if (node.isOrphan) {
            const QString badge = tr("orphan");
            const int badgeWidth = metrics.horizontalAdvance(badge) + 10;
            const QRectF badgeRect(textRight - badgeWidth, y + 4, badgeWidth, RowHeight - 8);
            painter.setPen(QPen(QColor(0xc0, 0x7a, 0x00), 1, Qt::DashLine));
            painter.setBrush(QColor(0xff, 0xe9, 0xc2));
            painter.drawRoundedRect(badgeRect, 3, 3);
            painter.setPen(QColor(0x80, 0x50, 0x00));
            painter.drawText(badgeRect, Qt::AlignCenter, badge);
            textRight -= badgeWidth + 4;
        }
        const QString serviceText = QString::fromStdString(service);
        const QString name = QString::fromStdString(m_tree->span(nodeIndex).name);
        const int available = std::max(0, textRight - x);
        // +2: integer advances round down fractional glyph widths, which would elide the text.
        const int serviceWidth
            = std::min(boldMetrics.horizontalAdvance(serviceText) + 2, available * 3 / 5);
        painter.setFont(bold);
        painter.setPen(textColor);
        painter.drawText(QRect(x, y, serviceWidth, RowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                         boldMetrics.elidedText(serviceText, Qt::ElideRight, serviceWidth));
        painter.setFont(font());
        painter.setPen(mutedText);
        const int nameX = x + serviceWidth + 6;
        painter.drawText(QRect(nameX, y, std::max(0, textRight - nameX), RowHeight),
                         Qt::AlignVCenter | Qt::AlignLeft,
                         metrics.elidedText(name, Qt::ElideRight, std::max(0, textRight - nameX)));
    }
    painter.restore();
}

} // namespace kansoku
