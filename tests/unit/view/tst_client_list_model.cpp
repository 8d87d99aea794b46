#include "view/client_list_model.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace kansoku;

namespace {

constexpr std::int64_t seenMs = 1'764'770'000'000; // some instant in December 2025

ClientActivity activity(const std::string &peer, const std::string &service, std::int64_t requests)
{
    ClientActivity client;
    client.peerHost = peer;
    client.serviceName = service;
    client.transport = IngestTransport::Grpc;
    client.encoding = "protobuf";
    client.requests = requests;
    client.items = requests * 10;
    client.lastSeenMs = seenMs;
    return client;
}

QString cell(const ClientListModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

} // namespace

class TestClientListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsEveryColumn();
    void refreshKeepsRowsAndAddsNewSenders();
    void evictedSendersAreRemoved();
    void sortsAndStaysSortedOnRefresh();
};

void TestClientListModel::showsEveryColumn()
{
    ClientListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ClientActivity web = activity("127.0.0.1", "web-shop", 2);
    web.sdkLanguage = "nodejs";
    web.sdkName = "opentelemetry";
    web.sdkVersion = "1.25.0";
    web.transport = IngestTransport::Http;
    web.encoding = "json";
    web.compression = "gzip";
    web.rejections = 1;
    web.lastRejection = "1 span rejected: trace_id must be 16 bytes";
    ClientActivity broken = activity("10.1.2.3", "", 1);
    broken.items = 0;
    broken.encoding.clear();
    model.setSnapshot({web, broken});

    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(ClientListModel::ColumnCount));
    QCOMPARE(cell(model, 0, ClientListModel::PeerColumn), QStringLiteral("127.0.0.1"));
    QCOMPARE(cell(model, 0, ClientListModel::ServiceColumn), QStringLiteral("web-shop"));
    QCOMPARE(cell(model, 0, ClientListModel::SdkColumn),
             QStringLiteral("nodejs · opentelemetry 1.25.0"));
    QCOMPARE(cell(model, 0, ClientListModel::TransportColumn), QStringLiteral("OTLP/HTTP"));
    QCOMPARE(cell(model, 0, ClientListModel::EncodingColumn), QStringLiteral("JSON"));
    QCOMPARE(cell(model, 0, ClientListModel::CompressionColumn), QStringLiteral("gzip"));
    QCOMPARE(cell(model, 0, ClientListModel::RequestsColumn), QStringLiteral("2"));
    QCOMPARE(cell(model, 0, ClientListModel::ItemsColumn), QStringLiteral("20"));
    QCOMPARE(cell(model, 0, ClientListModel::RejectionsColumn), QStringLiteral("1"));
    QCOMPARE(cell(model, 0, ClientListModel::LastReasonColumn),
             QStringLiteral("1 span rejected: trace_id must be 16 bytes"));
    QCOMPARE(cell(model, 0, ClientListModel::LastReasonColumn, Qt::ToolTipRole),
             QStringLiteral("1 span rejected: trace_id must be 16 bytes"));
    QCOMPARE(
        cell(model, 0, ClientListModel::LastSeenColumn),
        QDateTime::fromMSecsSinceEpoch(seenMs).toLocalTime().toString(QStringLiteral("HH:mm:ss")));

    QCOMPARE(cell(model, 1, ClientListModel::PeerColumn), QStringLiteral("10.1.2.3"));
    QCOMPARE(cell(model, 1, ClientListModel::ServiceColumn), QStringLiteral("(not decoded)"));
    QVERIFY(!cell(model, 1, ClientListModel::ServiceColumn, Qt::ToolTipRole).isEmpty());
    QCOMPARE(cell(model, 1, ClientListModel::SdkColumn), QStringLiteral("—"));
    QCOMPARE(cell(model, 1, ClientListModel::TransportColumn), QStringLiteral("OTLP/gRPC"));
    QCOMPARE(cell(model, 1, ClientListModel::EncodingColumn), QStringLiteral("—"));
    QCOMPARE(cell(model, 1, ClientListModel::CompressionColumn), QStringLiteral("—"));
    QCOMPARE(cell(model, 1, ClientListModel::ItemsColumn), QStringLiteral("0"));
    QCOMPARE(cell(model, 1, ClientListModel::LastReasonColumn), QString());
    QCOMPARE(cell(model, 1, ClientListModel::LastReasonColumn, Qt::ToolTipRole), QString());
    QCOMPARE(model.headerData(ClientListModel::CompressionColumn, Qt::Horizontal).toString(),
             QStringLiteral("Compression"));
}

void TestClientListModel::refreshKeepsRowsAndAddsNewSenders()
{
    ClientListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot({activity("h", "a", 1), activity("h", "b", 1)});
    const QPersistentModelIndex bRow = model.index(1, ClientListModel::ServiceColumn);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setSnapshot({activity("h", "a", 1), activity("h", "b", 4), activity("h", "c", 1)});

    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(changed.count(), 1); // only b changed
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(bRow.row(), 1);
    QCOMPARE(cell(model, 1, ClientListModel::RequestsColumn), QStringLiteral("4"));
    QCOMPARE(cell(model, 2, ClientListModel::ServiceColumn), QStringLiteral("c"));

    changed.clear();
    model.setSnapshot({activity("h", "a", 1), activity("h", "b", 4), activity("h", "c", 1)});
    QCOMPARE(changed.count(), 0); // nothing new: no signal at all
    QCOMPARE(inserted.count(), 1);
}

void TestClientListModel::evictedSendersAreRemoved()
{
    ClientListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot({activity("h", "a", 1), activity("h", "b", 1), activity("h", "c", 1)});
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setSnapshot({activity("h", "a", 1), activity("h", "c", 1)});
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 0, ClientListModel::ServiceColumn), QStringLiteral("a"));
    QCOMPARE(cell(model, 1, ClientListModel::ServiceColumn), QStringLiteral("c"));
}

void TestClientListModel::sortsAndStaysSortedOnRefresh()
{
    ClientListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot({activity("h", "a", 1), activity("h", "b", 3), activity("h", "c", 2)});
    const QPersistentModelIndex aRow = model.index(0, ClientListModel::ServiceColumn);

    model.sort(ClientListModel::RequestsColumn, Qt::DescendingOrder);
    QCOMPARE(cell(model, 0, ClientListModel::ServiceColumn), QStringLiteral("b"));
    QCOMPARE(cell(model, 1, ClientListModel::ServiceColumn), QStringLiteral("c"));
    QCOMPARE(cell(model, 2, ClientListModel::ServiceColumn), QStringLiteral("a"));
    QCOMPARE(aRow.row(), 2);

    model.setSnapshot({activity("h", "a", 9), activity("h", "b", 3), activity("h", "c", 2)});
    QCOMPARE(cell(model, 0, ClientListModel::ServiceColumn), QStringLiteral("a"));
    QCOMPARE(aRow.row(), 0);
    QCOMPARE(aRow.data().toString(), QStringLiteral("a"));

    model.sort(ClientListModel::ServiceColumn, Qt::AscendingOrder);
    QCOMPARE(cell(model, 0, ClientListModel::ServiceColumn), QStringLiteral("a"));
    QCOMPARE(cell(model, 1, ClientListModel::ServiceColumn), QStringLiteral("b"));

    model.sort(-1);
    QCOMPARE(cell(model, 2, ClientListModel::ServiceColumn), QStringLiteral("c"));
}

QTEST_GUILESS_MAIN(TestClientListModel)
#include "tst_client_list_model.moc"
