#include "retention_pruner.h"

#include "log_search_text.h"
#include "otlp_proto_columns.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"
#include "storage_writer.h"
#include "trace_summary_cache.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace kansoku {

namespace {

using Clock = std::chrono::steady_clock;

// One chunk deletes at most this much of each signal, so a step's time budget is checked often.
constexpr int tracesPerChunk = 64;
constexpr int logsPerChunk = 1000;
constexpr int pointsPerChunk = 2000;
constexpr int streamsPerChunk = 64;
// A step's time on the writer thread: short while within the cap; once ingest has pushed the live
// data past it (or for a clear), as long as an ingest transaction may take (the store's 200 ms),
// so deletion gets half the writer and keeps up with a writer that is never idle.
constexpr auto stepBudget = std::chrono::milliseconds(20);
constexpr auto catchUpStepBudget = std::chrono::milliseconds(200);
constexpr std::int64_t maxSliceNs = 3600LL * 1'000'000'000;
constexpr std::int64_t ageCheckIntervalNs = 1'000'000'000;

std::int64_t saturatingAdd(std::int64_t a, std::int64_t b)
{
    return a > std::numeric_limits<std::int64_t>::max() - b
               ? std::numeric_limits<std::int64_t>::max()
               : a + b;
}

// The first column of a one-row query as a number; nullopt for NULL or no row.
std::optional<std::int64_t> optionalInt(SqliteStatement *statement)
{
    if (!statement || statement->step() != SQLITE_ROW || statement->isNull(0)) {
        if (statement)
            statement->reset();
        return std::nullopt;
    }
    const std::int64_t value = statement->columnInt(0);
    statement->reset();
    return value;
}

// Runs a statement that returns no rows and resets it for its next use.
bool executeOnce(SqliteStatement *statement)
{
    const bool ok = statement->execute();
    statement->reset();
    return ok;
}

void add(PruneTotals &sum, const PruneTotals &part)
{
    sum.traces += part.traces;
    sum.spans += part.spans;
    sum.logRecords += part.logRecords;
    sum.dataPoints += part.dataPoints;
}

} // namespace

RetentionPruner::RetentionPruner(SqliteDatabase &database, StorageWriter &writer)
    : m_database(database)
    , m_writer(writer)
{}

void RetentionPruner::setLimits(const SessionLimits &limits)
{
    m_limits = limits;
    m_nextAgeCheckNs = 0; // a shorter age limit applies at once
}

std::int64_t RetentionPruner::liveDataBytes()
{
    const std::int64_t pages = m_database.queryInt("PRAGMA page_count");
    const std::int64_t freePages = m_database.queryInt("PRAGMA freelist_count");
    return std::max<std::int64_t>(0, pages - freePages) * m_database.queryInt("PRAGMA page_size");
}

std::optional<std::int64_t> RetentionPruner::oldestTimeNs()
{
    std::optional<std::int64_t> oldest;
    for (const char *sql :
         {"SELECT min(start_ns) FROM traces", "SELECT time_ns FROM logs ORDER BY log_id LIMIT 1",
          "SELECT min(first_time_ns) FROM metric_streams WHERE point_count > 0"}) {
        const std::optional<std::int64_t> head = optionalInt(m_database.cached(sql));
        if (head && (!oldest || *head < *oldest))
            oldest = head;
    }
    return oldest;
}

