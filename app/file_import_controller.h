// Imports telemetry files into the open session, one after another, on a worker thread (one
// TelemetryFileImporter run per file); the GUI thread only queues files, polls the newest progress
// every 100 ms and collects each file's result. Progress and the final summary leave as plain
// values (signals), so the window never sees ingest types. Main thread; owns the worker thread.
#pragma once

#include "core/import_report.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace kansoku {

class IngestCounters;
class TelemetryFileImporter;
class TelemetrySink;
struct FileImportResult;

class FileImportController : public QObject
{
    Q_OBJECT
public:
    explicit FileImportController(std::shared_ptr<IngestCounters> counters,
                                  QObject *parent = nullptr);
    ~FileImportController() override; // cancels and joins a running import

    // Where the next files go: the open session's store. Call when no import runs (after
    // cancelAndWait() when the session changes).
    void setSink(std::shared_ptr<TelemetrySink> sink);
    // Appends files to the queue and starts importing when idle.
    void enqueue(const QStringList &paths);
    // Stops the running file at its next message and drops the queued ones; finished() follows.
    void cancel();
    // cancel(), then waits for the worker (it stops within one message or line) and emits
    // finished() before returning. For a session switch or quitting: the store may close after.
    void cancelAndWait();
    bool isImporting() const { return m_worker.joinable(); }

Q_SIGNALS:
    void progressChanged(const kansoku::ImportProgressReport &progress);
    // Once per queue, when its last file is done or after a cancel.
    void finished(const kansoku::ImportSummary &summary);

private:
    void startNext();
    void onWorkerDone(std::uint64_t generation);
    void collectResult(); // joins the worker and appends its result to the summary
    void publishProgress();
    void finish();

    std::shared_ptr<IngestCounters> m_counters;
    std::shared_ptr<TelemetrySink> m_sink;
    std::shared_ptr<TelemetryFileImporter> m_importer;
    std::thread m_worker;
    std::uint64_t m_generation = 0; // answers of a worker already collected are ignored
    QStringList m_queue;
    QString m_currentPath;
    int m_fileNumber = 0;
    int m_fileCount = 0;
    bool m_cancelled = false;
    ImportSummary m_summary;
    QTimer m_progressTimer;

    // Written by the worker, read by the GUI thread.
    std::mutex m_mutex;
    std::optional<ImportProgressReport> m_latestProgress;
    std::shared_ptr<FileImportResult> m_result;
};

} // namespace kansoku
