// Tells a pane whether anyone can see it, and when that starts. A dock behind another tab stays
// "visible" to Qt but is moved out of its area, and its tab coming to the front shows it without
// a show event; panes that query in the background defer while off screen and catch up on
// shown(). GUI thread.
#pragma once

#include <QMetaObject>
#include <QObject>

class QWidget;

namespace kansoku {

class OnScreenWatch : public QObject
{
    Q_OBJECT
public:
    // Watches pane (and the dock it is put in later); a child of pane.
    explicit OnScreenWatch(QWidget *pane);

    bool isOnScreen() const;

Q_SIGNALS:
    // The pane was shown, or its dock's tab came to the front.
    void shown();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void watchDock();

    QWidget *m_pane;
    QMetaObject::Connection m_dockConnection;
};

} // namespace kansoku
