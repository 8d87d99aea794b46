// QueryCommand::toolCall: which tool each `kansoku query` kind runs and how NAME=VALUE filters
// become its typed arguments (numbers, booleans, attributes.KEY), and the messages for filters
// the tool does not take or values of the wrong type. And the executable paging through more
// rows than one tool call returns.
#include "query_command.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;

class TestQueryCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void kindsAndFilters_data();
    void kindsAndFilters();
    void badFilters_data();
    void badFilters();
    void pagesPastOneToolCall();
};

void TestQueryCommand::kindsAndFilters_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QByteArray>("toolArguments");
    QTest::newRow("newest traces") << QStringLiteral("traces") << QStringList()
                                   << QStringLiteral("search_traces") << QByteArray("{}");
    QTest::newRow("typed trace filters")
        << QStringLiteral("traces")
        << QStringList{QStringLiteral("service=checkout"),
                       QStringLiteral("min_duration_ms=250.5"),
                       QStringLiteral("error=true"),
                       QStringLiteral("sort=slowest"),
                       QStringLiteral("attributes.http.route=/cart"),
                       QStringLiteral("attributes.peer=a=b")}
        << QStringLiteral("search_traces")
        << QByteArray(R"({"attributes":{"http.route":"/cart","peer":"a=b"},"error":true,)"
                      R"("min_duration_ms":250.5,"service":"checkout","sort":"slowest"})");
    QTest::newRow("one trace")
        << QStringLiteral("trace")
        << QStringList{QStringLiteral("5b8efcf56a302b4300912e11d78a4e01"),
                       QStringLiteral("max_depth=3")}
        << QStringLiteral("get_trace")
        << QByteArray(R"({"max_depth":3,"trace_id":"5b8efcf56a302b4300912e11d78a4e01"})");
    QTest::newRow("log search") << QStringLiteral("logs")
                                << QStringList{QStringLiteral("query=severity>=warn \"timed out\"")}
                                << QStringLiteral("search_logs")
                                << QByteArray(R"({"query":"severity>=warn \"timed out\""})");
    QTest::newRow("metric list") << QStringLiteral("metrics")
                                 << QStringList{QStringLiteral("name_contains=http")}
                                 << QStringLiteral("list_metrics")
                                 << QByteArray(R"({"name_contains":"http"})");
    QTest::newRow("one metric") << QStringLiteral(
        "metrics") << QStringList{QStringLiteral("name=http.requests"), QStringLiteral("points=20")}
                                << QStringLiteral("query_metric")
                                << QByteArray(R"({"name":"http.requests","points":20})");
    QTest::newRow("services") << QStringLiteral("services") << QStringList()
                              << QStringLiteral("list_services") << QByteArray("{}");
}

void TestQueryCommand::kindsAndFilters()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, arguments);
    QFETCH(QString, tool);
    QFETCH(QByteArray, toolArguments);
    QString chosen;
    QJsonObject converted;
    QString error;
    QVERIFY2(QueryCommand::toolCall(kind, arguments, &chosen, &converted, &error),
             qPrintable(error));
    QCOMPARE(chosen, tool);
    QCOMPARE(QJsonDocument(converted).toJson(QJsonDocument::Compact), toolArguments);
}

void TestQueryCommand::badFilters_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("misspelt") << QStringLiteral("traces") << QStringList{QStringLiteral("servce=a")}
                              << QStringLiteral("unknown filter \"servce\" for query traces; "
                                                "filters: attributes.KEY, error, from, "
                                                "max_duration_ms, min_duration_ms, operation, "
                                                "service, sort, to");
    QTest::newRow("no value") << QStringLiteral("logs") << QStringList{QStringLiteral("timeout")}
                              << QStringLiteral("\"timeout\" is not a filter NAME=VALUE");
    QTest::newRow("not a number") << QStringLiteral("traces")
                                  << QStringList{QStringLiteral("max_duration_ms=slow")}
                                  << QStringLiteral("max_duration_ms: \"slow\" is not a number");
    QTest::newRow("not a boolean")
        << QStringLiteral("traces") << QStringList{QStringLiteral("error=yes")}
        << QStringLiteral("error: \"yes\" is not true or false");
    QTest::newRow("paging is --limit's")
        << QStringLiteral("logs") << QStringList{QStringLiteral("limit=5")}
        << QStringLiteral("unknown filter \"limit\"");
    QTest::newRow("services take none")
        << QStringLiteral("services") << QStringList{QStringLiteral("service=a")}
        << QStringLiteral("unknown filter \"service\" for query "
                          "services; filters: (none)");
}

void TestQueryCommand::badFilters()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QString tool;
    QJsonObject converted;
    QString error;
    QVERIFY(!QueryCommand::toolCall(kind, arguments, &tool, &converted, &error));
    QVERIFY2(error.startsWith(message), qPrintable(error));
}

void TestQueryCommand::pagesPastOneToolCall()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("logs.kansoku"));
    {
        StorageOptions options;
        options.databasePath = path;
        TelemetryStore store(options);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        std::vector<LogRecord> records;
        for (int i = 0; i < 250; ++i)
            records.push_back(testdata::log(1'796'292'000'000'000'000 + i, 9,
                                            AnyValue::fromString("log " + std::to_string(i))));
        QCOMPARE(testdata::offerPatiently(
                     store, testdata::logBatch(testdata::resource("svc"), std::move(records))),
                 OfferResult::Accepted);
        store.close();
    }
    // 100 rows per tool call at most: 230 rows take three calls, following next_cursor.
    for (const auto &[limit, expected] : {std::pair{230, 230}, std::pair{1000, 250}}) {
        QProcess process;
        process.start(QStringLiteral(KANSOKU_EXECUTABLE),
                      {QStringLiteral("query"), QStringLiteral("logs"), QStringLiteral("--db"),
                       path, QStringLiteral("--json"), QStringLiteral("--limit"),
                       QString::number(limit)});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
        QSet<QString> bodies;
        for (const QByteArray &line : lines)
            bodies.insert(
                QJsonDocument::fromJson(line).object().value(QLatin1String("body")).toString());
        QCOMPARE(lines.size(), expected);
        QCOMPARE(bodies.size(), expected);                   // no row twice
        QVERIFY(bodies.contains(QStringLiteral("log 249"))); // newest first
    }
}

QTEST_GUILESS_MAIN(TestQueryCommand)
#include "tst_query_command.moc"
