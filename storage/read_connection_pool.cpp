#include "read_connection_pool.h"

#include "otlp_json.h"
#include "sqlite_database.h"

namespace kansoku {

namespace {

constexpr std::size_t maxIdleConnections = 4;

// kansoku_attr_match(attributes_json, key, value): 1 when an attribute under key has the display
// text value, so attribute filters run inside SQL next to the other conditions.
void attributeMatch(sqlite3_context *context, int, sqlite3_value **arguments)
{
    auto view = [](sqlite3_value *value) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(value));
        return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(value)))
                    : std::string_view();
    };
    sqlite3_result_int(context, OtlpJson::attributesMatch(view(arguments[0]), view(arguments[1]),
                                                          view(arguments[2]))
                                    ? 1
                                    : 0);
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
    sqlite3_create_function_v2(connection->handle(), "kansoku_attr_match", 3,
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

} // namespace kansoku
