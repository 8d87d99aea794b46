#include "sqlite_analysis_queries.h"

#include "otlp_proto_columns.h"
#include "read_connection_pool.h"
#include "sql_builder.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"
#include "stored_entity_cache.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <unordered_map>

namespace kansoku {

namespace {

// A resource's service name and version, as every span of that resource carries them.
struct SpanOrigin
{
    std::string service;
    std::string serviceVersion;
};

} // namespace

SqliteAnalysisQueries::SqliteAnalysisQueries(ReadConnectionPool &pool, StoredEntityCache &entities)
    : m_pool(pool)
    , m_entities(entities)
{}

void SqliteAnalysisQueries::forEachAnalysisTrace(
    const TimeRange &range, const std::function<bool(const AnalysisTrace &)> &visit) const
{
    ReadConnectionPool::Lease connection(m_pool);
    if (!connection.get())
        return;
    SqliteDatabase &database = *connection.get();
    std::unordered_map<std::int64_t, SpanOrigin> origins; // by resource id
    auto originOf = [&](std::int64_t resourceId, std::int64_t serviceId) -> const SpanOrigin & {
        auto [it, added] = origins.try_emplace(resourceId);
        if (added) {
            it->second.service = m_entities.serviceName(database, serviceId);
            const AnyValue *version = findAttribute(
                m_entities.resource(database, resourceId)->resource.attributes, "service.version");
            if (version && !version->isEmpty())
                it->second.serviceVersion = version->toDisplayString();
        }
        return it->second;
    };

    AnalysisTrace trace;
    // The index hands a trace's spans over by span id. Sorting them here, not in SQL, spares
    // SQLite's sorter a copy of every row; sorting (start, position) pairs and moving each span
    // once is cheaper than moving the spans around. Ties in start time keep span id order.
    std::vector<std::pair<std::int64_t, std::uint32_t>> order;
    std::vector<AnalysisSpan> sorted;
    Attributes attributes;
    auto deliver = [&] {
        std::vector<AnalysisSpan> &spans = trace.spans;
        const auto byStart = [](const AnalysisSpan &a, const AnalysisSpan &b) {
            return a.startTimeNs < b.startTimeNs;
        };
        if (!std::is_sorted(spans.begin(), spans.end(), byStart)) {
            order.clear();
            for (std::uint32_t i = 0; i < spans.size(); ++i)
                order.emplace_back(spans[i].startTimeNs, i);
            std::sort(order.begin(), order.end());
            sorted.clear();
            for (const auto &[startNs, position] : order)
                sorted.push_back(std::move(spans[position]));
            spans.swap(sorted);
        }
        return visit(trace);
    };
    // The chunk's statement: the traces after afterKey (in range), by key.
    const auto chunkAfter = [&](std::int64_t afterKey) -> SqliteStatement * {
        SqlBuilder builder;
        builder.add("SELECT s.trace_key, t.trace_id, s.span_id, s.parent_span_id, s.name, s.kind, "
                    "s.start_ns, s.end_ns, s.status_code, s.status_message, s.service_id, "
                    "s.resource_id, s.attributes, s.events FROM traces t CROSS JOIN spans s ON "
                    "s.trace_key = t.trace_key WHERE t.trace_key > ?");
        builder.addInt(afterKey);
        if (range.hasStart() || range.hasEnd()) {
            builder.add(" AND t.trace_key IN (SELECT trace_key FROM traces WHERE 1");
            builder.addTimeRange("start_ns", range);
            builder.add(")");
        }
        builder.add(" ORDER BY t.trace_key");
        SqliteStatement *statement = database.cached(builder.sql());
        if (statement)
            builder.bind(*statement);
        return statement;
    };
    SqliteStatement *select = chunkAfter(std::numeric_limits<std::int64_t>::min());
    if (!select)
        return;
    std::int64_t traceKey = 0;
    std::int64_t chunkSpans = 0;
    while (select->step() == SQLITE_ROW) {
        const std::int64_t key = select->columnInt(0);
        if (!trace.spans.empty() && key != traceKey) {
            if (!deliver()) {
                select->reset();
                return;
            }
            trace.spans.clear();
            if (chunkSpans >= readChunkSpans) {
                // This row, the next trace's first, is read again by the next chunk.
                select->reset();
                select = chunkAfter(traceKey);
                if (!select)
                    return;
                chunkSpans = 0;
                continue;
            }
        }
        ++chunkSpans;
        if (trace.spans.empty()) {
            traceKey = key;
            trace.traceId = select->columnId<16>(1);
        }
        AnalysisSpan &span = trace.spans.emplace_back();
        span.spanId = select->columnId<8>(2);
        span.parentSpanId = select->columnId<8>(3);
        span.name = select->columnTextView(4);
        span.kind = static_cast<SpanKind>(select->columnInt(5));
        span.startTimeNs = select->columnInt(6);
        span.endTimeNs = select->columnInt(7);
        span.statusCode = static_cast<StatusCode>(select->columnInt(8));
        span.statusMessage = select->columnTextView(9);
        const SpanOrigin &origin = originOf(select->columnInt(11), select->columnInt(10));
        span.service = origin.service;
        span.serviceVersion = origin.serviceVersion;
        // Damaged bytes keep what was read before the damage, as the other queries do. Decoded
        // into a vector that keeps its capacity, then moved into one allocation of the right size.
        OtlpProtoColumns::decodeAttributesWhere(select->columnBlobView(12),
                                                OtlpProtoColumns::spanAttributesField,
                                                isAnalysisAttributeKey, &attributes);
        span.attributes.assign(std::make_move_iterator(attributes.begin()),
                               std::make_move_iterator(attributes.end()));
        const std::string_view events = select->columnBlobView(13);
        if (!events.empty()) {
            const AnyValue type
                = OtlpProtoColumns::firstEventAttribute(events, "exception", "exception.type");
            if (!type.isEmpty())
                span.exceptionType = type.toDisplayString();
        }
    }
    select->reset();
    if (!trace.spans.empty())
        deliver();
}

} // namespace kansoku
