// Opens an existing session file read-only for the commands that read one (`analyze`, `diff`,
// `mcp`, `query`, `replay`), with the messages they print when it cannot be: missing, not a
// session, an older schema. Main thread; the caller owns the returned store.
#pragma once

#include <QString>
#include <memory>

namespace kansoku {

class TelemetryStore;

class ReadOnlySession
{
public:
    // followWriter: read through the WAL of a session that may still be written (see
    // StorageOptions); otherwise as an immutable file. nullptr and a message naming the file on
    // failure.
    static std::unique_ptr<TelemetryStore> open(const QString &path, bool followWriter,
                                                QString *errorMessage);
    // True when a write-ahead log lies beside the session: a window or `--headless` has it open
    // (or was killed with it open), and the newest commits are in that log, not yet in the file.
    static bool hasWriteAheadLog(const QString &path);
};

} // namespace kansoku
