#include "runtime_stats_log.h"

#include "core/storage_status.h"
#include "kansoku_runtime.h"
#include "process_memory.h"
#include "telemetry_store.h"
#include "view/query_latency_recorder.h"

#include <QFileInfo>
#include <QStringList>
#include <algorithm>

namespace kansoku {

namespace {

constexpr int tickIntervalMs = 100;
constexpr std::int64_t nsPerMs = 1000 * 1000;

std::int64_t fileSize(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() ? info.size() : 0;
}

std::int64_t storedItems(const StorageStatus &storage)
{
    return storage.totals.spans + storage.totals.logRecords + storage.totals.dataPoints
           + storage.pruned.spans + storage.pruned.logRecords + storage.pruned.dataPoints;
}

} // namespace

RuntimeStatsLog::RuntimeStatsLog(const QString &path, int intervalSeconds,
                                 const KansokuRuntime *runtime, QObject *parent)
    : QObject(parent)
    , m_file(path)
    , m_runtime(runtime)
    , m_lateness(tickIntervalMs * nsPerMs)
{
    m_tickTimer.setTimerType(Qt::PreciseTimer);
    m_tickTimer.setInterval(tickIntervalMs);
    connect(&m_tickTimer, &QTimer::timeout, this,
            [this] { m_lateness.noteTick(m_clock.nsecsElapsed()); });
    m_lineTimer.setInterval(std::max(1, intervalSeconds) * 1000);
    connect(&m_lineTimer, &QTimer::timeout, this, &RuntimeStatsLog::writeLine);
}

RuntimeStatsLog::~RuntimeStatsLog()
{
    QueryLatencyRecorder::setEnabled(false);
}

QString RuntimeStatsLog::headerLine()
{
    return QStringLiteral(
        "elapsed_s,rss_kib,rss_anon_kib,loop_late_p50_us,loop_late_p99_us,loop_late_max_us,"
        "refreshes,"
        "refresh_p50_us,refresh_p99_us,refresh_max_us,db_kib,wal_kib,spans,logs,points,"
        "received_per_s,stored_per_s,queued,pruned_spans");
}

bool RuntimeStatsLog::start(QString *errorMessage)
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        *errorMessage = tr("Cannot write the statistics log %1: %2")
                            .arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    if (m_file.size() == 0)
        m_file.write((headerLine() + QLatin1Char('\n')).toUtf8());
    m_file.flush();
    QueryLatencyRecorder::setEnabled(true);
    QueryLatencyRecorder::take();
    const StorageStatus storage = m_runtime->storageStatus();
    m_lastReceivedItems = m_runtime->counters().total().received;
    m_lastStoredItems = storedItems(storage);
    m_clock.start();
    m_tickTimer.start();
    m_lineTimer.start();
    return true;
}

void RuntimeStatsLog::writeLine()
{
    const qint64 nowNs = m_clock.nsecsElapsed();
    const double seconds = std::max<qint64>(1, nowNs - m_lastLineNs) / 1e9;
    m_lastLineNs = nowNs;
    const DurationSample lateness = m_lateness.take();
    const DurationSample refreshes = QueryLatencyRecorder::take();
    const StorageStatus storage = m_runtime->storageStatus();
    const std::int64_t received = m_runtime->counters().total().received;
    const std::int64_t stored = storedItems(storage);
    const QString databasePath = m_runtime->store()->databasePath();
    const ProcessMemory::Resident memory = ProcessMemory::resident();
    const auto micros = [](std::int64_t ns) {
        return QString::number(ns / 1000);
    };
    const auto kibibytes = [](std::int64_t bytes) {
        return QString::number(bytes / 1024);
    };
    const QStringList fields{
        QString::number(nowNs / 1e9, 'f', 1),
        kibibytes(memory.totalBytes),
        kibibytes(memory.anonymousBytes),
        micros(lateness.medianNs()),
        micros(lateness.quantileNs(0.99)),
        micros(lateness.maxNs()),
        QString::number(refreshes.count()),
        micros(refreshes.medianNs()),
        micros(refreshes.quantileNs(0.99)),
        micros(refreshes.maxNs()),
        kibibytes(fileSize(databasePath)),
        kibibytes(fileSize(databasePath + QStringLiteral("-wal"))),
        QString::number(storage.totals.spans),
        QString::number(storage.totals.logRecords),
        QString::number(storage.totals.dataPoints),
        QString::number(double(received - m_lastReceivedItems) / seconds, 'f', 0),
        QString::number(double(stored - m_lastStoredItems) / seconds, 'f', 0),
        QString::number(storage.queuedItems),
        QString::number(storage.pruned.spans),
    };
    m_lastReceivedItems = received;
    m_lastStoredItems = stored;
    m_file.write((fields.join(QLatin1Char(',')) + QLatin1Char('\n')).toUtf8());
    m_file.flush();
}

} // namespace kansoku
