// Runs the real `kansoku --headless` executable for one test on free ports (picked on loopback),
// waits for its ready line and stops it with SIGTERM. Lives on the test thread; owns the child
// process (a process still running on destruction is killed).
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace kansoku::interop {

class KansokuProcess
{
public:
    KansokuProcess(QString executable, QString databasePath);
    ~KansokuProcess();
    KansokuProcess(const KansokuProcess &) = delete;
    KansokuProcess &operator=(const KansokuProcess &) = delete;

    // Added to the command line, e.g. --listen 0.0.0.0 --token T; call before start().
    void setExtraArguments(const QStringList &arguments) { m_extraArguments = arguments; }
    // Starts on these ports instead of free ones picked anew, e.g. to restart where it was.
    void setPorts(quint16 grpcPort, quint16 httpPort)
    {
        m_fixedPorts = true;
        m_grpcPort = grpcPort;
        m_httpPort = httpPort;
    }
    // Picks two free ports and starts kansoku; tries again with new ports when another program
    // took a chosen port between the check and kansoku's bind.
    bool start(QString *error);
    // SIGTERM, then waits for a clean exit. True only for exit code 0 after a normal exit.
    bool stop(QString *error);

    quint16 grpcPort() const { return m_grpcPort; }
    quint16 httpPort() const { return m_httpPort; }
    // Everything kansoku printed so far, for failure messages.
    QString output();

private:
    bool startOnce(QString *error, bool *portTaken);

    QString m_executable;
    QString m_databasePath;
    QStringList m_extraArguments;
    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    quint16 m_grpcPort = 0;
    quint16 m_httpPort = 0;
    bool m_fixedPorts = false;
};

} // namespace kansoku::interop
