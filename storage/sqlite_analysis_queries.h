// The analysis read of SqliteTelemetryQueries: streams a session's traces as AnalysisTraces, one
// at a time, for the findings detectors and run profiles. Any thread, concurrently: each call
// leases its own read-only connection and holds it until it returns.
#pragma once

#include "core/telemetry_queries.h"

#include <cstdint>

namespace kansoku {

class ReadConnectionPool;
class StoredEntityCache;

class SqliteAnalysisQueries
{
public:
    // Borrows both; they must outlive this.
    SqliteAnalysisQueries(ReadConnectionPool &pool, StoredEntityCache &entities);

    // TelemetryQueries::forEachAnalysisTrace. One SQL statement walks the traces by trace key
    // (the rowid: no sort) and each trace's spans through spans_by_trace; the spans are put in
    // start order here, ties in span id order. Memory: one trace's spans, plus, for a bounded
    // range, SQLite's list of the trace keys in range (from traces_by_start; a few bytes a trace).
    // Per span:
    // - attributes: only the keys isAnalysisAttributeKey() accepts are decoded (the others are
    //   skipped unread); a damaged column keeps the whole entries before the damage, as trace()
    //   does, and the span is still handed on;
    // - exceptionType: the events column is read for every span that has one, whatever its
    //   status, because SDKs record exceptions on spans they do not mark as errors (a handled
    //   retry, say). Reading it only walks the events' fields and decodes the one attribute, so
    //   it costs little; spans without events (most of them) cost nothing. A damaged column
    //   gives no type.
    // - service and serviceVersion: from the span's resource, looked up once per resource.
    // visit runs while a statement is open: a slow visitor holds the read snapshot (and so WAL
    // checkpoints) for as long as it takes. It may run other queries meanwhile.
    //
    // The walk goes in chunks: once a chunk has read readChunkSpans spans, its statement ends at
    // the next trace boundary and a new one carries on after the last trace handed over, on a new
    // snapshot (so traces committed meanwhile with a higher key are seen). One statement for a
    // whole session held one snapshot for as long as the analysis ran (tens of seconds on a
    // loaded machine, over and over while the Findings pane followed live data): the checkpointer
    // could never restart the WAL, which grew to 945 MiB in a soak run with a 128 MiB limit.
    void forEachAnalysisTrace(const TimeRange &range,
                              const std::function<bool(const AnalysisTrace &)> &visit) const;

    // About 50 ms of reading on the reference machine.
    static constexpr std::int64_t readChunkSpans = 16384;

private:
    ReadConnectionPool &m_pool;
    StoredEntityCache &m_entities;
};

} // namespace kansoku
