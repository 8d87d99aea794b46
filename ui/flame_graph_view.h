// The flame graph (icicle) of one trace: painted boxes per depth row, a clickable breadcrumb on
// top. Clicking a box zooms into its subtree (and selects it); clicking the focused box or a
// breadcrumb zooms back out. Layout comes from models/FlameGraphLayout, cached per width and
// focus. GUI thread.
#pragma once

#include "analysis/flame_graph_layout.h"

#include <QAbstractScrollArea>
#include <memory>

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
    const std::vector<FlameBox> &boxes() const;
    void updateCrumbs();
    void updateScrollBar();
    const FlameBox *boxAtViewport(QPoint pos) const;
    QRectF contentRect() const;

    FlameGraphLayout m_layout;
    int m_selectedNode = -1;
    int m_hoveredNode = -1;
    std::vector<QRect> m_crumbRects;
    QStringList m_crumbTexts;
    std::vector<int> m_crumbNodes;

    mutable std::vector<FlameBox> m_boxes;
    mutable double m_boxesWidth = -1;
    mutable int m_boxesFocus = -2;
};

} // namespace kansoku
