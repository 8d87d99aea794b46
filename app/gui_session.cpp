#include "gui_session.h"

#include "kansoku_runtime.h"
#include "status_window.h"
#include "unix_signal_notifier.h"

#include <QApplication>
#include <QMessageBox>

namespace kansoku {

GuiSession::GuiSession(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_runtime(new KansokuRuntime(options, this))
    , m_window(new StatusWindow)
{
    m_refreshTimer.setInterval(500);
    connect(&m_refreshTimer, &QTimer::timeout, this, &GuiSession::refresh);
}

GuiSession::~GuiSession()
{
    delete m_window;
}

int GuiSession::run()
{
    auto *signalNotifier = new UnixSignalNotifier(this);
    connect(signalNotifier, &UnixSignalNotifier::terminationRequested, qApp, &QApplication::quit);
    connect(qApp, &QApplication::aboutToQuit, this, [this] {
        m_refreshTimer.stop();
        m_runtime->stop();
    });

    QString error;
    const bool started = m_runtime->start(&error);
    m_window->setReceivers(m_runtime->receiverStatuses());
    refresh();
    m_window->show();
    if (!started)
        QMessageBox::warning(m_window, tr("Kansoku"), error);
    m_refreshTimer.start();
    return QApplication::exec();
}

void GuiSession::refresh()
{
    m_window->setCounts(m_runtime->counters(), m_runtime->storageStatus());
}

} // namespace kansoku
