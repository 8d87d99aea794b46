// Runs `kansoku analyze SESSION --json` again and again on its own thread while a benchmark sends,
// paced as the Findings pane re-analyses a live session (the next run starts the pane's live
// interval, or twice the last run's time if longer, after the previous one started), or back to
// back. The analysis competes with ingest for the same cores and reads the file that the writer is
// writing. Records each run's wall time and the spans it analysed (from its JSON). Owned by the
// benchmark's main thread.
#pragma once

#include <QString>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace kansoku::bench {

class AnalysisLoop
{
public:
    struct Run
    {
        double seconds = 0;
        std::int64_t spansAnalysed = 0;
        bool succeeded = false;
        QString error; // what kansoku printed on stderr when it failed
    };

    enum class Pacing { LikeTheFindingsPane, BackToBack };
    // FindingsPane::LiveIntervalMs (the benchmark does not link the widgets).
    static constexpr int PaneLiveIntervalMs = 5000;

    AnalysisLoop(QString program, QString databasePath, Pacing pacing);
    ~AnalysisLoop();

    void start();
    // Ends the loop; a run still going is killed and not counted.
    void stop();
    std::vector<Run> runs() const;

private:
    void loop();

    const QString m_program;
    const QString m_databasePath;
    const Pacing m_pacing;
    std::atomic<bool> m_stopRequested{false};
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::vector<Run> m_runs; // guarded by m_mutex
};

} // namespace kansoku::bench
