// Keeps a session within its SessionLimits, and clears it on request: deletes the oldest whole
// traces, logs and metric points in small steps, each its own short transaction between the
// writer's, so ingest keeps flowing. The derived rows (trace_services, metric stream counters, the
// totals row), the logs_fts index and StorageWriter's caches stay consistent with every step, and
// a service left without any telemetry is retired (retired_services) in the step that emptied it.
// Writer thread only; borrows the write connection and the writer from TelemetryStore.
#pragma once

#include "core/session_limits.h"

#include <chrono>
#include <optional>
#include <string>
#include <unordered_set>

namespace kansoku {

class SqliteDatabase;
class StorageWriter;

class RetentionPruner
{
public:
    // Pruning by size stops at this share of the cap, so SQLite reuses the freed pages for new
    // rows and the file stays near the cap instead of pruning again at every commit.
    static constexpr double lowWaterShare = 0.9;

    RetentionPruner(SqliteDatabase &database, StorageWriter &writer);

    void setLimits(const SessionLimits &limits);
    const SessionLimits &limits() const { return m_limits; }
    // Deletes everything, in the same steps as pruning, until the session is empty.
    void requestClear()
    {
        m_clearing = true;
        m_clearCutoffNs.reset();
    }
    bool isClearing() const { return m_clearing; }

    struct StepResult
    {
        PruneTotals removed;        // by this step
        bool moreWork = false;      // call step() again soon
        bool clearFinished = false; // a requested clear left the session empty
        int retiredServices = 0;    // services this step left without telemetry
    };
    // At most one bounded step (a few thousand rows, tens of ms) when a limit is exceeded or a
    // clear is pending; nothing otherwise. nowNs: Unix epoch nanoseconds. False + a message
    // when SQLite fails (the step is rolled back and the writer reloaded).
    bool step(std::int64_t nowNs, StepResult *result, std::string *errorMessage);

    // (pages in use) x page size: what the size cap bounds. The file itself may be larger by its
    // free pages, which new rows reuse.
    std::int64_t liveDataBytes();
    const PruneTotals &totals() const { return m_totals; }

private:
    enum class Mode { None, Clear, Size, Age };
    struct Chunk
    {
        PruneTotals removed;
        bool complete = true; // nothing older than the cutoff is left
    };

    Mode chooseMode(std::int64_t nowNs, std::int64_t *cutoffNs);
    // The oldest time among the signals' heads: the earliest trace start, the first log (logs
    // are in arrival order) and the earliest point of any stream; nullopt when all are empty.
    std::optional<std::int64_t> oldestTimeNs();
    bool deleteChunk(std::int64_t cutoffNs, Chunk *chunk);
    bool deleteTraces(std::int64_t cutoffNs, int maxTraces, Chunk *chunk);
    bool deleteLogs(std::int64_t cutoffNs, int maxLogs, Chunk *chunk);
    bool deletePoints(std::int64_t cutoffNs, int maxPoints, Chunk *chunk);
    // Retires those of the touched services (every service: everyService) that have no trace, log
    // or metric stream with points left; counts them in *retired.
    bool retireEmptiedServices(bool everyService, int *retired);
    bool fail(std::string *errorMessage, const char *what);

    SqliteDatabase &m_database;
    StorageWriter &m_writer;
    SessionLimits m_limits;
    PruneTotals m_totals;
    bool m_clearing = false;
    // Fixed by a clear's first step: it deletes what is stored then, not what arrives during it.
    std::optional<std::int64_t> m_clearCutoffNs;
    bool m_shrinking = false;               // over the cap: pruning until the low-water mark
    std::int64_t m_sliceNs = 1'000'000'000; // size mode deletes up to oldest + slice per chunk
    std::int64_t m_nextAgeCheckNs = 0;
    // The services whose rows the current step deleted: the only ones it may have emptied.
    std::unordered_set<std::int64_t> m_touchedServiceIds;
};

} // namespace kansoku
