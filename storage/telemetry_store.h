// Owns the database file: schema/migrations, the one writer thread (group commits from a bounded
// queue) and the read-only query connections; or, in read-only mode, only the query connections.
// Create, open() and close() on one thread (the app's main thread); offer(), status() and
// queries() from any thread.
#pragma once

#include "core/storage_status.h"
#include "core/telemetry_sink.h"
#include "encoded_telemetry_batch.h"
#include "storage_options.h"
#include "writer_throughput.h"

#include <QMetaType>
#include <QObject>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace kansoku {

class SessionRetention;
class SqliteDatabase;
class SqliteTelemetryQueries;
class StorageWriter;
class WalCheckpointer;

class TelemetryStore : public QObject, public TelemetrySink
{
    Q_OBJECT
public:
    explicit TelemetryStore(StorageOptions options, QObject *parent = nullptr);
    ~TelemetryStore() override; // close()s if still open

    // Creates/migrates the schema and starts the writer thread. False + a message naming the file
    // and the SQLite error on failure. Read-only: the file must exist with the current schema
    // (an older one cannot be migrated without writing, so it is refused with a message saying
    // so); nothing is written to it.
    bool open(QString *errorMessage);
    // Refuses new offers, drains and commits everything queued, stops the thread, checkpoints.
    void close();

    // Never blocks. QueueFull when the batch would take the acknowledged-but-uncommitted items
    // past the durability bound (StorageOptions::maxUncommittedMs of measured writing; a batch
    // larger than the whole bound is still accepted into an empty queue); Closed before open() /
    // after close().
    OfferResult offer(TelemetryBatchPtr batch) override;
    OfferResult offerWaiting(TelemetryBatchPtr batch, std::chrono::milliseconds patience) override;

    // Valid after open(); thread-safe and concurrent. Uses its own read-only connections, so it
    // keeps working after close() (and after the store is gone) while the file exists.
    std::shared_ptr<const TelemetryQueries> queries() const;
    StorageStatus status() const; // cheap, any thread
    // Retention, any thread, while open and writable (false otherwise): new limits are stored in
    // the session and enforced by the writer thread; a clear deletes all telemetry stored so far
    // through the same steps, then dataCleared().
    bool setLimits(const SessionLimits &limits);
    bool clearData();
    SessionLimits limits() const;
    QString databasePath() const;
    bool isReadOnly() const { return m_options.readOnly; }
    static int schemaVersion();

    // True when path is an SQLite file stamped with Kansoku's application id (a session file),
    // from its 100-byte header; false for telemetry exports and anything else. Any thread.
    static bool isSessionFile(const QString &path);
    // Writes a consistent snapshot of the session at sourcePath to targetPath (VACUUM INTO on its
    // own read connection, so the writer keeps committing meanwhile). targetPath must not exist.
    // Blocking: call it on a worker thread. False + a message on failure (no partial target).
    // sourceReadOnly: the source is a read-only session, read as immutable (nothing written
    // beside it).
    static bool writeCopy(const QString &sourcePath, const QString &targetPath,
                          QString *errorMessage, bool sourceReadOnly = false);

Q_SIGNALS:
    // From the writer thread, once per committed transaction.
    void batchCommitted(const kansoku::CommitSummary &summary);
    // From the writer thread; the batches of the failed transaction are dropped.
    void writeFailed(const QString &message);
    // From the writer thread, after a retention step deleted telemetry or retired services
    // (counts 0, the totals after it), and once a requested clear has emptied the session.
    void dataRemoved(const kansoku::CommitSummary &summary);
    void dataCleared();

private:
    enum class State { Created, Open, Closed };

    bool openReadOnly(QString *errorMessage);
    void runWriter(StorageWriter &writer, SessionRetention &retention);
    // One retention step between the writer's transactions; true when more is due at once.
    bool runRetention(StorageWriter &writer, SessionRetention &retention);
    bool openSessionLimits(bool isNewFile, SessionLimits *limits, std::string *errorMessage);
    // Under m_mutex: a transaction ended; moves the durability bound.
    void noteTransaction(std::int64_t items, std::chrono::nanoseconds busy);
    void reportFailure(const std::string &message);

    const StorageOptions m_options;
    std::unique_ptr<SqliteDatabase> m_database; // the write connection; writer thread while open
    std::shared_ptr<SqliteTelemetryQueries> m_queries;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    std::shared_ptr<SessionRetention> m_retention; // writable only; status() reads it
    std::thread m_writerThread;

    mutable std::mutex m_mutex;              // guards everything below
    std::condition_variable m_wake;          // the writer: a batch arrived, or stopping
    std::condition_variable m_roomAvailable; // offerWaiting(): a commit freed room, or closing
    std::deque<EncodedTelemetryBatch> m_queue;
    std::int64_t m_queuedItems = 0; // queued plus taken but not yet committed
    WriterThroughput m_throughput;
    std::int64_t m_admissionLimitItems = 0; // m_throughput's bound after the last transaction
    State m_state = State::Created;
    bool m_stopping = false;
    bool m_offersRefused = false; // read-only
    TelemetryTotals m_totals;
    std::string m_lastError;
    SessionLimits m_readOnlyLimits; // what a read-only session has stored
};

} // namespace kansoku

Q_DECLARE_METATYPE(kansoku::CommitSummary)
