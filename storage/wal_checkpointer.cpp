#include "wal_checkpointer.h"

#include "sqlite_database.h"

namespace kansoku {

WalCheckpointer::WalCheckpointer(std::string databasePath, int walFramesThreshold)
    : m_databasePath(std::move(databasePath))
    , m_walFramesThreshold(walFramesThreshold)
{}

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

bool WalCheckpointer::start(std::string *errorMessage)
{
    m_database = std::make_unique<SqliteDatabase>();
    // A checkpoint writes the database file, so this connection needs write access; it never
    // starts a transaction, so it never competes with the writer for the write lock.
    std::string error;
    if (!m_database->open(m_databasePath, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, &error)
        || !m_database->exec("PRAGMA synchronous = NORMAL", &error)) {
        *errorMessage = "cannot open " + m_databasePath + " for checkpoints: " + error;
        m_database.reset();
        return false;
    }
    {
        std::lock_guard lock(m_mutex);
        m_requested = false;
        m_stopping = false;
    }
    m_thread = std::thread([this] { run(); });
    return true;
}

void WalCheckpointer::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    m_database.reset();
}

void WalCheckpointer::noteWalFrames(int walFrames)
{
    if (walFrames < m_walFramesThreshold)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_requested = true;
    }
    m_wake.notify_one();
}

void WalCheckpointer::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_requested || m_stopping; });
        if (m_stopping)
            return;
        m_requested = false;
        lock.unlock();
        // PASSIVE: copies what it can without waiting for readers or the writer. Frames the
        // writer appends meanwhile are copied by the next request; the writer restarts the log
        // from its beginning once everything in it has been copied.
        sqlite3_wal_checkpoint_v2(m_database->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                  nullptr);
        lock.lock();
    }
}

} // namespace kansoku
