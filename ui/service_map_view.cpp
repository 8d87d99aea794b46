#include "service_map_view.h"

#include "analysis/finding_text.h"
#include "core/plural_count.h"
#include "core/time_format.h"
#include "service_palette.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace kansoku {

namespace {

constexpr double margin = 24;          // px around the map
constexpr double smallestScale = 0.4;  // below this the text is unreadable: the map overflows
constexpr double edgeHitTolerance = 6; // px, in map coordinates
constexpr double iconSize = 16;
constexpr double arrowSize = 9;

QString kindName(ServiceNodeKind kind)
{
    switch (kind) {
    case ServiceNodeKind::Service:
        return ServiceMapView::tr("service");
    case ServiceNodeKind::Database:
        return ServiceMapView::tr("database");
    case ServiceNodeKind::External:
        return ServiceMapView::tr("external");
    }
    return {};
}

QColor kindColor(const ServiceMapNode &node)
{
    switch (node.kind) {
    case ServiceNodeKind::Service:
        return ServicePalette::color(node.name);
    case ServiceNodeKind::Database:
        return QColor(0x3b, 0x6e, 0xa8);
    case ServiceNodeKind::External:
        return QColor(0x80, 0x80, 0x80);
    }
    return {};
}

// The widget's font a little smaller, for figures under a name and on edges.
QFont smallerFont(QFont font)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.85);
    else
        font.setPixelSize(std::max(8, font.pixelSize() * 85 / 100));
    return font;
}

QString count(std::int64_t value)
{
    return QLocale().toString(qint64(value));
}

// The icon of a node's kind: a dot for a service, a cylinder for a database, a globe otherwise.
void paintKindIcon(QPainter &painter, const QRectF &box, ServiceNodeKind kind, const QColor &color)
{
    painter.save();
    painter.setPen(QPen(color.darker(130), 1.4));
    painter.setBrush(color);
    switch (kind) {
    case ServiceNodeKind::Service:
        painter.drawEllipse(box.adjusted(2, 2, -2, -2));
        break;
    case ServiceNodeKind::Database: {
        const double lid = box.height() / 4;
        QPainterPath body;
        body.moveTo(box.left(), box.top() + lid / 2);
        body.lineTo(box.left(), box.bottom() - lid / 2);
        body.arcTo(QRectF(box.left(), box.bottom() - lid, box.width(), lid), 180, 180);
        body.lineTo(box.right(), box.top() + lid / 2);
        painter.drawPath(body);
        painter.drawEllipse(QRectF(box.left(), box.top(), box.width(), lid));
        break;
    }
    case ServiceNodeKind::External:
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(box);
        painter.drawEllipse(box.adjusted(box.width() / 4, 0, -box.width() / 4, 0));
        painter.drawLine(QPointF(box.left(), box.center().y()),
                         QPointF(box.right(), box.center().y()));
        break;
    }
    painter.restore();
}

} // namespace

