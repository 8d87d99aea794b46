#include "analysis/log_search_parser.h"
#include "otlp_decoder.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "view/log_details_model.h"
#include "view/log_table_model.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;
using namespace kansoku::testdata;

namespace {
constexpr std::int64_t baseNs = 1'700'000'000'000'000'000;
constexpr std::int64_t msNs = 1'000'000;

// Log n has body "line n ..." and the attribute n.
LogRecord numbered(int n, int severity, const std::string &extra = {})
{
    return log(baseNs + n * msNs, severity,
               AnyValue::fromString("line " + std::to_string(n) + " " + extra),
               {{"n", AnyValue::fromInt(n)}},
               n % 2 ? traceId(static_cast<std::uint64_t>(n)) : TraceId{},
               n % 2 ? spanId(static_cast<std::uint64_t>(n)) : SpanId{});
}

int numberAt(const LogTableModel &model, int row)
{
    return static_cast<int>(findAttribute(model.logAt(row)->record.attributes, "n")->intValue());
}
} // namespace

class TestLogTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void firstPageThenFetchMore();
    void displayAndRoles();
    void newerRowsGoOnTopKeepingSelection();
    void manyNewerRowsStartOver();
    void parsedSearchesRunInStorage_data();
    void parsedSearchesRunInStorage();
    void jsSdkLogs();

private:
    void write(std::vector<LogRecord> records, const std::string &service = "checkout");

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TelemetryStore> m_store;
    std::int64_t m_written = 0;
};

void TestLogTableModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    StorageOptions options;
    options.databasePath = m_dir->filePath(QStringLiteral("logs.db"));
    options.commitMaxLatencyMs = 5;
    m_store = std::make_unique<TelemetryStore>(options);
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    m_written = 0;
}

void TestLogTableModel::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestLogTableModel::write(std::vector<LogRecord> records, const std::string &service)
{
    m_written += static_cast<std::int64_t>(records.size());
    QCOMPARE(testdata::offerPatiently(*m_store, logBatch(resource(service), std::move(records))),
             OfferResult::Accepted);
    QTRY_COMPARE(m_store->status().totals.logRecords, m_written);
}

void TestLogTableModel::firstPageThenFetchMore()
{
    std::vector<LogRecord> records;
    for (int n = 1; n <= 450; ++n)
        records.push_back(numbered(n, 9));
    write(std::move(records));

    // No QAbstractItemModelTester here: it calls fetchMore() itself and would change the counts.
    LogTableModel model(m_store->queries());
    QSignalSpy loaded(&model, &LogTableModel::firstPageLoaded);
    model.setQuery(LogQuery{});
    QVERIFY(model.isLoadingFirstPage());
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), LogTableModel::pageSize);
    QCOMPARE(numberAt(model, 0), 450);
    QCOMPARE(numberAt(model, 199), 251);
    QVERIFY(model.canFetchMore({}));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore({});
    QVERIFY(!model.canFetchMore({})); // one page request at a time
    QTRY_COMPARE(model.rowCount(), 400);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 200);
    QCOMPARE(inserted.first().at(2).toInt(), 399);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 450);
    QCOMPARE(numberAt(model, 449), 1);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.rowOfRowId(model.logAt(321)->rowId), 321);
    QCOMPARE(model.rowOfRowId(999999), -1);
}

