#include "sqlite_log_queries.h"

#include "formats/otlp_json_field_reader.h"
#include "otlp_proto_columns.h"
#include "read_connection_pool.h"
#include "sql_builder.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"
#include "stored_entity_cache.h"

namespace kansoku {

namespace {

// FTS5 string literal: double quotes doubled.
std::string ftsPhrase(std::string_view text)
{
    std::string phrase = "\"";
    for (const char c : text) {
        if (c == '"')
            phrase += '"';
        phrase += c;
    }
    return phrase + '"';
}

} // namespace

struct SqliteLogQueries::LogSql
{
    SqlBuilder builder;
    bool usesFullText = false;
};

SqliteLogQueries::SqliteLogQueries(ReadConnectionPool &pool, StoredEntityCache &entities)
    : m_pool(pool)
    , m_entities(entities)
{}

SqliteLogQueries::LogSql SqliteLogQueries::buildLogSql(const LogQuery &query, bool forCount)
{
    LogSql result;
    SqlBuilder &builder = result.builder;
    std::string match;
    if (!query.fullText.empty())
        match = "(" + query.fullText + ")";
    // The trace id is an FTS token too: the index finds a trace's logs without a per-log index on
    // a random key; the exact comparison below keeps the answer precise.
    if (query.traceId) {
        match += (match.empty() ? "" : " AND ") + std::string("ids : ")
                 + ftsPhrase(toHex(*query.traceId));
    }
    result.usesFullText = !match.empty();
    const char *rowId = result.usesFullText ? "f.rowid" : "l.log_id";
    builder.add(forCount ? "SELECT count(*)"
                         : "SELECT l.log_id, l.event_time_ns, l.observed_time_ns, "
                           "l.severity_number, l.severity_text, l.body_text, l.body_value, "
                           "l.attributes, l.dropped_attributes_count, l.flags, l.trace_id, "
                           "l.span_id, l.event_name, l.resource_id, l.scope_id");
    if (result.usesFullText) {
        builder.add(" FROM logs_fts f CROSS JOIN logs l ON l.log_id = f.rowid "
                    "WHERE logs_fts MATCH ?");
        builder.addText(match);
    } else {
        builder.add(" FROM logs l WHERE 1");
    }
    if (query.beforeRowId) {
        builder.add(std::string(" AND ") + rowId + " < ?");
        builder.addInt(*query.beforeRowId);
    }
    if (query.afterRowId) {
        builder.add(std::string(" AND ") + rowId + " > ?");
        builder.addInt(*query.afterRowId);
    }
    builder.addTimeRange("l.time_ns", query.range);
    if (query.minSeverityNumber > 0) {
        builder.add(" AND l.severity_number >= ?");
        builder.addInt(query.minSeverityNumber);
    }
    if (!query.service.empty()) {
        builder.add(" AND l.service_id = (SELECT service_id FROM services WHERE name = ?)");
        builder.addText(query.service);
    }
    if (query.traceId) {
        builder.add(" AND l.trace_id = ?");
        builder.addBlob(std::string(query.traceId->raw()));
    }
    if (query.spanId) {
        builder.add(" AND l.span_id = ?");
        builder.addBlob(std::string(query.spanId->raw()));
    }
    for (const AttributeFilter &filter : query.attributeFilters) {
        builder.add(" AND kansoku_attr_match(l.attributes, ?, ?, ?)");
        builder.addInt(OtlpProtoColumns::logAttributesField);
        builder.addText(filter.key);
        builder.addText(filter.value);
    }
    if (!forCount) {
        builder.add(std::string(" ORDER BY ") + rowId + " DESC LIMIT ?");
        builder.addInt(query.limit);
    }
    return result;
}

LogPage SqliteLogQueries::logs(const LogQuery &query) const
{
    LogPage page;
    ReadConnectionPool::Lease connection(m_pool);
    if (!connection.get() || query.limit <= 0)
        return page;
    SqliteDatabase &database = *connection.get();
    LogSql sql = buildLogSql(query, false);
    SqliteStatement *select = database.cached(sql.builder.sql());
    if (!select)
        return page;
    sql.builder.bind(*select);
    struct Row
    {
        StoredLog log;
        std::int64_t resourceId;
        std::int64_t scopeId;
    };
    std::vector<Row> rows;
    int rc;
    while ((rc = select->step()) == SQLITE_ROW) {
        Row row;
        StoredLog &log = row.log;
        LogRecord &record = log.record;
        log.rowId = select->columnInt(0);
        record.timeNs = select->columnInt(1);
        record.observedTimeNs = select->columnInt(2);
        record.severityNumber = static_cast<std::int32_t>(select->columnInt(3));
        record.severityText = select->columnText(4);
        if (!select->isNull(6))
            OtlpJsonFieldReader::decodeAnyValue(select->columnTextView(6), &record.body);
        else if (!select->isNull(5))
            record.body = AnyValue::fromString(select->columnText(5));
        OtlpProtoColumns::decodeAttributes(
            select->columnBlobView(7), OtlpProtoColumns::logAttributesField, &record.attributes);
        record.droppedAttributesCount = static_cast<std::uint32_t>(select->columnInt(8));
        record.flags = static_cast<std::uint32_t>(select->columnInt(9));
        record.traceId = select->columnId<16>(10);
        record.spanId = select->columnId<8>(11);
        record.eventName = select->columnText(12);
        row.resourceId = select->columnInt(13);
        row.scopeId = select->columnInt(14);
        rows.push_back(std::move(row));
    }
    select->reset();
    // An invalid FTS query fails at the first step: documented as an empty result.
    if (rc != SQLITE_DONE)
        return page;
    for (Row &row : rows) {
        const StoredEntityCache::StoredResource *storedResource
            = m_entities.resource(database, row.resourceId);
        const StoredEntityCache::StoredScope *storedScope = m_entities.scope(database, row.scopeId);
        row.log.resource = storedResource->resource;
        row.log.resourceSchemaUrl = storedResource->schemaUrl;
        row.log.scope = storedScope->scope;
        row.log.scopeSchemaUrl = storedScope->schemaUrl;
        page.logs.push_back(std::move(row.log));
    }
    if (static_cast<int>(page.logs.size()) == query.limit)
        page.nextBeforeRowId = page.logs.back().rowId;
    return page;
}

std::int64_t SqliteLogQueries::countLogs(const LogQuery &query) const
{
    ReadConnectionPool::Lease connection(m_pool);
    if (!connection.get())
        return 0;
    LogSql sql = buildLogSql(query, true);
    SqliteStatement *select = connection.get()->cached(sql.builder.sql());
    if (!select)
        return 0;
    sql.builder.bind(*select);
    const std::int64_t count = select->step() == SQLITE_ROW ? select->columnInt(0) : 0;
    select->reset();
    return count;
}

} // namespace kansoku
