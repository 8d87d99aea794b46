// Keeps the per-trace summary rows (start/end, span and error counts, root, services) current:
// a bounded cache of recently touched traces, merged with the stored row on first sight and
// written back once per transaction. Writer thread only; borrows the write connection.
#pragma once

#include "core/span.h"
#include "trace_id_filter.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace kansoku {

class SqliteDatabase;

class TraceSummaryCache
{
public:
    // minimumFilterCapacity: the fewest trace ids the stored-id filter is sized for (tests pass a
    // small one to see it resized).
    explicit TraceSummaryCache(SqliteDatabase &database,
                               std::int64_t minimumFilterCapacity = defaultMinimumFilterCapacity);
    static constexpr std::int64_t defaultMinimumFilterCapacity = 1 << 20;

    // Forgets everything cached (e.g. after a rollback) and reads the next free trace key.
    void load();
    // The integer key of traceId: cached, stored, or newly allocated. -1 on an SQLite error.
    std::int64_t traceKey(const TraceId &traceId, const Span &firstSpan);
    // Folds a newly stored span into its trace's summary; traceKey() was called for it first.
    // False on an SQLite error.
    bool addSpan(const Span &span, std::int64_t serviceId);
    // Writes the summaries changed in this transaction; newTraces counts inserted rows.
    bool flush(std::int64_t *newTraces);
    // After COMMIT: nothing is pending any more.
    void committed();
    // The trace's rows were deleted (retention): its cached summary must not be written back.
    // Between transactions only.
    void forget(const TraceId &traceId);

    // How many ids the stored-id filter is sized for; 0 while it is off (every lookup probes).
    std::int64_t storedIdFilterCapacity() const { return m_storedIds.capacity(); }

    // The ids in a traces.services value (a JSON array of service ids).
    static std::vector<std::int64_t> parseServiceList(std::string_view json);

private:
    struct TraceIdHash
    {
        std::size_t operator()(const TraceId &id) const;
    };
    struct TraceState
    {
        TraceId traceId;
        std::int64_t traceKey = 0;
        std::int64_t startNs = 0;
        std::int64_t endNs = 0;
        std::int64_t spanCount = 0;
        std::int64_t errorCount = 0;
        std::int64_t rootServiceId = -1; // -1 until a root span arrives
        std::int64_t rootStartNs = 0;
        std::string rootName;
        std::vector<std::int64_t> serviceIds;
        bool isNew = false; // no traces row yet
        bool isDirty = false;
    };

    TraceState *state(const TraceId &traceId, const Span &firstSpan);
    // Refills m_storedIds from the traces table, sized for twice the traces stored (at least the
    // minimum); call with nothing pending.
    void rebuildStoredIds();

    SqliteDatabase &m_database;
    std::int64_t m_minimumFilterCapacity;
    std::unordered_map<TraceId, TraceState, TraceIdHash> m_traces;
    std::vector<TraceState *> m_dirty; // element pointers stay valid across rehashing
    std::int64_t m_nextTraceKey = 1;
    TraceIdFilter m_storedIds; // every id in the traces table, plus the new ones pending
};

} // namespace kansoku