RetentionPruner::Mode RetentionPruner::chooseMode(std::int64_t nowNs, std::int64_t *cutoffNs)
{
    if (m_clearing) {
        // What is stored now: telemetry arriving during the clear (newer) stays.
        if (!m_clearCutoffNs) {
            const std::optional<std::int64_t> newest = m_writer.newestTimeNs();
            m_clearCutoffNs
                = newest ? saturatingAdd(*newest, 1) : std::numeric_limits<std::int64_t>::max();
        }
        *cutoffNs = *m_clearCutoffNs;
        return Mode::Clear;
    }
    if (m_limits.hasSizeCap()) {
        const std::int64_t live = liveDataBytes();
        if (live > m_limits.maxBytes)
            m_shrinking = true;
        if (m_shrinking && live <= std::int64_t(double(m_limits.maxBytes) * lowWaterShare))
            m_shrinking = false;
        if (m_shrinking) {
            const std::optional<std::int64_t> oldest = oldestTimeNs();
            if (oldest) {
                *cutoffNs = saturatingAdd(*oldest, m_sliceNs);
                return Mode::Size;
            }
            m_shrinking = false; // nothing left to delete: the rest is schema and entities
        }
    }
    if (m_limits.hasAgeLimit() && nowNs >= m_nextAgeCheckNs) {
        m_nextAgeCheckNs = nowNs + ageCheckIntervalNs;
        // Measured back from the newest telemetry (never from beyond now): a session of an old
        // import keeps its last days, and a clock far ahead cannot wipe the session.
        const std::optional<std::int64_t> newest = m_writer.newestTimeNs();
        const std::optional<std::int64_t> oldest = oldestTimeNs();
        if (!newest || !oldest)
            return Mode::None;
        *cutoffNs = std::min(nowNs, *newest) - m_limits.retainNs;
        if (*oldest < *cutoffNs)
            return Mode::Age;
    }
    return Mode::None;
}

