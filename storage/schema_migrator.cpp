#include "schema_migrator.h"

#include "formats/otlp_json_field_reader.h"
#include "otlp_proto_columns.h"
#include "sqlite_database.h"

#include <algorithm>
#include <iterator>

namespace kansoku {

namespace {

// 'KNSK': lets open() tell a Kansoku database from any other SQLite file.
constexpr std::int64_t applicationId = 0x4b4e534b;

// Version 1. Layout choices, measured on the reference machine: no per-span index on a low-locality
// key; spans in arrival order (a plain rowid table: ~700-byte rows append to the last page and
// fill it, where a WITHOUT ROWID table copied whole rows into its interior pages and split
// half-full pages) with a small unique index on (trace_key, span_id) that finds a trace's rows,
// which arrive together and so sit on few pages; a per-trace summary row maintained by the writer;
// logs in arrival order with a contentless FTS5 index. Attribute-like columns hold OTLP/JSON text
// (version 2 changes that for spans and logs), NULL when empty. logs_fts indexes the body text, the
// attribute values and the hex trace id (so a trace's logs are found without a per-log index on a
// random key); automerge 8 trades a few more FTS segments for ~20% faster inserts.
constexpr const char *schemaVersion1 = R"sql(
CREATE TABLE services(
    service_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE resources(
    resource_id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL,
    attributes TEXT,
    dropped_attributes_count INTEGER NOT NULL,
    schema_url TEXT NOT NULL
);
CREATE TABLE scopes(
    scope_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    attributes TEXT,
    dropped_attributes_count INTEGER NOT NULL,
    schema_url TEXT NOT NULL
);
CREATE TABLE traces(
    trace_key INTEGER PRIMARY KEY,
    trace_id BLOB NOT NULL UNIQUE,
    start_ns INTEGER NOT NULL,
    end_ns INTEGER NOT NULL,
    span_count INTEGER NOT NULL,
    error_count INTEGER NOT NULL,
    root_service_id INTEGER,
    root_name TEXT,
    root_start_ns INTEGER,
    services TEXT NOT NULL
);
CREATE INDEX traces_by_start ON traces(start_ns);
CREATE TABLE trace_services(
    service_id INTEGER NOT NULL,
    trace_key INTEGER NOT NULL,
    PRIMARY KEY(service_id, trace_key)
) WITHOUT ROWID;
CREATE TABLE spans(
    trace_key INTEGER NOT NULL,
    span_id BLOB NOT NULL,
    parent_span_id BLOB,
    name TEXT NOT NULL,
    service_id INTEGER NOT NULL,
    start_ns INTEGER NOT NULL,
    end_ns INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    status_code INTEGER NOT NULL,
    status_message TEXT,
    resource_id INTEGER NOT NULL,
    scope_id INTEGER NOT NULL,
    trace_state TEXT,
    flags INTEGER NOT NULL,
    attributes TEXT,
    dropped_attributes_count INTEGER NOT NULL,
    events TEXT,
    dropped_events_count INTEGER NOT NULL,
    links TEXT,
    dropped_links_count INTEGER NOT NULL
);
CREATE UNIQUE INDEX spans_by_trace ON spans(trace_key, span_id);
CREATE TABLE logs(
    log_id INTEGER PRIMARY KEY,
    time_ns INTEGER NOT NULL,
    event_time_ns INTEGER NOT NULL,
    observed_time_ns INTEGER NOT NULL,
    severity_number INTEGER NOT NULL,
    severity_text TEXT,
    body_text TEXT,
    body_value TEXT,
    attributes TEXT,
    dropped_attributes_count INTEGER NOT NULL,
    flags INTEGER NOT NULL,
    trace_id BLOB,
    span_id BLOB,
    event_name TEXT,
    service_id INTEGER NOT NULL,
    resource_id INTEGER NOT NULL,
    scope_id INTEGER NOT NULL
);
CREATE VIRTUAL TABLE logs_fts USING fts5(
    body, attributes, ids, content='', columnsize=0, tokenize='unicode61');
INSERT INTO logs_fts(logs_fts, rank) VALUES('automerge', 8);
CREATE TABLE metric_streams(
    stream_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    unit TEXT NOT NULL,
    metadata TEXT,
    type INTEGER NOT NULL,
    temporality INTEGER NOT NULL,
    is_monotonic INTEGER NOT NULL,
    service_id INTEGER NOT NULL,
    resource_id INTEGER NOT NULL,
    scope_id INTEGER NOT NULL,
    attributes TEXT,
    point_count INTEGER NOT NULL,
    first_time_ns INTEGER NOT NULL,
    last_time_ns INTEGER NOT NULL
);
CREATE TABLE metric_points(
    stream_id INTEGER NOT NULL,
    time_ns INTEGER NOT NULL,
    start_time_ns INTEGER NOT NULL,
    flags INTEGER NOT NULL,
    value,
    count INTEGER,
    sum,
    min,
    max,
    detail BLOB,
    exemplars TEXT,
    PRIMARY KEY(stream_id, time_ns)
) WITHOUT ROWID;
CREATE TABLE totals(
    id INTEGER PRIMARY KEY CHECK(id = 1),
    spans INTEGER NOT NULL,
    traces INTEGER NOT NULL,
    log_records INTEGER NOT NULL,
    data_points INTEGER NOT NULL,
    metric_streams INTEGER NOT NULL,
    min_time_ns INTEGER,
    max_time_ns INTEGER
);
INSERT INTO totals(id, spans, traces, log_records, data_points, metric_streams)
    VALUES(1, 0, 0, 0, 0, 0);
)sql";

// Version 2. The per-item columns written at ingest rate change from OTLP/JSON text to OTLP
// protobuf bytes (OtlpProtoColumns): about half the bytes per span, which the writer, the WAL and
// the checkpoint all pay for. The declared column types stay TEXT (SQLite cannot change them in
// place, and TEXT affinity stores blobs unchanged).
constexpr const char *schemaVersion2 = R"sql(
UPDATE spans SET attributes = kansoku_v1_attributes(attributes, 9), events = kansoku_v1_events(events),
    links = kansoku_v1_links(links)
    WHERE attributes IS NOT NULL OR events IS NOT NULL OR links IS NOT NULL;
UPDATE logs SET attributes = kansoku_v1_attributes(attributes, 6) WHERE attributes IS NOT NULL;
)sql";

// Version 3. traces.trace_id loses its UNIQUE index (random keys: each commit dirtied pages all
// over it) for traces_by_id on (generation, trace_id), where new ids stay on a few pages; see
// TraceIdIndex, whose generation expression the index must repeat exactly. The writer keeps ids
// unique, as it did before. SQLite cannot drop a UNIQUE constraint, so the table is rebuilt.
constexpr const char *schemaVersion3 = R"sql(
CREATE TABLE traces_v3(
    trace_key INTEGER PRIMARY KEY,
    trace_id BLOB NOT NULL,
    start_ns INTEGER NOT NULL,
    end_ns INTEGER NOT NULL,
    span_count INTEGER NOT NULL,
    error_count INTEGER NOT NULL,
    root_service_id INTEGER,
    root_name TEXT,
    root_start_ns INTEGER,
    services TEXT NOT NULL
);
INSERT INTO traces_v3(trace_key, trace_id, start_ns, end_ns, span_count, error_count,
    root_service_id, root_name, root_start_ns, services)
    SELECT trace_key, trace_id, start_ns, end_ns, span_count, error_count, root_service_id,
        root_name, root_start_ns, services FROM traces ORDER BY trace_key;
DROP TABLE traces;
ALTER TABLE traces_v3 RENAME TO traces;
CREATE INDEX traces_by_start ON traces(start_ns);
CREATE INDEX traces_by_id ON traces(trace_key / 32768, trace_id);
)sql";

