// Hands out read-only connections to the database, one per concurrent query, and keeps a few idle
// ones for reuse. Thread-safe; a borrowed connection is used by one thread until returned.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kansoku {

class SqliteDatabase;

class ReadConnectionPool
{
public:
    explicit ReadConnectionPool(std::string path);
    ~ReadConnectionPool();

    // nullptr + message when the file cannot be opened.
    std::unique_ptr<SqliteDatabase> acquire(std::string *errorMessage);
    void release(std::unique_ptr<SqliteDatabase> connection);

private:
    const std::string m_path;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<SqliteDatabase>> m_idle;
};

} // namespace kansoku