ServiceMapView::ServiceMapView(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void ServiceMapView::setMap(std::shared_ptr<const ServiceMap> map)
{
    m_map = std::move(map);
    m_geometry = m_map ? ServiceMapLayout::layOut(*m_map) : ServiceMapGeometry{};
    m_hoverItem = -1;
    if (m_focusItem >= itemCount())
        m_focusItem = -1;
    updateTransform();
    update();
}

void ServiceMapView::setSelectedService(const QString &service)
{
    m_selectedService = service;
    update();
}

int ServiceMapView::itemCount() const
{
    return m_map ? int(m_map->nodes.size() + m_map->edges.size()) : 0;
}

void ServiceMapView::updateTransform()
{
    const QSizeF size = m_geometry.size;
    const double availableWidth = std::max(1.0, width() - 2 * margin);
    const double availableHeight = std::max(1.0, height() - 2 * margin);
    double scale = 1.0;
    if (size.width() > 0 && size.height() > 0)
        scale = std::min({1.0, availableWidth / size.width(), availableHeight / size.height()});
    scale = std::max(scale, smallestScale);
    const double left = std::max(margin, (width() - size.width() * scale) / 2);
    const double top = std::max(margin, (height() - size.height() * scale) / 2);
    m_toWidget = QTransform::fromTranslate(left, top).scale(scale, scale);
}

QPoint ServiceMapView::nodePosition(int node) const
{
    return m_toWidget.map(m_geometry.nodeRects.at(std::size_t(node)).center()).toPoint();
}

QPoint ServiceMapView::edgePosition(int edge) const
{
    return m_toWidget.map(m_geometry.edgeLines.at(std::size_t(edge)).pointAt(0.5)).toPoint();
}

int ServiceMapView::itemAt(QPoint pos) const
{
    if (!m_map)
        return -1;
    const QPointF point = m_toWidget.inverted().map(QPointF(pos));
    const int node = ServiceMapLayout::nodeAt(m_geometry, point);
    if (node >= 0)
        return node;
    const int edge = ServiceMapLayout::edgeAt(m_geometry, point, edgeHitTolerance);
    return edge >= 0 ? int(m_map->nodes.size()) + edge : -1;
}

void ServiceMapView::activate(int item)
{
    if (!m_map || item < 0)
        return;
    const int nodeCount = int(m_map->nodes.size());
    if (item < nodeCount)
        Q_EMIT nodeActivated(item);
    else
        Q_EMIT edgeActivated(item - nodeCount);
}

void ServiceMapView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateTransform();
}

void ServiceMapView::mouseMoveEvent(QMouseEvent *event)
{
    const int item = itemAt(event->position().toPoint());
    if (item != m_hoverItem) {
        m_hoverItem = item;
        setCursor(item >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
}

void ServiceMapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int item = itemAt(event->position().toPoint());
    if (item < 0)
        return;
    m_focusItem = item;
    update();
    activate(item);
}

void ServiceMapView::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    m_hoverItem = -1;
    update();
}

