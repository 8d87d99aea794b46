// The store's retention, between its writer thread and everyone else: requests (new limits, a
// clear) come in from any thread; the writer thread calls runStep() once per loop iteration,
// between its transactions, which stores new limits in the session and lets RetentionPruner run
// one bounded step. What it reports (limits, live data size, what was removed) is read from any
// thread. Created by TelemetryStore::open(); borrows the write connection and the writer.
#pragma once

#include "core/session_limits.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace kansoku {

class RetentionPruner;
class SqliteDatabase;
class StorageWriter;

class SessionRetention
{
public:
    SessionRetention(SqliteDatabase &database, StorageWriter &writer, const SessionLimits &limits);
    ~SessionRetention();

    // Any thread. Applied by the writer thread's next runStep().
    void requestLimits(const SessionLimits &limits);
    void requestClear();
    bool hasRequest() const { return m_hasRequest.load(); }

    // Any thread: the limits in force (the last requested ones once applied), the live data size
    // measured at the last step, and what pruning removed since open().
    SessionLimits limits() const;
    std::int64_t liveDataBytes() const;
    PruneTotals pruned() const;

    struct Outcome
    {
        bool removed = false;       // rows were deleted (totals changed) or services retired
        bool moreWork = false;      // run again soon, without waiting for new telemetry
        bool clearFinished = false; // a requested clear has emptied the session
        std::string error;          // the step failed (it was rolled back)
    };
    // Writer thread, between transactions; nowNs: Unix epoch nanoseconds.
    Outcome runStep(std::int64_t nowNs);

private:
    SqliteDatabase &m_database;
    std::unique_ptr<RetentionPruner> m_pruner; // writer thread
    mutable std::mutex m_mutex;                // guards the members below
    std::atomic<bool> m_hasRequest{false};
    std::optional<SessionLimits> m_requestedLimits;
    bool m_clearRequested = false;
    SessionLimits m_limits;
    std::int64_t m_liveDataBytes = 0;
    PruneTotals m_pruned;
};

} // namespace kansoku