void TestLogTableModel::displayAndRoles()
{
    LogRecord error = numbered(1, 18, "failed\nat frame 1\tx");
    LogRecord plain = numbered(2, 0);
    plain.severityText = "custom";
    LogRecord structured = numbered(3, 13);
    structured.body = AnyValue::fromMap(
        {{"message", AnyValue::fromString("disk almost full")}, {"free", AnyValue::fromInt(3)}});
    write({error, plain, structured}, "inventory");

    LogTableModel model(m_store->queries());
    QAbstractItemModelTester tester(&model);
    QSignalSpy loaded(&model, &LogTableModel::firstPageLoaded);
    model.setQuery(LogQuery{});
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), 3);
    auto text = [&](int row, int column) {
        return model.index(row, column).data().toString();
    };
    QCOMPARE(text(0, LogTableModel::SeverityColumn), QStringLiteral("WARN"));
    QCOMPARE(text(0, LogTableModel::BodyColumn),
             QStringLiteral("{message: disk almost full, free: 3}"));
    QCOMPARE(text(1, LogTableModel::SeverityColumn), QStringLiteral("custom"));
    QCOMPARE(text(2, LogTableModel::SeverityColumn), QStringLiteral("ERROR2"));
    QCOMPARE(text(2, LogTableModel::BodyColumn), QStringLiteral("line 1 failed ⏎ at frame 1 x"));
    QCOMPARE(text(2, LogTableModel::ServiceColumn), QStringLiteral("inventory"));
    QCOMPARE(text(2, LogTableModel::TraceColumn), QStringLiteral("ab000000"));
    QCOMPARE(text(1, LogTableModel::TraceColumn), QString());
    QCOMPARE(model.index(2, 0).data(LogTableModel::SeverityNumberRole).toInt(), 18);
    QCOMPARE(model.index(2, 0).data(LogTableModel::TraceIdRole).toString(),
             QStringLiteral("ab000000000000000000000000000001"));
    QCOMPARE(model.index(2, 0).data(LogTableModel::SpanIdRole).toString(),
             QStringLiteral("5c00000000000001"));
    QCOMPARE(model.index(1, 0).data(LogTableModel::SpanIdRole).toString(), QString());
    QCOMPARE(model.index(2, 0).data(LogTableModel::TimeNsRole).toLongLong(), baseNs + msNs);
    QCOMPARE(model.index(2, LogTableModel::SeverityColumn).data(Qt::ForegroundRole).value<QColor>(),
             QColor(0xd0, 0x30, 0x30));
    QCOMPARE(model.index(0, LogTableModel::SeverityColumn).data(Qt::ForegroundRole).value<QColor>(),
             QColor(0xc7, 0x7c, 0x02));

    LogDetailsModel details;
    QAbstractItemModelTester detailsTester(&details);
    details.setLog(*model.logAt(0));
    QCOMPARE(details.rowCount(), 4); // Log, Attributes, Resource, Scope
    QCOMPARE(details.index(1, 0).data().toString(), QStringLiteral("Attributes"));
    const QModelIndex attributes = details.index(1, 0);
    QCOMPARE(details.rowCount(attributes), 1);
    QCOMPARE(details.index(0, LogDetailsModel::NameColumn, attributes).data().toString(),
             QStringLiteral("n"));
    QCOMPARE(details.index(0, LogDetailsModel::TypeColumn, attributes).data().toString(),
             QStringLiteral("int"));
    const QModelIndex resourceSection = details.index(2, 0);
    QCOMPARE(details.index(2, LogDetailsModel::ValueColumn).data().toString(),
             QStringLiteral("inventory"));
    QCOMPARE(details.index(0, LogDetailsModel::ValueColumn, resourceSection).data().toString(),
             QStringLiteral("inventory"));
    details.clear();
    QCOMPARE(details.rowCount(), 0);
}

void TestLogTableModel::newerRowsGoOnTopKeepingSelection()
{
    write({numbered(1, 9), numbered(2, 9), numbered(3, 9)});
    LogTableModel model(m_store->queries());
    QAbstractItemModelTester tester(&model);
    QItemSelectionModel selection(&model);
    QSignalSpy loaded(&model, &LogTableModel::firstPageLoaded);
    model.setQuery(LogQuery{});
    QVERIFY(loaded.wait());
    selection.setCurrentIndex(model.index(1, 0),
                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(numberAt(model, selection.currentIndex().row()), 2);

    write({numbered(4, 17), numbered(5, 9)});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy newer(&model, &LogTableModel::newerRowsInserted);
    model.refreshNewer();
    model.refreshNewer(); // coalesced with the one running
    QVERIFY(newer.wait());
    QCOMPARE(newer.first().first().toInt(), 2);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(numberAt(model, 0), 5);
    QCOMPARE(numberAt(model, selection.currentIndex().row()), 2);
    QCOMPARE(selection.selectedRows().size(), 1);
    // The queued second refresh runs after the first answered, and finds nothing new.
    QVERIFY(model.isRefreshingNewer());
    QTRY_VERIFY(!model.isRefreshingNewer());
    QCOMPARE(newer.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 5);

    // A severity query only gets matching newer rows.
    LogQuery errors;
    errors.minSeverityNumber = 17;
    model.setQuery(errors);
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), 1);
    write({numbered(6, 9), numbered(7, 21)});
    model.refreshNewer();
    QVERIFY(newer.wait());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(numberAt(model, 0), 7);
}

void TestLogTableModel::manyNewerRowsStartOver()
{
    write({numbered(1, 9)});
    LogTableModel model(m_store->queries()); // no tester: it would fetchMore() on its own
    QSignalSpy loaded(&model, &LogTableModel::firstPageLoaded);
    model.setQuery(LogQuery{});
    QVERIFY(loaded.wait());
    std::vector<LogRecord> records;
    for (int n = 2; n <= LogTableModel::liveLimit + 10; ++n)
        records.push_back(numbered(n, 9));
    write(std::move(records));
    model.refreshNewer();
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), LogTableModel::liveLimit);
    QCOMPARE(numberAt(model, 0), LogTableModel::liveLimit + 10);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), LogTableModel::liveLimit + 10);
    QCOMPARE(numberAt(model, model.rowCount() - 1), 1);
}

