#include "flame_graph_view.h"

#include "core/time_format.h"
#include "service_palette.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace kansoku {

namespace {
constexpr int SidePadding = 8;
}

FlameGraphView::FlameGraphView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    verticalScrollBar()->setSingleStep(RowHeight);
    setWhatsThis(tr("Width is duration; the empty part of a box is its self time. Click a box to "
                    "zoom into it, click the top box or the breadcrumb to zoom out."));
}

void FlameGraphView::setTree(std::shared_ptr<const SpanTree> tree)
{
    m_layout = FlameGraphLayout(std::move(tree));
    m_selectedNode = -1;
    m_hoveredNode = -1;
    m_searchActive = false;
    m_searchMatches.clear();
    m_boxesWidth = -1;
    updateCrumbs();
    updateScrollBar();
    viewport()->update();
}

void FlameGraphView::setFocusNode(int nodeIndex)
{
    if (nodeIndex == m_layout.focus())
        return;
    m_layout.setFocus(nodeIndex);
    m_boxesWidth = -1;
    updateCrumbs();
    updateScrollBar();
    verticalScrollBar()->setValue(0);
    viewport()->update();
    Q_EMIT focusChanged(m_layout.focus());
}

void FlameGraphView::setSelectedNode(int nodeIndex)
{
    m_selectedNode = nodeIndex;
    viewport()->update();
}

void FlameGraphView::revealNode(int nodeIndex)
{
    const std::shared_ptr<const SpanTree> &tree = m_layout.tree();
    if (!tree || nodeIndex < 0 || nodeIndex >= tree->nodeCount())
        return;
    const int focus = m_layout.focus();
    const bool inFocus
        = focus < 0 || (nodeIndex >= focus && nodeIndex < tree->node(focus).subtreeEnd);
    if (!inFocus || boxRect(nodeIndex).isEmpty()) {
        setFocusNode(tree->node(nodeIndex).parent);
        if (boxRect(nodeIndex).isEmpty())
            setFocusNode(nodeIndex);
    }
    const QRectF box = boxRect(nodeIndex);
    const QRectF content = contentRect();
    QScrollBar *bar = verticalScrollBar();
    if (box.top() < content.top())
        bar->setValue(bar->value() - int(std::ceil(content.top() - box.top())));
    else if (box.bottom() > content.bottom())
        bar->setValue(bar->value() + int(std::ceil(box.bottom() - content.bottom())));
    viewport()->update();
}

void FlameGraphView::setSearchMatches(std::optional<std::vector<int>> nodeIndexes)
{
    m_searchActive = nodeIndexes.has_value();
    m_searchMatches = nodeIndexes ? std::move(*nodeIndexes) : std::vector<int>();
    std::sort(m_searchMatches.begin(), m_searchMatches.end());
    viewport()->update();
}

bool FlameGraphView::isDimmed(int nodeIndex) const
{
    return m_searchActive
           && !std::binary_search(m_searchMatches.begin(), m_searchMatches.end(), nodeIndex);
}

bool FlameGraphView::isBoxDimmed(const FlameBox &box) const
{
    if (!box.folded)
        return isDimmed(box.node);
    if (!m_searchActive)
        return false;
    // A folded box holds whole subtrees of adjacent siblings: the node range [node, node+count).
    const auto match = std::lower_bound(m_searchMatches.begin(), m_searchMatches.end(), box.node);
    return match == m_searchMatches.end() || *match >= box.node + box.count;
}

QRectF FlameGraphView::contentRect() const
{
    return QRectF(SidePadding, BreadcrumbHeight + 4, viewport()->width() - 2 * SidePadding,
                  viewport()->height() - BreadcrumbHeight - 4);
}

const std::vector<FlameBox> &FlameGraphView::boxes() const
{
    const double width = contentRect().width();
    if (width != m_boxesWidth || m_layout.focus() != m_boxesFocus) {
        // All rows: the layout prunes by width, so the box count is bounded by the pixels.
        m_boxes = m_layout.build(width, RowHeight);
        m_boxesWidth = width;
        m_boxesFocus = m_layout.focus();
    }
    return m_boxes;
}

void FlameGraphView::updateScrollBar()
{
    const int contentHeight = m_layout.rowCount() * RowHeight;
    const int visible = int(contentRect().height());
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setRange(0, std::max(0, contentHeight - visible));
}

