#include "on_screen_watch.h"

#include <QDockWidget>
#include <QEvent>
#include <QWidget>

namespace kansoku {

OnScreenWatch::OnScreenWatch(QWidget *pane)
    : QObject(pane)
    , m_pane(pane)
{
    pane->installEventFilter(this);
    watchDock();
}

bool OnScreenWatch::isOnScreen() const
{
    return m_pane->isVisible() && !m_pane->visibleRegion().isEmpty();
}

bool OnScreenWatch::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_pane) {
        if (event->type() == QEvent::Show)
            Q_EMIT shown();
        else if (event->type() == QEvent::ParentChange)
            watchDock();
    }
    return QObject::eventFilter(watched, event);
}

void OnScreenWatch::watchDock()
{
    disconnect(m_dockConnection);
    if (auto *dock = qobject_cast<QDockWidget *>(m_pane->parentWidget())) {
        m_dockConnection
            = connect(dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
                  if (visible)
                      Q_EMIT shown();
              });
    }
}

} // namespace kansoku
