// RAII owner of one sqlite3 connection with a per-connection prepared-statement cache. Used by one
// thread at a time (the writer, or the query thread that borrowed it from the pool).
#pragma once

#include "sqlite_statement.h"

#include <memory>
#include <sqlite3.h>
#include <string>
#include <unordered_map>

namespace kansoku {

class SqliteDatabase
{
public:
    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    // flags: SQLITE_OPEN_* values. False + a message naming the path on failure.
    bool open(const std::string &path, int flags, std::string *errorMessage);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    sqlite3 *handle() const { return m_db; }
    const std::string &path() const { return m_path; }

    // Runs one or more statements without results. False + message on failure.
    bool exec(const char *sql, std::string *errorMessage = nullptr);
    // A cached prepared statement, reset and with cleared bindings; nullptr on a prepare error
    // (then errorMessage() says why). The reference stays valid until close().
    SqliteStatement *cached(const std::string &sql);
    std::string errorMessage() const;
    // An integer from a single-value query such as "PRAGMA user_version"; fallback on error.
    std::int64_t queryInt(const char *sql, std::int64_t fallback = 0);

private:
    sqlite3 *m_db = nullptr;
    std::string m_path;
    std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> m_statements;
};

} // namespace kansoku
