#include "read_connection_pool.h"

#include "otlp_proto_columns.h"
#include "sqlite_database.h"

namespace kansoku {

namespace {

constexpr std::size_t maxIdleConnections = 4;

// kansoku_attr_match(attributes, field_number, key, value): 1 when an attribute under key has the
// display text value, so attribute filters run inside SQL next to the other conditions. The
// column holds OtlpProtoColumns bytes with its entries under field_number.
void attributeMatch(sqlite3_context *context, int, sqlite3_value **arguments)
{
    auto blob = [](sqlite3_value *value) {
        const auto *bytes = static_cast<const char *>(sqlite3_value_blob(value));
        return bytes ? std::string_view(bytes, static_cast<std::size_t>(sqlite3_value_bytes(value)))
                     : std::string_view();
    };
    auto text = [](sqlite3_value *value) {
        const auto *chars = reinterpret_cast<const char *>(sqlite3_value_text(value));
        return chars ? std::string_view(chars, static_cast<std::size_t>(sqlite3_value_bytes(value)))
                     : std::string_view();
    };
    const bool match
        = OtlpProtoColumns::attributesMatch(blob(arguments[0]), sqlite3_value_int(arguments[1]),
                                            text(arguments[2]), text(arguments[3]));
    sqlite3_result_int(context, match ? 1 : 0);
}

} // namespace

ReadConnectionPool::ReadConnectionPool(std::string path)
    : m_path(std::move(path))
{}

ReadConnectionPool::~ReadConnectionPool() = default;

std::unique_ptr<SqliteDatabase> ReadConnectionPool::acquire(std::string *errorMessage)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto connection = std::move(m_idle.back());
            m_idle.pop_back();
            return connection;
        }
    }
    auto connection = std::make_unique<SqliteDatabase>();
    // URI: a read-only session is opened as "file:...?immutable=1" (see TelemetryStore).
    if (!connection->open(m_path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                          errorMessage))
        return nullptr;
    sqlite3_busy_timeout(connection->handle(), 5000);
    // Memory-mapped reads skip a copy per page (a 100k-span trace reads ~100 MB). (A cache_size
    // pragma here would make SQLite create -wal/-shm files beside an immutable read-only session.)
    connection->exec("PRAGMA mmap_size = 1073741824;");
    // Read-only twice over: the open flag, and query_only, which refuses writes even should a
    // caller ever attach another database through this connection.
    if (!connection->exec("PRAGMA query_only = 1;", errorMessage))
        return nullptr;
    sqlite3_create_function_v2(connection->handle(), "kansoku_attr_match", 4,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, attributeMatch, nullptr,
                               nullptr, nullptr);
    return connection;
}

void ReadConnectionPool::release(std::unique_ptr<SqliteDatabase> connection)
{
    if (!connection)
        return;
    // A statement left mid-result would pin its read snapshot and hold back WAL checkpoints.
    for (sqlite3_stmt *statement = sqlite3_next_stmt(connection->handle(), nullptr); statement;
         statement = sqlite3_next_stmt(connection->handle(), statement))
        sqlite3_reset(statement);
    std::lock_guard lock(m_mutex);
    if (m_idle.size() < maxIdleConnections)
        m_idle.push_back(std::move(connection));
}

ReadConnectionPool::Lease::Lease(ReadConnectionPool &pool)
    : m_pool(pool)
    , m_database(pool.acquire(&m_error))
{}

ReadConnectionPool::Lease::~Lease()
{
    m_pool.release(std::move(m_database));
}

} // namespace kansoku
