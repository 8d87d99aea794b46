#include "analysis/http_server_request_metric.h"

#include <QTest>

using namespace kansoku;

Q_DECLARE_METATYPE(kansoku::Attributes)

namespace {

constexpr std::int64_t Second = 1'000'000'000;
constexpr std::int64_t Start = 1'700'000'000LL * Second;

KeyValue text(const char *key, const char *value)
{
    return {key, AnyValue::fromString(value)};
}

MetricStream streamOf(const std::string &name, const std::string &unit, Attributes attributes)
{
    MetricStream stream;
    stream.name = name;
    stream.unit = unit;
    stream.type = MetricType::Histogram;
    stream.temporality = AggregationTemporality::Cumulative;
    stream.resource.attributes.push_back(text("service.name", "shop"));
    stream.attributes = std::move(attributes);
    return stream;
}

HistogramDataPoint point(std::int64_t startNs, std::int64_t timeNs,
                         std::vector<std::uint64_t> counts, double sum,
                         std::vector<double> bounds = {0.1, 1})
{
    HistogramDataPoint p;
    p.startTimeNs = startNs;
    p.timeNs = timeNs;
    p.bucketCounts = std::move(counts);
    p.explicitBounds = std::move(bounds);
    p.sum = sum;
    for (std::uint64_t count : p.bucketCounts)
        p.count += count;
    return p;
}

Metric cumulative(std::vector<HistogramDataPoint> points)
{
    Metric metric;
    metric.type = MetricType::Histogram;
    metric.temporality = AggregationTemporality::Cumulative;
    metric.histogramPoints = std::move(points);
    return metric;
}

} // namespace

class TestHttpServerRequestMetric : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void endpointOfTheStream_data();
    void endpointOfTheStream();
    void otherStreamsAreNotRequests();
    void millisecondsBecomeSeconds();
    void streamShowingUpLateHadNoRequestsBefore();
};

void TestHttpServerRequestMetric::endpointOfTheStream_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Attributes>("attributes");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<bool>("serverErrors");
    QTest::newRow("method and route")
        << "http.server.request.duration"
        << Attributes{text("http.request.method", "GET"), text("http.route", "/products/:id"),
                      KeyValue{"http.response.status_code", AnyValue::fromInt(200)}}
        << "GET /products/:id" << false;
    QTest::newRow("no route") << "http.server.request.duration"
                              << Attributes{text("http.request.method", "POST")} << "POST" << false;
    QTest::newRow("other method") << "http.server.request.duration"
                                  << Attributes{text("http.request.method", "_OTHER"),
                                                text("http.route", "/x")}
                                  << "HTTP /x" << false;
    QTest::newRow("5xx") << "http.server.request.duration"
                         << Attributes{text("http.request.method", "GET"),
                                       KeyValue{"http.response.status_code",
                                                AnyValue::fromInt(503)}}
                         << "GET" << true;
    QTest::newRow("error.type") << "http.server.request.duration"
                                << Attributes{text("http.request.method", "GET"),
                                              text("error.type", "timeout")}
                                << "GET" << true;
    QTest::newRow("older names, 4xx")
        << "http.server.duration"
        << Attributes{text("http.method", "PUT"), text("http.route", "/cart"),
                      text("http.status_code", "404")}
        << "PUT /cart" << false;
    QTest::newRow("older names, 5xx as text")
        << "http.server.duration"
        << Attributes{text("http.method", "PUT"), text("http.status_code", "500")} << "PUT" << true;
}

void TestHttpServerRequestMetric::endpointOfTheStream()
{
    QFETCH(QString, name);
    QFETCH(Attributes, attributes);
    QFETCH(QString, operation);
    QFETCH(bool, serverErrors);
    const MetricStream stream = streamOf(name.toStdString(), "s", attributes);
    const auto series = HttpServerRequestMetric::seriesOf(
        stream, cumulative({point(Start, Start + 10 * Second, {1, 2, 0}, 0.5)}), Start);
    QVERIFY(series);
    QCOMPARE(series->metricName, name.toStdString());
    QCOMPARE(series->endpoint.service, std::string("shop"));
    QCOMPARE(series->endpoint.operation, operation.toStdString());
    QCOMPARE(series->serverErrors, serverErrors);
    QCOMPARE(series->intervals.size(), std::size_t(1));
    QCOMPARE(series->intervals[0].total(), 3.0);
}

