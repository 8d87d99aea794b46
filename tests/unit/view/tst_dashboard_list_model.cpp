#include "view/dashboard_list_model.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace kansoku;

namespace {

MetricStream stream(const char *name, const char *service)
{
    MetricStream info;
    info.name = name;
    info.type = MetricType::Histogram;
    info.resource.attributes = {{"service.name", AnyValue::fromString(service)}};
    return info;
}

} // namespace

class TestDashboardListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsOfferedDashboards();
};

void TestDashboardListModel::listsOfferedDashboards()
{
    DashboardListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.dashboardAt(model.index(0)));

    model.setDashboards(
        DashboardCatalog::offered({stream("http.server.request.duration", "shop"),
                                   stream("db.client.operation.duration", "shop")}));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("HTTP server · shop"));
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("Database client · shop"));
    QCOMPARE(model.index(0).data(DashboardListModel::ChartCountRole).toInt(), 5);
    QVERIFY(model.index(1)
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith(DashboardCatalog::all().at(3).description));
    const QString key = model.index(1).data(DashboardListModel::KeyRole).toString();
    QCOMPARE(key, model.dashboards().at(1).key());
    QCOMPARE(model.rowOfKey(key), 1);
    QCOMPARE(model.rowOfKey(QStringLiteral("jvm")), -1);
    QCOMPARE(model.dashboardAt(model.index(1))->dashboard->id, QStringLiteral("db-client"));

    model.setDashboards({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.rowOfKey(key), -1);
}

QTEST_GUILESS_MAIN(TestDashboardListModel)
#include "tst_dashboard_list_model.moc"
