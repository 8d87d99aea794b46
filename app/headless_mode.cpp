#include "headless_mode.h"

#include "kansoku_runtime.h"
#include "protobuf_log_limiter.h"
#include "unix_signal_notifier.h"

#include <QCoreApplication>
#include <QLocale>
#include <cstdio>

namespace kansoku {

static void printLine(const QString &line)
{
    std::fputs(line.toLocal8Bit().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// " | forward=URL (protocol) forwarded=N items=N queued=N (N KiB) retries=N dropped=N items=N",
// or nothing when not forwarding.
static QString forwardingText(const ForwardingStatus &forward)
{
    if (!forward.enabled)
        return {};
    return QStringLiteral(" | forward=%1 forwarded=%2 items=%3 queued=%4 (%5 KiB) retries=%6 "
                          "dropped=%7 items=%8%9")
        .arg(QString::fromStdString(forward.upstream))
        .arg(forward.forwardedRequests)
        .arg(forward.forwardedItems)
        .arg(forward.queuedRequests)
        .arg(forward.queuedBytes / 1024)
        .arg(forward.retries)
        .arg(forward.droppedRequests)
        .arg(forward.droppedItems)
        .arg(forward.lastError.empty()
                 ? QString()
                 : QStringLiteral(" last error: ") + QString::fromStdString(forward.lastError));
}

HeadlessMode::HeadlessMode(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_runtime(new KansokuRuntime(options, this))
{
    m_statsTimer.setInterval(options.statsIntervalSeconds * 1000);
    connect(&m_statsTimer, &QTimer::timeout, this, &HeadlessMode::printStatistics);
}

int HeadlessMode::run()
{
    auto *signalNotifier = new UnixSignalNotifier(this);
    connect(signalNotifier, &UnixSignalNotifier::terminationRequested, this,
            &HeadlessMode::shutDown);

    QString error;
    if (!m_runtime->start(&error)) {
        std::fprintf(stderr, "kansoku: %s\n", error.toLocal8Bit().constData());
        m_runtime->stop();
        return 1;
    }
    QString endpoints;
    for (const ReceiverStatus &receiver : m_runtime->receiverStatuses()) {
        const QString key
            = receiver.protocol == "OTLP/gRPC" ? QStringLiteral("grpc") : QStringLiteral("http");
        endpoints += key + QLatin1Char('=') + QString::fromStdString(receiver.endpoint)
                     + QLatin1Char(' ');
    }
    if (m_runtime->requiresToken()) {
        const QStringList lines = m_runtime->participantLines();
        printLine(QStringLiteral("kansoku: exports must carry the bearer token (%1); "
                                 "participants set:")
                      .arg(m_options.tokenGenerated ? QStringLiteral("generated for this run")
                                                    : QStringLiteral("from --token")));
        for (const QString &line : lines)
            printLine(QStringLiteral("  ") + line);
        if (lines.size() == 1)
            printLine(QStringLiteral("  (no network address found: use this machine's address "
                                     "with the ports of the ready line below)"));
    }
    if (const ForwardingStatus forward = m_runtime->forwardingStatus(); forward.enabled)
        printLine(QStringLiteral("kansoku: forwarding accepted exports to %1")
                      .arg(QString::fromStdString(forward.upstream)));
    printLine(QStringLiteral("kansoku ready: %1db=%2")
                  .arg(endpoints, QString::fromStdString(m_runtime->storageStatus().databasePath)));
    m_sinceLastStats.start();
    m_statsTimer.start();
    return QCoreApplication::exec();
}

// "cap=2GiB retain=7d live=12.3 MiB pruned traces=0 logs=0 points=0" (cap=none, retain=off).
static QString retentionText(const StorageStatus &storage)
{
    return QStringLiteral("cap=%1 retain=%2 live=%3 MiB pruned traces=%4 logs=%5 points=%6")
        .arg(storage.limits.hasSizeCap()
                 ? SessionLimits::sizeText(storage.limits.maxBytes).remove(QLatin1Char(' '))
                 : QStringLiteral("none"),
             SessionLimits::retentionText(storage.limits.retainNs),
             QLocale::c().toString(storage.liveDataBytes / (1024.0 * 1024.0), 'f', 1))
        .arg(storage.pruned.traces)
        .arg(storage.pruned.logRecords)
        .arg(storage.pruned.dataPoints);
}

void HeadlessMode::printStatistics()
{
    // The count of libprotobuf lines held back in an interval that has ended, near its end.
    if (ProtobufLogLimiter *protobufLog = ProtobufLogLimiter::routed())
        protobufLog->emitDueSummary();
    const QLocale locale = QLocale::c();
    const StorageStatus storage = m_runtime->storageStatus();
    const IngestCounts ingest = m_runtime->counters().total();
    const std::int64_t storedItems
        = storage.totals.spans + storage.totals.dataPoints + storage.totals.logRecords;
    const double seconds = std::max<qint64>(1, m_sinceLastStats.restart()) / 1000.0;
    const double itemsPerSecond = double(storedItems - m_lastStoredItems) / seconds;
    m_lastStoredItems = storedItems;
    printLine(QStringLiteral("kansoku stats: stored spans=%1 points=%2 logs=%3 (%4 items/s) | "
                             "received=%5 rejected=%6 malformed=%7 refused=%8 unauthorized=%9 | "
                             "queue=%10/%11 | db=%12 MiB | %13%14")
                  .arg(storage.totals.spans)
                  .arg(storage.totals.dataPoints)
                  .arg(storage.totals.logRecords)
                  .arg(locale.toString(itemsPerSecond, 'f', 0))
                  .arg(ingest.received)
                  .arg(ingest.rejected)
                  .arg(ingest.malformed)
                  .arg(ingest.refused)
                  .arg(ingest.unauthorized)
                  .arg(storage.queuedItems)
                  .arg(storage.queueCapacityItems)
                  .arg(locale.toString(storage.fileSizeBytes / (1024.0 * 1024.0), 'f', 1))
                  .arg(retentionText(storage))
                  .arg(storage.lastError.empty() ? QString()
                                                 : QStringLiteral(" | error: ")
                                                       + QString::fromStdString(storage.lastError))
              + forwardingText(m_runtime->forwardingStatus()));
}

void HeadlessMode::shutDown(int signalNumber)
{
    printLine(QStringLiteral("kansoku: signal %1, stopping: draining the queue and committing")
                  .arg(signalNumber));
    m_statsTimer.stop();
    m_runtime->stop();
    printStatistics();
    printLine(QStringLiteral("kansoku: stopped cleanly"));
    QCoreApplication::exit(0);
}

} // namespace kansoku
