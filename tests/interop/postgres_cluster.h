// A throwaway PostgreSQL server for one interop test: initdb into a temporary directory, the
// Debian binaries' postgres on a free loopback port with trust authentication (user postgres), a
// fast shutdown at the end. PostgreSQL refuses to run as root, so as root (tests in CI) initdb and
// postgres run as the postgres user (setpriv, an argument list, no shell) in a directory that user
// owns. Lives on the test thread; owns the server process (still running on destruction: killed).
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace kansoku::interop {

class PostgresCluster
{
public:
    PostgresCluster();
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster &) = delete;
    PostgresCluster &operator=(const PostgresCluster &) = delete;

    // initdb, then postgres on a free port (another one when a program took it meanwhile), until
    // it accepts connections. The error says what failed, with initdb's or postgres' output.
    bool start(QString *error);
    // Fast shutdown (SIGINT: clients are disconnected), then waits for postgres to exit.
    bool stop(QString *error);

    quint16 port() const { return m_port; }
    // What postgres printed so far, for failure messages.
    QString log();

    // $KANSOKU_POSTGRES_BINDIR, else the newest /usr/lib/postgresql/<version>/bin holding
    // postgres; empty when PostgreSQL is not installed.
    static QString binDirectory();

private:
    bool startServer(QString *error, bool *portTaken);
    bool acceptsConnections();
    // The command that runs program with arguments as the postgres user when this process is
    // root, else as is: {program, arguments} for QProcess.
    QStringList asServerUser(const QString &program, const QStringList &arguments) const;

    QTemporaryDir m_directory;
    QString m_binDirectory;
    QProcess m_server;
    QByteArray m_log;
    quint16 m_port = 0;
};

} // namespace kansoku::interop