// Version 4. logs_fts merges 16 segments of a level at a time (was 8), and merges inline only at
// 32 (was the default 16): as the index grows, merging took ever more of the writer's time, and
// logs/s fell by half within a minute of sustained ingest. 18-25% more logs/s over 60 s runs, for
// up to twice as many segments for a query to read.
constexpr const char *schemaVersion4 = R"sql(
INSERT INTO logs_fts(logs_fts, rank) VALUES('automerge', 16);
INSERT INTO logs_fts(logs_fts, rank) VALUES('crisismerge', 32);
)sql";

// Version 5. The session's own settings (SessionSettings: its retention limits) as name/value rows.
// Only a table is added, so a version 4 file reads the same and a read-only open still accepts it
// (without the table it has no limits stored); see oldestReadOnlyVersion().
constexpr const char *schemaVersion5 = R"sql(
CREATE TABLE session_settings(
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Version 6. Services whose telemetry is all gone (Clear session data, retention) are listed in
// retired_services, which services() leaves out; service ids stay (the interner caches them, and
// resources, spans and logs refer to them), and new telemetry of a retired service takes its row
// out again (EntityInterner). RetentionPruner checks whether a service still has data through
// trace_services (its primary key), logs_by_service and metric_streams_by_service. The step
// retires the services an earlier Kansoku left without data, with the test RetentionPruner
// repeats (kept here as it was: a step is never edited). Only a table and indexes are added, so
// a version 4 or 5 file still opens read-only (without the table, no service is retired).
constexpr const char *schemaVersion6 = R"sql(
CREATE TABLE retired_services(
    service_id INTEGER PRIMARY KEY
);
CREATE INDEX logs_by_service ON logs(service_id);
CREATE INDEX metric_streams_by_service ON metric_streams(service_id);
INSERT INTO retired_services(service_id)
    SELECT service_id FROM services s
    WHERE NOT EXISTS(SELECT 1 FROM trace_services t WHERE t.service_id = s.service_id)
        AND NOT EXISTS(SELECT 1 FROM logs l WHERE l.service_id = s.service_id)
        AND NOT EXISTS(SELECT 1 FROM metric_streams m
                       WHERE m.service_id = s.service_id AND m.point_count > 0);
)sql";

