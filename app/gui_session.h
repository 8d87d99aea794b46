// The windowed application: starts the runtime and keeps the status window fed with live counts
// (a 500 ms coalescing timer reading counters; the GUI thread never touches SQLite). Main thread.
#pragma once

#include "command_line_options.h"

#include <QObject>
#include <QTimer>

namespace kansoku {

class KansokuRuntime;
class StatusWindow;

class GuiSession : public QObject
{
    Q_OBJECT
public:
    explicit GuiSession(const CommandLineOptions &options, QObject *parent = nullptr);
    ~GuiSession() override;

    int run();

private:
    void refresh();

    KansokuRuntime *m_runtime = nullptr;
    StatusWindow *m_window = nullptr;
    QTimer m_refreshTimer;
};

} // namespace kansoku
