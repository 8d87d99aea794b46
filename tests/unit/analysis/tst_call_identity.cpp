#include "analysis/call_identity.h"
#include "support/analysis_trace_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

namespace {

AnalysisSpan spanWith(SpanKind kind,
                      std::initializer_list<std::pair<const char *, const char *>> attributes)
{
    AnalysisSpan span;
    span.name = "span name";
    span.kind = kind;
    for (const auto &[key, value] : attributes)
        span.attributes.push_back({key, AnyValue::fromString(value)});
    return span;
}

} // namespace

class TestCallIdentity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void currentDatabaseNames();
    void olderDatabaseNames();
    void statementFallbacks();
    void parameterizedStatementValues();
    void redisAndMongo();
    void writesAndLocks();
    void httpCurrentAndOlderNames();
    void httpTemplateAndServerAddress();
    void serverSpansAreNotCalls();
    void rpcAndMessaging();
    void analysisAttributeKeys();
    void peerTargets();
};

void TestCallIdentity::currentDatabaseNames()
{
    const CallIdentity call = identifyCall(
        spanWith(SpanKind::Client, {{"db.system.name", "postgresql"},
                                    {"db.query.text", "SELECT * FROM items WHERE id = 17"},
                                    {"server.address", "db.internal"},
                                    {"db.namespace", "shop"}}));
    QCOMPARE(call.kind, CallKind::Database);
    QCOMPARE(call.system, std::string("postgresql"));
    QCOMPARE(call.statement, std::string("SELECT * FROM items WHERE id = ?"));
    QCOMPARE(call.callWithValues, std::string("SELECT * FROM items WHERE id = 17"));
    QCOMPARE(call.target, std::string("db.internal"));
    QVERIFY(!call.isWrite);
    QVERIFY(!call.takesLock);
}

void TestCallIdentity::olderDatabaseNames()
{
    const CallIdentity call = identifyCall(
        spanWith(SpanKind::Client, {{"db.system", "mysql"},
                                    {"db.statement", "SELECT * FROM items WHERE id = 18"},
                                    {"net.peer.name", "mysql"},
                                    {"net.peer.port", "3306"}}));
    QCOMPARE(call.kind, CallKind::Database);
    QCOMPARE(call.system, std::string("mysql"));
    QCOMPARE(call.statement, std::string("SELECT * FROM items WHERE id = ?"));
    QCOMPARE(call.target, std::string("mysql:3306"));
    // An instrumentation that leaves the kind unset still makes a call.
    QCOMPARE(identifyCall(spanWith(SpanKind::Internal, {{"db.system", "sqlite"}})).kind,
             CallKind::Database);
}

void TestCallIdentity::statementFallbacks()
{
    QCOMPARE(identifyCall(spanWith(SpanKind::Client, {{"db.system.name", "postgresql"},
                                                      {"db.query.summary", "SELECT items"}}))
                 .statement,
             std::string("SELECT items"));
    QCOMPARE(identifyCall(spanWith(SpanKind::Client, {{"db.system.name", "mongodb"},
                                                      {"db.operation.name", "find"},
                                                      {"db.collection.name", "orders"}}))
                 .statement,
             std::string("find orders"));
    QCOMPARE(identifyCall(spanWith(SpanKind::Client, {{"db.system", "cassandra"},
                                                      {"db.operation", "SELECT"},
                                                      {"db.sql.table", "users"}}))
                 .statement,
             std::string("SELECT users"));
    const CallIdentity nameOnly = identifyCall(spanWith(SpanKind::Client, {{"db.system", "h2"}}));
    QCOMPARE(nameOnly.statement, std::string("span name"));
    QCOMPARE(nameOnly.target, std::string("h2"));
    QVERIFY(nameOnly.callWithValues.empty());
}

void TestCallIdentity::parameterizedStatementValues()
{
    const char *statement = "SELECT * FROM items WHERE id = $1";
    const CallIdentity unknown = identifyCall(spanWith(
        SpanKind::Client, {{"db.system.name", "postgresql"}, {"db.query.text", statement}}));
    QCOMPARE(unknown.statement, std::string("SELECT * FROM items WHERE id = ?"));
    QVERIFY(unknown.callWithValues.empty());

    const CallIdentity seventeen
        = identifyCall(spanWith(SpanKind::Client, {{"db.system.name", "postgresql"},
                                                   {"db.query.text", statement},
                                                   {"db.query.parameter.0", "17"}}));
    const CallIdentity eighteen
        = identifyCall(spanWith(SpanKind::Client, {{"db.system.name", "postgresql"},
                                                   {"db.query.text", statement},
                                                   {"db.query.parameter.0", "18"}}));
    QVERIFY(!seventeen.callWithValues.empty());
    QVERIFY(seventeen.callWithValues != eighteen.callWithValues);
    QCOMPARE(seventeen.statement, eighteen.statement);
}

void TestCallIdentity::redisAndMongo()
{
    const CallIdentity redis = identifyCall(spanWith(
        SpanKind::Client, {{"db.system.name", "redis"}, {"db.query.text", "SET cart:9 x"}}));
    QCOMPARE(redis.statement, std::string("SET ? ?"));
    QCOMPARE(redis.callWithValues, std::string("SET cart:9 x"));
    QVERIFY(redis.isWrite);

    const CallIdentity mongo = identifyCall(spanWith(
        SpanKind::Client, {{"db.system", "mongodb"},
                           {"db.statement", R"({"find": "orders", "filter": {"_id": 3}})"}}));
    QCOMPARE(mongo.statement, std::string(R"({"find":?,"filter":{"_id":?}})"));
}