// migrations[i] takes a database from version i to version i + 1.
constexpr const char *migrations[] = {schemaVersion1, schemaVersion2, schemaVersion3,
                                      schemaVersion4, schemaVersion5, schemaVersion6};

std::string_view textArgument(sqlite3_value *value)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(value));
    return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(value)))
                : std::string_view();
}

// Result: the OtlpProtoColumns bytes, NULL for an empty list, an error for invalid JSON (which
// rolls the step back: the file stays a readable version 1).
void setConverted(sqlite3_context *context, bool ok, const std::string &bytes, const char *what)
{
    if (!ok) {
        const std::string message
            = std::string("a stored ") + what + " value is not valid OTLP/JSON";
        sqlite3_result_error(context, message.c_str(), -1);
    } else if (bytes.empty()) {
        sqlite3_result_null(context);
    } else {
        sqlite3_result_blob(context, bytes.data(), static_cast<int>(bytes.size()),
                            SQLITE_TRANSIENT);
    }
}

void convertAttributes(sqlite3_context *context, int, sqlite3_value **arguments)
{
    Attributes attributes;
    const bool ok = OtlpJsonFieldReader::decodeAttributes(textArgument(arguments[0]), &attributes);
    std::string bytes;
    OtlpProtoColumns::appendAttributes(bytes, sqlite3_value_int(arguments[1]), attributes);
    setConverted(context, ok, bytes, "attributes");
}

void convertEvents(sqlite3_context *context, int, sqlite3_value **arguments)
{
    std::vector<SpanEvent> events;
    const bool ok = OtlpJsonFieldReader::decodeEvents(textArgument(arguments[0]), &events);
    std::string bytes;
    OtlpProtoColumns::appendEvents(bytes, events);
    setConverted(context, ok, bytes, "span events");
}

