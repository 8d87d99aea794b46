#include "mcp_command.h"

#include "mcp_server.h"
#include "read_only_session.h"
#include "stdin_reader.h"
#include "telemetry_store.h"
#include "telemetry_tools.h"
#include "unix_signal_notifier.h"

#include <QCoreApplication>
#include <cstdio>

namespace kansoku {

namespace {

int failWith(const QString &message)
{
    std::fprintf(stderr, "kansoku mcp: %s\n", message.toLocal8Bit().constData());
    return 2;
}

void writeLine(const QByteArray &reply)
{
    std::fwrite(reply.constData(), 1, std::size_t(reply.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace

int McpCommand::run()
{
    const QString path = m_options.databasePath;
    QString error;
    const std::unique_ptr<TelemetryStore> store = ReadOnlySession::open(path, true, &error);
    if (!store)
        return failWith(error);

    const TelemetryTools tools(store->queries(), path);
    McpServer server(tools);
    StdinReader input;
    QObject::connect(&input, &StdinReader::readyRead, [this, &server, &input] {
        if (readInput(server, input))
            QCoreApplication::exit(0);
    });
    UnixSignalNotifier terminationSignals;
    QObject::connect(&terminationSignals, &UnixSignalNotifier::terminationRequested,
                     [] { QCoreApplication::exit(0); });
    // Input that arrived before the loop started (or stdin that is a file) is read at once.
    if (readInput(server, input))
        return 0;
    return QCoreApplication::exec();
}

bool McpCommand::readInput(McpServer &server, StdinReader &input)
{
    const bool endOfInput = input.readAvailable(m_input);
    for (qsizetype newline = m_input.indexOf('\n'); newline >= 0; newline = m_input.indexOf('\n')) {
        const QByteArray line = m_input.left(newline).trimmed();
        m_input.remove(0, newline + 1);
        if (line.isEmpty())
            continue;
        const QByteArray reply = server.handleMessage(line);
        if (!reply.isEmpty())
            writeLine(reply);
    }
    // A last message without its newline still counts once input ends.
    if (endOfInput && !m_input.trimmed().isEmpty()) {
        const QByteArray reply = server.handleMessage(m_input.trimmed());
        m_input.clear();
        if (!reply.isEmpty())
            writeLine(reply);
    }
    return endOfInput;
}

} // namespace kansoku
