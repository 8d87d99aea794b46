#include "storage_writer.h"

#include "encoded_telemetry_batch.h"
#include "formats/otlp_json_field_writer.h"
#include "metric_point_codec.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"

#include <algorithm>
#include <cstring>

namespace kansoku {

namespace {

constexpr const char *insertSpanSql
    = "INSERT OR IGNORE INTO spans(trace_key, span_id, parent_span_id, name, service_id, start_ns, "
      "end_ns, kind, status_code, status_message, resource_id, scope_id, trace_state, flags, "
      "attributes, dropped_attributes_count, events, dropped_events_count, links, "
      "dropped_links_count) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

constexpr const char *insertLogSql
    = "INSERT INTO logs(time_ns, event_time_ns, observed_time_ns, severity_number, severity_text, "
      "body_text, body_value, attributes, dropped_attributes_count, flags, trace_id, span_id, "
      "event_name, service_id, resource_id, scope_id) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

constexpr const char *insertPointSql
    = "INSERT OR IGNORE INTO metric_points(stream_id, time_ns, start_time_ns, flags, value, count, "
      "sum, min, max, detail, exemplars) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

void appendKeyPart(std::string &key, std::string_view part)
{
    key += std::to_string(part.size());
    key += ':';
    key += part;
}

// What a point of this kind stores in the detail column: its buckets or quantiles (a number point
// has none).
std::string encodeDetail(const NumberDataPoint &)
{
    return {};
}

std::string encodeDetail(const HistogramDataPoint &point)
{
    return MetricPointCodec::encodeHistogram(point);
}

std::string encodeDetail(const ExponentialHistogramDataPoint &point)
{
    return MetricPointCodec::encodeExponentialHistogram(point);
}

std::string encodeDetail(const SummaryDataPoint &point)
{
    return MetricPointCodec::encodeSummary(point);
}

// The columns of insertPointSql only this kind of point fills (value; or count, sum, min, max and
// the detail from encodeDetail()); StorageWriter::insertPoint() binds the shared ones. The detail
// is bound without a copy, so it must outlive the insert.
void bindTypeColumns(SqliteStatement &insert, const NumberDataPoint &point, const std::string &)
{
    if (std::holds_alternative<double>(point.value))
        insert.bindExactDouble(5, std::get<double>(point.value));
    else
        insert.bindInt(5, std::get<std::int64_t>(point.value));
}

template<typename HistogramPoint>
void bindHistogramColumns(SqliteStatement &insert, const HistogramPoint &point,
                          const std::string &detail)
{
    insert.bindInt(6, static_cast<std::int64_t>(point.count));
    insert.bindOptionalDouble(7, point.sum);
    insert.bindOptionalDouble(8, point.min);
    insert.bindOptionalDouble(9, point.max);
    insert.bindBlob(10, detail);
}

void bindTypeColumns(SqliteStatement &insert, const HistogramDataPoint &point,
                     const std::string &detail)
{
    bindHistogramColumns(insert, point, detail);
}

void bindTypeColumns(SqliteStatement &insert, const ExponentialHistogramDataPoint &point,
                     const std::string &detail)
{
    bindHistogramColumns(insert, point, detail);
}

void bindTypeColumns(SqliteStatement &insert, const SummaryDataPoint &point,
                     const std::string &detail)
{
    insert.bindInt(6, static_cast<std::int64_t>(point.count));
    insert.bindExactDouble(7, point.sum);
    insert.bindBlob(10, detail);
}

} // namespace

StorageWriter::StorageWriter(SqliteDatabase &database)
    : m_database(database)
    , m_interner(database)
    , m_traceSummaries(database)
{}

bool StorageWriter::load(std::string *errorMessage)
{
    m_streams.clear();
    m_streamsById.clear();
    m_dirtyStreams.clear();
    m_pending = {};
    if (!m_interner.load(errorMessage))
        return false;
    m_traceSummaries.load();

    SqliteStatement streams(m_database.handle(),
                            "SELECT stream_id, name, description, unit, metadata, type, "
                            "temporality, is_monotonic, resource_id, scope_id, attributes, "
                            "point_count, first_time_ns, last_time_ns FROM metric_streams");
    SqliteStatement totals(m_database.handle(),
                           "SELECT spans, traces, log_records, data_points, metric_streams, "
                           "min_time_ns, max_time_ns FROM totals WHERE id = 1");
    if (!streams.isValid() || !totals.isValid() || totals.step() != SQLITE_ROW) {
        *errorMessage = "cannot read " + m_database.path() + ": " + m_database.errorMessage();
        return false;
    }
    m_totals.spans = totals.columnInt(0);
    m_totals.traces = totals.columnInt(1);
    m_totals.logRecords = totals.columnInt(2);
    m_totals.dataPoints = totals.columnInt(3);
    m_totals.metricStreams = totals.columnInt(4);
    m_hasTime = !totals.isNull(5);
    m_minTimeNs = totals.columnInt(5);
    m_maxTimeNs = totals.columnInt(6);

    while (streams.step() == SQLITE_ROW) {
        std::string key;
        for (int column = 1; column <= 4; ++column)
            appendKeyPart(key, streams.columnTextView(column));
        for (int column = 5; column <= 9; ++column)
            appendKeyPart(key, std::to_string(streams.columnInt(column)));
        appendKeyPart(key, streams.columnTextView(10));
        StreamState state;
        state.streamId = streams.columnInt(0);
        state.pointCount = streams.columnInt(11);
        state.firstTimeNs = streams.columnInt(12);
        state.lastTimeNs = streams.columnInt(13);
        StreamState *stored = &m_streams.emplace(std::move(key), state).first->second;
        m_streamsById.emplace(stored->streamId, stored);
    }
    return true;
}

bool StorageWriter::begin(std::string *errorMessage, bool *isBusy)
{
    const int rc = sqlite3_exec(m_database.handle(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    *isBusy = (rc & 0xff) == SQLITE_BUSY;
    if (rc != SQLITE_OK) {
        *errorMessage = "cannot start a transaction on " + m_database.path() + ": "
                        + m_database.errorMessage();
        return false;
    }
    m_pending = {};
    return true;
}

bool StorageWriter::write(const EncodedTelemetryBatch &encoded, std::string *errorMessage)
{
    const TelemetryBatch &batch = encoded.batch();
    std::size_t spanIndex = 0;
    for (const ResourceSpans &resourceSpans : batch.resourceSpans) {
        if (!writeSpans(resourceSpans, encoded, &spanIndex, errorMessage))
            return false;
    }
    std::size_t logIndex = 0;
    for (const ResourceLogs &resourceLogs : batch.resourceLogs) {
        if (!writeLogs(resourceLogs, encoded, &logIndex, errorMessage))
            return false;
    }
    for (const ResourceMetrics &resourceMetrics : batch.resourceMetrics) {
        if (!writeMetrics(resourceMetrics, errorMessage))
            return false;
    }
    return true;
}

bool StorageWriter::writeSpans(const ResourceSpans &resourceSpans,
                               const EncodedTelemetryBatch &encoded, std::size_t *spanIndex,
                               std::string *errorMessage)
{
    const EntityInterner::ResourceIds resource
        = m_interner.resource(resourceSpans.resource, resourceSpans.schemaUrl);
    if (resource.resourceId < 0)
        return fail(errorMessage, "storing a resource");
    SqliteStatement *insert = m_database.cached(insertSpanSql);
    if (!insert)
        return fail(errorMessage, "preparing the span insert");

    for (const ScopeSpans &scopeSpans : resourceSpans.scopeSpans) {
        const std::int64_t scopeId = m_interner.scope(scopeSpans.scope, scopeSpans.schemaUrl);
        if (scopeId < 0)
            return fail(errorMessage, "storing a scope");
        for (const Span &span : scopeSpans.spans) {
            const std::size_t index = (*spanIndex)++;
            const std::int64_t traceKey = m_traceSummaries.traceKey(span.traceId, span);
            if (traceKey < 0)
                return fail(errorMessage, "reading a trace summary");
            insert->bindInt(1, traceKey);
            insert->bindBlob(2, span.spanId.raw());
            if (span.isRoot())
                insert->bindNull(3);
            else
                insert->bindBlob(3, span.parentSpanId.raw());
            insert->bindText(4, span.name);
            insert->bindInt(5, resource.serviceId);
            insert->bindInt(6, span.startTimeNs);
            insert->bindInt(7, span.endTimeNs);
            insert->bindInt(8, static_cast<int>(span.kind));
            insert->bindInt(9, static_cast<int>(span.status.code));
            insert->bindTextOrNull(10, span.status.message);
            insert->bindInt(11, resource.resourceId);
            insert->bindInt(12, scopeId);
            insert->bindTextOrNull(13, span.traceState);
            insert->bindInt(14, span.flags);
            insert->bindBlobOrNull(
                15, encoded.spanColumn(index, EncodedTelemetryBatch::SpanAttributes));
            insert->bindInt(16, span.droppedAttributesCount);
            insert->bindBlobOrNull(17,
                                   encoded.spanColumn(index, EncodedTelemetryBatch::SpanEvents));
            insert->bindInt(18, span.droppedEventsCount);
            insert->bindBlobOrNull(19, encoded.spanColumn(index, EncodedTelemetryBatch::SpanLinks));
            insert->bindInt(20, span.droppedLinksCount);
            if (!insert->execute())
                return fail(errorMessage, "inserting a span");
            // A re-sent span (same trace and span id) is ignored, and must not count twice.
            if (sqlite3_changes(m_database.handle()) == 0)
                continue;

            if (!m_traceSummaries.addSpan(span, resource.serviceId))
                return fail(errorMessage, "updating a trace summary");
            ++m_pending.spans;
            noteTime(span.startTimeNs);
            noteTime(span.endTimeNs);
        }
    }
    return true;
}

bool StorageWriter::writeLogs(const ResourceLogs &resourceLogs,
                              const EncodedTelemetryBatch &encoded, std::size_t *logIndex,
                              std::string *errorMessage)
{
    const EntityInterner::ResourceIds resource
        = m_interner.resource(resourceLogs.resource, resourceLogs.schemaUrl);
    if (resource.resourceId < 0)
        return fail(errorMessage, "storing a resource");
    SqliteStatement *insert = m_database.cached(insertLogSql);
    SqliteStatement *insertText = m_database.cached(
        "INSERT INTO logs_fts(rowid, body, attributes, ids) VALUES(?, ?, ?, ?)");
    if (!insert || !insertText)
        return fail(errorMessage, "preparing the log insert");

    using Column = EncodedTelemetryBatch::LogColumn;
    for (const ScopeLogs &scopeLogs : resourceLogs.scopeLogs) {
        const std::int64_t scopeId = m_interner.scope(scopeLogs.scope, scopeLogs.schemaUrl);
        if (scopeId < 0)
            return fail(errorMessage, "storing a scope");
        for (const LogRecord &record : scopeLogs.logRecords) {
            const std::size_t index = (*logIndex)++;
            const std::string_view bodyText = encoded.logColumn(index, Column::LogBodyText);

            insert->bindInt(1, record.effectiveTimeNs());
            insert->bindInt(2, record.timeNs);
            insert->bindInt(3, record.observedTimeNs);
            insert->bindInt(4, record.severityNumber);
            insert->bindTextOrNull(5, record.severityText);
            if (record.body.isEmpty())
                insert->bindNull(6);
            else
                insert->bindText(6, bodyText);
            insert->bindTextOrNull(7, encoded.logColumn(index, Column::LogBodyValue));
            insert->bindBlobOrNull(8, encoded.logColumn(index, Column::LogAttributes));
            insert->bindInt(9, record.droppedAttributesCount);
            insert->bindInt(10, record.flags);
            if (record.traceId.isZero())
                insert->bindNull(11);
            else
                insert->bindBlob(11, record.traceId.raw());
            if (record.spanId.isZero())
                insert->bindNull(12);
            else
                insert->bindBlob(12, record.spanId.raw());
            insert->bindTextOrNull(13, record.eventName);
            insert->bindInt(14, resource.serviceId);
            insert->bindInt(15, resource.resourceId);
            insert->bindInt(16, scopeId);
            if (!insert->execute())
                return fail(errorMessage, "inserting a log record");

            insertText->bindInt(1, sqlite3_last_insert_rowid(m_database.handle()));
            insertText->bindText(2, bodyText);
            insertText->bindText(3, encoded.logColumn(index, Column::LogAttributeText));
            insertText->bindText(4, encoded.logColumn(index, Column::LogTraceIdHex));
            if (!insertText->execute())
                return fail(errorMessage, "indexing a log record");
            ++m_pending.logRecords;
            if (record.effectiveTimeNs() != 0)
                noteTime(record.effectiveTimeNs());
        }
    }
    return true;
}

bool StorageWriter::writeMetrics(const ResourceMetrics &resourceMetrics, std::string *errorMessage)
{
    const EntityInterner::ResourceIds resource
        = m_interner.resource(resourceMetrics.resource, resourceMetrics.schemaUrl);
    if (resource.resourceId < 0)
        return fail(errorMessage, "storing a resource");
    SqliteStatement *insert = m_database.cached(insertPointSql);
    if (!insert)
        return fail(errorMessage, "preparing the point insert");

    for (const ScopeMetrics &scopeMetrics : resourceMetrics.scopeMetrics) {
        const std::int64_t scopeId = m_interner.scope(scopeMetrics.scope, scopeMetrics.schemaUrl);
        if (scopeId < 0)
            return fail(errorMessage, "storing a scope");
        for (const Metric &metric : scopeMetrics.metrics) {
            const std::string metadata = OtlpJsonFieldWriter::encodeAttributes(metric.metadata);
            // A stream that cannot be stored stops at once; a failed insert only after the rest.
            bool ok = true;
            auto insertPoints = [&](const auto &points) {
                for (const auto &point : points) {
                    StreamState *state
                        = streamState(metric, metadata, resource, scopeId, point.attributes);
                    if (!state)
                        return false;
                    const std::string detail = encodeDetail(point); // lives past the insert
                    bindTypeColumns(*insert, point, detail);
                    ok = ok && insertPoint(*state, point, insert);
                }
                return true;
            };
            if (!insertPoints(metric.numberPoints) || !insertPoints(metric.histogramPoints)
                || !insertPoints(metric.exponentialHistogramPoints)
                || !insertPoints(metric.summaryPoints))
                return fail(errorMessage, "storing a metric stream");
            if (!ok)
                return fail(errorMessage, "inserting a metric point");
        }
    }
    return true;
}

bool StorageWriter::insertPoint(StreamState &stream, const DataPointBase &base,
                                SqliteStatement *insert)
{
    const std::string exemplars = OtlpJsonFieldWriter::encodeExemplars(base.exemplars);
    insert->bindInt(1, stream.streamId);
    insert->bindInt(2, base.timeNs);
    insert->bindInt(3, base.startTimeNs);
    insert->bindInt(4, base.flags);
    insert->bindTextOrNull(11, exemplars);
    const bool ok = insert->execute();
    insert->reset();
    if (!ok)
        return false;
    // The same stream at the same time again is a re-sent point: ignored, not counted.
    if (sqlite3_changes(m_database.handle()) == 0)
        return true;
    if (stream.pointCount == 0) {
        stream.firstTimeNs = base.timeNs;
        stream.lastTimeNs = base.timeNs;
    } else {
        stream.firstTimeNs = std::min(stream.firstTimeNs, base.timeNs);
        stream.lastTimeNs = std::max(stream.lastTimeNs, base.timeNs);
    }
    ++stream.pointCount;
    if (!stream.isDirty) {
        stream.isDirty = true;
        m_dirtyStreams.push_back(&stream);
    }
    ++m_pending.dataPoints;
    noteTime(base.timeNs);
    return true;
}

StorageWriter::StreamState *StorageWriter::streamState(const Metric &metric,
                                                       const std::string &metadataJson,
                                                       const EntityInterner::ResourceIds &resource,
                                                       std::int64_t scopeId,
                                                       const Attributes &attributes)
{
    // Description and metadata are part of the identity so a stream always reads back exactly.
    const std::string attributesJson = OtlpJsonFieldWriter::encodeAttributes(attributes);
    m_scratch.clear();
    appendKeyPart(m_scratch, metric.name);
    appendKeyPart(m_scratch, metric.description);
    appendKeyPart(m_scratch, metric.unit);
    appendKeyPart(m_scratch, metadataJson);
    appendKeyPart(m_scratch, std::to_string(static_cast<int>(metric.type)));
    appendKeyPart(m_scratch, std::to_string(static_cast<int>(metric.temporality)));
    appendKeyPart(m_scratch, std::to_string(metric.isMonotonic ? 1 : 0));
    appendKeyPart(m_scratch, std::to_string(resource.resourceId));
    appendKeyPart(m_scratch, std::to_string(scopeId));
    appendKeyPart(m_scratch, attributesJson);
    const auto it = m_streams.find(m_scratch);
    if (it != m_streams.end())
        return &it->second;

    SqliteStatement *insert = m_database.cached(
        "INSERT INTO metric_streams(name, description, unit, metadata, type, temporality, "
        "is_monotonic, service_id, resource_id, scope_id, attributes, point_count, "
        "first_time_ns, last_time_ns) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)");
    if (!insert)
        return nullptr;
    insert->bindText(1, metric.name);
    insert->bindText(2, metric.description);
    insert->bindText(3, metric.unit);
    insert->bindTextOrNull(4, metadataJson);
    insert->bindInt(5, static_cast<int>(metric.type));
    insert->bindInt(6, static_cast<int>(metric.temporality));
    insert->bindInt(7, metric.isMonotonic ? 1 : 0);
    insert->bindInt(8, resource.serviceId);
    insert->bindInt(9, resource.resourceId);
    insert->bindInt(10, scopeId);
    insert->bindTextOrNull(11, attributesJson);
    if (!insert->execute())
        return nullptr;
    StreamState state;
    state.streamId = sqlite3_last_insert_rowid(m_database.handle());
    ++m_totals.metricStreams;
    StreamState *stored = &m_streams.emplace(m_scratch, state).first->second;
    m_streamsById.emplace(stored->streamId, stored);
    return stored;
}

bool StorageWriter::flushStreams()
{
    SqliteStatement *update
        = m_database.cached("UPDATE metric_streams SET point_count = ?, first_time_ns = ?, "
                            "last_time_ns = ? WHERE stream_id = ?");
    if (!update)
        return false;
    for (const StreamState *state : m_dirtyStreams) {
        update->bindInt(1, state->pointCount);
        update->bindInt(2, state->firstTimeNs);
        update->bindInt(3, state->lastTimeNs);
        update->bindInt(4, state->streamId);
        if (!update->execute())
            return false;
    }
    return true;
}

bool StorageWriter::commit(CommitSummary *summary, std::string *errorMessage)
{
    std::int64_t newTraces = 0;
    if (!m_traceSummaries.flush(&newTraces))
        return fail(errorMessage, "updating trace summaries");
    if (!flushStreams())
        return fail(errorMessage, "updating metric streams");

    TelemetryTotals totals = m_totals;
    totals.traces += newTraces;
    totals.spans += m_pending.spans;
    totals.logRecords += m_pending.logRecords;
    totals.dataPoints += m_pending.dataPoints;
    if (!writeTotals(totals))
        return fail(errorMessage, "updating totals");
    if (sqlite3_exec(m_database.handle(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(errorMessage, "committing");

    m_totals = totals;
    m_traceSummaries.committed();
    for (StreamState *state : m_dirtyStreams)
        state->isDirty = false;
    m_dirtyStreams.clear();

    summary->spans = m_pending.spans;
    summary->logRecords = m_pending.logRecords;
    summary->dataPoints = m_pending.dataPoints;
    summary->totals = m_totals;
    m_pending = {};
    return true;
}

bool StorageWriter::writeTotals(const TelemetryTotals &totals)
{
    SqliteStatement *update = m_database.cached(
        "UPDATE totals SET spans = ?, traces = ?, log_records = ?, data_points = ?, "
        "metric_streams = ?, min_time_ns = ?, max_time_ns = ? WHERE id = 1");
    if (!update)
        return false;
    update->bindInt(1, totals.spans);
    update->bindInt(2, totals.traces);
    update->bindInt(3, totals.logRecords);
    update->bindInt(4, totals.dataPoints);
    update->bindInt(5, totals.metricStreams);
    if (m_hasTime) {
        update->bindInt(6, m_minTimeNs);
        update->bindInt(7, m_maxTimeNs);
    } else {
        update->bindNull(6);
        update->bindNull(7);
    }
    return update->execute();
}

std::optional<std::int64_t> StorageWriter::newestTimeNs() const
{
    return m_hasTime ? std::optional<std::int64_t>(m_maxTimeNs) : std::nullopt;
}

void StorageWriter::forgetTrace(const TraceId &traceId)
{
    m_traceSummaries.forget(traceId);
}

void StorageWriter::setStreamPoints(std::int64_t streamId, std::int64_t pointCount,
                                    std::int64_t firstTimeNs, std::int64_t lastTimeNs)
{
    const auto it = m_streamsById.find(streamId);
    if (it == m_streamsById.end())
        return;
    it->second->pointCount = pointCount;
    it->second->firstTimeNs = firstTimeNs;
    it->second->lastTimeNs = lastTimeNs;
}

bool StorageWriter::notePruned(const PruneTotals &removed, std::optional<std::int64_t> oldestTimeNs,
                               std::string *errorMessage)
{
    TelemetryTotals totals = m_totals;
    totals.traces -= removed.traces;
    totals.spans -= removed.spans;
    totals.logRecords -= removed.logRecords;
    totals.dataPoints -= removed.dataPoints;
    const bool hadTime = m_hasTime;
    const std::int64_t minTimeNs = m_minTimeNs;
    // Items without a time of their own (logs at 0) never set the bounds: the oldest left may
    // be older than the first time, which it then stays.
    m_hasTime = hadTime && oldestTimeNs.has_value();
    if (m_hasTime)
        m_minTimeNs = std::max(m_minTimeNs, std::min(*oldestTimeNs, m_maxTimeNs));
    if (!writeTotals(totals)) {
        m_hasTime = hadTime;
        m_minTimeNs = minTimeNs;
        return fail(errorMessage, "updating totals");
    }
    m_totals = totals;
    return true;
}

void StorageWriter::rollback()
{
    sqlite3_exec(m_database.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    std::string ignored;
    load(&ignored);
}

void StorageWriter::noteTime(std::int64_t timeNs)
{
    if (!m_hasTime) {
        m_minTimeNs = timeNs;
        m_maxTimeNs = timeNs;
        m_hasTime = true;
        return;
    }
    m_minTimeNs = std::min(m_minTimeNs, timeNs);
    m_maxTimeNs = std::max(m_maxTimeNs, timeNs);
}

bool StorageWriter::fail(std::string *errorMessage, const char *what)
{
    *errorMessage = std::string("error ") + what + " in " + m_database.path() + ": "
                    + m_database.errorMessage();
    return false;
}

} // namespace kansoku
