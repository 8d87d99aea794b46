#include "entity_interner.h"

#include "formats/otlp_json_field_writer.h"
#include "sqlite_database.h"
#include "sqlite_statement.h"

namespace kansoku {

namespace {

// Length-prefixed parts, so no choice of text can make two different contents share a key.
void appendPart(std::string &key, std::string_view part)
{
    key += std::to_string(part.size());
    key += ':';
    key += part;
}

} // namespace

EntityInterner::EntityInterner(SqliteDatabase &database)
    : m_database(database)
{}

bool EntityInterner::load(std::string *errorMessage)
{
    m_services.clear();
    m_resources.clear();
    m_scopes.clear();
    m_retiredServiceIds.clear();
    SqliteStatement services(m_database.handle(), "SELECT service_id, name FROM services");
    SqliteStatement retired(m_database.handle(), "SELECT service_id FROM retired_services");
    SqliteStatement resources(m_database.handle(),
                              "SELECT resource_id, service_id, attributes, "
                              "dropped_attributes_count, schema_url FROM resources");
    SqliteStatement scopes(m_database.handle(),
                           "SELECT scope_id, name, version, attributes, dropped_attributes_count, "
                           "schema_url FROM scopes");
    if (!services.isValid() || !retired.isValid() || !resources.isValid() || !scopes.isValid()) {
        *errorMessage = "cannot read " + m_database.path() + ": " + m_database.errorMessage();
        return false;
    }
    while (services.step() == SQLITE_ROW)
        m_services.emplace(services.columnText(1), services.columnInt(0));
    while (retired.step() == SQLITE_ROW)
        m_retiredServiceIds.insert(retired.columnInt(0));
    while (resources.step() == SQLITE_ROW) {
        m_resources.emplace(resourceKey(resources.columnTextView(2),
                                        static_cast<std::uint32_t>(resources.columnInt(3)),
                                        resources.columnTextView(4)),
                            ResourceIds{resources.columnInt(0), resources.columnInt(1)});
    }
    while (scopes.step() == SQLITE_ROW) {
        m_scopes.emplace(
            scopeKey(scopes.columnTextView(1), scopes.columnTextView(2), scopes.columnTextView(3),
                     static_cast<std::uint32_t>(scopes.columnInt(4)), scopes.columnTextView(5)),
            scopes.columnInt(0));
    }
    return true;
}

std::int64_t EntityInterner::serviceId(const std::string &name)
{
    const auto it = m_services.find(name);
    if (it != m_services.end())
        return reviveIfRetired(it->second) ? it->second : -1;
    SqliteStatement *insert = m_database.cached("INSERT INTO services(name) VALUES(?)");
    if (!insert)
        return -1;
    insert->bindText(1, name);
    if (!insert->execute())
        return -1;
    const std::int64_t id = sqlite3_last_insert_rowid(m_database.handle());
    m_services.emplace(name, id);
    return id;
}

EntityInterner::ResourceIds EntityInterner::resource(const Resource &resource,
                                                     const std::string &schemaUrl)
{
    const std::string attributes = OtlpJsonFieldWriter::encodeAttributes(resource.attributes);
    std::string key = resourceKey(attributes, resource.droppedAttributesCount, schemaUrl);
    const auto it = m_resources.find(key);
    if (it != m_resources.end())
        return reviveIfRetired(it->second.serviceId) ? it->second : ResourceIds{};
    ResourceIds ids;
    ids.serviceId = serviceId(resource.serviceName());
    if (ids.serviceId < 0)
        return {};
    SqliteStatement *insert = m_database.cached(
        "INSERT INTO resources(service_id, attributes, dropped_attributes_count, schema_url) "
        "VALUES(?, ?, ?, ?)");
    if (!insert)
        return {};
    insert->bindInt(1, ids.serviceId);
    insert->bindTextOrNull(2, attributes);
    insert->bindInt(3, resource.droppedAttributesCount);
    insert->bindText(4, schemaUrl);
    if (!insert->execute())
        return {};
    ids.resourceId = sqlite3_last_insert_rowid(m_database.handle());
    m_resources.emplace(std::move(key), ids);
    return ids;
}

std::int64_t EntityInterner::scope(const InstrumentationScope &scope, const std::string &schemaUrl)
{
    const std::string attributes = OtlpJsonFieldWriter::encodeAttributes(scope.attributes);
    std::string key
        = scopeKey(scope.name, scope.version, attributes, scope.droppedAttributesCount, schemaUrl);
    const auto it = m_scopes.find(key);
    if (it != m_scopes.end())
        return it->second;
    SqliteStatement *insert = m_database.cached(
        "INSERT INTO scopes(name, version, attributes, dropped_attributes_count, schema_url) "
        "VALUES(?, ?, ?, ?, ?)");
    if (!insert)
        return -1;
    insert->bindText(1, scope.name);
    insert->bindText(2, scope.version);
    insert->bindTextOrNull(3, attributes);
    insert->bindInt(4, scope.droppedAttributesCount);
    insert->bindText(5, schemaUrl);
    if (!insert->execute())
        return -1;
    const std::int64_t id = sqlite3_last_insert_rowid(m_database.handle());
    m_scopes.emplace(std::move(key), id);
    return id;
}

bool EntityInterner::reviveIfRetired(std::int64_t serviceId)
{
    // Per resource, not per item; nearly always an empty set.
    if (m_retiredServiceIds.empty() || m_retiredServiceIds.count(serviceId) == 0)
        return true;
    SqliteStatement *revive
        = m_database.cached("DELETE FROM retired_services WHERE service_id = ?");
    if (!revive)
        return false;
    revive->bindInt(1, serviceId);
    if (!revive->execute())
        return false;
    // A rolled-back transaction reloads the set (StorageWriter::rollback()), row included.
    m_retiredServiceIds.erase(serviceId);
    return true;
}

std::string EntityInterner::resourceKey(std::string_view attributesJson, std::uint32_t dropped,
                                        std::string_view schemaUrl)
{
    std::string key;
    appendPart(key, attributesJson);
    appendPart(key, std::to_string(dropped));
    appendPart(key, schemaUrl);
    return key;
}

std::string EntityInterner::scopeKey(std::string_view name, std::string_view version,
                                     std::string_view attributesJson, std::uint32_t dropped,
                                     std::string_view schemaUrl)
{
    std::string key;
    appendPart(key, name);
    appendPart(key, version);
    appendPart(key, attributesJson);
    appendPart(key, std::to_string(dropped));
    appendPart(key, schemaUrl);
    return key;
}

} // namespace kansoku
