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

// An exponential point at scale 0 (buckets (1, 2], (2, 4], ...) with positive buckets from
// offset.
ExponentialHistogramDataPoint exponentialPoint(std::int64_t startNs, std::int64_t timeNs,
                                               std::int32_t offset,
                                               std::vector<std::uint64_t> counts, double sum,
                                               std::uint64_t zeroCount = 0)
{
    ExponentialHistogramDataPoint p;
    p.startTimeNs = startNs;
    p.timeNs = timeNs;
    p.positive.offset = offset;
    p.positive.bucketCounts = std::move(counts);
    p.zeroCount = zeroCount;
    p.sum = sum;
    p.count = zeroCount;
    for (std::uint64_t count : p.positive.bucketCounts)
        p.count += count;
    return p;
}

Metric exponentialMetric(AggregationTemporality temporality,
                         std::vector<ExponentialHistogramDataPoint> points)
{
    Metric metric;
    metric.type = MetricType::ExponentialHistogram;
    metric.temporality = temporality;
    metric.exponentialHistogramPoints = std::move(points);
    return metric;
}

MetricStream exponentialStreamOf(const std::string &name, const std::string &unit,
                                 Attributes attributes)
{
    MetricStream stream = streamOf(name, unit, std::move(attributes));
    stream.type = MetricType::ExponentialHistogram;
    return stream;
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
    void exponentialStream_data();
    void exponentialStream();
    void negativeDurationsCountAsZero();
    void exponentialStreamShowingUpLate();
    void explicitCopyOfAnExponentialStreamCountsOnce();
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

void TestHttpServerRequestMetric::exponentialStream_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<double>("secondsPerUnit");
    QTest::newRow("seconds") << "http.server.request.duration"
                             << "s" << 1.0;
    QTest::newRow("milliseconds") << "http.server.duration"
                                  << "ms" << 1e-3;
    QTest::newRow("older name without a unit") << "http.server.duration"
                                               << "" << 1e-3;
}

void TestHttpServerRequestMetric::exponentialStream()
{
    // Cumulative: the second interval is the difference, also across the SDK's downscaling
    // (scale 1 to 0); the third follows a restart (a new start time) and is the point as is.
    QFETCH(QString, name);
    QFETCH(QString, unit);
    QFETCH(double, secondsPerUnit);
    const bool older = name == QLatin1String("http.server.duration");
    const MetricStream stream = exponentialStreamOf(
        name.toStdString(), unit.toStdString(),
        {text(older ? "http.method" : "http.request.method", "GET"),
         text(older ? "http.status_code" : "http.response.status_code", "503")});
    ExponentialHistogramDataPoint fine
        = exponentialPoint(Start, Start + 10 * Second, 2, {1, 1}, 9.0, 1);
    fine.scale = 1; // (2^1, 2^1.5] and (2^1.5, 2^2]: both (2, 4] at scale 0, index 1
    const Metric metric = exponentialMetric(
        AggregationTemporality::Cumulative,
        {fine, exponentialPoint(Start, Start + 20 * Second, 1, {3, 2}, 20.0, 1),
         exponentialPoint(Start + 25 * Second, Start + 30 * Second, 3, {4}, 40.0)});
    const auto series = HttpServerRequestMetric::seriesOf(stream, metric, Start);
    QVERIFY(series);
    QVERIFY(series->serverErrors);
    QCOMPARE(series->endpoint.operation, std::string("GET"));
    QVERIFY(series->intervals.empty());
    QCOMPARE(series->exponentialSecondsPerUnit, secondsPerUnit);
    const std::vector<ExponentialDistribution> &intervals = series->exponentialIntervals;
    QCOMPARE(intervals.size(), std::size_t(3));
    QCOMPARE(intervals[0].total(), 3.0);
    QCOMPARE(intervals[1].startNs, Start + 10 * Second);
    QCOMPARE(intervals[1].scale, 0);
    QCOMPARE(intervals[1].zeroCount, 0.0);
    QCOMPARE(intervals[1].positiveOffset, 1);
    QCOMPARE(intervals[1].positive, (std::vector<double>{1, 2}));
    QCOMPARE(intervals[1].sum, std::optional<double>(11.0)); // in the stream's unit
    QCOMPARE(intervals[2].startNs, Start + 25 * Second);
    QCOMPARE(intervals[2].total(), 4.0);
    // Four observations in (8, 16]: the median halfway.
    QCOMPARE(HistogramMath::quantile(intervals[2], 0.5), 12.0);
}

void TestHttpServerRequestMetric::negativeDurationsCountAsZero()
{
    ExponentialHistogramDataPoint point
        = exponentialPoint(Start, Start + 10 * Second, -4, {1, 1}, 0.1, 2);
    point.negative.offset = -3;
    point.negative.bucketCounts = {3};
    point.count += 3;
    point.min = -0.1;
    point.max = 0.1;
    const auto series = HttpServerRequestMetric::seriesOf(
        exponentialStreamOf("http.server.request.duration", "s",
                            {text("http.request.method", "GET")}),
        exponentialMetric(AggregationTemporality::Delta, {point}), Start);
    QVERIFY(series);
    QCOMPARE(series->exponentialIntervals.size(), std::size_t(1));
    const ExponentialDistribution &interval = series->exponentialIntervals[0];
    QCOMPARE(interval.total(), 7.0);
    QCOMPARE(interval.zeroCount, 5.0);
    QVERIFY(interval.negative.empty());
    QCOMPARE(interval.min, std::optional<double>(0.0));
    // Five of seven at 0: the median is 0, not a negative duration.
    QCOMPARE(HistogramMath::quantile(interval, 0.5), 0.0);
    QVERIFY(HistogramMath::quantile(interval, 0.95) > 0.0);
}

