#include "telemetry_store.h"

#include "encoded_telemetry_batch.h"
#include "schema_migrator.h"
#include "session_retention.h"
#include "session_settings.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"
#include "sqlite_telemetry_queries.h"
#include "storage_writer.h"
#include "wal_checkpointer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <chrono>

namespace kansoku {

namespace {

// The checkpoint thread folds the log back at this length (40 MiB of 16 KiB pages)...
constexpr int checkpointWalFrames = 2500;
// ...and the writer does it itself past this one, should that thread ever fall far behind.
constexpr int writerCheckpointWalFrames = 8 * checkpointWalFrames;

int onWalCommit(void *checkpointer, sqlite3 *database, const char *, int walFrames)
{
    static_cast<WalCheckpointer *>(checkpointer)->noteWalFrames(walFrames);
    if (walFrames >= writerCheckpointWalFrames)
        sqlite3_wal_checkpoint_v2(database, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
}

bool configureWriteConnection(SqliteDatabase &database, std::string *errorMessage)
{
    std::string error;
    // journal_mode answers with the resulting mode; anything but "wal" means it did not stick.
    SqliteStatement journal(database.handle(), "PRAGMA journal_mode = WAL");
    if (!journal.isValid() || journal.step() != SQLITE_ROW || journal.columnText(0) != "wal") {
        *errorMessage
            = "cannot switch " + database.path() + " to WAL mode: " + database.errorMessage();
        return false;
    }
    // No wal_autocheckpoint: the WalCheckpointer's hook replaces it. 64 MiB of cache keeps the
    // pages new rows go to in memory (a 256 MiB cache measured no faster). Under sustained ingest
    // the log can run to hundreds of MiB before a checkpoint catches up and it starts over; the
    // size limit gives that disk space back when it does, instead of keeping the high-water mark.
    if (!database.exec("PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; "
                       "PRAGMA cache_size = -65536; PRAGMA journal_size_limit = 134217728;",
                       &error)) {
        *errorMessage = "cannot configure " + database.path() + ": " + error;
        return false;
    }
    return true;
}

// How long the writer waits for telemetry before checking the limits again (the age limit is
// checked at most once a second; the size only changes with writes).
constexpr auto retentionCheckInterval = std::chrono::milliseconds(250);

std::int64_t nowUnixNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A read-only session as SQLite opens it (with SQLITE_OPEN_URI), see openReadOnly().
std::string readOnlyUri(const QString &path, const char *query)
{
    return QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath())
               .toString(QUrl::FullyEncoded)
               .toStdString()
           + query;
}

std::string immutableUri(const QString &path)
{
    return readOnlyUri(path, "?immutable=1");
}

} // namespace

TelemetryStore::TelemetryStore(StorageOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_throughput(std::chrono::milliseconds(m_options.maxUncommittedMs),
                   m_options.minUncommittedItems, m_options.queueCapacityItems)
    , m_admissionLimitItems(m_throughput.admissionLimitItems())
{
    qRegisterMetaType<kansoku::CommitSummary>();
}

TelemetryStore::~TelemetryStore()
{
    close();
}

bool TelemetryStore::open(QString *errorMessage)
{
    auto failWith = [&](const std::string &message) {
        if (errorMessage)
            *errorMessage = QString::fromStdString(message);
        std::lock_guard lock(m_mutex);
        m_lastError = message;
        m_database.reset();
        return false;
    };
    {
        std::lock_guard lock(m_mutex);
        if (m_state != State::Created)
            return failWith("the store for " + m_options.databasePath.toStdString()
                            + " was already opened");
    }
    const QString path = m_options.databasePath;
    const std::string pathText = path.toStdString();
    if (path.isEmpty())
        return failWith("no database path given");
    if (m_options.readOnly)
        return openReadOnly(errorMessage);
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return failWith("cannot create the folder " + info.absolutePath().toStdString());

    const bool isNewFile = !info.exists() || info.size() == 0;
    m_database = std::make_unique<SqliteDatabase>();
    std::string error;
    if (!m_database->open(pathText,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, &error))
        return failWith(error);
    sqlite3_busy_timeout(m_database->handle(), 5000);
    if (!SchemaMigrator::migrate(*m_database, &error)
        || !configureWriteConnection(*m_database, &error))
        return failWith(error);

    SessionLimits limits;
    if (!openSessionLimits(isNewFile, &limits, &error))
        return failWith(error);
    auto writer = std::make_unique<StorageWriter>(*m_database);
    if (!writer->load(&error))
        return failWith(error);
    auto retention = std::make_shared<SessionRetention>(*m_database, *writer, limits);
    auto queries = std::make_shared<SqliteTelemetryQueries>(pathText);
    if (!queries->checkConnection(&error))
        return failWith(error);
    m_checkpointer = std::make_unique<WalCheckpointer>(pathText, checkpointWalFrames);
    if (!m_checkpointer->start(&error)) {
        m_checkpointer.reset();
        return failWith(error);
    }
    sqlite3_wal_hook(m_database->handle(), onWalCommit, m_checkpointer.get());

    {
        std::lock_guard lock(m_mutex);
        m_queries = std::move(queries);
        m_totals = writer->totals();
        m_retention = retention;
        m_state = State::Open;
        m_stopping = false;
    }
    m_writerThread = std::thread(
        [this, writer = std::move(writer), retention]() { runWriter(*writer, *retention); });
    return true;
}

bool TelemetryStore::openSessionLimits(bool isNewFile, SessionLimits *limits,
                                       std::string *errorMessage)
{
    if (isNewFile)
        *limits = m_options.newSessionLimits;
    else if (!SessionSettings::readLimits(*m_database, limits, errorMessage))
        return false;
    if (!isNewFile && !m_options.maxBytes && !m_options.retainNs)
        return true;
    limits->maxBytes = m_options.maxBytes.value_or(limits->maxBytes);
    limits->retainNs = m_options.retainNs.value_or(limits->retainNs);
    return SessionSettings::writeLimits(*m_database, *limits, errorMessage);
}

bool TelemetryStore::openReadOnly(QString *errorMessage)
{
    const std::string pathText = m_options.databasePath.toStdString();
    auto failWith = [&](const std::string &message) {
        if (errorMessage)
            *errorMessage = QString::fromStdString(message);
        std::lock_guard lock(m_mutex);
        m_lastError = message;
        return false;
    };
    if (!QFileInfo::exists(m_options.databasePath))
        return failWith("cannot open " + pathText + " read-only: the file does not exist");
    // Immutable: SQLite then creates no -wal/-shm files beside it, which also makes files on
    // read-only media or in folders we cannot write openable. The price: a file another program
    // is still writing may read inconsistently; such a file is ours to copy, not to watch.
    // Following the writer is the other way round: an ordinary WAL reader (mode=ro), which sees
    // every commit but needs the -shm file beside the session.
    const std::string uri = m_options.followWriter ? readOnlyUri(m_options.databasePath, "?mode=ro")
                                                   : immutableUri(m_options.databasePath);
    std::string error;
    int version = 0;
    SessionLimits limits;
    {
        SqliteDatabase probe;
        if (!probe.open(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, &error)
            || !SchemaMigrator::inspect(probe, &version, &error)
            || !SessionSettings::readLimits(probe, &limits, &error)) {
            // The messages name the connection's URI; the user knows the file by its path.
            for (auto at = error.find(uri); at != std::string::npos; at = error.find(uri))
                error.replace(at, uri.size(), pathText);
            return failWith(error);
        }
    }
    if (version < SchemaMigrator::oldestReadOnlyVersion()) {
        return failWith(pathText + " has schema version " + std::to_string(version)
                        + ", older than this Kansoku's (version "
                        + std::to_string(SchemaMigrator::latestVersion())
                        + "), and cannot be upgraded because it is read-only; copy it to a "
                          "folder you can write to, make the copy writable and open it");
    }
    auto queries = std::make_shared<SqliteTelemetryQueries>(uri);
    if (!queries->checkConnection(&error))
        return failWith(error);
    const TelemetryTotals totals = queries->totals();
    std::lock_guard lock(m_mutex);
    m_queries = std::move(queries);
    m_totals = totals;
    m_readOnlyLimits = limits;
    m_state = State::Open;
    m_offersRefused = true;
    return true;
}

bool TelemetryStore::isSessionFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray header = file.read(100);
    // The application id is the big-endian integer at offset 68 of the database header.
    return header.size() == 100 && header.startsWith("SQLite format 3")
           && header.mid(68, 4) == QByteArrayLiteral("KNSK");
}

bool TelemetryStore::writeCopy(const QString &sourcePath, const QString &targetPath,
                               QString *errorMessage, bool sourceReadOnly)
{
    auto failWith = [&](const std::string &message) {
        if (errorMessage)
            *errorMessage = QString::fromStdString(message);
        return false;
    };
    if (QFileInfo::exists(targetPath))
        return failWith("cannot save the session as " + targetPath.toStdString()
                        + ": the file exists");
    if (!QDir().mkpath(QFileInfo(targetPath).absolutePath()))
        return failWith("cannot create the folder "
                        + QFileInfo(targetPath).absolutePath().toStdString());
    SqliteDatabase source;
    std::string error;
    const std::string sourceName
        = sourceReadOnly ? immutableUri(sourcePath) : sourcePath.toStdString();
    if (!source.open(sourceName, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                     &error))
        return failWith(error);
    sqlite3_busy_timeout(source.handle(), 5000);
    // VACUUM INTO reads inside one transaction: the copy is the state of one commit, whatever
    // the writer does meanwhile. It keeps the schema version, application id and page size.
    const std::string target = targetPath.toStdString();
    SqliteStatement vacuum(source.handle(), "VACUUM INTO ?1");
    if (vacuum.isValid())
        vacuum.bindText(1, target);
    if (!vacuum.isValid() || vacuum.step() != SQLITE_DONE) {
        error = source.errorMessage();
        QFile::remove(targetPath);
        return failWith("cannot save the session as " + targetPath.toStdString() + ": " + error);
    }
    return true;
}

void TelemetryStore::close()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_state != State::Open) {
            m_state = State::Closed;
            return;
        }
        m_state = State::Closed;
        m_stopping = true;
    }
    m_roomAvailable.notify_all();
    if (!m_database)
        return; // read-only: no writer, nothing to commit or checkpoint
    m_wake.notify_all();
    if (m_writerThread.joinable())
        m_writerThread.join();
    sqlite3_wal_hook(m_database->handle(), nullptr, nullptr);
    m_checkpointer.reset();
    // Folding the WAL back keeps the file self-contained for copying and for the next open.
    sqlite3_wal_checkpoint_v2(m_database->handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr,
                              nullptr);
    m_database.reset();
}

