// Creates and upgrades the database schema, one numbered migration step per version (tracked in
// PRAGMA user_version). Runs on the thread that opens the store, on the write connection.
#pragma once

#include <string>

namespace kansoku {

class SqliteDatabase;

class SchemaMigrator
{
public:
    // The version a fresh database gets; bump it when appending a migration step.
    static int latestVersion();
    // The oldest version a read-only open reads without upgrading: every later step only added
    // something a reader can do without (version 5: session_settings, absent = no limits stored;
    // version 6: retired_services, absent = every service listed).
    static int oldestReadOnlyVersion();
    // The first version with the retired_services table: readers of older files (read-only
    // opens) list every service.
    static int retiredServicesVersion();
    // Brings the database to targetVersion (tests build every earlier version this way). False + a
    // message naming the file when it is not a Kansoku database, was written by a newer Kansoku,
    // or a step fails (each step runs in its own transaction and is rolled back on failure).
    static bool migrate(SqliteDatabase &database, std::string *errorMessage,
                        int targetVersion = latestVersion());
    // Reads the schema version without writing (for read-only opens). False + the same messages
    // as migrate() when the file is not a Kansoku database or is newer than this Kansoku.
    static bool inspect(SqliteDatabase &database, int *version, std::string *errorMessage);
};

} // namespace kansoku
