// The waterfall of one trace: a span tree column (indent, expand triangles, service chip, name)
// beside bars on a time axis, repeated siblings folded into one expandable row per group, with a
// TraceMinimap of the whole trace on top. Paints its viewport from geometry built in models/
// (cached per row range, time window and width); only visible rows are visited. Ctrl+wheel zooms
// about the cursor, drag pans, the minimap moves the window. GUI thread; shares the SpanTree (and
// its collapse state) with its owner.
#pragma once

#include "analysis/critical_path.h"
#include "analysis/span_tree.h"
#include "analysis/time_scale.h"
#include "analysis/waterfall_geometry.h"
#include "trace_minimap.h"

#include <QAbstractScrollArea>
#include <QList>
#include <memory>
#include <optional>

class QAction;

namespace kansoku {

class TraceWaterfallView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr int RowHeight = 24;
    static constexpr int MinimapHeight = TraceMinimap::Height;
    static constexpr int AxisHeight = 24;
    static constexpr int HeaderHeight = MinimapHeight + AxisHeight;

    explicit TraceWaterfallView(QWidget *parent = nullptr);

    void setTree(std::shared_ptr<SpanTree> tree); // nullptr clears
    const std::shared_ptr<SpanTree> &tree() const { return m_tree; }

    int selectedNode() const { return m_selectedNode; }
    // The group whose row is selected, or -1. While one is, selectedNode() is its first member
    // (what the details show) and that member's own row, if expanded, is not the selected one.
    int selectedGroup() const { return m_selectedGroup; }
    // Selects without emitting nodeSelected; expands collapsed ancestors and the groups holding
    // the node, and scrolls to the row (and to the bar when it is outside the time window).
    void setSelectedNode(int nodeIndex);
    // Selects a group's row without emitting nodeSelected (its members stay as they are folded);
    // expands what hides the row.
    void setSelectedGroup(int groupIndex);
    void setCollapsed(int nodeIndex, bool collapsed);
    // Folds or unfolds a group of repeated siblings (SpanTree::groups()). A selection that the
    // folding hides moves to the group's row.
    void setGroupCollapsed(int groupIndex, bool collapsed);
    // A group row's text after the service: "SELECT items ×50 · 52 ms" (the time the members
    // cover on the axis).
    QString groupLabel(int groupIndex) const;
    // Expand all (Ctrl+Shift+E) and Collapse all (Ctrl+Shift+C) of the whole tree, groups
    // included, and * on the current row: its subtree, or a group with all its members'
    // subtrees. A selection that collapsing hides moves to the row that hides it (nodeSelected).
    // Actions of the view (its context menu and shortcuts).
    void expandAll();
    void collapseAll();
    void expandSelectedSubtree();
    QAction *expandAllAction() const { return m_expandAllAction; }
    QAction *collapseAllAction() const { return m_collapseAllAction; }
    QAction *expandSubtreeAction() const { return m_expandSubtreeAction; }
    // An action of the view's container shown below the view's own in its context menu (the
    // inspector's Collapse to the critical path). The view does not own it.
    void addContextMenuAction(QAction *action);
    // The context menu's entries in order; nullptr stands for a separator.
    QList<QAction *> contextMenuActions() const;
    // Spans picked out for the user (a finding's calls): their rows get an accent bar and a tint,
    // and their collapsed ancestors are expanded so they show (unless reveal is false: a
    // reloaded trace keeps the user's folding). Node indexes; empty clears. setTree() clears
    // them.
    void setHighlightedNodes(std::vector<int> nodeIndexes, bool reveal = true);
    const std::vector<int> &highlightedNodes() const { return m_highlightedNodes; } // ascending
    bool isHighlighted(int nodeIndex) const;
    // Whether a highlighted node lies hidden under this (collapsed) node.
    bool hidesHighlighted(int nodeIndex) const;
    // Whether a highlighted node is a member of this group, or lies under one.
    bool groupHidesHighlighted(int groupIndex) const;

    // The find bar's answer (TraceSpanSearch): while set, rows outside it are drawn faint, except
    // a collapsed row that hides a match. Node indexes; nullopt draws every row as usual.
    // setTree() clears it.
    void setSearchMatches(std::optional<std::vector<int>> nodeIndexes);
    bool isSearchActive() const { return m_searchActive; }
    const std::vector<int> &searchMatches() const { return m_searchMatches; } // ascending
    bool isDimmed(int nodeIndex) const;
    // A group's row is faint unless one of its members, or a span under one, matches.
    bool isGroupDimmed(int groupIndex) const;
    bool isRowDimmed(int row) const;

    // The critical path (analysis/CriticalPath) drawn as a dark strip along the part of each bar
    // that lies on it. Computed when first shown for a tree; setTree() keeps the choice.
    void setCriticalPathShown(bool shown);
    bool isCriticalPathShown() const { return m_criticalPathShown; }
    // Empty while hidden. Ordered by node, then time: the strips of one row are contiguous.
    const std::vector<CriticalPathSegment> &criticalPathByNode() const { return m_criticalPath; }
    // Shows the critical path and folds the tree down to it (CriticalPathFolding): each span of
    // the path gets a row, each subtree and group without one folds; scrolls to the path's root.
    // A selection that folding hides moves to the row that hides it (nodeSelected).
    void collapseToCriticalPath();