void TestHttpServerRequestMetric::exponentialStreamShowingUpLate()
{
    // streamShowingUpLateHadNoRequestsBefore for an exponential stream.
    const std::int64_t processStartNs = Start - 3600 * Second;
    const std::vector<std::int64_t> exports{Start + 10 * Second, Start + 20 * Second,
                                            Start + 30 * Second};
    ExponentialHistogramDataPoint first
        = exponentialPoint(processStartNs, exports[2], -2, {2, 2}, 1.0);
    first.scale = 2;
    Metric late = exponentialMetric(AggregationTemporality::Cumulative, {first});
    HttpServerRequestMetric::addNoRequestsBefore(late, exports);
    QCOMPARE(late.exponentialHistogramPoints.size(), std::size_t(2));
    QCOMPARE(late.exponentialHistogramPoints[0].timeNs, exports[1]);
    QCOMPARE(late.exponentialHistogramPoints[0].startTimeNs, processStartNs);
    QCOMPARE(late.exponentialHistogramPoints[0].count, std::uint64_t(0));
    QCOMPARE(late.exponentialHistogramPoints[0].scale, 2);
    const auto series = HttpServerRequestMetric::seriesOf(
        exponentialStreamOf("http.server.request.duration", "s",
                            {text("http.request.method", "GET")}),
        late, Start);
    QVERIFY(series);
    QCOMPARE(series->exponentialIntervals.size(), std::size_t(1));
    QCOMPARE(series->exponentialIntervals[0].startNs, exports[1]);
    QCOMPARE(series->exponentialIntervals[0].timeNs, exports[2]);
    QCOMPARE(series->exponentialIntervals[0].total(), 4.0);
    QCOMPARE(series->exponentialIntervals[0].scale, 2);
    QCOMPARE(series->exponentialIntervals[0].sum, std::optional<double>(1.0));
}

void TestHttpServerRequestMetric::explicitCopyOfAnExponentialStreamCountsOnce()
{
    // One process's streams: GET / 200 exported both ways (attributes in another order), GET /
    // 503 only explicit, and the explicit GET / 200 also before the exponential one began.
    const Attributes ok{text("http.request.method", "GET"), text("http.route", "/"),
                        KeyValue{"http.response.status_code", AnyValue::fromInt(200)}};
    const Attributes okReordered{ok[2], ok[0], ok[1]};
    const Attributes failed{text("http.request.method", "GET"), text("http.route", "/"),
                            KeyValue{"http.response.status_code", AnyValue::fromInt(503)}};
    const std::string name(HttpServerRequestMetric::CurrentName);
    std::vector<MetricStream> streams{streamOf(name, "s", ok),
                                      exponentialStreamOf(name, "s", okReordered),
                                      streamOf(name, "s", failed)};
    Metric explicitOk;
    explicitOk.type = MetricType::Histogram;
    explicitOk.temporality = AggregationTemporality::Delta;
    for (int i = 0; i < 6; ++i) {
        explicitOk.histogramPoints.push_back(
            point(Start + i * 10 * Second, Start + (i + 1) * 10 * Second, {1, 2, 0}, 0.5));
    }
    Metric exponentialOk = exponentialMetric(AggregationTemporality::Delta, {});
    for (int i = 3; i < 6; ++i) {
        exponentialOk.exponentialHistogramPoints.push_back(exponentialPoint(
            Start + i * 10 * Second, Start + (i + 1) * 10 * Second, -4, {1, 2}, 0.5));
    }
    Metric explicitFailed = explicitOk;
    const std::vector<HttpServerRequestSeries> series = HttpServerRequestMetric::seriesOfProcess(
        streams, {explicitOk, exponentialOk, explicitFailed}, Start);
    QCOMPARE(series.size(), std::size_t(3));
    // The explicit copy only where no exponential interval is.
    QCOMPARE(series[0].intervals.size(), std::size_t(3));
    QCOMPARE(series[0].intervals.back().timeNs, Start + 30 * Second);
    QCOMPARE(series[1].exponentialIntervals.size(), std::size_t(3));
    QCOMPARE(series[2].intervals.size(), std::size_t(6));
    QVERIFY(series[2].serverErrors);

    // Without the exponential stream, all of the explicit one counts.
    streams.erase(streams.begin() + 1);
    const std::vector<HttpServerRequestSeries> alone
        = HttpServerRequestMetric::seriesOfProcess(streams, {explicitOk, explicitFailed}, Start);
    QCOMPARE(alone.size(), std::size_t(2));
    QCOMPARE(alone[0].intervals.size(), std::size_t(6));
}

QTEST_GUILESS_MAIN(TestHttpServerRequestMetric)
#include "tst_http_server_request_metric.moc"
