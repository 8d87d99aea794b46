#include "view/metric_browser_model.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace kansoku;

namespace {

MetricStream info(std::int64_t id, const std::string &service, const std::string &name,
                  MetricType type, Attributes attributes = {})
{
    MetricStream stream;
    stream.streamId = id;
    stream.name = name;
    stream.type = type;
    stream.unit = type == MetricType::Histogram ? "ms" : "{requests}";
    stream.description = name + " description";
    stream.temporality = type == MetricType::Gauge ? AggregationTemporality::Unspecified
                                                   : AggregationTemporality::Cumulative;
    stream.isMonotonic = type == MetricType::Sum;
    if (!service.empty())
        stream.resource.attributes = {{"service.name", AnyValue::fromString(service)}};
    stream.attributes = std::move(attributes);
    return stream;
}

std::vector<MetricStream> sample()
{
    return {info(1, "shop", "http.requests", MetricType::Sum, {{"m", AnyValue::fromString("GET")}}),
            info(2, "shop", "http.requests", MetricType::Sum, {{"m", AnyValue::fromString("PUT")}}),
            info(3, "cart", "queue.depth", MetricType::Gauge),
            info(4, "shop", "http.duration", MetricType::Histogram),
            info(5, "", "orphan", MetricType::Gauge),
            // The same name with another type is another metric.
            info(6, "shop", "http.requests", MetricType::Gauge)};
}

QString display(const QAbstractItemModel &model, int row, int column,
                const QModelIndex &parent = {})
{
    return model.index(row, column, parent).data().toString();
}

} // namespace

class TestMetricBrowserModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tree();
    void columns();
    void keysSurviveReload();
    void recursiveFilter();
    void typeText_data();
    void typeText();
};

void TestMetricBrowserModel::tree()
{
    MetricBrowserModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setStreams(sample());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(display(model, 0, 0), QStringLiteral("cart"));
    QCOMPARE(display(model, 1, 0), QStringLiteral("shop"));
    QCOMPARE(display(model, 2, 0), QStringLiteral("unknown_service"));
    const QModelIndex shop = model.index(1, 0);
    QCOMPARE(model.rowCount(shop), 3);
    QCOMPARE(display(model, 0, 0, shop), QStringLiteral("http.duration"));
    QCOMPARE(display(model, 1, 0, shop), QStringLiteral("http.requests"));
    QCOMPARE(display(model, 2, 0, shop), QStringLiteral("http.requests"));
    // Same name, two types: gauge (type 1) sorts before sum (type 2).
    QCOMPARE(display(model, 1, MetricBrowserModel::TypeColumn, shop), QStringLiteral("gauge"));
    QCOMPARE(display(model, 2, MetricBrowserModel::TypeColumn, shop),
             QStringLiteral("counter (cumulative)"));
    QCOMPARE(model.index(1, MetricBrowserModel::StreamsColumn).data().toLongLong(), 4);
    const MetricEntry *requests = model.metricAt(model.index(2, 0, shop));
    QVERIFY(requests);
    QCOMPARE(requests->streams.size(), std::size_t(2));
    QCOMPARE(requests->streams[1].streamId, std::int64_t(2));
    QCOMPARE(requests->service, QStringLiteral("shop"));
    QVERIFY(!model.metricAt(shop));
    QVERIFY(!model.metricAt({}));
    QCOMPARE(model.metricCount(), 5);
    QCOMPARE(model.indexOfService(QStringLiteral("cart")).row(), 0);
    QVERIFY(!model.indexOfService(QStringLiteral("nope")).isValid());
    QCOMPARE(model.index(0, 0, shop).data(MetricBrowserModel::ServiceRole).toString(),
             QStringLiteral("shop"));

    model.setStreams({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.metricCount(), 0);
}

void TestMetricBrowserModel::columns()
{
    MetricBrowserModel model;
    model.setStreams(sample());
    const QModelIndex shop = model.index(1, 0);
    QCOMPARE(model.headerData(MetricBrowserModel::UnitColumn, Qt::Horizontal).toString(),
             QStringLiteral("Unit"));
    QCOMPARE(display(model, 0, MetricBrowserModel::UnitColumn, shop),
             QStringLiteral("milliseconds"));
    QCOMPARE(display(model, 1, MetricBrowserModel::UnitColumn, shop), QStringLiteral("requests"));
    QCOMPARE(display(model, 2, MetricBrowserModel::StreamsColumn, shop), QStringLiteral("2"));
    QCOMPARE(display(model, 1, MetricBrowserModel::DescriptionColumn, shop),
             QStringLiteral("http.requests description"));
    QCOMPARE(display(model, 0, MetricBrowserModel::TypeColumn, shop),
             QStringLiteral("histogram (cumulative)"));
    QVERIFY(model.index(2, 0, shop)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("unit {requests}")));
    // Service rows only fill the name and stream count.
    QVERIFY(display(model, 1, MetricBrowserModel::TypeColumn).isEmpty());
}

