// Deduplicates services, resources and scopes: each distinct content gets one row, looked up in
// in-memory maps keyed by the exact content; a retired service (retired_services) seen again is
// listed again. Lives on the writer thread with the write connection.
#pragma once

#include "core/resource.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace kansoku {

class SqliteDatabase;

class EntityInterner
{
public:
    explicit EntityInterner(SqliteDatabase &database);

    // (Re)loads the maps from the database, e.g. after a rolled-back transaction.
    bool load(std::string *errorMessage);

    // Row ids; -1 on an SQLite error (then the transaction must be rolled back). New rows are
    // written inside the caller's transaction.
    std::int64_t serviceId(const std::string &name);
    struct ResourceIds
    {
        std::int64_t resourceId = -1;
        std::int64_t serviceId = -1;
    };
    ResourceIds resource(const Resource &resource, const std::string &schemaUrl);
    std::int64_t scope(const InstrumentationScope &scope, const std::string &schemaUrl);

    // Retention has just written the service's retired_services row. The next serviceId() or
    // resource() that returns the service deletes the row again (once: later calls only look it
    // up in an empty or small set).
    void noteRetired(std::int64_t serviceId) { m_retiredServiceIds.insert(serviceId); }

private:
    // False on an SQLite error.
    bool reviveIfRetired(std::int64_t serviceId);
    static std::string resourceKey(std::string_view attributesJson, std::uint32_t dropped,
                                   std::string_view schemaUrl);
    static std::string scopeKey(std::string_view name, std::string_view version,
                                std::string_view attributesJson, std::uint32_t dropped,
                                std::string_view schemaUrl);

    SqliteDatabase &m_database;
    std::unordered_map<std::string, std::int64_t> m_services;
    std::unordered_map<std::string, ResourceIds> m_resources;
    std::unordered_map<std::string, std::int64_t> m_scopes;
    std::unordered_set<std::int64_t> m_retiredServiceIds; // the rows of retired_services
};

} // namespace kansoku