bool RetentionPruner::step(std::int64_t nowNs, StepResult *result, std::string *errorMessage)
{
    *result = {};
    std::int64_t cutoffNs = 0;
    const Mode mode = chooseMode(nowNs, &cutoffNs);
    if (mode == Mode::None)
        return true;
    m_touchedServiceIds.clear();
    const bool overCap = mode == Mode::Size && liveDataBytes() > m_limits.maxBytes;
    const auto deadline
        = Clock::now() + (mode == Mode::Clear || overCap ? catchUpStepBudget : stepBudget);
    const int rc = sqlite3_exec(m_database.handle(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if ((rc & 0xff) == SQLITE_BUSY) {
        result->moreWork = true; // another connection writes: the next iteration tries again
        return true;
    }
    if (rc != SQLITE_OK)
        return fail(errorMessage, "starting a retention step");

    const std::int64_t lowWaterBytes = std::int64_t(double(m_limits.maxBytes) * lowWaterShare);
    PruneTotals removed;
    bool complete = false;
    for (;;) {
        Chunk chunk;
        if (!deleteChunk(cutoffNs, &chunk)) {
            const std::string message = m_database.errorMessage();
            m_writer.rollback();
            *errorMessage
                = "cannot delete old telemetry from " + m_database.path() + ": " + message;
            return false;
        }
        add(removed, chunk.removed);
        complete = chunk.complete;
        if (mode == Mode::Size) {
            if (liveDataBytes() <= lowWaterBytes) {
                m_shrinking = false;
                break;
            }
            if (chunk.complete) {
                // The slice held less than a chunk: take a longer one next.
                m_sliceNs = std::min(maxSliceNs, 2 * m_sliceNs);
                const std::optional<std::int64_t> oldest = oldestTimeNs();
                if (!oldest) {
                    m_shrinking = false;
                    break;
                }
                cutoffNs = saturatingAdd(*oldest, m_sliceNs);
            }
        } else if (chunk.complete) {
            break;
        }
        if (Clock::now() >= deadline)
            break;
    }

    int retiredServices = 0;
    if (!retireEmptiedServices(mode == Mode::Clear && complete, &retiredServices)) {
        const std::string message = m_database.errorMessage();
        m_writer.rollback();
        *errorMessage
            = "cannot retire services without telemetry in " + m_database.path() + ": " + message;
        return false;
    }
    const bool removedSome
        = removed.traces + removed.spans + removed.logRecords + removed.dataPoints > 0;
    if (removedSome && !m_writer.notePruned(removed, oldestTimeNs(), errorMessage)) {
        m_writer.rollback();
        return false;
    }
    if (sqlite3_exec(m_database.handle(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        const std::string message = m_database.errorMessage();
        m_writer.rollback();
        *errorMessage = "cannot commit a retention step in " + m_database.path() + ": " + message;
        return false;
    }
    if (removedSome) {
        add(m_totals, removed);
        m_totals.lastPruneUnixMs = nowNs / 1'000'000;
    }
    result->removed = removed;
    result->retiredServices = retiredServices;
    switch (mode) {
    case Mode::Clear:
        m_clearing = !complete;
        result->clearFinished = complete;
        result->moreWork = !complete;
        break;
    case Mode::Size:
        result->moreWork = m_shrinking;
        break;
    case Mode::Age:
        result->moreWork = !complete;
        if (!complete)
            m_nextAgeCheckNs = 0;
        break;
    case Mode::None:
        break;
    }
    return true;
}

bool RetentionPruner::deleteChunk(std::int64_t cutoffNs, Chunk *chunk)
{
    Chunk traces;
    Chunk logs;
    Chunk points;
    if (!deleteTraces(cutoffNs, tracesPerChunk, &traces)
        || !deleteLogs(cutoffNs, logsPerChunk, &logs)
        || !deletePoints(cutoffNs, pointsPerChunk, &points))
        return false;
    for (const Chunk *part : {&traces, &logs, &points}) {
        add(chunk->removed, part->removed);
        chunk->complete = chunk->complete && part->complete;
    }
    return true;
}

bool RetentionPruner::deleteTraces(std::int64_t cutoffNs, int maxTraces, Chunk *chunk)
{
    struct OldTrace
    {
        std::int64_t traceKey;
        TraceId traceId;
        std::vector<std::int64_t> serviceIds;
    };
    // Whole traces, oldest start first (traces_by_start): a trace goes with all its spans.
    SqliteStatement *select = m_database.cached(
        "SELECT trace_key, trace_id, services FROM traces WHERE start_ns < ? ORDER BY start_ns "
        "LIMIT ?");
    if (!select)
        return false;
    select->bindInt(1, cutoffNs);
    select->bindInt(2, maxTraces);
    std::vector<OldTrace> old;
    int rc = SQLITE_ROW;
    while ((rc = select->step()) == SQLITE_ROW) {
        old.push_back({select->columnInt(0), select->columnId<16>(1),
                       TraceSummaryCache::parseServiceList(select->columnTextView(2))});
    }
    select->reset();
    if (rc != SQLITE_DONE)
        return false;
    SqliteStatement *deleteSpans = m_database.cached("DELETE FROM spans WHERE trace_key = ?");
    SqliteStatement *deleteService
        = m_database.cached("DELETE FROM trace_services WHERE service_id = ? AND trace_key = ?");
    SqliteStatement *deleteTrace = m_database.cached("DELETE FROM traces WHERE trace_key = ?");
    if (!deleteSpans || !deleteService || !deleteTrace)
        return false;
    for (const OldTrace &trace : old) {
        deleteSpans->bindInt(1, trace.traceKey);
        if (!executeOnce(deleteSpans))
            return false;
        chunk->removed.spans += sqlite3_changes(m_database.handle());
        for (const std::int64_t serviceId : trace.serviceIds) {
            m_touchedServiceIds.insert(serviceId);
            deleteService->bindInt(1, serviceId);
            deleteService->bindInt(2, trace.traceKey);
            if (!executeOnce(deleteService))
                return false;
        }
        deleteTrace->bindInt(1, trace.traceKey);
        if (!executeOnce(deleteTrace))
            return false;
        ++chunk->removed.traces;
        m_writer.forgetTrace(trace.traceId);
    }
    chunk->complete = int(old.size()) < maxTraces;
    return true;
}

bool RetentionPruner::deleteLogs(std::int64_t cutoffNs, int maxLogs, Chunk *chunk)
{
    struct OldLog
    {
        std::int64_t logId;
        std::int64_t serviceId;
        std::string bodyText;
        std::string attributes;
        TraceId traceId;
    };
    // Logs are stored in arrival order: the head goes while it is older than the cutoff. A log
    // that arrived late with an older time waits for the head to reach it.
    SqliteStatement *select = m_database.cached(
        "SELECT log_id, time_ns, body_text, attributes, trace_id, service_id FROM logs "
        "ORDER BY log_id LIMIT ?");
    if (!select)
        return false;
    select->bindInt(1, maxLogs);
    std::vector<OldLog> old;
    bool reachedCutoff = false;
    int rc = SQLITE_ROW;
    while ((rc = select->step()) == SQLITE_ROW) {
        if (select->columnInt(1) >= cutoffNs) {
            reachedCutoff = true;
            break;
        }
        old.push_back({select->columnInt(0), select->columnInt(5), select->columnText(2),
                       std::string(select->columnBlobView(3)), select->columnId<16>(4)});
    }
    select->reset();
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return false;
    // logs_fts is contentless: FTS5 deletes an entry only when told the very text it indexed,
    // rebuilt here the way EncodedTelemetryBatch made it.
    SqliteStatement *unindex = m_database.cached("INSERT INTO logs_fts(logs_fts, rowid, body, "
                                                 "attributes, ids) VALUES('delete', ?, ?, ?, ?)");
    SqliteStatement *deleteLogs = m_database.cached("DELETE FROM logs WHERE log_id <= ?");
    if (!unindex || !deleteLogs)
        return false;
    std::string attributeText;
    std::string traceIdHex;
    for (const OldLog &log : old) {
        m_touchedServiceIds.insert(log.serviceId);
        Attributes attributes;
        // A damaged attributes value cannot be told back to FTS5: its entry stays behind,
        // matching no row (log queries join logs), rather than corrupting other entries.
        if (OtlpProtoColumns::decodeAttributes(log.attributes, OtlpProtoColumns::logAttributesField,
                                               &attributes)) {
            attributeText.clear();
            LogSearchText::appendAttributeText(attributeText, attributes);
            traceIdHex = log.traceId.isZero() ? std::string() : toHex(log.traceId);
            unindex->bindInt(1, log.logId);
            unindex->bindText(2, log.bodyText);
            unindex->bindText(3, attributeText);
            unindex->bindText(4, traceIdHex);
            if (!executeOnce(unindex))
                return false;
        }
    }
    // The chunk is the head of the table: every row up to its last id, in one range delete.
    if (!old.empty()) {
        deleteLogs->bindInt(1, old.back().logId);
        if (!executeOnce(deleteLogs))
            return false;
        chunk->removed.logRecords += sqlite3_changes(m_database.handle());
    }
    chunk->complete = reachedCutoff || int(old.size()) < maxLogs;
    return true;
}

bool RetentionPruner::deletePoints(std::int64_t cutoffNs, int maxPoints, Chunk *chunk)
{
    struct OldStream
    {
        std::int64_t streamId;
        std::int64_t pointCount;
        std::int64_t lastTimeNs;
        std::int64_t serviceId;
    };
    SqliteStatement *select = m_database.cached(
        "SELECT stream_id, point_count, last_time_ns, service_id FROM metric_streams WHERE "
        "point_count > 0 AND first_time_ns < ? ORDER BY first_time_ns LIMIT ?");
    if (!select)
        return false;
    select->bindInt(1, cutoffNs);
    select->bindInt(2, streamsPerChunk);
    std::vector<OldStream> streams;
    int rc = SQLITE_ROW;
    while ((rc = select->step()) == SQLITE_ROW)
        streams.push_back({select->columnInt(0), select->columnInt(1), select->columnInt(2),
                           select->columnInt(3)});
    select->reset();
    if (rc != SQLITE_DONE)
        return false;
    // Each stream's oldest points by its primary key (stream_id, time_ns).
    SqliteStatement *deleteOld = m_database.cached(
        "DELETE FROM metric_points WHERE stream_id = ?1 AND time_ns IN (SELECT time_ns FROM "
        "metric_points WHERE stream_id = ?1 AND time_ns < ?2 ORDER BY time_ns LIMIT ?3)");
    SqliteStatement *first = m_database.cached(
        "SELECT time_ns FROM metric_points WHERE stream_id = ? ORDER BY time_ns LIMIT 1");
    SqliteStatement *update = m_database.cached("UPDATE metric_streams SET point_count = ?, "
                                                "first_time_ns = ?, last_time_ns = ? "
                                                "WHERE stream_id = ?");
    if (!deleteOld || !first || !update)
        return false;
    chunk->complete = int(streams.size()) < streamsPerChunk;
    int budget = maxPoints;
    for (const OldStream &stream : streams) {
        if (budget <= 0) {
            chunk->complete = false;
            break;
        }
        deleteOld->bindInt(1, stream.streamId);
        deleteOld->bindInt(2, cutoffNs);
        deleteOld->bindInt(3, budget);
        if (!executeOnce(deleteOld))
            return false;
        const int deleted = sqlite3_changes(m_database.handle());
        if (deleted == budget)
            chunk->complete = false; // there may be more before the cutoff
        budget -= deleted;
        chunk->removed.dataPoints += deleted;
        const std::int64_t pointCount = std::max<std::int64_t>(0, stream.pointCount - deleted);
        if (pointCount == 0)
            m_touchedServiceIds.insert(stream.serviceId);
        first->bindInt(1, stream.streamId);
        const std::optional<std::int64_t> firstTimeNs = optionalInt(first);
        // An emptied stream keeps its row (its id may be shown or cached elsewhere), with no
        // points and no times; metricStreams() lists only streams with points.
        const std::int64_t newFirstNs = pointCount > 0 && firstTimeNs ? *firstTimeNs : 0;
        const std::int64_t newLastNs = pointCount > 0 ? stream.lastTimeNs : 0;
        update->bindInt(1, pointCount);
        update->bindInt(2, newFirstNs);
        update->bindInt(3, newLastNs);
        update->bindInt(4, stream.streamId);
        if (!executeOnce(update))
            return false;
        m_writer.setStreamPoints(stream.streamId, pointCount, newFirstNs, newLastNs);
    }
    return true;
}

bool RetentionPruner::retireEmptiedServices(bool everyService, int *retired)
{
    std::vector<std::int64_t> candidates(m_touchedServiceIds.begin(), m_touchedServiceIds.end());
    m_touchedServiceIds.clear();
    if (everyService) {
        // A finished clear also retires the services that had no telemetry to delete (one sent
        // only an empty resource, say).
        SqliteStatement *all
            = m_database.cached("SELECT service_id FROM services WHERE service_id NOT IN "
                                "(SELECT service_id FROM retired_services)");
        if (!all)
            return false;
        int rc = SQLITE_ROW;
        while ((rc = all->step()) == SQLITE_ROW)
            candidates.push_back(all->columnInt(0));
        all->reset();
        if (rc != SQLITE_DONE)
            return false;
    }
    // Three index lookups: trace_services' primary key, logs_by_service,
    // metric_streams_by_service.
    SqliteStatement *retire = m_database.cached(
        "INSERT OR IGNORE INTO retired_services(service_id) SELECT ?1 "
        "WHERE NOT EXISTS(SELECT 1 FROM trace_services WHERE service_id = ?1) "
        "AND NOT EXISTS(SELECT 1 FROM logs WHERE service_id = ?1) "
        "AND NOT EXISTS(SELECT 1 FROM metric_streams WHERE service_id = ?1 AND point_count > 0)");
    if (!retire)
        return false;
    for (const std::int64_t serviceId : candidates) {
        retire->bindInt(1, serviceId);
        if (!executeOnce(retire))
            return false;
        if (sqlite3_changes(m_database.handle()) > 0) {
            m_writer.noteServiceRetired(serviceId);
            ++*retired;
        }
    }
    return true;
}

bool RetentionPruner::fail(std::string *errorMessage, const char *what)
{
    *errorMessage = std::string("error ") + what + " in " + m_database.path() + ": "
                    + m_database.errorMessage();
    return false;
}

} // namespace kansoku
