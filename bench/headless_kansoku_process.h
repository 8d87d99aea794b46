// Runs `kansoku --headless` as a child process for the benchmark and follows its statistics
// lines (stored items, queue depth). Main thread of the benchmark; blocking calls only.
#pragma once

#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <cstdint>

namespace kansoku::bench {

struct StoredCounts
{
    std::int64_t spans = 0;
    std::int64_t points = 0;
    std::int64_t logs = 0;
    std::int64_t queued = 0;
    double atSeconds = 0; // since start()
};

class HeadlessKansokuProcess
{
public:
    // extraArguments go to kansoku after the ones the benchmark needs (e.g. --max-db-mib=0, so
    // a long run is not pruned by the default session's size cap).
    bool start(const QString &program, const QString &databasePath, quint16 grpcPort,
               quint16 httpPort, QString *error, const QStringList &extraArguments = {});
    // Reads output for up to waitMs; returns true when a new statistics line arrived.
    bool poll(int waitMs);
    const StoredCounts &latest() const { return m_latest; }
    // SIGTERM, then wait for the clean exit; returns the exit code (-1 on a crash or timeout).
    int stop();
    // SIGKILL, like a crash or the OOM killer: no chance to commit what is queued.
    void kill();
    double elapsedSeconds() const { return m_clock.elapsed() / 1000.0; }

private:
    QProcess m_process;
    QElapsedTimer m_clock;
    StoredCounts m_latest;
};

} // namespace kansoku::bench
