#include "sqlite_database.h"

#include "sqlite_statement.h"

#include <mutex>

namespace kansoku {

namespace {

// Process-wide settings, which SQLite accepts only before its first connection. Memory statistics
// take a global mutex around every allocation: about 2% of the ingest writer's time, for numbers
// nothing reads.
void configureSqliteOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

} // namespace

SqliteDatabase::~SqliteDatabase()
{
    close();
}

bool SqliteDatabase::open(const std::string &path, int flags, std::string *errorMessage)
{
    configureSqliteOnce();
    close();
    m_path = path;
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        if (errorMessage) {
            *errorMessage = "cannot open database " + path + ": "
                            + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
        }
        close();
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    return true;
}

void SqliteDatabase::close()
{
    m_statements.clear();
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool SqliteDatabase::exec(const char *sql, std::string *errorMessage)
{
    char *error = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        if (errorMessage)
            *errorMessage = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        return false;
    }
    return true;
}

SqliteStatement *SqliteDatabase::cached(const std::string &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto statement = std::make_unique<SqliteStatement>(m_db, sql);
        if (!statement->isValid())
            return nullptr;
        it = m_statements.emplace(sql, std::move(statement)).first;
    } else {
        it->second->reset();
    }
    return it->second.get();
}

std::string SqliteDatabase::errorMessage() const
{
    return m_db ? sqlite3_errmsg(m_db) : "database not open";
}

std::int64_t SqliteDatabase::queryInt(const char *sql, std::int64_t fallback)
{
    SqliteStatement statement(m_db, sql);
    if (!statement.isValid() || statement.step() != SQLITE_ROW)
        return fallback;
    return statement.columnInt(0);
}

} // namespace kansoku
