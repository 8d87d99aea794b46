// isAnalysisAttributeKey: the attribute keys loaders keep for the findings detectors.
#include "core/analysis_span.h"

#include <QTest>

using namespace kansoku;

class TestAnalysisSpan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void analysisAttributeKeys_data();
    void analysisAttributeKeys();
    void spanHelpers();
};

void TestAnalysisSpan::analysisAttributeKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("kept");
    // Every key of the list, current and older semantic-convention names.
    for (const char *key : {"db.collection.name",
                            "db.mongodb.collection",
                            "db.name",
                            "db.namespace",
                            "db.operation",
                            "db.operation.name",
                            "db.query.summary",
                            "db.query.text",
                            "db.sql.table",
                            "db.statement",
                            "db.system",
                            "db.system.name",
                            "http.method",
                            "http.request.method",
                            "http.response.status_code",
                            "http.route",
                            "http.status_code",
                            "http.target",
                            "http.url",
                            "messaging.destination.name",
                            "messaging.operation",
                            "messaging.system",
                            "net.peer.ip",
                            "net.peer.name",
                            "net.peer.port",
                            "net.transport",
                            "network.peer.address",
                            "network.peer.port",
                            "network.transport",
                            "rpc.grpc.status_code",
                            "rpc.method",
                            "rpc.response.status_code",
                            "rpc.service",
                            "server.address",
                            "server.port",
                            "url.full",
                            "url.path",
                            "url.template"})
        QTest::newRow(key) << QString::fromLatin1(key) << true;
    QTest::newRow("query parameter") << QStringLiteral("db.query.parameter.0") << true;
    QTest::newRow("named query parameter, long")
        << QStringLiteral("db.query.parameter.customer_identifier_of_the_order") << true;
    // Near misses: same length, one character off; prefixes and extensions; other case.
    QTest::newRow("last character") << QStringLiteral("db.statemenx") << false;
    QTest::newRow("first character") << QStringLiteral("xb.statement") << false;
    QTest::newRow("middle character") << QStringLiteral("db.stAtement") << false;
    QTest::newRow("prefix") << QStringLiteral("db.statemen") << false;
    QTest::newRow("extension") << QStringLiteral("db.statements") << false;
    QTest::newRow("upper case") << QStringLiteral("DB.STATEMENT") << false;
    QTest::newRow("parameter without its dot") << QStringLiteral("db.query.parameter") << false;
    QTest::newRow("longest key, extended")
        << QStringLiteral("messaging.destination.name.x") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("common, not analysed") << QStringLiteral("thread.name") << false;
    QTest::newRow("user agent") << QStringLiteral("user_agent.original") << false;
    QTest::newRow("very long") << QString(300, QLatin1Char('d')) << false;
}

void TestAnalysisSpan::analysisAttributeKeys()
{
    QFETCH(QString, key);
    QFETCH(bool, kept);
    QCOMPARE(isAnalysisAttributeKey(key.toStdString()), kept);
}

void TestAnalysisSpan::spanHelpers()
{
    AnalysisSpan span;
    QVERIFY(span.isRoot());
    span.startTimeNs = 1000;
    span.endTimeNs = 3500;
    QCOMPARE(span.durationNs(), std::int64_t(2500));
    span.parentSpanId.bytes[7] = 1;
    QVERIFY(!span.isRoot());
}

QTEST_GUILESS_MAIN(TestAnalysisSpan)
#include "tst_analysis_span.moc"
