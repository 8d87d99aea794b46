// How `kansoku --headless` runs: starts the runtime, prints a ready line and a statistics line
// every few seconds on stdout, and on SIGINT/SIGTERM stops cleanly (drain, commit) and quits with
// 0. Main thread.
#pragma once

#include "command_line_options.h"
#include "core/ingest_counters.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace kansoku {

class KansokuRuntime;

class HeadlessMode : public QObject
{
    Q_OBJECT
public:
    explicit HeadlessMode(const CommandLineOptions &options, QObject *parent = nullptr);

    // Returns the process exit code once the session has ended.
    int run();

private:
    void printStatistics();
    void shutDown(int signalNumber);

    CommandLineOptions m_options;
    KansokuRuntime *m_runtime = nullptr;
    QTimer m_statsTimer;
    QElapsedTimer m_sinceLastStats;
    std::int64_t m_lastStoredItems = 0;
};

} // namespace kansoku
