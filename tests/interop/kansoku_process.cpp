#include "kansoku_process.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QTcpServer>

namespace kansoku::interop {

namespace {

constexpr int startAttempts = 3;
constexpr int readyTimeoutMs = 60000;
constexpr int stopTimeoutMs = 120000;

} // namespace

KansokuProcess::KansokuProcess(QString executable, QString databasePath)
    : m_executable(std::move(executable))
    , m_databasePath(std::move(databasePath))
{}

KansokuProcess::~KansokuProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}

bool KansokuProcess::start(QString *error)
{
    for (int attempt = 0; attempt < startAttempts; ++attempt) {
        bool portTaken = false;
        if (startOnce(error, &portTaken))
            return true;
        if (!portTaken)
            return false;
    }
    return false;
}

bool KansokuProcess::startOnce(QString *error, bool *portTaken)
{
    if (!m_fixedPorts) {
        // Both servers stay open until both ports are known, so the two ports differ.
        QTcpServer grpcProbe;
        QTcpServer httpProbe;
        if (!grpcProbe.listen(QHostAddress::LocalHost, 0)
            || !httpProbe.listen(QHostAddress::LocalHost, 0)) {
            *error = QStringLiteral("cannot find a free loopback port");
            return false;
        }
        m_grpcPort = grpcProbe.serverPort();
        m_httpPort = httpProbe.serverPort();
    }
    m_stdout.clear();
    m_stderr.clear();
    m_process.setProgram(m_executable);
    m_process.setArguments(QStringList{QStringLiteral("--headless"), QStringLiteral("--db"),
                                       m_databasePath, QStringLiteral("--grpc-port"),
                                       QString::number(m_grpcPort), QStringLiteral("--http-port"),
                                       QString::number(m_httpPort)}
                           + m_extraArguments);
    m_process.start();
    if (!m_process.waitForStarted(30000)) {
        *error = QStringLiteral("cannot start ") + m_executable + QStringLiteral(": ")
                 + m_process.errorString();
        return false;
    }
    const QDeadlineTimer deadline(readyTimeoutMs);
    while (!deadline.hasExpired()) {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine();
            m_stdout += line;
            if (line.startsWith("kansoku ready:"))
                return true;
        }
        if (m_process.state() == QProcess::NotRunning)
            break;
        m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
    }
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(10000);
        *error = QStringLiteral("kansoku printed no ready line within %1 ms; output:\n%2")
                     .arg(readyTimeoutMs)
                     .arg(output());
        return false;
    }
    const QString text = output();
    *portTaken
        = text.contains(QString::number(m_grpcPort)) || text.contains(QString::number(m_httpPort));
    *error = QStringLiteral("kansoku exited with code %1 before it was ready; output:\n%2")
                 .arg(m_process.exitCode())
                 .arg(text);
    return false;
}

bool KansokuProcess::stop(QString *error)
{
    m_process.terminate();
    if (!m_process.waitForFinished(stopTimeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(10000);
        *error = QStringLiteral("kansoku did not exit within %1 ms of SIGTERM; output:\n%2")
                     .arg(stopTimeoutMs)
                     .arg(output());
        return false;
    }
    if (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0) {
        *error = QStringLiteral("kansoku ended with %1, exit code %2 after SIGTERM; output:\n%3")
                     .arg(m_process.exitStatus() == QProcess::NormalExit
                              ? QStringLiteral("a normal exit")
                              : QStringLiteral("a crash"))
                     .arg(m_process.exitCode())
                     .arg(output());
        return false;
    }
    return true;
}

QString KansokuProcess::output()
{
    m_stdout += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
    return QString::fromLocal8Bit(m_stdout) + QString::fromLocal8Bit(m_stderr);
}

} // namespace kansoku::interop
