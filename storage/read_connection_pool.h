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

    // One query's connection: acquired on construction, returned to the pool on destruction.
    class Lease
    {
    public:
        explicit Lease(ReadConnectionPool &pool);
        ~Lease();
        Lease(const Lease &) = delete;
        Lease &operator=(const Lease &) = delete;

        // nullptr when the file cannot be opened; error() says why.
        SqliteDatabase *get() const { return m_database.get(); }
        const std::string &error() const { return m_error; }

    private:
        ReadConnectionPool &m_pool;
        std::string m_error;
        std::unique_ptr<SqliteDatabase> m_database;
    };

private:
    const std::string m_path;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<SqliteDatabase>> m_idle;
};

} // namespace kansoku
