#include "receive_menu.h"

#include <QSignalBlocker>

namespace kansoku {

ReceiveMenu::ReceiveMenu(QWidget *parent)
    : QMenu(tr("&Receive"), parent)
{
    m_pause = addAction(tr("&Pause receiving"));
    m_pause->setObjectName(QStringLiteral("pauseReceivingAction"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+P")));
    m_pause->setToolTip(tr("Answer senders \"unavailable, retry later\" until resumed: they keep "
                           "their data and send it once receiving resumes"));
    connect(m_pause, &QAction::toggled, this, &ReceiveMenu::pauseRequested);
    m_lan = addAction(tr("Listen on the &LAN…"));
    m_lan->setObjectName(QStringLiteral("lanListeningAction"));
    m_lan->setCheckable(true);
    m_lan->setToolTip(tr("Let apps on other machines send here (a training room): the receivers "
                         "listen on every interface and require a token"));
    connect(m_lan, &QAction::toggled, this, &ReceiveMenu::lanListeningRequested);
    addSeparator();
    m_forwarding = addAction(tr("&Forwarding…"));
    m_forwarding->setObjectName(QStringLiteral("forwardingAction"));
    connect(m_forwarding, &QAction::triggered, this, &ReceiveMenu::forwardingDialogRequested);
}

void ReceiveMenu::setPaused(bool paused)
{
    const QSignalBlocker blocker(m_pause);
    m_pause->setChecked(paused);
}

void ReceiveMenu::setListeningOnLan(bool lan)
{
    const QSignalBlocker blocker(m_lan);
    m_lan->setChecked(lan);
}

} // namespace kansoku
