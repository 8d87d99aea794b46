// Carries out the window's Receive menu: pausing and resuming the receivers, listening on the LAN
// or on loopback (KansokuRuntime::setListeningOnLan; switching on shows the participants' lines
// in a LanListeningDialog), and forwarding set
// or stopped in the forwarding dialog (checked by ForwardTarget, applied to KansokuRuntime). The
// upstream URL and protocol are kept in QSettings for the next start, header values never (they
// may be tokens); a --forward on the command line wins for its run. Main thread.
#pragma once

#include "command_line_options.h"

#include <QObject>
#include <QStringList>

namespace kansoku {

class KansokuRuntime;
class LanListeningDialog;
class WorkbenchWindow;

class ReceiveController : public QObject
{
    Q_OBJECT
public:
    ReceiveController(KansokuRuntime *runtime, WorkbenchWindow *window, QObject *parent = nullptr);

    // Before the runtime starts: the command line's forwarding, else the saved one.
    void applyStartupForwarding(const CommandLineOptions &options);

    void setPaused(bool paused);
    // On: the receivers restart on 0.0.0.0 with a token and the participants' lines are shown;
    // off: back on 127.0.0.1. When a port cannot be bound the window says so and the receivers,
    // the toggle and the status bar stay as they were.
    void setListeningOnLan(bool lan);
    LanListeningDialog *lanDialog() const { return m_lanDialog; }
    // False with the problem shown in the dialog; true: forwarding, saved, dialog closed.
    bool forward(const QString &url, const QString &protocol, const QStringList &headers);
    void stopForwarding();

    static constexpr const char *urlKey = "forwarding/url";
    static constexpr const char *protocolKey = "forwarding/protocol";

private:
    void showCurrent();   // the dialog's fields from the forwarding in force
    void showListening(); // the toggle, the status bar and the participants' lines

    KansokuRuntime *m_runtime;
    WorkbenchWindow *m_window;
    LanListeningDialog *m_lanDialog;
};

} // namespace kansoku