void FlameGraphView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateCrumbs();
    updateScrollBar();
}

void FlameGraphView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void FlameGraphView::updateCrumbs()
{
    m_crumbRects.clear();
    m_crumbTexts.clear();
    m_crumbNodes.clear();
    const std::shared_ptr<const SpanTree> &tree = m_layout.tree();
    if (!tree)
        return;
    m_crumbNodes.push_back(-1);
    m_crumbTexts << tr("All spans");
    for (int node : m_layout.breadcrumb()) {
        m_crumbNodes.push_back(node);
        m_crumbTexts << QString::fromStdString(tree->span(node).name);
    }
    const QFontMetrics metrics(font());
    int x = SidePadding;
    const int separator = metrics.horizontalAdvance(QStringLiteral(" › ")) + 4;
    for (const QString &text : std::as_const(m_crumbTexts)) {
        const int width = std::min(metrics.horizontalAdvance(text) + 14, 220);
        m_crumbRects.emplace_back(x, 5, width, BreadcrumbHeight - 10);
        x += width + separator;
    }
}

QRect FlameGraphView::breadcrumbRect(int index) const
{
    if (index < 0 || index >= int(m_crumbRects.size()))
        return {};
    return m_crumbRects[std::size_t(index)];
}

QString FlameGraphView::breadcrumbText() const
{
    return m_crumbTexts.join(QStringLiteral(" › "));
}

QRectF FlameGraphView::boxRect(int nodeIndex) const
{
    const QRectF content = contentRect();
    for (const FlameBox &box : boxes()) {
        if (box.node == nodeIndex && !box.folded)
            return box.rect.translated(content.left(),
                                       content.top() - verticalScrollBar()->value());
    }
    return {};
}

const FlameBox *FlameGraphView::boxAtViewport(QPoint pos) const
{
    const QRectF content = contentRect();
    if (pos.y() < content.top())
        return nullptr;
    const QPointF point(pos.x() - content.left(),
                        pos.y() - content.top() + verticalScrollBar()->value());
    return FlameGraphLayout::boxAt(boxes(), point);
}

void FlameGraphView::mousePressEvent(QMouseEvent *event)
{
    // Acting on release (below) lets a press that drifts off a box cancel the click.
    event->setAccepted(event->button() == Qt::LeftButton);
}

void FlameGraphView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_layout.tree()) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    for (std::size_t i = 0; i < m_crumbRects.size(); ++i) {
        if (m_crumbRects[i].contains(pos)) {
            setFocusNode(m_crumbNodes[i]);
            return;
        }
    }
    const FlameBox *box = boxAtViewport(pos);
    if (!box)
        return;
    const int node = box->node;
    if (node == m_layout.focus()) {
        // The focused box spans the width: clicking it again steps out one level.
        setFocusNode(m_layout.tree()->node(node).parent);
    } else {
        setFocusNode(node);
    }
    m_selectedNode = node;
    viewport()->update();
    Q_EMIT nodeSelected(node);
}

