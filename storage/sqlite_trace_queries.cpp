#include "sqlite_trace_queries.h"

#include "otlp_proto_columns.h"
#include "read_connection_pool.h"
#include "sql_builder.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"
#include "stored_entity_cache.h"
#include "trace_id_index.h"

#include <algorithm>
#include <map>

namespace kansoku {

SqliteTraceQueries::SqliteTraceQueries(ReadConnectionPool &pool, StoredEntityCache &entities)
    : m_pool(pool)
    , m_entities(entities)
{}

std::vector<TraceSummary> SqliteTraceQueries::traces(const TraceQuery &query) const
{
    std::vector<TraceSummary> result;
    ReadConnectionPool::Lease connection(m_pool);
    if (!connection.get() || query.limit <= 0)
        return result;
    SqlBuilder builder;
    builder.add("SELECT t.trace_id, t.start_ns, t.end_ns, t.root_service_id, t.root_name, "
                "t.span_count, t.error_count, t.services FROM traces t WHERE 1");
    if (query.traceId) {
        builder.add(" AND " + TraceIdIndex::condition("t."));
        builder.addBlob(std::string(query.traceId->raw()));
    }
    builder.addTimeRange("t.start_ns", query.range);
    if (!query.service.empty()) {
        // A probe per candidate while walking traces by start time: the newest matches come
        // first without collecting every trace of the service.
        builder.add(" AND EXISTS(SELECT 1 FROM trace_services ts WHERE ts.service_id = (SELECT "
                    "service_id FROM services WHERE name = ?) AND ts.trace_key = t.trace_key)");
        builder.addText(query.service);
    }
    if (!query.operation.empty()) {
        builder.add(" AND t.root_name = ?");
        builder.addText(query.operation);
    }
    if (query.minDurationNs) {
        builder.add(" AND t.end_ns - t.start_ns >= ?");
        builder.addInt(*query.minDurationNs);
    }
    if (query.maxDurationNs) {
        builder.add(" AND t.end_ns - t.start_ns <= ?");
        builder.addInt(*query.maxDurationNs);
    }
    if (query.errorsOnly)
        builder.add(" AND t.error_count > 0");
    for (const AttributeFilter &filter : query.attributeFilters) {
        builder.add(" AND EXISTS(SELECT 1 FROM spans s WHERE s.trace_key = t.trace_key AND "
                    "kansoku_attr_match(s.attributes, ?, ?, ?))");
        builder.addInt(OtlpProtoColumns::spanAttributesField);
        builder.addText(filter.key);
        builder.addText(filter.value);
    }
    // Ties keep a stable order by trace key in the same direction, so paging never repeats a row.
    const char *sortKey = "t.start_ns";
    bool descending = false;
    bool missingRootLast = false;
    switch (query.sortOrder) {
    case TraceSortOrder::StartTimeDescending:
        descending = true;
        break;
    case TraceSortOrder::StartTimeAscending:
        break;
    case TraceSortOrder::DurationDescending:
        descending = true;
        [[fallthrough]];
    case TraceSortOrder::DurationAscending:
        sortKey = "t.end_ns - t.start_ns";
        break;
    case TraceSortOrder::SpanCountDescending:
        descending = true;
        [[fallthrough]];
    case TraceSortOrder::SpanCountAscending:
        sortKey = "t.span_count";
        break;
    case TraceSortOrder::ErrorCountDescending:
        descending = true;
        [[fallthrough]];
    case TraceSortOrder::ErrorCountAscending:
        sortKey = "t.error_count";
        break;
    case TraceSortOrder::RootServiceDescending:
        descending = true;
        [[fallthrough]];
    case TraceSortOrder::RootServiceAscending:
        sortKey = "(SELECT name FROM services WHERE service_id = t.root_service_id) COLLATE NOCASE";
        missingRootLast = true;
        break;
    case TraceSortOrder::RootOperationDescending:
        descending = true;
        [[fallthrough]];
    case TraceSortOrder::RootOperationAscending:
        sortKey = "t.root_name COLLATE NOCASE";
        missingRootLast = true;
        break;
    }
    const char *direction = descending ? " DESC" : " ASC";
    builder.add(" ORDER BY ");
    if (missingRootLast)
        builder.add("(t.root_name IS NULL), ");
    builder.add(std::string(sortKey) + direction + ", t.trace_key" + direction);
    builder.add(" LIMIT ? OFFSET ?");
    builder.addInt(query.limit);
    builder.addInt(std::max(0, query.offset));

    SqliteDatabase &database = *connection.get();
    SqliteStatement *select = database.cached(builder.sql());
    if (!select)
        return result;
    builder.bind(*select);
    while (select->step() == SQLITE_ROW) {
        TraceSummary summary;
        summary.traceId = select->columnId<16>(0);
        summary.startTimeNs = select->columnInt(1);
        summary.durationNs = select->columnInt(2) - summary.startTimeNs;
        if (!select->isNull(3))
            summary.rootService = m_entities.serviceName(database, select->columnInt(3));
        summary.rootName = select->columnText(4);
        summary.spanCount = select->columnInt(5);
        summary.errorCount = select->columnInt(6);
        // The writer stores the trace's service ids as a JSON array such as [3,7].
        std::int64_t id = 0;
        bool inNumber = false;
        for (const char c : select->columnText(7) + ']') {
            if (c >= '0' && c <= '9') {
                id = id * 10 + (c - '0');
                inNumber = true;
            } else if (inNumber) {
                summary.services.push_back(m_entities.serviceName(database, id));
                id = 0;
                inNumber = false;
            }
        }
        std::sort(summary.services.begin(), summary.services.end());
        result.push_back(std::move(summary));
    }
    select->reset();
    return result;
}

std::optional<Trace> SqliteTraceQueries::trace(const TraceId &traceId) const
{
    ReadConnectionPool::Lease connection(m_pool);
    if (!connection.get())
        return std::nullopt;
    SqliteDatabase &database = *connection.get();
    static const std::string selectSql
        = "SELECT span_id, parent_span_id, name, start_ns, end_ns, kind, status_code, "
          "status_message, resource_id, scope_id, trace_state, flags, attributes, "
          "dropped_attributes_count, events, dropped_events_count, links, dropped_links_count "
          "FROM spans WHERE trace_key = (SELECT trace_key FROM traces WHERE "
          + TraceIdIndex::condition("") + ")";
    SqliteStatement *select = database.cached(selectSql);
    if (!select)
        return std::nullopt;
    select->bindBlob(1, traceId.raw());
    struct Row
    {
        TraceSpan span;
        std::int64_t resourceId;
        std::int64_t scopeId;
    };
    std::vector<Row> rows;
    while (select->step() == SQLITE_ROW) {
        Row row;
        Span &span = row.span.span;
        span.traceId = traceId;
        span.spanId = select->columnId<8>(0);
        span.parentSpanId = select->columnId<8>(1);
        span.name = select->columnText(2);
        span.startTimeNs = select->columnInt(3);
        span.endTimeNs = select->columnInt(4);
        span.kind = static_cast<SpanKind>(select->columnInt(5));
        span.status.code = static_cast<StatusCode>(select->columnInt(6));
        span.status.message = select->columnText(7);
        row.resourceId = select->columnInt(8);
        row.scopeId = select->columnInt(9);
        span.traceState = select->columnText(10);
        span.flags = static_cast<std::uint32_t>(select->columnInt(11));
        OtlpProtoColumns::decodeAttributes(select->columnBlobView(12),
                                           OtlpProtoColumns::spanAttributesField, &span.attributes);
        span.droppedAttributesCount = static_cast<std::uint32_t>(select->columnInt(13));
        OtlpProtoColumns::decodeEvents(select->columnBlobView(14), &span.events);
        span.droppedEventsCount = static_cast<std::uint32_t>(select->columnInt(15));
        OtlpProtoColumns::decodeLinks(select->columnBlobView(16), &span.links);
        span.droppedLinksCount = static_cast<std::uint32_t>(select->columnInt(17));
        rows.push_back(std::move(row));
    }
    select->reset();
    if (rows.empty())
        return std::nullopt;
    // Sort an index, not the rows: a Row is large, and a 100k-span trace would move each one
    // about 17 times.
    std::vector<std::uint32_t> order(rows.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&rows](std::uint32_t a, std::uint32_t b) {
        return rows[a].span.span.startTimeNs < rows[b].span.span.startTimeNs;
    });

    Trace trace;
    trace.traceId = traceId;
    std::map<std::int64_t, int> resourceIndex;
    std::map<std::int64_t, int> scopeIndex;
    trace.spans.reserve(rows.size());
    for (std::uint32_t index : order) {
        Row &row = rows[index];
        const StoredEntityCache::StoredResource *storedResource
            = m_entities.resource(database, row.resourceId);
        const StoredEntityCache::StoredScope *storedScope = m_entities.scope(database, row.scopeId);
        auto [resourceIt, newResource]
            = resourceIndex.emplace(row.resourceId, static_cast<int>(trace.resources.size()));
        if (newResource)
            trace.resources.push_back(storedResource->resource);
        auto [scopeIt, newScope]
            = scopeIndex.emplace(row.scopeId, static_cast<int>(trace.scopes.size()));
        if (newScope)
            trace.scopes.push_back(storedScope->scope);
        row.span.resourceIndex = resourceIt->second;
        row.span.scopeIndex = scopeIt->second;
        row.span.resourceSchemaUrl = storedResource->schemaUrl;
        row.span.scopeSchemaUrl = storedScope->schemaUrl;
        trace.spans.push_back(std::move(row.span));
    }
    return trace;
}

} // namespace kansoku
