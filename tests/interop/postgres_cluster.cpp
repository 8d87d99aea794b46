#include "postgres_cluster.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpServer>
#include <QVersionNumber>
#include <csignal>
#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

namespace kansoku::interop {

namespace {

constexpr int startAttempts = 3;
constexpr int initdbTimeoutMs = 120000;
constexpr int readyTimeoutMs = 60000;
constexpr int stopTimeoutMs = 60000;
// Between two pg_isready checks: postgres is given this long to exit (a taken port) instead.
constexpr int readyPollMs = 100;

const char serverUser[] = "postgres";

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

} // namespace

PostgresCluster::PostgresCluster()
    : m_binDirectory(binDirectory())
{}

PostgresCluster::~PostgresCluster()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.kill();
        m_server.waitForFinished(10000);
    }
}

QString PostgresCluster::binDirectory()
{
    const QString configured = qEnvironmentVariable("KANSOKU_POSTGRES_BINDIR");
    if (!configured.isEmpty())
        return configured;
    const QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QString newest;
    QVersionNumber newestVersion;
    for (const QString &entry : versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QVersionNumber version = QVersionNumber::fromString(entry);
        if (!version.isNull() && version > newestVersion
            && QFileInfo(versions.filePath(entry + QStringLiteral("/bin/postgres")))
                   .isExecutable()) {
            newestVersion = version;
            newest = versions.filePath(entry + QStringLiteral("/bin"));
        }
    }
    return newest;
}

QStringList PostgresCluster::asServerUser(const QString &program,
                                          const QStringList &arguments) const
{
    const QString path = m_binDirectory + QLatin1Char('/') + program;
    if (!runningAsRoot())
        return QStringList{path} + arguments;
    // setpriv executes the program in place, so the process QProcess signals is postgres itself.
    return QStringList{QStringLiteral("setpriv"),
                       QStringLiteral("--reuid=%1").arg(QLatin1String(serverUser)),
                       QStringLiteral("--regid=%1").arg(QLatin1String(serverUser)),
                       QStringLiteral("--init-groups"),
                       QStringLiteral("--"),
                       path}
           + arguments;
}

bool PostgresCluster::start(QString *error)
{
    if (m_binDirectory.isEmpty()) {
        *error
            = QStringLiteral("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres): "
                             "install the postgresql package (cmake/install-dependencies.sh "
                             "--tests) or set KANSOKU_POSTGRES_BINDIR");
        return false;
    }
    if (!m_directory.isValid()) {
        *error
            = QStringLiteral("cannot create a temporary directory: ") + m_directory.errorString();
        return false;
    }
    if (runningAsRoot()) {
        const passwd *user = ::getpwnam(serverUser);
        if (!user) {
            *error = QStringLiteral("running as root, and there is no postgres user to run "
                                    "PostgreSQL as (the postgresql package creates it)");
            return false;
        }
        if (::chown(QFile::encodeName(m_directory.path()).constData(), user->pw_uid, user->pw_gid)
            != 0) {
            *error = QStringLiteral("cannot give %1 to the postgres user").arg(m_directory.path());
            return false;
        }
    }

    const QStringList initdb = asServerUser(
        QStringLiteral("initdb"),
        {QStringLiteral("--pgdata"), m_directory.filePath(QStringLiteral("data")),
         QStringLiteral("--username"), QLatin1String(serverUser), QStringLiteral("--auth=trust"),
         QStringLiteral("--encoding=UTF8"), QStringLiteral("--locale=C"),
         QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")});
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(initdb.first(), initdb.mid(1));
    if (!process.waitForFinished(initdbTimeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        *error = QStringLiteral("PostgreSQL's initdb failed (%1): %2\n%3")
                     .arg(initdb.join(QLatin1Char(' ')), process.errorString(),
                          QString::fromLocal8Bit(process.readAll()));
        return false;
    }

    for (int attempt = 0; attempt < startAttempts; ++attempt) {
        bool portTaken = false;
        if (startServer(error, &portTaken))
            return true;
        if (!portTaken)
            return false;
    }
    return false;
}

bool PostgresCluster::startServer(QString *error, bool *portTaken)
{
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = QStringLiteral("cannot find a free loopback port");
            return false;
        }
        m_port = probe.serverPort();
    }
    m_log.clear();
    const QStringList command = asServerUser(
        QStringLiteral("postgres"),
        {QStringLiteral("-D"), m_directory.filePath(QStringLiteral("data")), QStringLiteral("-p"),
         QString::number(m_port), QStringLiteral("-k"), m_directory.path(), QStringLiteral("-c"),
         QStringLiteral("listen_addresses=127.0.0.1"),
         // A throwaway database: nothing needs to survive a crash.
         QStringLiteral("-c"), QStringLiteral("fsync=off"), QStringLiteral("-c"),
         QStringLiteral("synchronous_commit=off")});
    m_server.setProcessChannelMode(QProcess::MergedChannels);
    m_server.start(command.first(), command.mid(1));
    if (!m_server.waitForStarted(30000)) {
        *error = QStringLiteral("cannot run postgres (%1): %2")
                     .arg(command.join(QLatin1Char(' ')), m_server.errorString());
        return false;
    }
    const QDeadlineTimer deadline(readyTimeoutMs);
    while (!deadline.hasExpired()) {
        if (acceptsConnections())
            return true;
        // Waits for postgres to exit, at most one poll interval.
        if (m_server.state() == QProcess::NotRunning || m_server.waitForFinished(readyPollMs)) {
            const QString printed = log();
            *portTaken = printed.contains(QLatin1String("could not bind"))
                         || printed.contains(QLatin1String("Address already in use"));
            *error = QStringLiteral("postgres exited before accepting connections:\n") + printed;
            return false;
        }
    }
    *error = QStringLiteral("postgres did not accept connections on port %1 within %2 s:\n%3")
                 .arg(m_port)
                 .arg(readyTimeoutMs / 1000)
                 .arg(log());
    m_server.kill();
    m_server.waitForFinished(10000);
    return false;
}

bool PostgresCluster::acceptsConnections()
{
    QProcess ready;
    ready.start(m_binDirectory + QStringLiteral("/pg_isready"),
                {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=%1").arg(m_port),
                 QStringLiteral("--username=%1").arg(QLatin1String(serverUser)),
                 QStringLiteral("--timeout=5")});
    return ready.waitForFinished(10000) && ready.exitStatus() == QProcess::NormalExit
           && ready.exitCode() == 0;
}

bool PostgresCluster::stop(QString *error)
{
    if (m_server.state() == QProcess::NotRunning) {
        *error = QStringLiteral("postgres was not running:\n") + log();
        return false;
    }
    ::kill(static_cast<pid_t>(m_server.processId()), SIGINT);
    if (!m_server.waitForFinished(stopTimeoutMs)) {
        *error = QStringLiteral("postgres did not stop within %1 s").arg(stopTimeoutMs / 1000);
        return false;
    }
    return m_server.exitStatus() == QProcess::NormalExit && m_server.exitCode() == 0;
}

QString PostgresCluster::log()
{
    m_log += m_server.readAll();
    return QString::fromLocal8Bit(m_log);
}

} // namespace kansoku::interop
