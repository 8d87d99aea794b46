#include "core/telemetry_batch.h"

#include <QTest>

using namespace kansoku;

class TestTelemetryBatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsItemsOfEverySignal();
    void serviceNameFallsBack();
};

void TestTelemetryBatch::countsItemsOfEverySignal()
{
    TelemetryBatch batch;
    QVERIFY(batch.isEmpty());
    batch.resourceSpans.resize(2);
    batch.resourceSpans[0].scopeSpans.resize(2);
    batch.resourceSpans[0].scopeSpans[0].spans.resize(3);
    batch.resourceSpans[0].scopeSpans[1].spans.resize(1);
    batch.resourceSpans[1].scopeSpans.resize(1);
    batch.resourceSpans[1].scopeSpans[0].spans.resize(5);

    Metric gauge;
    gauge.type = MetricType::Gauge;
    gauge.numberPoints.resize(4);
    Metric histogram;
    histogram.type = MetricType::Histogram;
    histogram.histogramPoints.resize(2);
    batch.resourceMetrics.resize(1);
    batch.resourceMetrics[0].scopeMetrics.resize(1);
    batch.resourceMetrics[0].scopeMetrics[0].metrics = {gauge, histogram};

    batch.resourceLogs.resize(1);
    batch.resourceLogs[0].scopeLogs.resize(1);
    batch.resourceLogs[0].scopeLogs[0].logRecords.resize(7);

    QCOMPARE(batch.spanCount(), std::size_t(9));
    QCOMPARE(batch.dataPointCount(), std::size_t(6));
    QCOMPARE(batch.logRecordCount(), std::size_t(7));
    QCOMPARE(batch.itemCount(), std::size_t(22));
    QVERIFY(!batch.isEmpty());
}

void TestTelemetryBatch::serviceNameFallsBack()
{
    Resource resource;
    QCOMPARE(resource.serviceName(), std::string("unknown_service"));
    resource.attributes.push_back({"service.name", AnyValue::fromString("checkout")});
    QCOMPARE(resource.serviceName(), std::string("checkout"));
}

QTEST_GUILESS_MAIN(TestTelemetryBatch)
#include "tst_telemetry_batch.moc"
