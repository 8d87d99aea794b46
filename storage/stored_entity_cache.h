// Resources, scopes and service names read back by id for the query classes. Rows of these tables
// never change once written, so each is read once and kept. Thread-safe (one mutex); a lookup
// reads through the calling query thread's own connection.
#pragma once

#include "core/resource.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kansoku {

class SqliteDatabase;

class StoredEntityCache
{
public:
    struct StoredResource
    {
        Resource resource;
        std::string schemaUrl;
    };
    struct StoredScope
    {
        InstrumentationScope scope;
        std::string schemaUrl;
    };

    // Never null, valid as long as the cache. An id that cannot be read gives an empty entry that
    // is not cached, so a failed read does not stick.
    const StoredResource *resource(SqliteDatabase &database, std::int64_t resourceId);
    const StoredScope *scope(SqliteDatabase &database, std::int64_t scopeId);
    // Empty when the id cannot be read (not cached either).
    std::string serviceName(SqliteDatabase &database, std::int64_t serviceId);

private:
    std::mutex m_mutex;
    std::unordered_map<std::int64_t, std::unique_ptr<StoredResource>> m_resources;
    std::unordered_map<std::int64_t, std::unique_ptr<StoredScope>> m_scopes;
    std::unordered_map<std::int64_t, std::string> m_services;
};

} // namespace kansoku