OfferResult TelemetryStore::offer(TelemetryBatchPtr batch)
{
    return offerWaiting(std::move(batch), std::chrono::milliseconds(0));
}

OfferResult TelemetryStore::offerWaiting(TelemetryBatchPtr batch,
                                         std::chrono::milliseconds patience)
{
    const std::int64_t items = batch ? static_cast<std::int64_t>(batch->itemCount()) : 0;
    const auto deadline = std::chrono::steady_clock::now() + patience;
    // Encoded here, on the offering thread, so the writer thread only binds the bytes.
    EncodedTelemetryBatch encoded
        = items > 0 ? EncodedTelemetryBatch(std::move(batch)) : EncodedTelemetryBatch();
    {
        std::unique_lock lock(m_mutex);
        const auto isClosed = [this] {
            return m_state != State::Open || m_offersRefused;
        };
        // A batch larger than the whole capacity still goes into an empty queue.
        const auto hasRoom = [&] {
            return m_queuedItems == 0 || m_queuedItems + items <= m_admissionLimitItems;
        };
        if (isClosed())
            return OfferResult::Closed;
        if (items == 0)
            return OfferResult::Accepted;
        m_roomAvailable.wait_until(lock, deadline, [&] { return isClosed() || hasRoom(); });
        if (isClosed())
            return OfferResult::Closed;
        if (!hasRoom())
            return OfferResult::QueueFull;
        m_queuedItems += items;
        m_queue.push_back(std::move(encoded));
    }
    m_wake.notify_one();
    return OfferResult::Accepted;
}

