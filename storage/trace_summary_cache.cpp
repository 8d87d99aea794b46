#include "trace_summary_cache.h"

#include "sqlite_database.h"
#include "trace_id_index.h"

#include <algorithm>
#include <cstring>

namespace kansoku {

namespace {

// Bounds the cache; traces still receiving spans after an eviction are re-read by id.
constexpr std::size_t maxCachedTraces = 200000;
// The stored-id filter: at least the minimum, room for twice the stored traces, and none at all
// past maxFilteredTraces (reading that many ids would slow opening the file by seconds).
constexpr std::int64_t maxFilteredTraces = 4'000'000;

std::string serviceListJson(const std::vector<std::int64_t> &ids)
{
    std::string json = "[";
    for (const std::int64_t id : ids) {
        if (json.size() > 1)
            json += ',';
        json += std::to_string(id);
    }
    return json + ']';
}

} // namespace

std::vector<std::int64_t> TraceSummaryCache::parseServiceList(std::string_view json)
{
    std::vector<std::int64_t> ids;
    std::int64_t current = 0;
    bool inNumber = false;
    for (const char c : json) {
        if (c >= '0' && c <= '9') {
            current = current * 10 + (c - '0');
            inNumber = true;
        } else if (inNumber) {
            ids.push_back(current);
            current = 0;
            inNumber = false;
        }
    }
    return ids;
}

std::size_t TraceSummaryCache::TraceIdHash::operator()(const TraceId &id) const
{
    // Both halves count: not every generator randomises all 16 bytes (some put a timestamp or a
    // constant in one half), and hashing one half then chains thousands of traces per bucket.
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    std::memcpy(&high, id.bytes.data(), sizeof high);
    std::memcpy(&low, id.bytes.data() + 8, sizeof low);
    std::uint64_t value = (high ^ (low * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
    return static_cast<std::size_t>(value ^ (value >> 31));
}

TraceSummaryCache::TraceSummaryCache(SqliteDatabase &database, std::int64_t minimumFilterCapacity)
    : m_database(database)
    , m_minimumFilterCapacity(minimumFilterCapacity)
{}

void TraceSummaryCache::load()
{
    m_traces.clear();
    m_dirty.clear();
    m_nextTraceKey = m_database.queryInt("SELECT coalesce(max(trace_key), 0) FROM traces") + 1;
    rebuildStoredIds();
}

void TraceSummaryCache::rebuildStoredIds()
{
    // Trace keys are allocated densely in arrival order and retention deletes the oldest traces,
    // so the span of the keys left bounds the number stored (two lookups, no scan). Sizing from
    // the traces stored, not from the filter's last size: with retention deleting as fast as new
    // traces arrive, doubling on every fill grew the filter past maxFilteredTraces within hours
    // and then switched it off for good, every new trace probing the by-id index again.
    const std::int64_t stored = m_database.queryInt(
        "SELECT coalesce((SELECT max(trace_key) FROM traces) - (SELECT min(trace_key) FROM traces)"
        " + 1, 0)");
    const std::int64_t capacity = std::max(m_minimumFilterCapacity, 2 * stored);
    if (capacity > 2 * maxFilteredTraces) {
        m_storedIds.reset(0);
        return;
    }
    m_storedIds.reset(capacity);
    SqliteStatement ids(m_database.handle(), "SELECT trace_id FROM traces");
    int rc = ids.isValid() ? SQLITE_ROW : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = ids.step()) == SQLITE_ROW) {
        if (const std::optional<TraceId> id = TraceId::fromRaw(ids.columnBlobView(0)))
            m_storedIds.add(*id);
    }
    // A partial filter would claim stored traces are new: without a complete read, probe always.
    if (rc != SQLITE_DONE)
        m_storedIds.reset(0);
}

std::int64_t TraceSummaryCache::traceKey(const TraceId &traceId, const Span &firstSpan)
{
    const TraceState *trace = state(traceId, firstSpan);
    return trace ? trace->traceKey : -1;
}

bool TraceSummaryCache::addSpan(const Span &span, std::int64_t serviceId)
{
    TraceState *trace = state(span.traceId, span);
    if (!trace)
        return false;
    if (trace->spanCount == 0) {
        trace->startNs = span.startTimeNs;
        trace->endNs = span.endTimeNs;
    } else {
        trace->startNs = std::min(trace->startNs, span.startTimeNs);
        trace->endNs = std::max(trace->endNs, span.endTimeNs);
    }
    ++trace->spanCount;
    if (span.status.code == StatusCode::Error)
        ++trace->errorCount;
    if (span.isRoot() && (trace->rootServiceId < 0 || span.startTimeNs < trace->rootStartNs)) {
        trace->rootServiceId = serviceId;
        trace->rootStartNs = span.startTimeNs;
        trace->rootName = span.name;
    }
    if (std::find(trace->serviceIds.begin(), trace->serviceIds.end(), serviceId)
        == trace->serviceIds.end()) {
        trace->serviceIds.push_back(serviceId);
        SqliteStatement *insertTraceService = m_database.cached(
            "INSERT OR IGNORE INTO trace_services(service_id, trace_key) VALUES(?, ?)");
        if (!insertTraceService)
            return false;
        insertTraceService->bindInt(1, serviceId);
        insertTraceService->bindInt(2, trace->traceKey);
        if (!insertTraceService->execute())
            return false;
    }
    if (!trace->isDirty) {
        trace->isDirty = true;
        m_dirty.push_back(trace);
    }
    return true;
}

TraceSummaryCache::TraceState *TraceSummaryCache::state(const TraceId &traceId,
                                                        const Span &firstSpan)
{
    const auto it = m_traces.find(traceId);
    if (it != m_traces.end())
        return &it->second;
    TraceState state;
    state.traceId = traceId;
    static const std::string selectSql
        = "SELECT trace_key, start_ns, end_ns, span_count, error_count, root_service_id, "
          "root_name, root_start_ns, services FROM traces WHERE "
          + TraceIdIndex::condition("");
    SqliteStatement *select = m_database.cached(selectSql);
    if (!select)
        return nullptr;
    select->bindBlob(1, traceId.raw());
    // Most traces are new: the filter answers for them without touching the trace-id index.
    const int rc = m_storedIds.mightContain(traceId) ? select->step() : SQLITE_DONE;
    if (rc == SQLITE_ROW) {
        state.traceKey = select->columnInt(0);
        state.startNs = select->columnInt(1);
        state.endNs = select->columnInt(2);
        state.spanCount = select->columnInt(3);
        state.errorCount = select->columnInt(4);
        state.rootServiceId = select->isNull(5) ? -1 : select->columnInt(5);
        state.rootName = select->columnText(6);
        state.rootStartNs = select->columnInt(7);
        state.serviceIds = parseServiceList(select->columnTextView(8));
    } else if (rc == SQLITE_DONE) {
        state.traceKey = m_nextTraceKey++;
        state.startNs = firstSpan.startTimeNs;
        state.endNs = firstSpan.endTimeNs;
        state.isNew = true;
        m_storedIds.add(traceId);
    } else {
        select->reset();
        return nullptr;
    }
    select->reset();
    return &m_traces.emplace(traceId, std::move(state)).first->second;
}

bool TraceSummaryCache::flush(std::int64_t *newTraces)
{
    SqliteStatement *insert = m_database.cached(
        "INSERT INTO traces(trace_key, trace_id, start_ns, end_ns, span_count, error_count, "
        "root_service_id, root_name, root_start_ns, services) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?)");
    SqliteStatement *update = m_database.cached(
        "UPDATE traces SET start_ns = ?2, end_ns = ?3, span_count = ?4, error_count = ?5, "
        "root_service_id = ?6, root_name = ?7, root_start_ns = ?8, services = ?9 "
        "WHERE trace_key = ?1");
    if (!insert || !update)
        return false;
    for (const TraceState *dirty : m_dirty) {
        const TraceState &state = *dirty;
        const std::string services = serviceListJson(state.serviceIds);
        SqliteStatement *statement = state.isNew ? insert : update;
        int column = 1;
        statement->bindInt(column++, state.traceKey);
        if (state.isNew)
            statement->bindBlob(column++, state.traceId.raw());
        statement->bindInt(column++, state.startNs);
        statement->bindInt(column++, state.endNs);
        statement->bindInt(column++, state.spanCount);
        statement->bindInt(column++, state.errorCount);
        if (state.rootServiceId < 0) {
            statement->bindNull(column++);
            statement->bindNull(column++);
            statement->bindNull(column++);
        } else {
            statement->bindInt(column++, state.rootServiceId);
            statement->bindText(column++, state.rootName);
            statement->bindInt(column++, state.rootStartNs);
        }
        statement->bindText(column++, services);
        const bool ok = statement->execute();
        statement->reset();
        if (!ok)
            return false;
        if (state.isNew)
            ++*newTraces;
    }
    return true;
}

void TraceSummaryCache::forget(const TraceId &traceId)
{
    m_traces.erase(traceId);
}

void TraceSummaryCache::committed()
{
    for (TraceState *trace : m_dirty) {
        trace->isDirty = false;
        trace->isNew = false;
    }
    m_dirty.clear();
    if (m_traces.size() > maxCachedTraces)
        m_traces.clear();
    if (m_storedIds.isFull())
        rebuildStoredIds();
}

} // namespace kansoku