void ServiceMapView::keyPressEvent(QKeyEvent *event)
{
    const int items = itemCount();
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_Down:
        if (items > 0) {
            m_focusItem = (m_focusItem + 1) % items;
            update();
        }
        return;
    case Qt::Key_Left:
    case Qt::Key_Up:
        if (items > 0) {
            m_focusItem = m_focusItem <= 0 ? items - 1 : m_focusItem - 1;
            update();
        }
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        activate(m_focusItem);
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

bool ServiceMapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

QString ServiceMapView::toolTipAt(QPoint pos) const
{
    const int item = itemAt(pos);
    if (item < 0)
        return {};
    const int nodeCount = int(m_map->nodes.size());
    return item < nodeCount ? nodeToolTip(item) : edgeToolTip(item - nodeCount);
}

QString ServiceMapView::nodeToolTip(int index) const
{
    const ServiceMapNode &node = m_map->nodes[std::size_t(index)];
    const QString name = QString::fromStdString(node.name);
    QString text = tr("%1 — %2").arg(name, kindName(node.kind));
    if (node.kind == ServiceNodeKind::Service) {
        text += QLatin1Char('\n')
                + tr("%1, %2").arg(
                    tr("%Ln span(s)", nullptr, pluralCount(node.spanCount)),
                    tr("%Ln request(s) served", nullptr, pluralCount(node.requestCount)));
        if (node.isEntry)
            text += QLatin1Char('\n') + tr("Traces start here");
    } else {
        text += QLatin1Char('\n')
                + tr("%Ln call(s); it reports no spans itself", nullptr,
                     pluralCount(node.spanCount));
    }
    if (node.failedRequestCount > 0)
        text += QLatin1Char('\n')
                + tr("%1 failed (%2)")
                      .arg(count(node.failedRequestCount),
                           QString::fromStdString(formatShare(node.errorShare())));
    if (m_clickAction == ClickAction::SelectFirstSpan) {
        if (node.kind == ServiceNodeKind::Service)
            text += QLatin1Char('\n') + tr("Click to select its first span");
    } else if (node.kind != ServiceNodeKind::Service) {
        text += QLatin1Char('\n') + tr("Click to show only the service that calls it most");
    } else if (m_selectedService == name) {
        text += QLatin1Char('\n') + tr("Click to show every service again");
    } else {
        text += QLatin1Char('\n')
                + tr("Click to show only traces through %1 in every pane").arg(name);
    }
    return text;
}

QString ServiceMapView::edgeToolTip(int index) const
{
    const ServiceMapEdge &edge = m_map->edges[std::size_t(index)];
    const ServiceMapNode &caller = m_map->nodes[std::size_t(edge.caller)];
    const ServiceMapNode &callee = m_map->nodes[std::size_t(edge.callee)];
    QString text = tr("%1 → %2").arg(QString::fromStdString(caller.name),
                                     QString::fromStdString(callee.name));
    text += QLatin1Char('\n') + tr("%Ln call(s)", nullptr, pluralCount(edge.callCount));
    if (m_map->hasRate)
        text += QStringLiteral(" (%1)").arg(
            QString::fromStdString(formatRatePerSecond(edge.callsPerSecond)));
    if (edge.failedCallCount > 0)
        text += QLatin1Char('\n')
                + tr("%1 failed (%2)")
                      .arg(count(edge.failedCallCount),
                           QString::fromStdString(formatShare(edge.errorShare())));
    text += QLatin1Char('\n') + tr("p95 %1").arg(formatDurationNs(edge.p95DurationNs));
    if (m_clickAction == ClickAction::FilterPanes) {
        // The callee's own spans show the calls as it served them; a database or host has none.
        const ServiceMapNode &filtered = callee.kind == ServiceNodeKind::Service ? callee : caller;
        text += QLatin1Char('\n')
                + tr("Click to show only traces through %1")
                      .arg(QString::fromStdString(filtered.name));
    }
    return text;
}

void ServiceMapView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (!m_map || m_map->nodes.empty())
        return;
    painter.setTransform(m_toWidget);
    double maxVolume = 0;
    for (const ServiceMapEdge &edge : m_map->edges)
        maxVolume = std::max(maxVolume, double(edge.callCount));
    for (std::size_t i = 0; i < m_map->edges.size(); ++i)
        paintEdge(painter, int(i), maxVolume);
    for (std::size_t i = 0; i < m_map->nodes.size(); ++i)
        paintNode(painter, int(i));
}

void ServiceMapView::paintEdge(QPainter &painter, int index, double maxVolume) const
{
    const ServiceMapEdge &edge = m_map->edges[std::size_t(index)];
    const QLineF &line = m_geometry.edgeLines[std::size_t(index)];
    const int item = int(m_map->nodes.size()) + index;
    const bool hovered = item == m_hoverItem;
    const bool focused = item == m_focusItem && hasFocus();
    const bool failing = edge.errorShare() >= HighErrorShare;
    QColor color = failing ? ServicePalette::errorColor() : palette().color(QPalette::Mid);
    if (hovered || focused)
        color = failing ? color.darker(130) : palette().color(QPalette::Highlight);
    // Width by volume (calls, which over one range is the rate): the square root keeps a quiet
    // call visible beside a busy one.
    const double share = maxVolume > 0 ? std::sqrt(double(edge.callCount) / maxVolume) : 0;
    const double width = 1.2 + 4.8 * share + (hovered ? 1.5 : 0);
    if (line.length() < 1)
        return;

    const QLineF unit = line.unitVector();
    const QPointF direction = unit.p2() - unit.p1();
    const QPointF normal(-direction.y(), direction.x());
    const double head = arrowSize + width;
    const QPointF tip = line.p2();
    const QPointF base = tip - direction * head;
    painter.setPen(QPen(color, width, Qt::SolidLine, Qt::FlatCap));
    painter.drawLine(line.p1(), base);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawPolygon(QPolygonF{tip, base + normal * (head / 2), base - normal * (head / 2)});

    const QString label = QString::fromStdString(serviceMapEdgeLabel(*m_map, edge));
    // From the widget's font each time: the painter's is whatever the last item left.
    const QFont font = smallerFont(this->font());
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    QRectF box(0, 0, metrics.horizontalAdvance(label) + 8, metrics.height() + 2);
    box.moveCenter(line.pointAt(0.5));
    QColor background = palette().color(QPalette::Base);
    background.setAlphaF(0.85);
    painter.setBrush(background);
    painter.drawRoundedRect(box, 3, 3);
    painter.setPen(failing ? ServicePalette::errorColor() : palette().color(QPalette::Text));
    painter.drawText(box, Qt::AlignCenter, label);
}