std::shared_ptr<const TelemetryQueries> TelemetryStore::queries() const
{
    std::lock_guard lock(m_mutex);
    return m_queries;
}

StorageStatus TelemetryStore::status() const
{
    StorageStatus status;
    status.databasePath = m_options.databasePath.toStdString();
    std::shared_ptr<SessionRetention> retention; // its own lock: read outside the store's
    {
        std::lock_guard lock(m_mutex);
        status.queuedItems = m_queuedItems;
        status.queueCapacityItems = m_admissionLimitItems;
        status.writerItemsPerSecond = m_throughput.itemsPerSecond();
        status.totals = m_totals;
        status.lastError = m_lastError;
        retention = m_retention;
        status.limits = m_readOnlyLimits;
    }
    if (retention) {
        status.limits = retention->limits();
        status.liveDataBytes = retention->liveDataBytes();
        status.pruned = retention->pruned();
    }
    const QFileInfo main(m_options.databasePath);
    const QFileInfo wal(m_options.databasePath + QStringLiteral("-wal"));
    status.fileSizeBytes = (main.exists() ? main.size() : 0) + (wal.exists() ? wal.size() : 0);
    return status;
}

bool TelemetryStore::setLimits(const SessionLimits &limits)
{
    std::lock_guard lock(m_mutex);
    if (m_state != State::Open || !m_retention || m_stopping)
        return false;
    m_retention->requestLimits(limits);
    // Under the mutex: the writer checks hasRequest() in its wait's predicate.
    m_wake.notify_one();
    return true;
}

bool TelemetryStore::clearData()
{
    std::lock_guard lock(m_mutex);
    if (m_state != State::Open || !m_retention || m_stopping)
        return false;
    m_retention->requestClear();
    m_wake.notify_one();
    return true;
}

SessionLimits TelemetryStore::limits() const
{
    return status().limits;
}

QString TelemetryStore::databasePath() const
{
    return m_options.databasePath;
}

