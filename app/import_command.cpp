#include "import_command.h"

#include "core/ingest_counters.h"
#include "telemetry_file_importer.h"
#include "telemetry_store.h"
#include "unix_signal_notifier.h"

#include <QCoreApplication>
#include <QLocale>
#include <chrono>
#include <cstdio>
#include <thread>

namespace kansoku {

namespace {

void printTo(std::FILE *stream, const QString &line)
{
    std::fputs(line.toLocal8Bit().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

QString mebibytes(std::int64_t bytes)
{
    return QLocale::c().toString(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

} // namespace

ImportCommand::ImportCommand(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{}

int ImportCommand::run()
{
    StorageOptions storageOptions;
    storageOptions.databasePath = m_options.databasePath;
    // A session made by an import has no limits: it holds the files, whatever their age.
    storageOptions.maxBytes = m_options.maxDbBytes;
    storageOptions.retainNs = m_options.retainNs;
    auto store = std::make_shared<TelemetryStore>(storageOptions);
    QString error;
    if (!store->open(&error)) {
        printTo(stderr, QStringLiteral("kansoku: %1").arg(error));
        return 2;
    }

    TelemetryFileImporter importer(store, std::make_shared<IngestCounters>());
    // Progress from the worker thread, at most twice a second, plus a line when a file ends.
    auto lastPrint = std::chrono::steady_clock::now();
    importer.setProgressCallback([&lastPrint](const ImportProgress &progress) {
        const auto now = std::chrono::steady_clock::now();
        if (now - lastPrint < std::chrono::milliseconds(500))
            return;
        lastPrint = now;
        const int percent = progress.fileBytesTotal > 0
                                ? int(100 * progress.fileBytesDone / progress.fileBytesTotal)
                                : 0;
        printTo(stderr,
                QStringLiteral("kansoku import: %1 %2% (%3 of %4 MiB): %5 spans, %6 points, "
                               "%7 logs")
                    .arg(QString::fromStdString(progress.file))
                    .arg(percent)
                    .arg(mebibytes(progress.fileBytesDone), mebibytes(progress.fileBytesTotal))
                    .arg(progress.spans)
                    .arg(progress.dataPoints)
                    .arg(progress.logRecords));
    });

    auto *signalNotifier = new UnixSignalNotifier(this);
    connect(signalNotifier, &UnixSignalNotifier::terminationRequested, this,
            [&importer](int signalNumber) {
                printTo(stderr, QStringLiteral("kansoku import: signal %1, cancelling after the "
                                               "current batch")
                                    .arg(signalNumber));
                importer.cancel();
            });

    std::vector<FileImportResult> results;
    std::thread worker([&] {
        for (const QString &file : std::as_const(m_options.importFiles)) {
            results.push_back(importer.importFile(file.toStdString()));
            const FileImportResult &result = results.back();
            printTo(stderr,
                    QStringLiteral("kansoku import: %1 (%2): %3 spans, %4 points, %5 logs")
                        .arg(file, QString::fromLatin1(
                                       TelemetryFileFormatDetector::formatName(result.format)))
                        .arg(result.spans)
                        .arg(result.dataPoints)
                        .arg(result.logRecords));
            if (result.outcome == FileImportResult::Outcome::Cancelled
                || result.outcome == FileImportResult::Outcome::SinkClosed)
                break;
        }
        QMetaObject::invokeMethod(QCoreApplication::instance(), &QCoreApplication::quit,
                                  Qt::QueuedConnection);
    });
    QCoreApplication::exec();
    worker.join();
    // Drains the queue and commits: everything offered is in the file when close() returns.
    store->close();

    std::int64_t spans = 0;
    std::int64_t points = 0;
    std::int64_t logs = 0;
    std::int64_t problems = 0;
    int filesRead = 0;
    bool unreadable = false;
    bool incomplete = false;
    for (const FileImportResult &result : results) {
        spans += result.spans;
        points += result.dataPoints;
        logs += result.logRecords;
        problems += result.problemCount;
        switch (result.outcome) {
        case FileImportResult::Outcome::Unreadable:
            unreadable = true;
            break;
        case FileImportResult::Outcome::Imported:
            ++filesRead;
            break;
        case FileImportResult::Outcome::Partial:
        case FileImportResult::Outcome::Cancelled:
        case FileImportResult::Outcome::SinkClosed:
            ++filesRead;
            incomplete = true;
            break;
        }
    }
    incomplete = incomplete || results.size() < std::size_t(m_options.importFiles.size());
    printTo(stdout,
            QStringLiteral("imported %1 spans, %2 points, %3 logs from %4 files; %5 problems")
                .arg(spans)
                .arg(points)
                .arg(logs)
                .arg(filesRead)
                .arg(problems));
    for (const FileImportResult &result : results) {
        for (const ImportProblem &problem : result.problems)
            printTo(stdout, QString::fromStdString(problem.toString()));
        const std::int64_t unlisted = result.problemCount - std::int64_t(result.problems.size());
        if (unlisted > 0)
            printTo(stdout, QStringLiteral("%1: %2 more problems not listed")
                                .arg(QString::fromStdString(result.file))
                                .arg(unlisted));
    }
    if (unreadable)
        return 2;
    return incomplete || problems > 0 ? 1 : 0;
}

} // namespace kansoku
