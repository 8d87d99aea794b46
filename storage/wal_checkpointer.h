// Copies the write-ahead log back into the database file on its own thread and its own
// connection, so the writer thread never stalls on that copy and its fdatasync (a fifth of the
// writer's time when it checkpointed inline). Created, started and stopped by TelemetryStore;
// noteWalFrames() is called from the writer thread after each commit.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace kansoku {

class SqliteDatabase;

class WalCheckpointer
{
public:
    // A checkpoint starts once the log holds walFramesThreshold frames.
    WalCheckpointer(std::string databasePath, int walFramesThreshold);
    ~WalCheckpointer(); // stop()s
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Opens the checkpoint connection and starts the thread. False + message on failure.
    bool start(std::string *errorMessage);
    // Waits for a running checkpoint to finish, then stops the thread and closes the connection.
    void stop();
    // Writer thread, after a commit: walFrames is the log's length in frames.
    void noteWalFrames(int walFrames);

private:
    void run();

    const std::string m_databasePath;
    const int m_walFramesThreshold;
    std::unique_ptr<SqliteDatabase> m_database; // checkpoint thread while running
    std::thread m_thread;

    std::mutex m_mutex; // guards the two flags
    std::condition_variable m_wake;
    bool m_requested = false;
    bool m_stopping = false;
};

} // namespace kansoku
