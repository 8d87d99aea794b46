// The Receive menu: Pause receiving (a checkable toggle with a shortcut; the check mark is the
// state), Listen on the LAN… (a checkable toggle) and Forwarding… (the forwarding dialog). Raises
// intents; the app pauses the receivers, moves them between loopback and the LAN or changes
// forwarding and feeds the state back with setPaused() and setListeningOnLan(). GUI thread.
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
    void setListeningOnLan(bool lan); // the toggle's state, without raising lanListeningRequested
    QAction *lanAction() const { return m_lan; }

Q_SIGNALS:
    void pauseRequested(bool paused);
    void forwardingDialogRequested();
    void lanListeningRequested(bool lan);

private:
    QAction *m_pause = nullptr;
    QAction *m_forwarding = nullptr;
    QAction *m_lan = nullptr;
};

} // namespace kansoku
