#include "sqlite_metric_queries.h"

#include "formats/otlp_json_field_reader.h"
#include "metric_point_reader.h"
#include "read_connection_pool.h"
#include "sql_builder.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"
#include "stored_entity_cache.h"

#include <QString>

namespace kansoku {

SqliteMetricQueries::SqliteMetricQueries(ReadConnectionPool &pool, StoredEntityCache &entities)
    : m_pool(pool)
    , m_entities(entities)
{}

std::vector<MetricStream> SqliteMetricQueries::metricStreams(const MetricStreamQuery &query) const
{
    std::vector<MetricStream> result;
    ReadConnectionPool::Lease connection(m_pool);
    if (!connection.get())
        return result;
    SqliteDatabase &database = *connection.get();
    SqlBuilder builder;
    // Streams retention has emptied keep their rows (ids stay unique) but are not listed.
    builder.add("SELECT s.stream_id, s.name, s.description, s.unit, s.type, s.temporality, "
                "s.is_monotonic, s.resource_id, s.scope_id, s.attributes, s.point_count, "
                "s.first_time_ns, s.last_time_ns FROM metric_streams s WHERE s.point_count > 0");
    if (!query.service.empty()) {
        builder.add(" AND s.service_id = (SELECT service_id FROM services WHERE name = ?)");
        builder.addText(query.service);
    }
    if (query.range != TimeRange{}) {
        builder.add(" AND EXISTS(SELECT 1 FROM metric_points p WHERE p.stream_id = s.stream_id");
        builder.addTimeRange("p.time_ns", query.range);
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
        const auto *storedResource = m_entities.resource(database, ids.first);
        const auto *storedScope = m_entities.scope(database, ids.second);
        info.resource = storedResource->resource;
        info.resourceSchemaUrl = storedResource->schemaUrl;
        info.scope = storedScope->scope;
        info.scopeSchemaUrl = storedScope->schemaUrl;
        result.push_back(std::move(info));
    }
    return result;
}

std::optional<Metric> SqliteMetricQueries::metricPoints(const MetricPointQuery &query) const
{
    ReadConnectionPool::Lease connection(m_pool);
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
    if (query.resolutionNs > 0 && !query.range.hasStart()) {
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
    builder.addTimeRange("time_ns", query.range);
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

} // namespace kansoku
