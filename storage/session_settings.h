// The session's own settings, stored in it (table session_settings, schema version 5): its
// retention limits. Stateless; runs on whichever connection it is given (the writer's to write).
#pragma once

#include "core/session_limits.h"

#include <string>

namespace kansoku {

class SqliteDatabase;

class SessionSettings
{
public:
    // The stored limits; none (0) for names without a row and for a file without the table (a
    // version 4 session opened read-only). False + a message on an SQLite error.
    static bool readLimits(SqliteDatabase &database, SessionLimits *limits,
                           std::string *errorMessage);
    // Replaces the stored limits, inside the caller's transaction or as its own statement.
    static bool writeLimits(SqliteDatabase &database, const SessionLimits &limits,
                            std::string *errorMessage);
};

} // namespace kansoku