    // Where the user is in the trace, by span id so that it holds for a tree rebuilt from the
    // same trace with more spans (live reload): the selected row, the row at the top with how
    // far it is scrolled past, and the time window when zoomed.
    struct Position
    {
        SpanId selectedSpan; // zero: nothing selected
        bool groupSelected = false;
        SpanId topSpan; // zero: no rows
        bool topIsGroup = false;
        int topOffsetPx = 0;
        bool zoomed = false;
        std::int64_t viewStartNs = 0;
        std::int64_t viewDurationNs = 0;
    };
    Position position() const;
    // Selects (without emitting nodeSelected), scrolls and zooms back to a position taken from
    // the same trace; spans no longer in the tree are skipped.
    void restorePosition(const Position &position);

    const TimeScale &timeScale() const { return m_scale; }
    void zoomToNode(int nodeIndex); // the span fills the window, with a small margin
    void setTimeWindow(std::int64_t startNs, std::int64_t durationNs); // clamped to the trace
    void resetZoom();

    // Viewport geometry, for tests and the owner's context actions.
    QRect barAreaRect() const;
    QRect rowsRect() const;
    QRect minimapRect() const { return m_minimap.mapRect(); }
    const TraceMinimap &minimap() const { return m_minimap; }
    int treeColumnWidth() const { return m_treeColumnWidth; }
    int firstVisibleRow() const;
    QRectF barRect(int nodeIndex) const;           // viewport coordinates; empty if not visible
    QRect expanderRect(int nodeIndex) const;       // viewport coordinates; empty if not visible
    QRect groupExpanderRect(int groupIndex) const; // likewise, for a group's row
    // Geometry rebuilds since setTree (the cache keeps repaints without changes at zero).
    int geometryBuildCount() const { return m_geometryBuildCount; }

Q_SIGNALS:
    void nodeSelected(int nodeIndex); // by the user: click or keyboard
    void timeWindowChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    enum class DragMode { None, Pan, Minimap, ColumnResize };

    void updateScrollBar();
    void createActions();
    // After folding: a selection now hidden moves to the nearest row that hides it.
    void moveHiddenSelectionToVisibleRow();
    void foldingChanged();
    void updateBarArea();
    void ensureRowVisible(int row);
    int selectedRow() const; // -1 when nothing is selected or the selection is hidden
    void selectByUser(int nodeIndex);
    void selectGroupByUser(int groupIndex);
    void selectRowByUser(int row);
    void zoomBy(double factor, double barX);
    void zoomToInterval(std::int64_t startNs, std::int64_t endNs);
    void centerWindowOn(std::int64_t timeNs);
    const std::vector<WaterfallItem> &visibleItems();
    double contentYForViewportY(int y) const;
    QRect expanderRectAt(int row, int displayDepth) const;
    // The node under a viewport point; on a group's row (but not on one member's box) *group is
    // that group and the node its first member, else -1.
    int nodeAtViewport(QPoint pos, bool *onExpander, int *group = nullptr);
    QString toolTipFor(QPoint pos);
    QString groupToolTip(int groupIndex) const;
    QString groupCountText(int groupIndex) const; // "×50 · 52 ms"

    void paintAxis(QPainter &painter);
    void paintRows(QPainter &painter);
    void paintTreeColumn(QPainter &painter, int firstRow, int lastRow);

    std::shared_ptr<SpanTree> m_tree;
    TraceMinimap m_minimap;
    TimeScale m_scale;
    int m_selectedNode = -1;
    int m_selectedGroup = -1;
    int m_hoveredRow = -1;
    // Ascending node indexes. Pre-order makes a subtree a contiguous index range, so a binary
    // search answers both "is this row highlighted" and "does this collapsed row hide one".
    std::vector<int> m_highlightedNodes;
    std::vector<int> m_groupsHidingHighlight; // ascending group indexes
    bool m_searchActive = false;
    std::vector<int> m_searchMatches; // ascending, like m_highlightedNodes
    bool m_criticalPathShown = false;
    std::vector<CriticalPathSegment> m_criticalPath; // by node, then start
    // The strips of group members, for their group's row: by group, then start (a group's
    // strips never overlap: the path is one walk through time).
    struct GroupPathSegment
    {
        int group = 0;
        std::int64_t startNs = 0;
        std::int64_t endNs = 0;
    };
    std::vector<GroupPathSegment> m_criticalPathByGroup;
    int m_treeColumnWidth = 320;
    int m_preferredTreeColumnWidth = 320; // what the user chose; narrow views clamp it

    // Geometry cache, valid while the key below matches.
    std::vector<WaterfallItem> m_items;
    struct CacheKey
    {
        int firstRow = -1;
        int lastRow = -1;
        int revision = -1;
        TimeScale scale;
        bool operator==(const CacheKey &) const = default;
    } m_cacheKey;
    int m_geometryBuildCount = 0;

    QAction *m_expandAllAction = nullptr;
    QAction *m_collapseAllAction = nullptr;
    QAction *m_expandSubtreeAction = nullptr;
    QList<QAction *> m_containerActions;

    DragMode m_dragMode = DragMode::None;
    QPoint m_pressPos;
    QPoint m_lastDragPos;
    bool m_dragMoved = false;
};

} // namespace kansoku
