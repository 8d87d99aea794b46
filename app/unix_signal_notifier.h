// Turns SIGINT/SIGTERM into a Qt signal on the main thread (self-pipe trick: the handler only
// writes one byte; a QSocketNotifier reads it in the event loop). One instance per process.
// POSIX (Linux, macOS): the one file that handles signals, so another platform replaces it.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace kansoku {

class UnixSignalNotifier : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalNotifier(QObject *parent = nullptr);
    ~UnixSignalNotifier() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace kansoku