void TestMetricBrowserModel::keysSurviveReload()
{
    MetricBrowserModel model;
    model.setStreams(sample());
    const QModelIndex shop = model.index(1, 0);
    const QString key = model.index(2, 0, shop).data(MetricBrowserModel::MetricKeyRole).toString();
    QVERIFY(!key.isEmpty());
    QVERIFY(model.index(1, 0).data(MetricBrowserModel::MetricKeyRole).toString().isEmpty());
    // A new service sorts before: the key still finds the same metric.
    std::vector<MetricStream> more = sample();
    more.push_back(info(7, "billing", "invoices", MetricType::Sum));
    more.push_back(
        info(8, "shop", "http.requests", MetricType::Sum, {{"m", AnyValue::fromString("POST")}}));
    model.setStreams(more);
    const QModelIndex found = model.indexOfKey(key);
    QVERIFY(found.isValid());
    QCOMPARE(found.parent().data().toString(), QStringLiteral("shop"));
    QCOMPARE(model.metricAt(found)->streams.size(), std::size_t(3));
    QVERIFY(!model.indexOfKey(QStringLiteral("gone")).isValid());
}

void TestMetricBrowserModel::recursiveFilter()
{
    MetricBrowserModel model;
    model.setStreams(sample());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setRecursiveFilteringEnabled(true);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setFilterFixedString(QStringLiteral("DURATION"));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(display(proxy, 0, 0), QStringLiteral("shop"));
    QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1);
    QCOMPARE(display(proxy, 0, 0, proxy.index(0, 0)), QStringLiteral("http.duration"));
    proxy.setFilterFixedString(QStringLiteral("nothing matches"));
    QCOMPARE(proxy.rowCount(), 0);
}

void TestMetricBrowserModel::typeText_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("temporality");
    QTest::addColumn<bool>("monotonic");
    QTest::addColumn<QString>("expected");
    QTest::newRow("gauge") << 1 << 0 << false << QStringLiteral("gauge");
    QTest::newRow("delta counter") << 2 << 1 << true << QStringLiteral("counter (delta)");
    QTest::newRow("up-down") << 2 << 2 << false << QStringLiteral("up-down counter (cumulative)");
    QTest::newRow("exp histogram") << 4 << 1 << false << QStringLiteral("exp. histogram (delta)");
    QTest::newRow("summary") << 5 << 0 << false << QStringLiteral("summary");
    QTest::newRow("no temporality") << 3 << 0 << false << QStringLiteral("histogram");
}

void TestMetricBrowserModel::typeText()
{
    QFETCH(int, type);
    QFETCH(int, temporality);
    QFETCH(bool, monotonic);
    QFETCH(QString, expected);
    QCOMPARE(MetricBrowserModel::typeText(static_cast<MetricType>(type),
                                          static_cast<AggregationTemporality>(temporality),
                                          monotonic),
             expected);
}

QTEST_GUILESS_MAIN(TestMetricBrowserModel)
#include "tst_metric_browser_model.moc"
