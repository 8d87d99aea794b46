// `--stats-log FILE`: appends one CSV line every --stats-interval seconds about the running
// window, for soak runs (bench/soak_bench): resident memory, how late the event loop ran a 100 ms
// timer (p50/p99/max, the GUI's responsiveness measured from inside), how long the panes'
// background refreshes took from request to applied (QueryLatencyRecorder), the session file and
// its write-ahead log, stored items and the receive and store rates. Reads only counters and file
// sizes: no SQLite. Main thread.
#pragma once

#include "analysis/timer_lateness.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QTimer>

namespace kansoku {

class KansokuRuntime;

class RuntimeStatsLog : public QObject
{
    Q_OBJECT
public:
    RuntimeStatsLog(const QString &path, int intervalSeconds, const KansokuRuntime *runtime,
                    QObject *parent = nullptr);
    ~RuntimeStatsLog() override;

    // Opens the file for appending (a header line first when it is empty) and starts measuring.
    bool start(QString *errorMessage);

    static QString headerLine();

private:
    void writeLine();

    QFile m_file;
    const KansokuRuntime *m_runtime;
    QTimer m_tickTimer; // the probe whose lateness is the event loop's
    QTimer m_lineTimer;
    QElapsedTimer m_clock;
    TimerLateness m_lateness;
    qint64 m_lastLineNs = 0;
    std::int64_t m_lastReceivedItems = 0;
    std::int64_t m_lastStoredItems = 0;
};

} // namespace kansoku