void TestLogTableModel::parsedSearchesRunInStorage_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("word") << QStringLiteral("timeout") << QList<int>{4, 1};
    QTest::newRow("phrase") << QStringLiteral("\"upstream timeout\"") << QList<int>{1};
    QTest::newRow("prefix") << QStringLiteral("time*") << QList<int>{4, 1};
    QTest::newRow("punctuated word") << QStringLiteral("user-id") << QList<int>{2};
    QTest::newRow("diacritics folded") << QStringLiteral("cafe") << QList<int>{3};
    QTest::newRow("NOT") << QStringLiteral("timeout NOT upstream") << QList<int>{4};
    QTest::newRow("OR with group") << QStringLiteral("(café OR user) line") << QList<int>{3, 2};
    QTest::newRow("group after word") << QStringLiteral("line (café OR user)") << QList<int>{3, 2};
    QTest::newRow("NOT group") << QStringLiteral("line NOT (café OR user)") << QList<int>{4, 1};
    QTest::newRow("body column") << QStringLiteral("body:timeout") << QList<int>{4, 1};
    QTest::newRow("severity filter") << QStringLiteral("severity>=error") << QList<int>{4};
    QTest::newRow("service filter") << QStringLiteral("service:billing") << QList<int>{3};
    QTest::newRow("attribute filter") << QStringLiteral("n=2") << QList<int>{2};
    QTest::newRow("trace filter") << QStringLiteral("trace:ab000000000000000000000000000003")
                                  << QList<int>{3};
    QTest::newRow("quote in phrase") << QStringLiteral("\"say \"\"hi\"\"\"") << QList<int>{2};
}

void TestLogTableModel::parsedSearchesRunInStorage()
{
    QFETCH(QString, search);
    QFETCH(QList<int>, expected);
    write({numbered(1, 9, "upstream timeout"), numbered(2, 9, "user-id say \"hi\"")});
    write({numbered(3, 13, "Café ouvert")}, "billing");
    write({numbered(4, 17, "timeout again")});
    const LogSearch parsed = LogSearchParser::parse(search);
    QVERIFY2(parsed.isValid(), qPrintable(parsed.errorMessage));
    LogQuery query;
    parsed.applyTo(&query);
    LogTableModel model(m_store->queries());
    QSignalSpy loaded(&model, &LogTableModel::firstPageLoaded);
    model.setQuery(query);
    QVERIFY(loaded.wait());
    QList<int> numbers;
    for (int row = 0; row < model.rowCount(); ++row)
        numbers.append(numberAt(model, row));
    QCOMPARE(numbers, expected);
}

void TestLogTableModel::jsSdkLogs()
{
    QFile file(qEnvironmentVariable("KANSOKU_TEST_DATA")
               + QStringLiteral("/otlp/js_sdk_logs.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    const OtlpDecodeResult decoded = OtlpDecoder::decode(
        TelemetrySignal::Logs, OtlpEncoding::Json, std::string_view(json.data(), json.size()));
    QVERIFY2(decoded.ok, decoded.errorMessage.c_str());
    m_written = static_cast<std::int64_t>(decoded.batch->logRecordCount());
    QCOMPARE(testdata::offerPatiently(*m_store, decoded.batch), OfferResult::Accepted);
    QTRY_COMPARE(m_store->status().totals.logRecords, m_written);

    LogTableModel model(m_store->queries());
    QAbstractItemModelTester tester(&model);
    QSignalSpy loaded(&model, &LogTableModel::firstPageLoaded);
    model.setQuery(LogQuery{});
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), 3);
    QStringList bodies;
    QStringList severities;
    for (int row = 0; row < model.rowCount(); ++row) {
        bodies.append(model.index(row, LogTableModel::BodyColumn).data().toString());
        severities.append(model.index(row, LogTableModel::SeverityColumn).data().toString());
    }
    QCOMPARE(bodies, (QStringList{QStringLiteral("cache miss"),
                                  QStringLiteral("{message: payment failed, code: 402}"),
                                  QStringLiteral("cart loaded for user 42")}));
    QCOMPARE(severities, (QStringList{QStringLiteral("DEBUG"), QStringLiteral("ERROR"),
                                      QStringLiteral("INFO")}));
    QCOMPARE(model.index(2, LogTableModel::ServiceColumn).data().toString(),
             QStringLiteral("checkout-web"));
    QCOMPARE(model.index(2, 0).data(LogTableModel::TraceIdRole).toString(),
             QStringLiteral("cee1d3d3a8c60775dbff377bdd8f155d"));
    QCOMPARE(model.index(2, 0).data(LogTableModel::SpanIdRole).toString(),
             QStringLiteral("fbdbaa18dced9e76"));
    QCOMPARE(model.logAt(0)->record.eventName, std::string("cache.miss"));

    // The map body is found by full text, and searched through the parser.
    LogQuery query;
    LogSearchParser::parse(QStringLiteral("payment severity>=error")).applyTo(&query);
    model.setQuery(query);
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), 1);
}

QTEST_GUILESS_MAIN(TestLogTableModel)
#include "tst_log_table_model.moc"