void convertLinks(sqlite3_context *context, int, sqlite3_value **arguments)
{
    std::vector<SpanLink> links;
    const bool ok = OtlpJsonFieldReader::decodeLinks(textArgument(arguments[0]), &links);
    std::string bytes;
    OtlpProtoColumns::appendLinks(bytes, links);
    setConverted(context, ok, bytes, "span links");
}

// The functions schemaVersion2 converts version 1 values with.
void registerConversions(sqlite3 *database)
{
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    sqlite3_create_function_v2(database, "kansoku_v1_attributes", 2, flags, nullptr,
                               convertAttributes, nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(database, "kansoku_v1_events", 1, flags, nullptr, convertEvents,
                               nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(database, "kansoku_v1_links", 1, flags, nullptr, convertLinks,
                               nullptr, nullptr, nullptr);
}

} // namespace

int SchemaMigrator::latestVersion()
{
    return static_cast<int>(std::size(migrations));
}

int SchemaMigrator::oldestReadOnlyVersion()
{
    return 4;
}

int SchemaMigrator::retiredServicesVersion()
{
    return 6;
}

bool SchemaMigrator::inspect(SqliteDatabase &database, int *version, std::string *errorMessage)
{
    const std::string &path = database.path();
    // Reading the header is the first real I/O: a non-SQLite file fails here.
    const std::int64_t pageCount = database.queryInt("PRAGMA page_count", -1);
    if (pageCount < 0) {
        *errorMessage = path + " is not a usable SQLite database: " + database.errorMessage();
        return false;
    }
    const std::int64_t fileVersion = database.queryInt("PRAGMA user_version", -1);
    const std::int64_t fileApplicationId = database.queryInt("PRAGMA application_id", -1);
    const std::int64_t tableCount = database.queryInt("SELECT count(*) FROM sqlite_schema", -1);
    if (fileVersion < 0 || tableCount < 0) {
        *errorMessage = path + " is not a usable SQLite database: " + database.errorMessage();
        return false;
    }
    if ((fileApplicationId != 0 && fileApplicationId != applicationId)
        || (fileVersion == 0 && tableCount > 0)) {
        *errorMessage = path + " is an SQLite database but not a Kansoku database";
        return false;
    }
    if (fileVersion > latestVersion()) {
        *errorMessage = path + " has schema version " + std::to_string(fileVersion)
                        + ", newer than this Kansoku supports (version "
                        + std::to_string(latestVersion()) + "); open it with a newer Kansoku";
        return false;
    }
    *version = int(fileVersion);
    return true;
}

bool SchemaMigrator::migrate(SqliteDatabase &database, std::string *errorMessage, int targetVersion)
{
    const std::string &path = database.path();
    int version = 0;
    if (!inspect(database, &version, errorMessage))
        return false;
    const std::int64_t pageCount = database.queryInt("PRAGMA page_count", -1);
    // Only an empty file takes a page size (WAL mode fixes it afterwards). 16 KiB pages quarter
    // the WAL frames, syscalls and b-tree balancing per stored byte of the append-mostly tables.
    if (version == 0 && pageCount == 0 && !database.exec("PRAGMA page_size = 16384")) {
        *errorMessage = "cannot set the page size of " + path + ": " + database.errorMessage();
        return false;
    }
    if (version < 2 && targetVersion >= 2)
        registerConversions(database.handle());
    for (std::int64_t step = version; step < std::min(targetVersion, latestVersion()); ++step) {
        std::string error;
        const std::string bump = "PRAGMA user_version = " + std::to_string(step + 1)
                                 + "; PRAGMA application_id = " + std::to_string(applicationId)
                                 + ";";
        if (!database.exec("BEGIN IMMEDIATE", &error) || !database.exec(migrations[step], &error)
            || !database.exec(bump.c_str(), &error) || !database.exec("COMMIT", &error)) {
            database.exec("ROLLBACK");
            *errorMessage = "cannot upgrade " + path + " to schema version "
                            + std::to_string(step + 1) + ": " + error;
            return false;
        }
    }
    return true;
}

} // namespace kansoku