void FlameGraphView::mouseMoveEvent(QMouseEvent *event)
{
    const FlameBox *box = boxAtViewport(event->position().toPoint());
    const int hovered = box ? box->node : -1;
    if (hovered != m_hoveredNode) {
        m_hoveredNode = hovered;
        viewport()->update();
    }
    bool onCrumb = false;
    for (const QRect &rect : m_crumbRects)
        onCrumb = onCrumb || rect.contains(event->position().toPoint());
    viewport()->setCursor(box || onCrumb ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

bool FlameGraphView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_layout.tree()) {
        auto *help = static_cast<QHelpEvent *>(event);
        const FlameBox *box = boxAtViewport(help->pos());
        if (!box) {
            QToolTip::hideText();
            return true;
        }
        const SpanTree &tree = *m_layout.tree();
        const SpanTreeNode &node = tree.node(box->node);
        QString text;
        if (box->folded) {
            text
                = tr("%Ln small span(s) folded together; zoom in to see them", nullptr, box->count);
        } else {
            const std::int64_t focusDuration = m_layout.focus() >= 0
                                                   ? tree.node(m_layout.focus()).durationNs()
                                                   : tree.endTimeNs() - tree.startTimeNs();
            const double share = focusDuration > 0
                                     ? 100.0 * double(node.durationNs()) / double(focusDuration)
                                     : 100.0;
            text = QStringLiteral("<b>%1</b><br>%2<br>")
                       .arg(QString::fromStdString(tree.span(box->node).name).toHtmlEscaped(),
                            QString::fromStdString(tree.serviceOf(box->node)).toHtmlEscaped())
                   + tr("Total: %1 (%2%)<br>Self: %3<br>Spans in subtree: %4")
                         .arg(formatDurationNs(node.durationNs()))
                         .arg(share, 0, 'f', 1)
                         .arg(formatDurationNs(node.selfTimeNs))
                         .arg(tree.subtreeSize(box->node));
        }
        QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    if (event->type() == QEvent::Leave && m_hoveredNode >= 0) {
        m_hoveredNode = -1;
        viewport()->update();
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void FlameGraphView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QPalette &pal = palette();
    painter.fillRect(viewport()->rect(), pal.color(QPalette::Base));
    const std::shared_ptr<const SpanTree> &tree = m_layout.tree();
    if (!tree || tree->nodeCount() == 0) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No spans"));
        return;
    }

    // Breadcrumb: chips, the last (current focus) emphasised.
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QFontMetrics metrics(font());
    for (std::size_t i = 0; i < m_crumbRects.size(); ++i) {
        const QRect rect = m_crumbRects[i];
        const bool current = i + 1 == m_crumbRects.size();
        painter.setPen(Qt::NoPen);
        painter.setBrush(current ? pal.color(QPalette::Highlight) : pal.color(QPalette::Button));
        painter.drawRoundedRect(rect, 4, 4);
        painter.setPen(current ? pal.color(QPalette::HighlightedText)
                               : pal.color(QPalette::ButtonText));
        painter.drawText(
            rect.adjusted(7, 0, -7, 0), Qt::AlignVCenter | Qt::AlignLeft,
            metrics.elidedText(m_crumbTexts[qsizetype(i)], Qt::ElideRight, rect.width() - 14));
        if (!current) {
            painter.setPen(pal.color(QPalette::PlaceholderText));
            painter.drawText(QRect(rect.right() + 1, rect.top(), 14, rect.height()),
                             Qt::AlignCenter, QStringLiteral("›"));
        }
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(QRect(0, BreadcrumbHeight, viewport()->width(), 1), pal.color(QPalette::Mid));

    const QRectF content = contentRect();
    painter.setClipRect(QRectF(0, content.top(), viewport()->width(), content.height()));
    painter.translate(content.left(), content.top() - verticalScrollBar()->value());
    const int scrollY = verticalScrollBar()->value();
    for (const FlameBox &box : boxes()) {
        if (box.rect.bottom() < scrollY || box.rect.top() > scrollY + content.height())
            continue;
        const QRectF rect = box.rect.adjusted(0, 0, box.rect.width() > 2 ? -1 : 0, -1);
        const SpanTreeNode &node = tree->node(box.node);
        QColor color = ServicePalette::color(tree->serviceOf(box.node));
        painter.setOpacity(isBoxDimmed(box) ? ServicePalette::SearchDimmedOpacity : 1.0);
        if (box.folded) {
            color.setAlpha(110);
            painter.fillRect(rect, color);
            continue;
        }
        if (box.node == m_hoveredNode)
            color = color.lighter(112);
        painter.fillRect(rect, color);
        if (node.isError)
            painter.fillRect(QRectF(rect.left(), rect.bottom() - 2, rect.width(), 2),
                             ServicePalette::errorColor());
        if (box.node == m_selectedNode) {
            painter.setPen(QPen(pal.color(QPalette::Text), 2));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(rect.adjusted(1, 1, -1, -1));
        }
        if (rect.width() > 24) {
            painter.setPen(ServicePalette::textColor(color));
            const QString label = QString::fromStdString(tree->span(box.node).name)
                                  + QStringLiteral("  ") + formatDurationNs(node.durationNs());
            painter.drawText(rect.adjusted(5, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                             metrics.elidedText(label, Qt::ElideRight, int(rect.width()) - 9));
        }
    }
}

} // namespace kansoku
