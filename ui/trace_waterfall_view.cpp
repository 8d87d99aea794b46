#include "trace_waterfall_view.h"

#include "analysis/critical_path_folding.h"
#include "core/time_format.h"
#include "service_palette.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
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

// Where a duration label goes beside a bar: right of it, else left of it, else inside if it
// fits (*inside set), else nowhere (a null rect).
QRectF labelRectBeside(const QRectF &bar, double errorSpace, int labelWidth, double areaWidth,
                       bool *inside)
{
    *inside = false;
    if (bar.right() + errorSpace + labelWidth < areaWidth)
        return QRectF(bar.right() + errorSpace + 3, bar.top() - 2, labelWidth, bar.height() + 4);
    if (bar.left() - labelWidth > 0)
        return QRectF(bar.left() - labelWidth - 1, bar.top() - 2, labelWidth, bar.height() + 4);
    if (bar.width() > labelWidth + 4) {
        *inside = true;
        return QRectF(std::max(bar.left(), 0.0) + 2, bar.top() - 2, labelWidth, bar.height() + 4);
    }
    return {};
}

// The dark strip along the part of a bar that lies on the critical path.
void paintPathStrip(QPainter &painter, const TimeScale &scale, const QRectF &bar,
                    std::int64_t startNs, std::int64_t endNs, const QColor &color)
{
    const double left = std::max(scale.xForTime(startNs), bar.left());
    const double right = std::min(scale.xForTime(endNs), bar.right());
    if (right > left)
        painter.fillRect(QRectF(left, bar.top(), std::max(right - left, 1.0), 3), color);
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
                    "whole trace. Arrow keys move the selection; Left/Right collapse and expand; "
                    "* expands everything under the selected row."));
    createActions();
}

void TraceWaterfallView::createActions()
{
    const auto addViewAction
        = [this](const char *name, const QString &text, const QKeySequence &keys, auto slot) {
              auto *action = new QAction(text, this);
              action->setObjectName(QLatin1String(name));
              action->setShortcut(keys);
              action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
              connect(action, &QAction::triggered, this, slot);
              addAction(action);
              return action;
          };
    m_expandSubtreeAction
        = addViewAction("waterfallExpandSubtree", tr("Expand subtree"),
                        QKeySequence(Qt::Key_Asterisk), [this]() { expandSelectedSubtree(); });
    m_expandAllAction
        = addViewAction("waterfallExpandAll", tr("Expand all"),
                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this]() { expandAll(); });
    m_collapseAllAction = addViewAction("waterfallCollapseAll", tr("Collapse all"),
                                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                                        [this]() { collapseAll(); });
    m_expandSubtreeAction->setToolTip(
        tr("Expand the selected span and everything under it; on a group's row, the group and "
           "the calls under each of its members"));
    m_expandAllAction->setToolTip(tr("Expand every span and every group of repeated calls"));
    m_collapseAllAction->setToolTip(tr("Collapse every span down to the trace's root"));
}

void TraceWaterfallView::expandAll()
{
    if (!m_tree)
        return;
    m_tree->expandAll();
    foldingChanged();
}

void TraceWaterfallView::collapseAll()
{
    if (!m_tree)
        return;
    m_tree->collapseToDepth(0);
    foldingChanged();
}

void TraceWaterfallView::expandSelectedSubtree()
{
    if (!m_tree || m_selectedNode < 0)
        return;
    if (m_selectedGroup >= 0)
        m_tree->expandGroupSubtrees(m_selectedGroup);
    else
        m_tree->expandSubtree(m_selectedNode);
    foldingChanged();
}

void TraceWaterfallView::foldingChanged()
{
    moveHiddenSelectionToVisibleRow();
    updateScrollBar();
    ensureRowVisible(selectedRow());
    viewport()->update();
}

