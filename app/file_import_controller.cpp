#include "file_import_controller.h"

#include "telemetry_file_importer.h"

#include <QFileInfo>

namespace kansoku {

namespace {

QString outcomeText(FileImportResult::Outcome outcome)
{
    switch (outcome) {
    case FileImportResult::Outcome::Imported:
        return QObject::tr("imported");
    case FileImportResult::Outcome::Partial:
        return QObject::tr("imported, some items skipped");
    case FileImportResult::Outcome::Unreadable:
        return QObject::tr("not read");
    case FileImportResult::Outcome::Cancelled:
        return QObject::tr("cancelled");
    case FileImportResult::Outcome::SinkClosed:
        return QObject::tr("stopped: the session closed");
    }
    return {};
}

ImportFileReport reportOf(const FileImportResult &result)
{
    ImportFileReport report;
    report.path = QString::fromStdString(result.file);
    if (result.format != TelemetryFileFormat::Unknown)
        report.format = QString::fromLatin1(TelemetryFileFormatDetector::formatName(result.format));
    report.outcome = outcomeText(result.outcome);
    report.unreadable = result.outcome == FileImportResult::Outcome::Unreadable;
    report.spans = result.spans;
    report.dataPoints = result.dataPoints;
    report.logRecords = result.logRecords;
    report.problemCount = result.problemCount;
    for (const ImportProblem &problem : result.problems)
        report.problems << QString::fromStdString(problem.toString());
    return report;
}

} // namespace

FileImportController::FileImportController(std::shared_ptr<IngestCounters> counters,
                                           QObject *parent)
    : QObject(parent)
    , m_counters(std::move(counters))
{
    qRegisterMetaType<kansoku::ImportProgressReport>();
    qRegisterMetaType<kansoku::ImportSummary>();
    // Polling keeps the worker free of event posting and the GUI at ten updates a second at most.
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, &FileImportController::publishProgress);
}

FileImportController::~FileImportController()
{
    if (m_importer)
        m_importer->cancel();
    if (m_worker.joinable())
        m_worker.join();
}

void FileImportController::setSink(std::shared_ptr<TelemetrySink> sink)
{
    m_sink = std::move(sink);
    m_importer.reset();
}

void FileImportController::enqueue(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (!isImporting()) {
        m_summary = {};
        m_cancelled = false;
        m_fileNumber = 0;
        m_fileCount = 0;
    }
    m_queue << paths;
    m_fileCount += int(paths.size());
    if (!isImporting())
        startNext();
}

void FileImportController::cancel()
{
    if (!isImporting())
        return;
    m_cancelled = true;
    m_summary.cancelled = true;
    m_fileCount -= int(m_queue.size());
    m_queue.clear();
    m_importer->cancel();
}

void FileImportController::cancelAndWait()
{
    if (!isImporting())
        return;
    cancel();
    ++m_generation; // the worker's own "done" answer is now stale
    collectResult();
    finish();
}

void FileImportController::startNext()
{
    if (m_queue.isEmpty() || !m_sink) {
        finish();
        return;
    }
    if (!m_importer)
        m_importer = std::make_shared<TelemetryFileImporter>(m_sink, m_counters);
    m_importer->resetCancel();
    m_currentPath = m_queue.takeFirst();
    ++m_fileNumber;
    {
        std::lock_guard lock(m_mutex);
        m_result.reset();
        m_latestProgress = ImportProgressReport{QFileInfo(m_currentPath).fileName(),
                                                m_fileNumber,
                                                m_fileCount,
                                                0,
                                                QFileInfo(m_currentPath).size(),
                                                0};
    }
    const std::uint64_t generation = ++m_generation;
    const int fileNumber = m_fileNumber;
    const int fileCount = m_fileCount;
    const QString fileName = QFileInfo(m_currentPath).fileName();
    m_importer->setProgressCallback(
        [this, fileNumber, fileCount, fileName](const ImportProgress &progress) {
            std::lock_guard lock(m_mutex);
            m_latestProgress
                = ImportProgressReport{fileName,
                                       fileNumber,
                                       fileCount,
                                       progress.fileBytesDone,
                                       progress.fileBytesTotal,
                                       progress.spans + progress.dataPoints + progress.logRecords};
        });
    m_worker = std::thread(
        [this, importer = m_importer, path = m_currentPath.toStdString(), generation] {
            auto result = std::make_shared<FileImportResult>(importer->importFile(path));
            {
                std::lock_guard lock(m_mutex);
                m_result = std::move(result);
            }
            // Queued to the controller: dropped if it is gone (its destructor joins first).
            QMetaObject::invokeMethod(
                this, [this, generation] { onWorkerDone(generation); }, Qt::QueuedConnection);
        });
    // After the worker exists, so a Cancel pressed on this first report takes effect.
    publishProgress();
    m_progressTimer.start();
}

void FileImportController::onWorkerDone(std::uint64_t generation)
{
    if (generation != m_generation)
        return;
    collectResult();
    if (m_cancelled || m_queue.isEmpty())
        finish();
    else
        startNext();
}

void FileImportController::collectResult()
{
    if (m_worker.joinable())
        m_worker.join();
    std::shared_ptr<FileImportResult> result;
    {
        std::lock_guard lock(m_mutex);
        result = std::move(m_result);
    }
    if (result)
        m_summary.files.push_back(reportOf(*result));
}

void FileImportController::publishProgress()
{
    std::optional<ImportProgressReport> progress;
    {
        std::lock_guard lock(m_mutex);
        progress.swap(m_latestProgress);
    }
    if (progress)
        Q_EMIT progressChanged(*progress);
}

void FileImportController::finish()
{
    m_progressTimer.stop();
    m_queue.clear();
    {
        std::lock_guard lock(m_mutex);
        m_latestProgress.reset();
    }
    Q_EMIT finished(m_summary);
}

} // namespace kansoku
