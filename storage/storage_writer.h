// Writes batches into the open transaction of the one write connection and keeps the derived rows
// (trace summaries, metric stream counters, totals) current. Used only on the store's writer
// thread; borrows the connection owned by TelemetryStore.
#pragma once

#include "core/session_limits.h"
#include "core/storage_status.h"
#include "entity_interner.h"
#include "trace_summary_cache.h"

#include <optional>
#include <unordered_map>

namespace kansoku {

class EncodedTelemetryBatch;
class SqliteDatabase;
class SqliteStatement;

class StorageWriter
{
public:
    explicit StorageWriter(SqliteDatabase &database);

    // Loads interned ids, counters and totals. Call before the first begin() and after rollback().
    bool load(std::string *errorMessage);
    // BEGIN IMMEDIATE. isBusy tells a lock held by another connection from a real failure.
    bool begin(std::string *errorMessage, bool *isBusy);
    bool write(const EncodedTelemetryBatch &encoded, std::string *errorMessage);
    // Writes the derived rows and commits; fills the counts and totals of summary.
    bool commit(CommitSummary *summary, std::string *errorMessage);
    // Rolls back and reloads every in-memory map, which may hold ids of rolled-back rows.
    void rollback();

    TelemetryTotals totals() const { return m_totals; }
    // The latest time of any stored item; nullopt while the session is empty.
    std::optional<std::int64_t> newestTimeNs() const;

    // Retention (RetentionPruner) deletes rows between the writer's transactions, in one of its
    // own; these keep the in-memory caches and the totals row in step with what it deleted.
    void forgetTrace(const TraceId &traceId);
    void setStreamPoints(std::int64_t streamId, std::int64_t pointCount, std::int64_t firstTimeNs,
                         std::int64_t lastTimeNs);
    // The pruner retired the service (its retired_services row): new telemetry of it revives it.
    void noteServiceRetired(std::int64_t serviceId) { m_interner.noteRetired(serviceId); }
    // Subtracts what was removed, takes oldestTimeNs as the session's first time (nullopt:
    // nothing is left) and writes the totals row.
    bool notePruned(const PruneTotals &removed, std::optional<std::int64_t> oldestTimeNs,
                    std::string *errorMessage);

private:
    struct StreamState
    {
        std::int64_t streamId = 0;
        std::int64_t pointCount = 0;
        std::int64_t firstTimeNs = 0;
        std::int64_t lastTimeNs = 0;
        bool isDirty = false;
    };

    // The index counts the batch's spans (logs) so far: their place in the EncodedTelemetryBatch.
    bool writeSpans(const ResourceSpans &resourceSpans, const EncodedTelemetryBatch &encoded,
                    std::size_t *spanIndex, std::string *errorMessage);
    bool writeLogs(const ResourceLogs &resourceLogs, const EncodedTelemetryBatch &encoded,
                   std::size_t *logIndex, std::string *errorMessage);
    bool writeMetrics(const ResourceMetrics &resourceMetrics, std::string *errorMessage);
    // insert has the type-specific columns bound already; this binds the shared ones and runs it.
    bool insertPoint(StreamState &stream, const DataPointBase &base, SqliteStatement *insert);
    StreamState *streamState(const Metric &metric, const std::string &metadataJson,
                             const EntityInterner::ResourceIds &resource, std::int64_t scopeId,
                             const Attributes &attributes);
    bool flushStreams();
    bool writeTotals(const TelemetryTotals &totals);
    void noteTime(std::int64_t timeNs);
    bool fail(std::string *errorMessage, const char *what);

    SqliteDatabase &m_database;
    EntityInterner m_interner;
    TraceSummaryCache m_traceSummaries;
    std::unordered_map<std::string, StreamState> m_streams;
    std::unordered_map<std::int64_t, StreamState *> m_streamsById; // into m_streams (stable nodes)
    std::vector<StreamState *> m_dirtyStreams;
    TelemetryTotals m_totals;
    std::int64_t m_minTimeNs = 0;
    std::int64_t m_maxTimeNs = 0;
    bool m_hasTime = false;
    CommitSummary m_pending;
    std::string m_scratch;
};

} // namespace kansoku
