// Reads standard input without blocking, on the main thread's event loop: readyRead() when bytes
// arrive, readAvailable() takes what is there. POSIX (fcntl, read, a QSocketNotifier on fd 0); the
// one place the commands touch stdin's file descriptor, so another platform replaces this file.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace kansoku {

class StdinReader : public QObject
{
    Q_OBJECT
public:
    // Makes stdin non-blocking and starts watching it.
    explicit StdinReader(QObject *parent = nullptr);

    // Appends every byte available now to input; true once stdin has ended (closed by the
    // writer, or an error other than "nothing more yet"), after which nothing is watched.
    bool readAvailable(QByteArray &input);

Q_SIGNALS:
    void readyRead();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace kansoku
