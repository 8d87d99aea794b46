#include "session_settings.h"

#include "sqlite_database.h"
#include "sqlite_statement.h"

namespace kansoku {

namespace {

constexpr const char *maxBytesName = "retention.max_bytes";
constexpr const char *retainNsName = "retention.retain_ns";

} // namespace

bool SessionSettings::readLimits(SqliteDatabase &database, SessionLimits *limits,
                                 std::string *errorMessage)
{
    *limits = {};
    if (database.queryInt(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'session_settings'",
            -1)
        == 0)
        return true;
    SqliteStatement select(database.handle(), "SELECT name, value FROM session_settings");
    if (!select.isValid()) {
        *errorMessage
            = "cannot read the settings of " + database.path() + ": " + database.errorMessage();
        return false;
    }
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW) {
        const std::string_view name = select.columnTextView(0);
        if (name == maxBytesName)
            limits->maxBytes = std::max<std::int64_t>(0, select.columnInt(1));
        else if (name == retainNsName)
            limits->retainNs = std::max<std::int64_t>(0, select.columnInt(1));
    }
    if (rc != SQLITE_DONE) {
        *errorMessage
            = "cannot read the settings of " + database.path() + ": " + database.errorMessage();
        return false;
    }
    return true;
}

bool SessionSettings::writeLimits(SqliteDatabase &database, const SessionLimits &limits,
                                  std::string *errorMessage)
{
    SqliteStatement *upsert
        = database.cached("INSERT INTO session_settings(name, value) VALUES(?, ?) "
                          "ON CONFLICT(name) DO UPDATE SET value = excluded.value");
    bool ok = upsert != nullptr;
    for (const auto &[name, value] :
         {std::pair{maxBytesName, limits.maxBytes}, std::pair{retainNsName, limits.retainNs}}) {
        if (!ok)
            break;
        upsert->bindText(1, name);
        upsert->bindInt(2, value);
        ok = upsert->execute();
        upsert->reset();
    }
    if (!ok)
        *errorMessage
            = "cannot store the limits of " + database.path() + ": " + database.errorMessage();
    return ok;
}

} // namespace kansoku