void TestHttpServerRequestMetric::otherStreamsAreNotRequests()
{
    const Metric metric = cumulative({point(Start, Start + 10 * Second, {1, 2, 0}, 0.5)});
    const Attributes get{text("http.request.method", "GET")};
    QVERIFY(!HttpServerRequestMetric::seriesOf(streamOf("http.client.request.duration", "s", get),
                                               metric, Start));
    QVERIFY(!HttpServerRequestMetric::seriesOf(
        streamOf("http.server.request.duration", "s", {text("http.route", "/")}), metric, Start));
    MetricStream exponential = streamOf("http.server.request.duration", "s", get);
    exponential.type = MetricType::ExponentialHistogram;
    QVERIFY(!HttpServerRequestMetric::seriesOf(exponential, metric, Start));
    QVERIFY(HttpServerRequestMetric::isRequestDurationMetric("http.server.duration"));
    QVERIFY(!HttpServerRequestMetric::isRequestDurationMetric("http.server.active_requests"));
}

void TestHttpServerRequestMetric::millisecondsBecomeSeconds()
{
    // Cumulative: the second interval is the difference; bounds and sums in seconds.
    const MetricStream stream
        = streamOf("http.server.duration", "ms", {text("http.method", "GET")});
    const auto series = HttpServerRequestMetric::seriesOf(
        stream,
        cumulative({point(Start, Start + 10 * Second, {1, 2, 0}, 500, {100, 1000}),
                    point(Start, Start + 20 * Second, {1, 5, 1}, 4500, {100, 1000})}),
        Start);
    QVERIFY(series);
    QCOMPARE(series->intervals.size(), std::size_t(2));
    QCOMPARE(series->intervals[1].startNs, Start + 10 * Second);
    QCOMPARE(series->intervals[1].counts, (std::vector<double>{0, 3, 1}));
    QCOMPARE(series->intervals[1].bounds, (std::vector<double>{0.1, 1}));
    QCOMPARE(series->intervals[1].sum, std::optional<double>(4.0));
}

void TestHttpServerRequestMetric::streamShowingUpLateHadNoRequestsBefore()
{
    // The process started at Start - 1 h, before the window; its 503 stream first shows up at
    // the third export. Its requests came after the second export, not in the hour before.
    const std::int64_t processStartNs = Start - 3600 * Second;
    const std::vector<std::int64_t> exports{Start + 10 * Second, Start + 20 * Second,
                                            Start + 30 * Second};
    Metric late = cumulative({point(processStartNs, exports[2], {0, 4, 0}, 2.0)});
    HttpServerRequestMetric::addNoRequestsBefore(late, exports);
    QCOMPARE(late.histogramPoints.size(), std::size_t(2));
    QCOMPARE(late.histogramPoints[0].timeNs, exports[1]);
    QCOMPARE(late.histogramPoints[0].startTimeNs, processStartNs);
    QCOMPARE(late.histogramPoints[0].count, std::uint64_t(0));
    const MetricStream stream
        = streamOf("http.server.request.duration", "s", {text("http.request.method", "GET")});
    const auto series = HttpServerRequestMetric::seriesOf(stream, late, Start);
    QVERIFY(series);
    QCOMPARE(series->intervals.size(), std::size_t(1));
    QCOMPARE(series->intervals[0].startNs, exports[1]);
    QCOMPARE(series->intervals[0].timeNs, exports[2]);
    QCOMPARE(series->intervals[0].total(), 4.0);
    QCOMPARE(series->intervals[0].sum, std::optional<double>(2.0));

    // A stream there from the first export, a delta stream, and a stream that started after the
    // export before it (a restart) stay as they are.
    Metric early = cumulative({point(processStartNs, exports[0], {0, 4, 0}, 2.0)});
    HttpServerRequestMetric::addNoRequestsBefore(early, exports);
    QCOMPARE(early.histogramPoints.size(), std::size_t(1));
    Metric delta = late;
    delta.histogramPoints.erase(delta.histogramPoints.begin());
    delta.temporality = AggregationTemporality::Delta;
    HttpServerRequestMetric::addNoRequestsBefore(delta, exports);
    QCOMPARE(delta.histogramPoints.size(), std::size_t(1));
    Metric restarted = cumulative({point(exports[1] + Second, exports[2], {0, 4, 0}, 2.0)});
    HttpServerRequestMetric::addNoRequestsBefore(restarted, exports);
    QCOMPARE(restarted.histogramPoints.size(), std::size_t(1));
}

QTEST_GUILESS_MAIN(TestHttpServerRequestMetric)
#include "tst_http_server_request_metric.moc"
