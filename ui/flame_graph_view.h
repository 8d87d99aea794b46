// The flame graph (icicle) of one trace: painted boxes per depth row, a clickable breadcrumb on
// top. Clicking a box zooms into its subtree (and selects it); clicking the focused box or a
// breadcrumb zooms back out. Layout comes from models/FlameGraphLayout, cached per width and
// focus. The find bar's matches stay bright and every other box fades, as in the waterfall. GUI
// thread.
#pragma once

#include "analysis/flame_graph_layout.h"

#include <QAbstractScrollArea>
#include <memory>
#include <optional>
#include <vector>

namespace kansoku {

class FlameGraphView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr int RowHeight = 22;
    static constexpr int BreadcrumbHeight = 30;

    explicit FlameGraphView(QWidget *parent = nullptr);

    void setTree(std::shared_ptr<const SpanTree> tree); // nullptr clears
    int focusNode() const { return m_layout.focus(); }
    void setFocusNode(int nodeIndex); // -1 = whole trace
    int selectedNode() const { return m_selectedNode; }
    void setSelectedNode(int nodeIndex); // highlight only; does not change the focus
    // Makes the node's box show: zooms to its parent (or, too narrow there, to the node) when it
    // is outside the focus or folded into a small-spans box, then scrolls its row into view.
    void revealNode(int nodeIndex);

    // The find bar's answer (TraceSpanSearch), as TraceWaterfallView::setSearchMatches: while
    // set, boxes of other spans are drawn faint; a box of folded small spans stays bright when
    // one of them (or a span under one) matches. Node indexes; setTree() clears it.
    void setSearchMatches(std::optional<std::vector<int>> nodeIndexes);
    bool isSearchActive() const { return m_searchActive; }
    bool isDimmed(int nodeIndex) const;
    bool isBoxDimmed(const FlameBox &box) const;
    const std::vector<FlameBox> &boxes() const; // content coordinates, for tests

    // Crumb 0 is "All spans", then the breadcrumb path root → focus. Viewport coordinates.
    int breadcrumbCount() const { return int(m_crumbRects.size()); }
    QRect breadcrumbRect(int index) const;
    QString breadcrumbText() const;      // the crumbs joined by " › "
    QRectF boxRect(int nodeIndex) const; // viewport coordinates; empty when not shown

Q_SIGNALS:
    void nodeSelected(int nodeIndex);
    void focusChanged(int nodeIndex);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void updateCrumbs();
    void updateScrollBar();
    const FlameBox *boxAtViewport(QPoint pos) const;
    QRectF contentRect() const;

    FlameGraphLayout m_layout;
    int m_selectedNode = -1;
    int m_hoveredNode = -1;
    bool m_searchActive = false;
    std::vector<int> m_searchMatches; // ascending node indexes
    std::vector<QRect> m_crumbRects;
    QStringList m_crumbTexts;
    std::vector<int> m_crumbNodes;

    mutable std::vector<FlameBox> m_boxes;
    mutable double m_boxesWidth = -1;
    mutable int m_boxesFocus = -2;
};

} // namespace kansoku
