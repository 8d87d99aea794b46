#include "stdin_reader.h"

#include <QSocketNotifier>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace kansoku {

StdinReader::StdinReader(QObject *parent)
    : QObject(parent)
{
    // Non-blocking, so one notification reads what is there and never waits for more.
    ::fcntl(STDIN_FILENO, F_SETFL, ::fcntl(STDIN_FILENO, F_GETFL) | O_NONBLOCK);
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StdinReader::readyRead);
}

bool StdinReader::readAvailable(QByteArray &input)
{
    char buffer[65536];
    for (;;) {
        const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (count > 0) {
            input.append(buffer, qsizetype(count));
            continue;
        }
        if (count < 0 && errno == EINTR)
            continue;
        const bool endOfInput = count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
        if (endOfInput)
            m_notifier->setEnabled(false);
        return endOfInput;
    }
}

} // namespace kansoku
