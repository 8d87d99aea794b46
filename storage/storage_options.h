// Settings of a TelemetryStore, fixed when it is created. Plain value.
#pragma once

#include "core/session_limits.h"

#include <QString>
#include <cstdint>
#include <optional>

namespace kansoku {

struct StorageOptions
{
    QString databasePath;                     // created if missing (parent dirs too)
    std::int64_t queueCapacityItems = 262144; // hard bound on items waiting for the writer
    int commitMaxItems = 65536;               // a transaction closes at this many items...
    int commitMaxLatencyMs = 100;             // ...or this long after its first batch arrived
    // The durability bound: the store holds at most what its writer commits in this long
    // (measured over its recent transactions, WriterThroughput) acknowledged but not yet
    // committed, so a crash loses at most about this much acknowledged telemetry. Offers beyond
    // it wait for room or are refused as QueueFull (the receivers' "retry later").
    int maxUncommittedMs = 200;
    std::int64_t minUncommittedItems = 4096; // the bound's floor, before and beside measurements
    // Open an existing session without changing it: no writer thread, no migration, offer()
    // answers Closed. For files the user may not (or must not) change.
    bool readOnly = false;
    // With readOnly: read a session that another process (a window, `--headless`) may still be
    // writing, through its write-ahead log like any WAL reader, instead of as an immutable file
    // (which misses what is still in the log). SQLite may create the -wal/-shm files beside the
    // session if they are missing; the session itself is never written.
    bool followWriter = false;
    // Retention (see SessionRetention). maxBytes, retainNs: stored into the session's limits by
    // open() (the command line's --max-db-mib and --retain); an unset one keeps what the session
    // has, and a file that open() creates starts from newSessionLimits (none unless the app asks:
    // tests and library users keep everything they write).
    std::optional<std::int64_t> maxBytes;
    std::optional<std::int64_t> retainNs;
    SessionLimits newSessionLimits;
};

} // namespace kansoku