int TelemetryStore::schemaVersion()
{
    return SchemaMigrator::latestVersion();
}

void TelemetryStore::reportFailure(const std::string &message)
{
    {
        std::lock_guard lock(m_mutex);
        m_lastError = message;
    }
    Q_EMIT writeFailed(QString::fromStdString(message));
}

void TelemetryStore::noteTransaction(std::int64_t items, std::chrono::nanoseconds busy)
{
    m_throughput.noteTransaction(items, busy);
    m_admissionLimitItems = m_throughput.admissionLimitItems();
}

bool TelemetryStore::runRetention(StorageWriter &writer, SessionRetention &retention)
{
    const SessionRetention::Outcome outcome = retention.runStep(nowUnixNs());
    if (!outcome.error.empty()) {
        {
            std::lock_guard lock(m_mutex);
            m_totals = writer.totals();
        }
        reportFailure(outcome.error);
        return false;
    }
    if (outcome.removed) {
        CommitSummary summary;
        summary.totals = writer.totals();
        {
            std::lock_guard lock(m_mutex);
            m_totals = summary.totals;
        }
        Q_EMIT dataRemoved(summary);
    }
    if (outcome.clearFinished)
        Q_EMIT dataCleared();
    return outcome.moreWork;
}

void TelemetryStore::runWriter(StorageWriter &writer, SessionRetention &retention)
{
    using Clock = std::chrono::steady_clock;
    const auto maxLatency = std::chrono::milliseconds(m_options.commitMaxLatencyMs);
    std::unique_lock lock(m_mutex);
    for (;;) {
        // Retention gets one bounded step between transactions, so ingest keeps flowing. Its time
        // is writer time the queue waits through, so it counts in the next transaction's busy
        // time (the durability bound follows the writer's real pace).
        Clock::duration retentionBusy{};
        if (!m_stopping) {
            lock.unlock();
            const auto retentionStart = Clock::now();
            const bool morePruning = runRetention(writer, retention);
            retentionBusy = Clock::now() - retentionStart;
            lock.lock();
            if (!morePruning)
                m_wake.wait_for(lock, retentionCheckInterval, [&] {
                    return !m_queue.empty() || m_stopping || retention.hasRequest();
                });
        }
        if (m_queue.empty()) {
            if (m_stopping)
                break; // stopping and drained
            continue;
        }
        const auto deadline = Clock::now() + maxLatency;
        lock.unlock();

        // Another connection (e.g. a sqlite3 shell) may hold the write lock for a while: keep
        // retrying so the queue fills and ingest gets "retry later", except when shutting down.
        std::string error;
        bool ok = false;
        for (;;) {
            bool isBusy = false;
            ok = writer.begin(&error, &isBusy);
            if (ok || !isBusy)
                break;
            lock.lock();
            const bool stopping = m_stopping;
            lock.unlock();
            if (stopping)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }

        Clock::duration busy = retentionBusy;
        std::int64_t takenItems = 0;
        lock.lock();
        for (;;) {
            while (!m_queue.empty() && takenItems < m_options.commitMaxItems) {
                EncodedTelemetryBatch batch = std::move(m_queue.front());
                m_queue.pop_front();
                takenItems += static_cast<std::int64_t>(batch.itemCount());
                lock.unlock();
                if (ok) {
                    const auto start = Clock::now();
                    ok = writer.write(batch, &error);
                    busy += Clock::now() - start;
                }
                batch = {};
                lock.lock();
                if (Clock::now() >= deadline)
                    break;
            }
            if (takenItems >= m_options.commitMaxItems || Clock::now() >= deadline || !ok)
                break;
            if (m_stopping && m_queue.empty())
                break;
            m_wake.wait_until(lock, deadline, [this] { return !m_queue.empty() || m_stopping; });
            if (m_queue.empty())
                break; // the window closed, or stopping with nothing left
        }
        lock.unlock();

        CommitSummary summary;
        if (ok) {
            const auto start = Clock::now();
            ok = writer.commit(&summary, &error);
            busy += Clock::now() - start;
        }
        if (ok) {
            summary.commitDurationUs
                = std::chrono::duration_cast<std::chrono::microseconds>(busy - retentionBusy)
                      .count();
            lock.lock();
            m_totals = summary.totals;
            m_queuedItems -= takenItems;
            noteTransaction(takenItems, busy);
            lock.unlock();
            m_roomAvailable.notify_all();
            Q_EMIT batchCommitted(summary);
        } else {
            writer.rollback();
            lock.lock();
            m_totals = writer.totals();
            m_queuedItems -= takenItems;
            noteTransaction(takenItems, busy);
            lock.unlock();
            m_roomAvailable.notify_all();
            reportFailure(error);
        }
        lock.lock();
    }
}

} // namespace kansoku