void ServiceMapView::paintNode(QPainter &painter, int index) const
{
    const ServiceMapNode &node = m_map->nodes[std::size_t(index)];
    const QRectF rect = m_geometry.nodeRects[std::size_t(index)];
    const bool hovered = index == m_hoverItem;
    const bool focused = index == m_focusItem && hasFocus();
    const bool selected = node.kind == ServiceNodeKind::Service && !m_selectedService.isEmpty()
                          && m_selectedService == QString::fromStdString(node.name);
    const QColor color = kindColor(node);
    const QColor base = palette().color(QPalette::Base);
    QColor border
        = node.errorShare() >= HighErrorShare ? ServicePalette::errorColor() : color.darker(120);
    double borderWidth = 1.5;
    if (selected) {
        border = ServicePalette::highlightColor();
        borderWidth = 3;
    }
    if (hovered || focused) {
        border = palette().color(QPalette::Highlight);
        borderWidth = 3;
    }
    QPen pen(border, borderWidth);
    if (node.kind == ServiceNodeKind::External)
        pen.setStyle(Qt::DashLine);
    painter.setPen(pen);
    painter.setBrush(ServicePalette::blend(base, color, hovered ? 0.32 : 0.18));
    painter.drawRoundedRect(rect, 8, 8);

    const QRectF icon(rect.left() + 10, rect.center().y() - iconSize / 2, iconSize, iconSize);
    paintKindIcon(painter, icon, node.kind, color);

    const QRectF text = rect.adjusted(10 + iconSize + 8, 6, -8, -6);
    QFont nameFont = font();
    nameFont.setBold(true);
    painter.setFont(nameFont);
    painter.setPen(palette().color(QPalette::Text));
    const QFontMetricsF nameMetrics(nameFont);
    const QString name
        = nameMetrics.elidedText(QString::fromStdString(node.name), Qt::ElideMiddle, text.width());
    painter.drawText(text, Qt::AlignLeft | Qt::AlignTop, name);

    const QFont detailFont = smallerFont(font());
    painter.setFont(detailFont);
    QString detail = node.kind == ServiceNodeKind::Service
                         ? tr("%Ln span(s)", nullptr, pluralCount(node.spanCount))
                         : tr("%1 · %2").arg(kindName(node.kind), tr("%Ln call(s)", nullptr,
                                                                     pluralCount(node.spanCount)));
    if (node.failedRequestCount > 0)
        detail += tr(" · %1 err").arg(QString::fromStdString(formatShare(node.errorShare())));
    painter.setPen(node.errorShare() >= HighErrorShare
                       ? ServicePalette::errorColor()
                       : palette().color(QPalette::PlaceholderText));
    painter.drawText(text, Qt::AlignLeft | Qt::AlignBottom,
                     QFontMetricsF(detailFont).elidedText(detail, Qt::ElideRight, text.width()));
}

} // namespace kansoku
