// Tests StoredEntityCache on a real file: it reads back exactly the resources, scopes and service
// names EntityInterner stored, keeps what it has read, and does not keep a failed read.
#include "entity_interner.h"
#include "schema_migrator.h"
#include "sqlite_database.h"
#include "stored_entity_cache.h"
#include "support/storage_test_data.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;
using namespace kansoku::testdata;

Q_DECLARE_METATYPE(kansoku::Resource)
Q_DECLARE_METATYPE(kansoku::InstrumentationScope)

class TestStoredEntityCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void readsBackResources_data();
    void readsBackResources();
    void readsBackScopes_data();
    void readsBackScopes();
    void keepsWhatItHasRead();
    void doesNotKeepAFailedRead();

private:
    QTemporaryDir m_dir;
    SqliteDatabase m_database;
    std::unique_ptr<EntityInterner> m_interner;
    std::unique_ptr<StoredEntityCache> m_cache;
};

void TestStoredEntityCache::init()
{
    m_interner.reset();
    m_database.close();
    QFile::remove(m_dir.filePath(QStringLiteral("entities.db")));
    std::string error;
    QVERIFY(m_database.open(m_dir.filePath(QStringLiteral("entities.db")).toStdString(),
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error));
    QVERIFY2(SchemaMigrator::migrate(m_database, &error), error.c_str());
    m_interner = std::make_unique<EntityInterner>(m_database);
    QVERIFY2(m_interner->load(&error), error.c_str());
    m_cache = std::make_unique<StoredEntityCache>();
}

void TestStoredEntityCache::readsBackResources_data()
{
    QTest::addColumn<Resource>("resource");
    QTest::addColumn<std::string>("schemaUrl");
    QTest::addColumn<std::string>("serviceName");

    QTest::newRow("service only") << resource("checkout") << std::string()
                                  << std::string("checkout");
    Resource full = resource("payments ✓", {{"host.name", AnyValue::fromString("node-7")},
                                            {"process.pid", AnyValue::fromInt(4242)},
                                            {"cloud.available", AnyValue::fromBool(true)}});
    full.droppedAttributesCount = 3;
    QTest::newRow("attributes, dropped count, schema")
        << full << std::string("https://opentelemetry.io/schemas/1.26.0")
        << std::string("payments ✓");
    QTest::newRow("no service.name")
        << Resource{} << std::string() << std::string("unknown_service");
}

void TestStoredEntityCache::readsBackResources()
{
    QFETCH(Resource, resource);
    QFETCH(std::string, schemaUrl);
    QFETCH(std::string, serviceName);

    const EntityInterner::ResourceIds ids = m_interner->resource(resource, schemaUrl);
    QVERIFY(ids.resourceId >= 0);
    const StoredEntityCache::StoredResource *stored = m_cache->resource(m_database, ids.resourceId);
    QVERIFY(stored);
    QCOMPARE(stored->resource, resource);
    QCOMPARE(stored->schemaUrl, schemaUrl);
    QCOMPARE(m_cache->serviceName(m_database, ids.serviceId), serviceName);
}

void TestStoredEntityCache::readsBackScopes_data()
{
    QTest::addColumn<InstrumentationScope>("scope");
    QTest::addColumn<std::string>("schemaUrl");

    QTest::newRow("empty") << InstrumentationScope{} << std::string();
    InstrumentationScope full;
    full.name = "io.opentelemetry.okhttp-3.0";
    full.version = "1.32.0-alpha";
    full.attributes = {{"library.language", AnyValue::fromString("java")}};
    full.droppedAttributesCount = 1;
    QTest::newRow("every field") << full << std::string("https://example.com/schema");
}

void TestStoredEntityCache::readsBackScopes()
{
    QFETCH(InstrumentationScope, scope);
    QFETCH(std::string, schemaUrl);

    const std::int64_t scopeId = m_interner->scope(scope, schemaUrl);
    QVERIFY(scopeId >= 0);
    const StoredEntityCache::StoredScope *stored = m_cache->scope(m_database, scopeId);
    QVERIFY(stored);
    QCOMPARE(stored->scope, scope);
    QCOMPARE(stored->schemaUrl, schemaUrl);
}

void TestStoredEntityCache::keepsWhatItHasRead()
{
    const EntityInterner::ResourceIds ids = m_interner->resource(resource("cart"), "url");
    const std::int64_t scopeId = m_interner->scope(InstrumentationScope{"lib", "1", {}, 0}, "");
    const auto *resource = m_cache->resource(m_database, ids.resourceId);
    const auto *scope = m_cache->scope(m_database, scopeId);
    QCOMPARE(m_cache->serviceName(m_database, ids.serviceId), std::string("cart"));

    // The rows never change once written; changing them here shows the second read is cached.
    QVERIFY(m_database.exec("UPDATE resources SET schema_url = 'changed'; "
                            "UPDATE scopes SET name = 'changed'; "
                            "UPDATE services SET name = 'changed';"));
    QCOMPARE(m_cache->resource(m_database, ids.resourceId), resource);
    QCOMPARE(resource->schemaUrl, std::string("url"));
    QCOMPARE(m_cache->scope(m_database, scopeId), scope);
    QCOMPARE(scope->scope.name, std::string("lib"));
    QCOMPARE(m_cache->serviceName(m_database, ids.serviceId), std::string("cart"));
}

void TestStoredEntityCache::doesNotKeepAFailedRead()
{
    const auto *resource = m_cache->resource(m_database, 99);
    QVERIFY(resource);
    QCOMPARE(resource->resource, Resource{});
    QCOMPARE(resource->schemaUrl, std::string());
    const auto *scope = m_cache->scope(m_database, 99);
    QVERIFY(scope);
    QCOMPARE(scope->scope, InstrumentationScope{});
    QCOMPARE(m_cache->serviceName(m_database, 99), std::string());

    // Rows that appear later (as from a commit after the first read) are found.
    QVERIFY(m_database.exec("INSERT INTO services(service_id, name) VALUES(99, 'late'); "
                            "INSERT INTO resources(resource_id, service_id, attributes, "
                            "dropped_attributes_count, schema_url) VALUES(99, 99, NULL, 2, 'r'); "
                            "INSERT INTO scopes(scope_id, name, version, attributes, "
                            "dropped_attributes_count, schema_url) VALUES(99, 's', 'v', NULL, 0, "
                            "'');"));
    QCOMPARE(m_cache->resource(m_database, 99)->resource.droppedAttributesCount, 2u);
    QCOMPARE(m_cache->resource(m_database, 99)->schemaUrl, std::string("r"));
    QCOMPARE(m_cache->scope(m_database, 99)->scope.name, std::string("s"));
    QCOMPARE(m_cache->serviceName(m_database, 99), std::string("late"));
}

QTEST_GUILESS_MAIN(TestStoredEntityCache)
#include "tst_stored_entity_cache.moc"