void TraceWaterfallView::moveHiddenSelectionToVisibleRow()
{
    if (m_selectedNode < 0 || selectedRow() >= 0)
        return;
    // Up from the selected span: the first of it or its ancestors with a row, or the folded
    // group's row that stands for one of them.
    for (int n = m_selectedNode; n >= 0; n = m_tree->node(n).parent) {
        if (m_tree->rowOfNode(n) >= 0) {
            m_selectedGroup = -1;
            m_selectedNode = n;
            Q_EMIT nodeSelected(n);
            return;
        }
        const int group = m_tree->groups().groupOfNode(n);
        if (group >= 0 && m_tree->isGroupCollapsed(group) && m_tree->rowOfGroup(group) >= 0) {
            selectGroupByUser(group);
            return;
        }
    }
}

void TraceWaterfallView::contextMenuEvent(QContextMenuEvent *event)
{
    if (!m_tree || m_tree->rowCount() == 0)
        return;
    // Like a file manager: the row under the pointer becomes the current one first.
    if (event->reason() == QContextMenuEvent::Mouse) {
        int group = -1;
        // Delivered for the viewport: the position is in its coordinates.
        const int nodeIndex = nodeAtViewport(event->pos(), nullptr, &group);
        if (group >= 0)
            selectGroupByUser(group);
        else if (nodeIndex >= 0)
            selectByUser(nodeIndex);
    }
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    for (QAction *action : contextMenuActions()) {
        if (action)
            menu.addAction(action);
        else
            menu.addSeparator();
    }
    menu.exec(event->globalPos());
}

void TraceWaterfallView::addContextMenuAction(QAction *action)
{
    m_containerActions.append(action);
}

QList<QAction *> TraceWaterfallView::contextMenuActions() const
{
    QList<QAction *> actions{m_expandSubtreeAction, nullptr, m_expandAllAction,
                             m_collapseAllAction};
    if (!m_containerActions.isEmpty()) {
        actions.append(nullptr);
        actions.append(m_containerActions);
    }
    return actions;
}

void TraceWaterfallView::setTree(std::shared_ptr<SpanTree> tree)
{
    m_tree = std::move(tree);
    m_selectedNode = -1;
    m_selectedGroup = -1;
    m_hoveredRow = -1;
    m_highlightedNodes.clear();
    m_groupsHidingHighlight.clear();
    m_searchActive = false;
    m_searchMatches.clear();
    m_criticalPath.clear();
    m_criticalPathByGroup.clear();
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
    return expanderRectAt(row, m_tree->displayDepth(nodeIndex));
}

QRect TraceWaterfallView::groupExpanderRect(int groupIndex) const
{
    if (!m_tree || groupIndex < 0 || groupIndex >= m_tree->groups().count())
        return {};
    const int row = m_tree->rowOfGroup(groupIndex);
    if (row < 0)
        return {};
    return expanderRectAt(row, m_tree->groupDisplayDepth(groupIndex));
}

QRect TraceWaterfallView::expanderRectAt(int row, int displayDepth) const
{
    const int indent = std::min(displayDepth * IndentPx, m_treeColumnWidth - 140);
    const int y = HeaderHeight + row * RowHeight - verticalScrollBar()->value();
    return QRect(6 + std::max(indent, 0), y, 16, RowHeight);
}

int TraceWaterfallView::nodeAtViewport(QPoint pos, bool *onExpander, int *group)
{
    if (onExpander)
        *onExpander = false;
    if (group)
        *group = -1;
    if (!m_tree || pos.y() < HeaderHeight)
        return -1;
    const int row = WaterfallGeometry::rowAt(*m_tree, contentYForViewportY(pos.y()), RowHeight);
    if (row < 0)
        return -1;
    const int nodeIndex = m_tree->visibleRows()[std::size_t(row)];
    const int rowGroup = m_tree->rowGroup(row);
    if (pos.x() < m_treeColumnWidth) {
        if (group)
            *group = rowGroup;
        if (onExpander) {
            const QRect expander
                = rowGroup >= 0 ? groupExpanderRect(rowGroup) : expanderRect(nodeIndex);
            *onExpander = expander.adjusted(-3, 0, 3, 0).contains(pos);
        }
        return nodeIndex;
    }
    // A folded summary, a group's member or an event may belong to another node than the row's
    // own span; a group's extent and error mark stand for the whole group.
    const QPointF content(pos.x() - barAreaRect().left(), contentYForViewportY(pos.y()));
    if (const WaterfallItem *item = WaterfallGeometry::itemAt(visibleItems(), content)) {
        const bool folded = item->kind == WaterfallItem::Kind::CollapsedSummary
                            || item->kind == WaterfallItem::Kind::GroupMembers
                            || item->kind == WaterfallItem::Kind::GroupErrors;
        const bool wholeGroup = rowGroup >= 0
                                && (item->kind == WaterfallItem::Kind::GroupExtent
                                    || item->kind == WaterfallItem::Kind::ErrorMark);
        if (!wholeGroup && (!folded || item->count == 1))
            return item->node;
    }
    if (group)
        *group = rowGroup;
    return nodeIndex;
}