void TestCallIdentity::writesAndLocks()
{
    const auto sql = [](const char *text) {
        return identifyCall(spanWith(SpanKind::Client,
                                     {{"db.system.name", "postgresql"}, {"db.query.text", text}}));
    };
    QVERIFY(sql("UPDATE inventory SET qty = qty - 1 WHERE sku = 'a'").isWrite);
    QVERIFY(sql("insert into t values (1)").isWrite);
    QVERIFY(sql("DELETE FROM t").isWrite);
    QVERIFY(!sql("SELECT 1").isWrite);
    QVERIFY(sql("SELECT * FROM inventory WHERE sku = 'a' FOR UPDATE").takesLock);
    QVERIFY(sql("select * from t where id = 1 for share").takesLock);
    QVERIFY(sql("SELECT * FROM t LOCK IN SHARE MODE").takesLock);
    QVERIFY(sql("LOCK TABLE t IN EXCLUSIVE MODE").takesLock);
    QVERIFY(!sql("SELECT update_time FROM t").takesLock);
}

void TestCallIdentity::httpCurrentAndOlderNames()
{
    const CallIdentity current = identifyCall(spanWith(
        SpanKind::Client, {{"http.request.method", "GET"},
                           {"url.full", "http://user:secret@inventory:8080/items/17?x=1"}}));
    QCOMPARE(current.kind, CallKind::Http);
    QCOMPARE(current.statement, std::string("GET inventory:8080/items/{id}"));
    QCOMPARE(current.target, std::string("inventory:8080"));
    QVERIFY(!current.isWrite);

    const CallIdentity older = identifyCall(
        spanWith(SpanKind::Client,
                 {{"http.method", "get"}, {"http.url", "http://inventory:8080/items/18"}}));
    QCOMPARE(older.statement, current.statement);
    QVERIFY(older.callWithValues != current.callWithValues);
    QVERIFY(identifyCall(
                spanWith(SpanKind::Client, {{"http.method", "POST"}, {"http.url", "http://a/b"}}))
                .isWrite);
}

void TestCallIdentity::httpTemplateAndServerAddress()
{
    const CallIdentity call
        = identifyCall(spanWith(SpanKind::Client, {{"http.request.method", "GET"},
                                                   {"url.template", "/items/{itemId}"},
                                                   {"url.full", "https://shop.example/items/abc"},
                                                   {"server.address", "shop.example"},
                                                   {"server.port", "443"}}));
    QCOMPARE(call.statement, std::string("GET shop.example:443/items/{itemId}"));
    QCOMPARE(call.target, std::string("shop.example:443"));
}

void TestCallIdentity::serverSpansAreNotCalls()
{
    QCOMPARE(identifyCall(spanWith(SpanKind::Server,
                                   {{"http.request.method", "GET"}, {"http.route", "/orders/:id"}}))
                 .kind,
             CallKind::None);
    QCOMPARE(identifyCall(spanWith(SpanKind::Server, {{"db.system", "postgresql"}})).kind,
             CallKind::None);
    QCOMPARE(identifyCall(spanWith(SpanKind::Internal, {{"http.method", "GET"}})).kind,
             CallKind::None);
    QCOMPARE(identifyCall(spanWith(SpanKind::Client, {})).kind, CallKind::None);
}

void TestCallIdentity::rpcAndMessaging()
{
    const CallIdentity rpc = identifyCall(spanWith(
        SpanKind::Client, {{"rpc.service", "cart.CartService"}, {"rpc.method", "GetCart"}}));
    QCOMPARE(rpc.kind, CallKind::Rpc);
    QCOMPARE(rpc.statement, std::string("cart.CartService/GetCart"));
    QCOMPARE(rpc.target, std::string("cart.CartService"));

    const CallIdentity publish
        = identifyCall(spanWith(SpanKind::Producer, {{"messaging.system", "kafka"},
                                                     {"messaging.destination.name", "orders"}}));
    QCOMPARE(publish.kind, CallKind::Messaging);
    QCOMPARE(publish.statement, std::string("publish orders"));
    QCOMPARE(publish.target, std::string("orders"));
}

void TestCallIdentity::analysisAttributeKeys()
{
    for (const char *key : {"db.query.text", "db.statement", "db.system.name", "db.system",
                            "url.full", "http.url", "url.template", "server.address",
                            "db.query.parameter.0", "db.query.parameter.id", "http.route"})
        QVERIFY2(isAnalysisAttributeKey(key), key);
    for (const char *key : {"user.id", "db", "db.query", "http", "thread.id", "db.query.parameter"})
        QVERIFY2(!isAnalysisAttributeKey(key), key);
}

void TestCallIdentity::peerTargets()
{
    const auto target
        = [](std::initializer_list<std::pair<const char *, const char *>> attributes) {
              return peerTarget(spanWith(SpanKind::Internal, attributes));
          };
    // Node's net instrumentation (older names) and the current names.
    QCOMPARE(target({{"net.peer.name", "inventory"},
                     {"net.peer.port", "8080"},
                     {"net.peer.ip", "10.0.0.5"}}),
             std::string("inventory:8080"));
    QCOMPARE(target({{"server.address", "inventory"}, {"server.port", "8080"}}),
             std::string("inventory:8080"));
    // Without a server name, the peer's address.
    QCOMPARE(target({{"network.peer.address", "10.0.0.5"}, {"network.peer.port", "8080"}}),
             std::string("10.0.0.5:8080"));
    QCOMPARE(target({{"net.peer.ip", "10.0.0.5"}, {"net.peer.port", "8080"}}),
             std::string("10.0.0.5:8080"));
    QCOMPARE(target({{"net.peer.ip", "10.0.0.5"}}), std::string("10.0.0.5"));
    QCOMPARE(target({{"network.transport", "tcp"}}), std::string());
}

QTEST_APPLESS_MAIN(TestCallIdentity)
#include "tst_call_identity.moc"
