// The Receive menu: Pause receiving (a checkable toggle with a shortcut; the check mark is the
// state) and Forwarding… (the forwarding dialog). Raises intents; the app pauses the receivers or
// changes forwarding and feeds the state back with setPaused(). GUI thread.
#pragma once

#include <QMenu>

class QAction;

namespace kansoku {

class ReceiveMenu : public QMenu
{
    Q_OBJECT
public:
    explicit ReceiveMenu(QWidget *parent = nullptr);

    void setPaused(bool paused); // the toggle's state, without raising pauseRequested
    QAction *pauseAction() const { return m_pause; }
    QAction *forwardingAction() const { return m_forwarding; }

Q_SIGNALS:
    void pauseRequested(bool paused);
    void forwardingDialogRequested();

private:
    QAction *m_pause = nullptr;
    QAction *m_forwarding = nullptr;
};

} // namespace kansoku