void TraceWaterfallView::setSelectedNode(int nodeIndex)
{
    m_selectedGroup = -1;
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

void TraceWaterfallView::setSelectedGroup(int groupIndex)
{
    if (!m_tree || groupIndex < 0 || groupIndex >= m_tree->groups().count())
        return;
    if (m_tree->rowOfGroup(groupIndex) < 0) {
        const int parent = m_tree->groups().group(groupIndex).parent;
        if (parent >= 0) {
            m_tree->expandAncestors(parent);
            m_tree->setCollapsed(parent, false);
        }
        updateScrollBar();
    }
    m_selectedGroup = groupIndex;
    m_selectedNode = m_tree->groups().group(groupIndex).firstMember;
    ensureRowVisible(m_tree->rowOfGroup(groupIndex));
    viewport()->update();
}

void TraceWaterfallView::setCollapsed(int nodeIndex, bool collapsed)
{
    if (!m_tree)
        return;
    m_tree->setCollapsed(nodeIndex, collapsed);
    // A selection inside the collapsed subtree moves to the collapsed row that hides it.
    if (m_selectedNode >= 0 && selectedRow() < 0) {
        m_selectedNode = nodeIndex;
        m_selectedGroup = -1;
        Q_EMIT nodeSelected(nodeIndex);
    }
    updateScrollBar();
    viewport()->update();
}

void TraceWaterfallView::setGroupCollapsed(int groupIndex, bool collapsed)
{
    if (!m_tree || groupIndex < 0 || groupIndex >= m_tree->groups().count())
        return;
    m_tree->setGroupCollapsed(groupIndex, collapsed);
    // A selection among the folded members moves to the group's row.
    if (m_selectedNode >= 0 && selectedRow() < 0 && m_tree->rowOfGroup(groupIndex) >= 0)
        selectGroupByUser(groupIndex);
    updateScrollBar();
    viewport()->update();
}

QString TraceWaterfallView::groupLabel(int groupIndex) const
{
    if (!m_tree || groupIndex < 0 || groupIndex >= m_tree->groups().count())
        return {};
    return QString::fromStdString(m_tree->span(m_tree->groups().group(groupIndex).firstMember).name)
           + QLatin1Char(' ') + groupCountText(groupIndex);
}

QString TraceWaterfallView::groupCountText(int groupIndex) const
{
    const SiblingGroup &group = m_tree->groups().group(groupIndex);
    return tr("×%1 · %2").arg(group.memberCount).arg(formatDurationNs(group.coveredNs));
}

void TraceWaterfallView::setHighlightedNodes(std::vector<int> nodeIndexes, bool reveal)
{
    m_highlightedNodes = normalizedNodes(std::move(nodeIndexes), m_tree ? m_tree->nodeCount() : 0);
    m_groupsHidingHighlight.clear();
    for (int node : m_highlightedNodes) {
        if (reveal)
            m_tree->expandAncestors(node);
        // The groups it would hide under once the user folds one of them again.
        for (int n = node; n >= 0; n = m_tree->node(n).parent) {
            if (const int group = m_tree->groups().groupOfNode(n); group >= 0)
                m_groupsHidingHighlight.push_back(group);
        }
    }
    std::sort(m_groupsHidingHighlight.begin(), m_groupsHidingHighlight.end());
    m_groupsHidingHighlight.erase(
        std::unique(m_groupsHidingHighlight.begin(), m_groupsHidingHighlight.end()),
        m_groupsHidingHighlight.end());
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

bool TraceWaterfallView::isGroupDimmed(int groupIndex) const
{
    if (!m_searchActive || !m_tree || groupIndex < 0 || groupIndex >= m_tree->groups().count())
        return false;
    // Bright while a member, or a span under one, matches: folded, the row stands for them all.
    for (int member : m_tree->groups().members(groupIndex)) {
        if (std::binary_search(m_searchMatches.begin(), m_searchMatches.end(), member)
            || setHasDescendant(m_searchMatches, *m_tree, member))
            return false;
    }
    return true;
}

bool TraceWaterfallView::isRowDimmed(int row) const
{
    if (!m_searchActive || !m_tree || row < 0 || row >= m_tree->rowCount())
        return false;
    const int group = m_tree->rowGroup(row);
    return group >= 0 ? isGroupDimmed(group) : isDimmed(m_tree->visibleRows()[std::size_t(row)]);
}

void TraceWaterfallView::setCriticalPathShown(bool shown)
{
    if (shown == m_criticalPathShown)
        return;
    m_criticalPathShown = shown;
    m_criticalPath.clear();
    m_criticalPathByGroup.clear();
    if (shown && m_tree) {
        // O(n log n) over the tree; a fraction of what building the tree cost.
        m_criticalPath = CriticalPath::compute(*m_tree);
        std::stable_sort(m_criticalPath.begin(), m_criticalPath.end(),
                         [](const CriticalPathSegment &a, const CriticalPathSegment &b) {
                             return a.node < b.node;
                         });
        for (const CriticalPathSegment &segment : m_criticalPath) {
            if (const int group = m_tree->groups().groupOfNode(segment.node); group >= 0)
                m_criticalPathByGroup.push_back({group, segment.startNs, segment.endNs});
        }
        std::sort(m_criticalPathByGroup.begin(), m_criticalPathByGroup.end(),
                  [](const GroupPathSegment &a, const GroupPathSegment &b) {
                      return a.group != b.group ? a.group < b.group : a.startNs < b.startNs;
                  });
    }
    viewport()->update();
}

void TraceWaterfallView::collapseToCriticalPath()
{
    if (!m_tree)
        return;
    setCriticalPathShown(true);
    CriticalPathFolding folding = CriticalPathFolding::compute(*m_tree, m_criticalPath);
    m_tree->setFoldState(std::move(folding.collapsedNodes), std::move(folding.collapsedGroups));
    foldingChanged();
    if (folding.pathRoot >= 0)
        verticalScrollBar()->setValue(m_tree->rowOfNode(folding.pathRoot) * RowHeight);
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

bool TraceWaterfallView::groupHidesHighlighted(int groupIndex) const
{
    return std::binary_search(m_groupsHidingHighlight.begin(), m_groupsHidingHighlight.end(),
                              groupIndex);
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

int TraceWaterfallView::selectedRow() const
{
    if (!m_tree)
        return -1;
    if (m_selectedGroup >= 0)
        return m_tree->rowOfGroup(m_selectedGroup);
    return m_selectedNode >= 0 ? m_tree->rowOfNode(m_selectedNode) : -1;
}

void TraceWaterfallView::selectGroupByUser(int groupIndex)
{
    // The group's row stands for its first member: that is the span the details show.
    const int first = m_tree->groups().group(groupIndex).firstMember;
    const bool changed = first != m_selectedNode;
    m_selectedGroup = groupIndex;
    m_selectedNode = first;
    ensureRowVisible(m_tree->rowOfGroup(groupIndex));
    viewport()->update();
    if (changed)
        Q_EMIT nodeSelected(first);
}

void TraceWaterfallView::selectRowByUser(int row)
{
    row = std::clamp(row, 0, m_tree->rowCount() - 1);
    if (const int group = m_tree->rowGroup(row); group >= 0)
        selectGroupByUser(group);
    else
        selectByUser(m_tree->visibleRows()[std::size_t(row)]);
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
    zoomToInterval(node.startTimeNs, node.endTimeNs);
}

void TraceWaterfallView::zoomToInterval(std::int64_t startNs, std::int64_t endNs)
{
    const std::int64_t duration = endNs - startNs;
    const std::int64_t margin = std::max<std::int64_t>(duration / 20, 1);
    m_scale.setView(startNs - margin, duration + 2 * margin);
    viewport()->update();
    Q_EMIT timeWindowChanged();
}

TraceWaterfallView::Position TraceWaterfallView::position() const
{
    Position position;
    if (!m_tree)
        return position;
    if (m_selectedNode >= 0) {
        position.selectedSpan = m_tree->span(m_selectedNode).spanId;
        position.groupSelected = m_selectedGroup >= 0;
    }
    const int scrollY = verticalScrollBar()->value();
    const int top = scrollY / RowHeight;
    if (top < m_tree->rowCount()) {
        position.topSpan = m_tree->span(m_tree->visibleRows()[std::size_t(top)]).spanId;
        position.topIsGroup = m_tree->rowGroup(top) >= 0;
        position.topOffsetPx = scrollY - top * RowHeight;
    }
    position.zoomed = !m_scale.showsAll();
    position.viewStartNs = m_scale.viewStartNs();
    position.viewDurationNs = m_scale.viewDurationNs();
    return position;
}

void TraceWaterfallView::restorePosition(const Position &position)
{
    if (!m_tree)
        return;
    // A group row stands for its first member; a late member that starts earlier may have
    // taken that place, so the group is found from the member kept.
    const auto groupOf = [this](int node) {
        return node >= 0 ? m_tree->groups().groupOfNode(node) : -1;
    };
    const int selected
        = position.selectedSpan.isZero() ? -1 : m_tree->nodeForSpan(position.selectedSpan);
    if (const int group = position.groupSelected ? groupOf(selected) : -1; group >= 0)
        setSelectedGroup(group);
    else if (selected >= 0)
        setSelectedNode(selected);
    if (position.zoomed)
        setTimeWindow(position.viewStartNs, position.viewDurationNs);
    else
        resetZoom();
    const int top = position.topSpan.isZero() ? -1 : m_tree->nodeForSpan(position.topSpan);
    const int topGroup = position.topIsGroup ? groupOf(top) : -1;
    const int topRow = topGroup >= 0 ? m_tree->rowOfGroup(topGroup)
                       : top >= 0    ? m_tree->rowOfNode(top)
                                     : -1;
    if (topRow >= 0)
        verticalScrollBar()->setValue(topRow * RowHeight + position.topOffsetPx);
    viewport()->update();
}

void TraceWaterfallView::setTimeWindow(std::int64_t startNs, std::int64_t durationNs)
{
    m_scale.setView(startNs, durationNs);
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
    int group = -1;
    const int nodeIndex = nodeAtViewport(event->position().toPoint(), &onExpander, &group);
    if (nodeIndex < 0)
        return;
    if (group >= 0) {
        if (onExpander)
            setGroupCollapsed(group, !m_tree->isGroupCollapsed(group));
        else
            selectGroupByUser(group);
        return;
    }
    if (onExpander) {
        setCollapsed(nodeIndex, !m_tree->isCollapsed(nodeIndex));
        return;
    }
    selectByUser(nodeIndex);
}

void TraceWaterfallView::mouseDoubleClickEvent(QMouseEvent *event)
{
    bool onExpander = false;
    int group = -1;
    const QPoint pos = event->position().toPoint();
    const int nodeIndex = nodeAtViewport(pos, &onExpander, &group);
    if (nodeIndex < 0 || onExpander)
        return;
    if (group >= 0) {
        const SiblingGroup &siblings = m_tree->groups().group(group);
        if (pos.x() < m_treeColumnWidth)
            setGroupCollapsed(group, !m_tree->isGroupCollapsed(group));
        else
            zoomToInterval(siblings.startTimeNs, siblings.endTimeNs);
        return;
    }
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
    const int row = selectedRow();
    const int pageRows = std::max(1, rowsRect().height() / RowHeight - 1);
    const int group = m_selectedGroup;
    switch (event->key()) {
    case Qt::Key_Down:
        selectRowByUser(row + 1);
        break;
    case Qt::Key_Up:
        selectRowByUser(row < 0 ? 0 : row - 1);
        break;
    case Qt::Key_PageDown:
        selectRowByUser(row + pageRows);
        break;
    case Qt::Key_PageUp:
        selectRowByUser(row - pageRows);
        break;
    case Qt::Key_Home:
        selectRowByUser(0);
        break;
    case Qt::Key_End:
        selectRowByUser(m_tree->rowCount() - 1);
        break;
    case Qt::Key_Left:
        if (m_selectedNode < 0)
            break;
        if (group >= 0) {
            if (!m_tree->isGroupCollapsed(group))
                setGroupCollapsed(group, true);
            else if (m_tree->groups().group(group).parent >= 0)
                selectByUser(m_tree->groups().group(group).parent);
        } else if (m_tree->node(m_selectedNode).childCount > 0
                   && !m_tree->isCollapsed(m_selectedNode)) {
            setCollapsed(m_selectedNode, true);
        } else if (m_tree->groups().groupOfNode(m_selectedNode) >= 0) {
            selectGroupByUser(m_tree->groups().groupOfNode(m_selectedNode));
        } else if (m_tree->node(m_selectedNode).parent >= 0) {
            selectByUser(m_tree->node(m_selectedNode).parent);
        }
        break;
    case Qt::Key_Right:
        if (m_selectedNode < 0)
            break;
        if (group >= 0) {
            if (m_tree->isGroupCollapsed(group))
                setGroupCollapsed(group, false);
            else
                selectByUser(m_selectedNode); // its first member, the row below
        } else if (m_tree->isCollapsed(m_selectedNode))
            setCollapsed(m_selectedNode, false);
        else if (m_tree->firstChild(m_selectedNode) >= 0)
            selectByUser(m_tree->firstChild(m_selectedNode));
        break;
    case Qt::Key_Asterisk: // also the action's shortcut; here when the layout shifts it
        expandSelectedSubtree();
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
        if (group >= 0)
            zoomToInterval(m_tree->groups().group(group).startTimeNs,
                           m_tree->groups().group(group).endTimeNs);
        else
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
    int group = -1;
    const int nodeIndex = nodeAtViewport(pos, nullptr, &group);
    if (nodeIndex < 0)
        return {};
    if (group >= 0)
        return groupToolTip(group);
    const SpanTreeNode &node = m_tree->node(nodeIndex);
    const Span &span = m_tree->span(nodeIndex);
    QString text = QStringLiteral("<b>%1</b><br>%2<br>")
                       .arg(QString::fromStdString(span.name).toHtmlEscaped(),
                            QString::fromStdString(m_tree->serviceOf(nodeIndex)).toHtmlEscaped());
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

QString TraceWaterfallView::groupToolTip(int groupIndex) const
{
    const SiblingGroup &group = m_tree->groups().group(groupIndex);
    QString text
        = QStringLiteral("<b>%1</b> ×%2<br>%3<br>")
              .arg(QString::fromStdString(m_tree->span(group.firstMember).name).toHtmlEscaped())
              .arg(group.memberCount)
              .arg(QString::fromStdString(m_tree->serviceOf(group.firstMember)).toHtmlEscaped());
    text += tr("%1 calls cover %2 of the time axis<br>Sum of their durations: %3<br>"
               "Slowest: %4<br>Starts at +%5")
                .arg(group.memberCount)
                .arg(formatDurationNs(group.coveredNs), formatDurationNs(group.totalNs),
                     formatDurationNs(group.slowestNs),
                     formatDurationNs(group.startTimeNs - m_tree->startTimeNs()));
    const QString errors = tr("Errors: %1").arg(group.errorCount);
    text += QStringLiteral("<br>")
            + (group.errorCount > 0
                   ? QStringLiteral("<span style='color:#d62728'>%1</span>").arg(errors)
                   : errors);
    if (m_tree->isGroupCollapsed(groupIndex))
        text += QStringLiteral("<br>") + tr("Expand to list the calls in start order");
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
    const int selectedRow = this->selectedRow();

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
            const int group = m_tree->rowGroup(row);
            if (group < 0 && isHighlighted(nodeIndex)) {
                painter.fillRect(rowRect, highlightTint);
                painter.fillRect(QRect(rowRect.left(), rowRect.top(), 4, RowHeight), accent);
            } else if (group >= 0 ? m_tree->isGroupCollapsed(group) && groupHidesHighlighted(group)
                                  : m_tree->isCollapsed(nodeIndex) && hidesHighlighted(nodeIndex)) {
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
        painter.setOpacity(isRowDimmed(item.row) ? ServicePalette::SearchDimmedOpacity : 1.0);
        const SpanTreeNode &node = m_tree->node(item.node);
        const QColor color = ServicePalette::color(m_tree->serviceOf(item.node));
        switch (item.kind) {
        case WaterfallItem::Kind::Bar: {
            painter.fillRect(item.rect, color);
            if (!m_criticalPath.empty()) {
                const auto segments = std::equal_range(
                    m_criticalPath.begin(), m_criticalPath.end(), CriticalPathSegment{item.node},
                    [](const CriticalPathSegment &a, const CriticalPathSegment &b) {
                        return a.node < b.node;
                    });
                for (auto it = segments.first; it != segments.second; ++it)
                    paintPathStrip(painter, m_scale, item.rect, it->startNs, it->endNs, textColor);
            }
            if (node.isError)
                painter.fillRect(
                    QRectF(item.rect.left(), item.rect.bottom() - 2, item.rect.width(), 2),
                    errorColor);
            const bool selected = item.node == m_selectedNode && m_selectedGroup < 0;
            if (selected || isHighlighted(item.node)) {
                painter.setPen(QPen(selected ? textColor : ServicePalette::highlightColor(), 1.5));
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(item.rect.adjusted(-1, -1, 1, 1));
            }
            // Duration label: right of the bar, else left of it, else inside if it fits.
            const QString label = formatDurationNs(node.durationNs());
            const int labelWidth = metrics.horizontalAdvance(label) + 6;
            const double errorSpace = node.isError ? item.rect.height() + 4 : 0;
            bool inside = false;
            const QRectF labelRect
                = labelRectBeside(item.rect, errorSpace, labelWidth, m_scale.widthPx(), &inside);
            if (!labelRect.isNull()) {
                painter.setPen(inside ? ServicePalette::textColor(color) : mutedText);
                painter.drawText(labelRect, Qt::AlignVCenter | Qt::AlignLeft, label);
            }
            break;
        }
        case WaterfallItem::Kind::GroupExtent:
        case WaterfallItem::Kind::GroupMembers: {
            // A faint band over the group's whole stretch, its calls solid on it; the row's
            // outline and label come after them (below).
            const bool extent = item.kind == WaterfallItem::Kind::GroupExtent;
            QColor fill = color;
            fill.setAlpha(extent ? 56 : item.count > 1 ? 230 : 255);
            painter.fillRect(item.rect, fill);
            if (extent || m_criticalPathByGroup.empty())
                break;
            // The strips of the members in this box: a group's segments are disjoint and in time
            // order, so a binary search finds the first one that reaches the box.
            const auto segments
                = std::equal_range(m_criticalPathByGroup.begin(), m_criticalPathByGroup.end(),
                                   GroupPathSegment{m_tree->rowGroup(item.row)},
                                   [](const GroupPathSegment &a, const GroupPathSegment &b) {
                                       return a.group < b.group;
                                   });
            const std::int64_t boxStartNs = m_scale.timeForX(item.rect.left());
            auto it = std::lower_bound(segments.first, segments.second, boxStartNs,
                                       [](const GroupPathSegment &segment, std::int64_t timeNs) {
                                           return segment.endNs < timeNs;
                                       });
            for (; it != segments.second && m_scale.xForTime(it->startNs) <= item.rect.right();
                 ++it)
                paintPathStrip(painter, m_scale, item.rect, it->startNs, it->endNs, textColor);
            break;
        }
        case WaterfallItem::Kind::GroupErrors:
            painter.fillRect(item.rect, errorColor);
            break;
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
    for (const WaterfallItem &item : visibleItems()) {
        if (item.kind != WaterfallItem::Kind::GroupExtent)
            continue;
        const int group = m_tree->rowGroup(item.row);
        if (group == m_selectedGroup) {
            painter.setPen(QPen(textColor, 1.5));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(item.rect.adjusted(-1, -1, 1, 1));
        }
        const QString label = groupCountText(group);
        const int labelWidth = metrics.horizontalAdvance(label) + 6;
        const double errorSpace
            = m_tree->groups().group(group).errorCount > 0 ? item.rect.height() + 4 : 0;
        bool inside = false;
        const QRectF labelRect
            = labelRectBeside(item.rect, errorSpace, labelWidth, m_scale.widthPx(), &inside);
        if (!labelRect.isNull()) {
            const QColor color = ServicePalette::color(m_tree->serviceOf(item.node));
            painter.setPen(inside ? ServicePalette::textColor(color) : mutedText);
            painter.drawText(labelRect, Qt::AlignVCenter | Qt::AlignLeft, label);
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
        // A group's row: its first member's service and name, with the count and covered time.
        const int group = m_tree->rowGroup(row);
        const SiblingGroup *siblings = group >= 0 ? &m_tree->groups().group(group) : nullptr;
        const int depth
            = siblings ? m_tree->groupDisplayDepth(group) : m_tree->displayDepth(nodeIndex);
        const int y = HeaderHeight + row * RowHeight - scrollY;
        painter.setOpacity(isRowDimmed(row) ? ServicePalette::SearchDimmedOpacity : 1.0);
        // Deep trees keep at least 140 px for the name: indentation stops growing there.
        const int indent = std::max(0, std::min(depth * IndentPx, m_treeColumnWidth - 140));
        for (int level = 1; level <= depth && level * IndentPx <= indent; ++level)
            painter.fillRect(QRect(6 + level * IndentPx - IndentPx / 2 + 2, y, 1, RowHeight),
                             guide);
        int x = 6 + indent;
        if (siblings || node.childCount > 0) {
            const bool collapsed
                = siblings ? m_tree->isGroupCollapsed(group) : m_tree->isCollapsed(nodeIndex);
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
        const std::string &service = m_tree->serviceOf(nodeIndex);
        const QColor color = ServicePalette::color(service);
        painter.setPen(Qt::NoPen);
        if (siblings) {
            // A stack of chips: several calls behind this row.
            QColor behind = color;
            behind.setAlpha(110);
            painter.setBrush(behind);
            painter.drawRoundedRect(QRectF(x + 3, y + 4, 4, RowHeight - 12), 2, 2);
        }
        painter.setBrush(color);
        painter.drawRoundedRect(QRectF(x, y + 6, 4, RowHeight - 12), 2, 2);
        x += siblings ? 13 : 10;
        const int right = m_treeColumnWidth - 8;
        const bool hasError = siblings ? siblings->errorCount > 0 : node.isError;
        if (hasError) {
            painter.setBrush(ServicePalette::errorColor());
            painter.drawEllipse(QRectF(right - 8, y + RowHeight / 2.0 - 4, 8, 8));
        }
        int textRight = hasError ? right - 12 : right;
        if (node.isOrphan && !siblings) {
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
        if (siblings) {
            // A group's count and time stay whole at the right; service and name share the rest.
            const QString count = groupCountText(group);
            const int countWidth
                = std::min(metrics.horizontalAdvance(count) + 2, std::max(0, textRight - x));
            painter.setFont(font());
            painter.setPen(textColor);
            painter.drawText(QRect(textRight - countWidth, y, countWidth, RowHeight),
                             Qt::AlignVCenter | Qt::AlignRight,
                             metrics.elidedText(count, Qt::ElideRight, countWidth));
            textRight -= countWidth + 6;
        }
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
