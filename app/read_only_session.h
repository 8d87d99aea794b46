// Opens an existing session file read-only for the commands that read one (`analyze`, `diff`,
// `mcp`, `query`, `replay`), with the messages they print when it cannot be: missing, not a session, an
// older schema. Main thread; the caller owns the returned store.
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
};

} // namespace kansoku
