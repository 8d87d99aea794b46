#include "stored_entity_cache.h"

#include "formats/otlp_json_field_reader.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"

namespace kansoku {

const StoredEntityCache::StoredResource *StoredEntityCache::resource(SqliteDatabase &database,
                                                                     std::int64_t resourceId)
{
    std::lock_guard lock(m_mutex);
    auto it = m_resources.find(resourceId);
    if (it != m_resources.end())
        return it->second.get();
    SqliteStatement *select
        = database.cached("SELECT attributes, dropped_attributes_count, schema_url FROM resources "
                          "WHERE resource_id = ?");
    static const StoredResource missing;
    if (!select)
        return &missing;
    select->bindInt(1, resourceId);
    if (select->step() != SQLITE_ROW) {
        select->reset();
        return &missing; // not cached: a failed read must not stick
    }
    auto stored = std::make_unique<StoredResource>();
    OtlpJsonFieldReader::decodeAttributes(select->columnTextView(0), &stored->resource.attributes);
    stored->resource.droppedAttributesCount = static_cast<std::uint32_t>(select->columnInt(1));
    stored->schemaUrl = select->columnText(2);
    select->reset();
    return m_resources.emplace(resourceId, std::move(stored)).first->second.get();
}

const StoredEntityCache::StoredScope *StoredEntityCache::scope(SqliteDatabase &database,
                                                               std::int64_t scopeId)
{
    std::lock_guard lock(m_mutex);
    auto it = m_scopes.find(scopeId);
    if (it != m_scopes.end())
        return it->second.get();
    SqliteStatement *select = database.cached(
        "SELECT name, version, attributes, dropped_attributes_count, schema_url FROM scopes "
        "WHERE scope_id = ?");
    static const StoredScope missing;
    if (!select)
        return &missing;
    select->bindInt(1, scopeId);
    if (select->step() != SQLITE_ROW) {
        select->reset();
        return &missing;
    }
    auto stored = std::make_unique<StoredScope>();
    stored->scope.name = select->columnText(0);
    stored->scope.version = select->columnText(1);
    OtlpJsonFieldReader::decodeAttributes(select->columnTextView(2), &stored->scope.attributes);
    stored->scope.droppedAttributesCount = static_cast<std::uint32_t>(select->columnInt(3));
    stored->schemaUrl = select->columnText(4);
    select->reset();
    return m_scopes.emplace(scopeId, std::move(stored)).first->second.get();
}

std::string StoredEntityCache::serviceName(SqliteDatabase &database, std::int64_t serviceId)
{
    std::lock_guard lock(m_mutex);
    auto it = m_services.find(serviceId);
    if (it != m_services.end())
        return it->second;
    SqliteStatement *select = database.cached("SELECT name FROM services WHERE service_id = ?");
    std::string name;
    if (!select)
        return name;
    select->bindInt(1, serviceId);
    if (select->step() == SQLITE_ROW) {
        name = select->columnText(0);
        m_services.emplace(serviceId, name);
    }
    select->reset();
    return name;
}

} // namespace kansoku
