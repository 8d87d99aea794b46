#include "clients_view.h"
#include "status_window.h"
#include "view/client_list_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTest>

using namespace kansoku;

namespace {

ClientActivity activity(const std::string &service, std::int64_t requests,
                        std::int64_t rejections = 0, const std::string &reason = {})
{
    ClientActivity client;
    client.peerHost = "192.168.1.20";
    client.serviceName = service;
    client.sdkLanguage = "java";
    client.sdkName = "opentelemetry";
    client.sdkVersion = "1.44.1";
    client.transport = IngestTransport::Http;
    client.encoding = "protobuf";
    client.compression = "gzip";
    client.requests = requests;
    client.items = requests * 5;
    client.rejections = rejections;
    client.lastRejection = reason;
    client.lastSeenMs = 1'764'770'000'000;
    return client;
}

QString shown(QTableView *table, int row, int column, int role = Qt::DisplayRole)
{
    return table->model()->index(row, column).data(role).toString();
}

} // namespace

class TestClientsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsSendersAndKeepsRowsOnRefresh();
    void headerClickSorts();
    void statusWindowShowsTheClients();
};

void TestClientsView::showsSendersAndKeepsRowsOnRefresh()
{
    ClientsView view;
    view.resize(1000, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *table = view.findChild<QTableView *>(QStringLiteral("clientsTable"));
    auto *summary = view.findChild<QLabel *>(QStringLiteral("clientsSummary"));
    QVERIFY(table && summary);
    QCOMPARE(table->model()->rowCount(), 0);
    QCOMPARE(summary->text(), QStringLiteral("No application has sent telemetry yet."));

    view.setClients({activity("orders", 3)});
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(shown(table, 0, ClientListModel::PeerColumn), QStringLiteral("192.168.1.20"));
    QCOMPARE(shown(table, 0, ClientListModel::ServiceColumn), QStringLiteral("orders"));
    QCOMPARE(shown(table, 0, ClientListModel::SdkColumn),
             QStringLiteral("java · opentelemetry 1.44.1"));
    QCOMPARE(shown(table, 0, ClientListModel::CompressionColumn), QStringLiteral("gzip"));
    QCOMPARE(summary->text(), QStringLiteral("1 sender(s); every request was accepted."));

    table->selectRow(0);
    const std::string reason = "unsupported Content-Type 'text/plain'; accepted: "
                               "application/x-protobuf, application/json";
    view.setClients({activity("orders", 4), activity("", 1, 1, reason)});
    QCOMPARE(table->model()->rowCount(), 2);
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1); // no reset: selection stays
    QCOMPARE(table->selectionModel()->selectedRows().at(0).row(), 0);
    QCOMPARE(shown(table, 0, ClientListModel::RequestsColumn), QStringLiteral("4"));
    QCOMPARE(shown(table, 1, ClientListModel::ServiceColumn), QStringLiteral("(not decoded)"));
    QCOMPARE(shown(table, 1, ClientListModel::RejectionsColumn), QStringLiteral("1"));
    QCOMPARE(shown(table, 1, ClientListModel::LastReasonColumn, Qt::ToolTipRole),
             QString::fromStdString(reason));
    QCOMPARE(summary->text(),
             QStringLiteral("2 sender(s); 1 had requests turned away (see the last rejection)."));
}

void TestClientsView::headerClickSorts()
{
    ClientsView view;
    view.resize(1000, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *table = view.findChild<QTableView *>(QStringLiteral("clientsTable"));
    view.setClients({activity("a", 1), activity("b", 7), activity("c", 3)});
    QCOMPARE(shown(table, 0, ClientListModel::ServiceColumn), QStringLiteral("a"));

    table->sortByColumn(ClientListModel::RequestsColumn, Qt::DescendingOrder);
    QCOMPARE(shown(table, 0, ClientListModel::ServiceColumn), QStringLiteral("b"));
    QCOMPARE(shown(table, 1, ClientListModel::ServiceColumn), QStringLiteral("c"));
    QCOMPARE(shown(table, 2, ClientListModel::ServiceColumn), QStringLiteral("a"));

    view.setClients({activity("a", 9), activity("b", 7), activity("c", 3)});
    QCOMPARE(shown(table, 0, ClientListModel::ServiceColumn), QStringLiteral("a"));
}

void TestClientsView::statusWindowShowsTheClients()
{
    StatusWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.setClients({activity("orders", 2)});
    auto *table = window.findChild<QTableView *>(QStringLiteral("clientsTable"));
    QVERIFY(table);
    QVERIFY(table->isVisible());
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(shown(table, 0, ClientListModel::TransportColumn), QStringLiteral("OTLP/HTTP"));
    QCOMPARE(shown(table, 0, ClientListModel::ItemsColumn), QStringLiteral("10"));
}

QTEST_MAIN(TestClientsView)
#include "tst_clients_view.moc"
