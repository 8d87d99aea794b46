#include "sqlite_telemetry_queries.h"

#include "formats/otlp_json_field_reader.h"
#include "metric_point_reader.h"
#include "otlp_proto_columns.h"
#include "sql_builder.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"
#include "trace_id_index.h"

#include <QString>
#include <algorithm>
#include <limits>
#include <map>

namespace kansoku {

namespace {

constexpr std::int64_t minTime = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t maxTime = std::numeric_limits<std::int64_t>::max();

void addTimeRange(SqlBuilder &builder, const char *column, const TimeRange &range)
{
    if (range.startNs != minTime) {
        builder.add(std::string(" AND ") + column + " >= ?");
        builder.addInt(range.startNs);
    }
    if (range.endNs != maxTime) {
        builder.add(std::string(" AND ") + column + " < ?");
        builder.addInt(range.endNs);
    }
}

template<std::size_t Size>
FixedId<Size> idColumn(const SqliteStatement &statement, int column)
{
    return FixedId<Size>::fromRaw(statement.columnBlobView(column)).value_or(FixedId<Size>{});
}

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

class SqliteTelemetryQueries::Connection
{
public:
    explicit Connection(ReadConnectionPool &pool)
        : m_pool(pool)
        , m_database(pool.acquire(&m_error))
    {}
    ~Connection() { m_pool.release(std::move(m_database)); }
    SqliteDatabase *get() const { return m_database.get(); }
    const std::string &error() const { return m_error; }

private:
    ReadConnectionPool &m_pool;
    std::string m_error;
    std::unique_ptr<SqliteDatabase> m_database;
};

struct SqliteTelemetryQueries::LogSql
{
    SqlBuilder builder;
    bool usesFullText = false;
};

SqliteTelemetryQueries::SqliteTelemetryQueries(std::string databasePath)
    : m_pool(std::move(databasePath))
{}

bool SqliteTelemetryQueries::checkConnection(std::string *errorMessage)
{
    Connection connection(m_pool);
    if (!connection.get()) {
        *errorMessage = connection.error();
        return false;
    }
    return true;
}

const SqliteTelemetryQueries::StoredResource *
SqliteTelemetryQueries::resource(SqliteDatabase &database, std::int64_t resourceId) const
{
    std::lock_guard lock(m_cacheMutex);
    auto it = m_resources.find(resourceId);
    if (it != m_resources.end())
        return it->second.get();
    SqliteStatement *select
        = database.cached("SELECT attributes, dropped_attributes_count, schema_url FROM resources "
                          "WHERE resource_id = ?");
    static const StoredResource missing;
    if (!select)
        return &missing;
    select->bindInt(1, resourceId);
    if (select->step() != SQLITE_ROW) {
        select->reset();
        return &missing; // not cached: a failed read must not stick
    }
    auto stored = std::make_unique<StoredResource>();
    OtlpJsonFieldReader::decodeAttributes(select->columnTextView(0), &stored->resource.attributes);
    stored->resource.droppedAttributesCount = static_cast<std::uint32_t>(select->columnInt(1));
    stored->schemaUrl = select->columnText(2);
    select->reset();
    return m_resources.emplace(resourceId, std::move(stored)).first->second.get();
}

const SqliteTelemetryQueries::StoredScope *SqliteTelemetryQueries::scope(SqliteDatabase &database,
                                                                         std::int64_t scopeId) const
{
    std::lock_guard lock(m_cacheMutex);
    auto it = m_scopes.find(scopeId);
    if (it != m_scopes.end())
        return it->second.get();
    SqliteStatement *select = database.cached(
        "SELECT name, version, attributes, dropped_attributes_count, schema_url FROM scopes "
        "WHERE scope_id = ?");
    static const StoredScope missing;
    if (!select)
        return &missing;
    select->bindInt(1, scopeId);
    if (select->step() != SQLITE_ROW) {
        select->reset();
        return &missing;
    }
    auto stored = std::make_unique<StoredScope>();
    stored->scope.name = select->columnText(0);
    stored->scope.version = select->columnText(1);
    OtlpJsonFieldReader::decodeAttributes(select->columnTextView(2), &stored->scope.attributes);
    stored->scope.droppedAttributesCount = static_cast<std::uint32_t>(select->columnInt(3));
    stored->schemaUrl = select->columnText(4);
    select->reset();
    return m_scopes.emplace(scopeId, std::move(stored)).first->second.get();
}

std::string SqliteTelemetryQueries::serviceName(SqliteDatabase &database,
                                                std::int64_t serviceId) const
{
    std::lock_guard lock(m_cacheMutex);
    auto it = m_services.find(serviceId);
    if (it != m_services.end())
        return it->second;
    SqliteStatement *select = database.cached("SELECT name FROM services WHERE service_id = ?");
    std::string name;
    if (!select)
        return name;
    select->bindInt(1, serviceId);
    if (select->step() == SQLITE_ROW) {
        name = select->columnText(0);
        m_services.emplace(serviceId, name);
    }
    select->reset();
    return name;
}

std::vector<TraceSummary> SqliteTelemetryQueries::traces(const TraceQuery &query) const
{
    std::vector<TraceSummary> result;
    Connection connection(m_pool);
    if (!connection.get() || query.limit <= 0)
        return result;
    SqlBuilder builder;
    builder.add("SELECT t.trace_id, t.start_ns, t.end_ns, t.root_service_id, t.root_name, "
                "t.span_count, t.error_count, t.services FROM traces t WHERE 1");
    if (query.traceId) {
        builder.add(" AND " + TraceIdIndex::condition("t."));
        builder.addBlob(std::string(query.traceId->raw()));
    }
    addTimeRange(builder, "t.start_ns", query.range);
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
        summary.traceId = idColumn<16>(*select, 0);
        summary.startTimeNs = select->columnInt(1);
        summary.durationNs = select->columnInt(2) - summary.startTimeNs;
        if (!select->isNull(3))
            summary.rootService = serviceName(database, select->columnInt(3));
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
                summary.services.push_back(serviceName(database, id));
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

std::optional<Trace> SqliteTelemetryQueries::trace(const TraceId &traceId) const
{
    Connection connection(m_pool);
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
        span.spanId = idColumn<8>(*select, 0);
        span.parentSpanId = idColumn<8>(*select, 1);
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
        const StoredResource *storedResource = resource(database, row.resourceId);
        const StoredScope *storedScope = scope(database, row.scopeId);
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

SqliteTelemetryQueries::LogSql SqliteTelemetryQueries::buildLogSql(const LogQuery &query,
                                                                   bool forCount) const
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
    addTimeRange(builder, "l.time_ns", query.range);
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

LogPage SqliteTelemetryQueries::logs(const LogQuery &query) const
{
    LogPage page;
    Connection connection(m_pool);
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
        record.traceId = idColumn<16>(*select, 10);
        record.spanId = idColumn<8>(*select, 11);
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
        const StoredResource *storedResource = resource(database, row.resourceId);
        const StoredScope *storedScope = scope(database, row.scopeId);
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

std::int64_t SqliteTelemetryQueries::countLogs(const LogQuery &query) const
{
    Connection connection(m_pool);
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

std::vector<MetricStream>
SqliteTelemetryQueries::metricStreams(const MetricStreamQuery &query) const
{
    std::vector<MetricStream> result;
    Connection connection(m_pool);
    if (!connection.get())
        return result;
    SqliteDatabase &database = *connection.get();
    SqlBuilder builder;
    builder.add("SELECT s.stream_id, s.name, s.description, s.unit, s.type, s.temporality, "
                "s.is_monotonic, s.resource_id, s.scope_id, s.attributes, s.point_count, "
                "s.first_time_ns, s.last_time_ns FROM metric_streams s WHERE 1");
    if (!query.service.empty()) {
        builder.add(" AND s.service_id = (SELECT service_id FROM services WHERE name = ?)");
        builder.addText(query.service);
    }
    if (query.range != TimeRange{}) {
        builder.add(" AND EXISTS(SELECT 1 FROM metric_points p WHERE p.stream_id = s.stream_id");
        addTimeRange(builder, "p.time_ns", query.range);
        builder.add(")");
    }
    builder.add(" ORDER BY s.name, s.stream_id");
    SqliteStatement *select = database.cached(builder.sql());
    if (!select)
        return result;
    builder.bind(*select);
    const QString needle = QString::fromStdString(query.nameContains);
    std::vector<std::pair<MetricStream, std::pair<std::int64_t, std::int64_t>>> rows;
    while (select->step() == SQLITE_ROW) {
        MetricStream info;
        info.name = select->columnText(1);
        if (!needle.isEmpty()
            && !QString::fromStdString(info.name).contains(needle, Qt::CaseInsensitive))
            continue;
        info.streamId = select->columnInt(0);
        info.description = select->columnText(2);
        info.unit = select->columnText(3);
        info.type = static_cast<MetricType>(select->columnInt(4));
        info.temporality = static_cast<AggregationTemporality>(select->columnInt(5));
        info.isMonotonic = select->columnInt(6) != 0;
        OtlpJsonFieldReader::decodeAttributes(select->columnTextView(9), &info.attributes);
        info.pointCount = select->columnInt(10);
        info.firstTimeNs = select->columnInt(11);
        info.lastTimeNs = select->columnInt(12);
        rows.emplace_back(std::move(info),
                          std::make_pair(select->columnInt(7), select->columnInt(8)));
    }
    select->reset();
    for (auto &[info, ids] : rows) {
        const auto *storedResource = resource(database, ids.first);
        const auto *storedScope = scope(database, ids.second);
        info.resource = storedResource->resource;
        info.resourceSchemaUrl = storedResource->schemaUrl;
        info.scope = storedScope->scope;
        info.scopeSchemaUrl = storedScope->schemaUrl;
        result.push_back(std::move(info));
    }
    return result;
}

std::optional<Metric> SqliteTelemetryQueries::metricPoints(const MetricPointQuery &query) const
{
    Connection connection(m_pool);
    if (!connection.get())
        return std::nullopt;
    SqliteDatabase &database = *connection.get();
    SqliteStatement *stream = database.cached(
        "SELECT name, description, unit, metadata, type, temporality, is_monotonic, attributes "
        "FROM metric_streams WHERE stream_id = ?");
    if (!stream)
        return std::nullopt;
    stream->bindInt(1, query.streamId);
    if (stream->step() != SQLITE_ROW) {
        stream->reset();
        return std::nullopt;
    }
    Metric metric;
    metric.name = stream->columnText(0);
    metric.description = stream->columnText(1);
    metric.unit = stream->columnText(2);
    OtlpJsonFieldReader::decodeAttributes(stream->columnTextView(3), &metric.metadata);
    metric.type = static_cast<MetricType>(stream->columnInt(4));
    metric.temporality = static_cast<AggregationTemporality>(stream->columnInt(5));
    metric.isMonotonic = stream->columnInt(6) != 0;
    Attributes attributes;
    OtlpJsonFieldReader::decodeAttributes(stream->columnTextView(7), &attributes);
    stream->reset();

    const bool isDeltaSum
        = metric.type == MetricType::Sum && metric.temporality == AggregationTemporality::Delta;
    const bool aggregateInSql = query.resolutionNs > 0 && !isDeltaSum;
    std::int64_t origin = query.range.startNs;
    if (query.resolutionNs > 0 && origin == minTime) {
        // Buckets start at the stream's first point when the range is open-ended.
        SqliteStatement *first
            = database.cached("SELECT min(time_ns) FROM metric_points WHERE stream_id = ?");
        if (!first)
            return std::nullopt;
        first->bindInt(1, query.streamId);
        origin = first->step() == SQLITE_ROW ? first->columnInt(0) : 0;
        first->reset();
    }

    SqlBuilder builder;
    builder.add(std::string("SELECT ") + MetricPointReader::columns);
    if (aggregateInSql) {
        // With max() SQLite takes the bare columns from the row holding the maximum: the last
        // point of each bucket.
        builder.add(", max(time_ns)");
    }
    builder.add(" FROM metric_points WHERE stream_id = ?");
    builder.addInt(query.streamId);
    addTimeRange(builder, "time_ns", query.range);
    if (aggregateInSql) {
        builder.add(" GROUP BY (time_ns - ?) / ? ORDER BY max(time_ns)");
        builder.addInt(origin);
        builder.addInt(query.resolutionNs);
    } else {
        builder.add(" ORDER BY time_ns");
    }
    SqliteStatement *select = database.cached(builder.sql());
    if (!select)
        return std::nullopt;
    builder.bind(*select);

    if (query.resolutionNs > 0 && isDeltaSum) {
        std::optional<std::int64_t> bucket;
        Metric single = metric;
        while (select->step() == SQLITE_ROW) {
            single.numberPoints.clear();
            MetricPointReader::appendPoint(*select, &single, attributes);
            NumberDataPoint &point = single.numberPoints.front();
            const std::int64_t pointBucket = (point.timeNs - origin) / query.resolutionNs;
            if (bucket && *bucket == pointBucket)
                MetricPointReader::accumulate(metric.numberPoints.back(), std::move(point));
            else
                metric.numberPoints.push_back(std::move(point));
            bucket = pointBucket;
        }
    } else {
        while (select->step() == SQLITE_ROW)
            MetricPointReader::appendPoint(*select, &metric, attributes);
    }
    select->reset();
    return metric;
}

std::vector<std::string> SqliteTelemetryQueries::services() const
{
    std::vector<std::string> names;
    Connection connection(m_pool);
    if (!connection.get())
        return names;
    SqliteStatement *select = connection.get()->cached("SELECT name FROM services ORDER BY name");
    if (!select)
        return names;
    while (select->step() == SQLITE_ROW)
        names.push_back(select->columnText(0));
    select->reset();
    return names;
}

std::optional<TimeRange> SqliteTelemetryQueries::timeBounds() const
{
    Connection connection(m_pool);
    if (!connection.get())
        return std::nullopt;
    SqliteStatement *select
        = connection.get()->cached("SELECT min_time_ns, max_time_ns FROM totals WHERE id = 1");
    if (!select || select->step() != SQLITE_ROW || select->isNull(0)) {
        if (select)
            select->reset();
        return std::nullopt;
    }
    TimeRange range;
    range.startNs = select->columnInt(0);
    const std::int64_t last = select->columnInt(1);
    range.endNs = last == maxTime ? maxTime : last + 1; // half-open: include the last instant
    select->reset();
    return range;
}

TelemetryTotals SqliteTelemetryQueries::totals() const
{
    TelemetryTotals totals;
    Connection connection(m_pool);
    if (!connection.get())
        return totals;
    SqliteStatement *select = connection.get()->cached(
        "SELECT spans, traces, log_records, data_points, metric_streams FROM totals WHERE id = 1");
    if (select && select->step() == SQLITE_ROW) {
        totals.spans = select->columnInt(0);
        totals.traces = select->columnInt(1);
        totals.logRecords = select->columnInt(2);
        totals.dataPoints = select->columnInt(3);
        totals.metricStreams = select->columnInt(4);
    }
    if (select)
        select->reset();
    return totals;
}

} // namespace kansoku
