// Paints a ServiceMap: services, databases and external hosts as rounded boxes (kind icon and
// colour, calls and error share), calls as arrows whose width follows their rate, red when many
// fail, each labelled "12.3/s · 4% err · p95 38 ms". Hover highlights and explains an item; a
// click, or the arrow keys and Enter, activates it. Scales down to fit, never up. GUI thread.
#pragma once

#include "analysis/service_map.h"
#include "analysis/service_map_layout.h"

#include <QTransform>
#include <QWidget>
#include <memory>

namespace kansoku {

class ServiceMapView : public QWidget
{
    Q_OBJECT
public:
    // Calls of which at least this share failed are drawn red, and so are nodes that fail their
    // requests that often: a few percent of errors is where users notice.
    static constexpr double HighErrorShare = 0.05;

    // What activating an item does, for the tooltips to say: the Service map pane filters every
    // pane; a trace's graph selects a service's first span (and does nothing for calls).
    enum class ClickAction { FilterPanes, SelectFirstSpan };

    explicit ServiceMapView(QWidget *parent = nullptr);
    void setClickAction(ClickAction action) { m_clickAction = action; }

    void setMap(std::shared_ptr<const ServiceMap> map); // nullptr clears
    const ServiceMap *map() const { return m_map.get(); }
    const ServiceMapGeometry &geometry() const { return m_geometry; }
    // The service the panes are filtered to, outlined; empty for none.
    void setSelectedService(const QString &service);

    // Where a node or an edge's middle is drawn, in widget coordinates (for tests and tooltips).
    QPoint nodePosition(int node) const;
    QPoint edgePosition(int edge) const;
    // The item keyboard focus is on: a node index, or nodes + edge index; -1 for none.
    int focusedItem() const { return m_focusItem; }
    QString toolTipAt(QPoint pos) const;

    QSize sizeHint() const override { return {640, 360}; }

Q_SIGNALS:
    void nodeActivated(int node);
    void edgeActivated(int edge);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    // Items: nodes 0..n-1, then edges n..n+m-1.
    int itemAt(QPoint pos) const;
    int itemCount() const;
    void activate(int item);
    void updateTransform();
    void paintEdge(QPainter &painter, int edge, double maxVolume) const;
    void paintNode(QPainter &painter, int node) const;
    QString nodeToolTip(int node) const;
    QString edgeToolTip(int edge) const;

    std::shared_ptr<const ServiceMap> m_map;
    ServiceMapGeometry m_geometry;
    QTransform m_toWidget; // map coordinates -> widget pixels
    QString m_selectedService;
    ClickAction m_clickAction = ClickAction::FilterPanes;
    int m_hoverItem = -1;
    int m_focusItem = -1;
};

} // namespace kansoku
