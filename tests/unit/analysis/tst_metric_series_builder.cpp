#include "analysis/metric_series_builder.h"

#include <QTest>
#include <cmath>

using namespace kansoku;

namespace {

constexpr std::int64_t second = 1'000'000'000LL;
constexpr std::int64_t base = 1'760'000'000LL * second;

std::int64_t at(std::int64_t seconds)
{
    return base + seconds * second;
}

Resource service(const std::string &name, const std::string &host = "host-a")
{
    Resource resource;
    resource.attributes
        = {{"service.name", AnyValue::fromString(name)}, {"host.name", AnyValue::fromString(host)}};
    return resource;
}

MetricStreamWithPoints stream(std::int64_t id, MetricType type, Attributes attributes,
                              AggregationTemporality temporality
                              = AggregationTemporality::Cumulative,
                              bool monotonic = true, const std::string &host = "host-a")
{
    MetricStreamWithPoints data;
    data.stream.streamId = id;
    data.stream.name = "requests";
    data.stream.unit = "{requests}";
    data.stream.type = type;
    data.stream.temporality = temporality;
    data.stream.isMonotonic = monotonic;
    data.stream.resource = service("shop", host);
    data.stream.attributes = attributes;
    data.metric.name = data.stream.name;
    data.metric.unit = data.stream.unit;
    data.metric.type = type;
    data.metric.temporality = temporality;
    data.metric.isMonotonic = monotonic;
    return data;
}

void addNumber(MetricStreamWithPoints &data, std::int64_t startS, std::int64_t timeS, double value)
{
    NumberDataPoint point;
    point.startTimeNs = at(startS);
    point.timeNs = at(timeS);
    point.value = value;
    data.metric.numberPoints.push_back(point);
}

QList<double> valuesOf(const ChartSeries &series)
{
    return QList<double>(series.values.begin(), series.values.end());
}

QList<qint64> secondsOf(const ChartSeries &series)
{
    QList<qint64> seconds;
    for (std::int64_t time : series.timesNs)
        seconds.append((time - base) / second);
    return seconds;
}

MetricChartOptions windowFrom(std::int64_t startS)
{
    MetricChartOptions options;
    options.range = {at(startS), at(1000)};
    options.windowStartNs = at(startS);
    return options;
}

// Two cumulative counters: GET (+10/s, then +20/s) and POST (+1/s), both status=200.
std::vector<MetricStreamWithPoints> counters()
{
    MetricStreamWithPoints get
        = stream(1, MetricType::Sum,
                 {{"method", AnyValue::fromString("GET")}, {"status", AnyValue::fromInt(200)}});
    addNumber(get, 0, 10, 100);
    addNumber(get, 0, 20, 200);
    addNumber(get, 0, 30, 400);
    MetricStreamWithPoints post
        = stream(2, MetricType::Sum,
                 {{"method", AnyValue::fromString("POST")}, {"status", AnyValue::fromInt(200)}},
                 AggregationTemporality::Cumulative, true, "host-b");
    addNumber(post, 0, 10, 10);
    addNumber(post, 0, 20, 20);
    addNumber(post, 0, 30, 30);
    return {post, get};
}

} // namespace

class TestMetricSeriesBuilder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyInput();
    void counterRatePerStream();
    void counterRateGrouped();
    void counterRaw();
    void counterSkipsFirstPointStartedBeforeWindow();
    void gaugeGroupedIsMean();
    void upDownCounterIsRaw();
    void deltaSumRateAndTotals();
    void histogramQuantileLines();
    void histogramQuantilesGroupedMergeBuckets();
    void histogramChosenQuantiles();
    void histogramObservationRate();
    void histogramErrorShare();
    void errorStreams_data();
    void errorStreams();
    void histogramHeatmap();
    void exponentialHistogramLines();
    void exponentialHistogramHeatmap();
    void summaryQuantiles();
    void groupByKeys();
    void duplicateLabelsMadeUnique();
    void tooManySeriesAreCounted();
    void quantileLabels();
    void seriesLabelsSayWhatDiffers();
    void exemplarsOnTheChartedAxis();
};

void TestMetricSeriesBuilder::emptyInput()
{
    const MetricChart chart = MetricSeriesBuilder::build({}, {});
    QVERIFY(chart.series.empty());
    QVERIFY(!chart.isHeatmap());
}

void TestMetricSeriesBuilder::counterRatePerStream()
{
    const MetricChart chart = MetricSeriesBuilder::build(counters(), windowFrom(-5));
    QCOMPARE(chart.shown, QStringLiteral("rate /s"));
    QCOMPARE(chart.valueUnit, QStringLiteral("{requests}/s"));
    QCOMPARE(chart.series.size(), std::size_t(2));
    QCOMPARE(chart.series[0].name, QStringLiteral("method=GET, status=200"));
    QCOMPARE(valuesOf(chart.series[0]), (QList<double>{10, 10, 20}));
    QCOMPARE(secondsOf(chart.series[0]), (QList<qint64>{10, 20, 30}));
    QCOMPARE(chart.series[1].name, QStringLiteral("method=POST, status=200"));
    QCOMPARE(valuesOf(chart.series[1]), (QList<double>{1, 1, 1}));
}

void TestMetricSeriesBuilder::seriesLabelsSayWhatDiffers()
{
    // GET and POST both have status=200: the legend says the method, the chart the status once.
    const MetricChart chart = MetricSeriesBuilder::build(counters(), windowFrom(-5));
    QCOMPARE(chart.sharedAttributes, QStringLiteral("status=200"));
    QCOMPARE(chart.differingKeys, QStringLiteral("method"));
    QCOMPARE(chart.series[0].displayName(), QStringLiteral("GET"));
    QCOMPARE(chart.series[1].displayName(), QStringLiteral("POST"));
    // The identity stays whole, so hidden series are remembered as before.
    QCOMPARE(chart.series[0].name, QStringLiteral("method=GET, status=200"));

    // Grouped: the group's key=value is what differs already.
    MetricChartOptions options = windowFrom(-5);
    options.groupByKey = "host.name";
    const MetricChart grouped = MetricSeriesBuilder::build(counters(), options);
    QCOMPARE(grouped.series[0].displayName(), QStringLiteral("host.name=host-a"));
    QVERIFY(grouped.series[0].label.isEmpty());
}

void TestMetricSeriesBuilder::counterRateGrouped()
{
    MetricChartOptions options = windowFrom(-5);
    options.groupByKey = "status";
    MetricChart chart = MetricSeriesBuilder::build(counters(), options);
    QCOMPARE(chart.series.size(), std::size_t(1));
    QCOMPARE(chart.series[0].name, QStringLiteral("status=200"));
    QCOMPARE(valuesOf(chart.series[0]), (QList<double>{11, 11, 21}));

    // A resource attribute groups too; a key nobody has gives one "(none)" group.
    options.groupByKey = "host.name";
    chart = MetricSeriesBuilder::build(counters(), options);
    QCOMPARE(chart.series.size(), std::size_t(2));
    QCOMPARE(chart.series[0].name, QStringLiteral("host.name=host-a"));
    QCOMPARE(chart.series[1].name, QStringLiteral("host.name=host-b"));
    options.groupByKey = "missing";
    chart = MetricSeriesBuilder::build(counters(), options);
    QCOMPARE(chart.series.size(), std::size_t(1));
    QCOMPARE(chart.series[0].name, QStringLiteral("missing=(none)"));
    QCOMPARE(valuesOf(chart.series[0]), (QList<double>{11, 11, 21}));
}

void TestMetricSeriesBuilder::counterRaw()
{
    MetricChartOptions options = windowFrom(-5);
    options.sumMode = MetricChartOptions::SumMode::Raw;
    options.groupByKey = "status";
    const MetricChart chart = MetricSeriesBuilder::build(counters(), options);
    QCOMPARE(chart.shown, QStringLiteral("running total"));
    QCOMPARE(chart.valueUnit, QStringLiteral("{requests}"));
    QCOMPARE(valuesOf(chart.series[0]), (QList<double>{110, 220, 430}));
}

void TestMetricSeriesBuilder::counterSkipsFirstPointStartedBeforeWindow()
{
    const MetricChart chart = MetricSeriesBuilder::build(counters(), windowFrom(5));
    QCOMPARE(valuesOf(chart.series[0]), (QList<double>{10, 20}));
    QCOMPARE(secondsOf(chart.series[0]), (QList<qint64>{20, 30}));
}

void TestMetricSeriesBuilder::gaugeGroupedIsMean()
{
    MetricStreamWithPoints a = stream(1, MetricType::Gauge, {{"cpu", AnyValue::fromInt(0)}},
                                      AggregationTemporality::Unspecified, false);
    addNumber(a, 0, 10, 0.2);
    addNumber(a, 0, 20, 0.4);
    MetricStreamWithPoints b = stream(2, MetricType::Gauge, {{"cpu", AnyValue::fromInt(1)}},
                                      AggregationTemporality::Unspecified, false);
    addNumber(b, 0, 10, 0.6);
    addNumber(b, 0, 20, 0.8);
    MetricChartOptions options = windowFrom(0);
    options.groupByKey = "host.name";
    const MetricChart chart = MetricSeriesBuilder::build({a, b}, options);
    QCOMPARE(chart.shown, QStringLiteral("mean value"));
    QCOMPARE(chart.series.size(), std::size_t(1));
    QCOMPARE(chart.series[0].values.size(), std::size_t(2));
    QVERIFY(std::abs(chart.series[0].values[0] - 0.4) < 1e-12);
    QVERIFY(std::abs(chart.series[0].values[1] - 0.6) < 1e-12);
    // Not grouped: raw values per stream.
    const MetricChart perStream = MetricSeriesBuilder::build({a, b}, windowFrom(0));
    QCOMPARE(perStream.shown, QStringLiteral("value"));
    QCOMPARE(valuesOf(perStream.series[1]), (QList<double>{0.6, 0.8}));
}

void TestMetricSeriesBuilder::upDownCounterIsRaw()
{
    MetricStreamWithPoints queue
        = stream(1, MetricType::Sum, {}, AggregationTemporality::Cumulative, false);
    addNumber(queue, 0, 10, 5);
    addNumber(queue, 0, 20, 3);
    const MetricChart chart = MetricSeriesBuilder::build({queue}, windowFrom(0));
    QCOMPARE(chart.shown, QStringLiteral("value"));
    QCOMPARE(chart.series[0].name, QStringLiteral("requests"));
    QCOMPARE(valuesOf(chart.series[0]), (QList<double>{5, 3}));
    QVERIFY(!MetricSeriesBuilder::hasRate(MetricType::Sum, false));
    QVERIFY(MetricSeriesBuilder::hasRate(MetricType::Sum, true));
    QVERIFY(!MetricSeriesBuilder::hasRate(MetricType::Gauge, true));
}

void TestMetricSeriesBuilder::deltaSumRateAndTotals()
{
    MetricStreamWithPoints delta = stream(1, MetricType::Sum, {}, AggregationTemporality::Delta);
    addNumber(delta, 0, 10, 50);
    addNumber(delta, 10, 30, 40); // a bucket of two 10 s deltas added up by the query
    MetricChart chart = MetricSeriesBuilder::build({delta}, windowFrom(0));
    QCOMPARE(valuesOf(chart.series[0]), (QList<double>{5, 2}));
    MetricChartOptions options = windowFrom(0);
    options.sumMode = MetricChartOptions::SumMode::Raw;
    chart = MetricSeriesBuilder::build({delta}, options);
    QCOMPARE(chart.shown, QStringLiteral("total per interval"));
    QCOMPARE(valuesOf(chart.series[0]), (QList<double>{50, 40}));
}

namespace {

MetricStreamWithPoints latencyHistogram(std::int64_t id, const std::string &route,
                                        AggregationTemporality temporality)
{
    MetricStreamWithPoints data
        = stream(id, MetricType::Histogram, {{"route", AnyValue::fromString(route)}}, temporality);
    data.metric.unit = "ms";
    auto add = [&data](std::int64_t startS, std::int64_t timeS, std::vector<std::uint64_t> counts) {
        HistogramDataPoint point;
        point.startTimeNs = at(startS);
        point.timeNs = at(timeS);
        point.explicitBounds = {10, 20, 50};
        point.bucketCounts = std::move(counts);
        data.metric.histogramPoints.push_back(point);
    };
    // Cumulative: intervals (0,10] [2,4,3,1], (10,20] [0,4,0,0], (20,30] [10,0,0,0].
    if (temporality == AggregationTemporality::Cumulative) {
        add(0, 10, {2, 4, 3, 1});
        add(0, 20, {2, 8, 3, 1});
        add(0, 30, {12, 8, 3, 1});
    } else {
        add(0, 10, {2, 4, 3, 1});
        add(10, 20, {0, 4, 0, 0});
        add(20, 30, {10, 0, 0, 0});
    }
    return data;
}

} // namespace

void TestMetricSeriesBuilder::histogramQuantileLines()
{
    for (AggregationTemporality temporality :
         {AggregationTemporality::Cumulative, AggregationTemporality::Delta}) {
        const MetricChart chart
            = MetricSeriesBuilder::build({latencyHistogram(1, "/a", temporality)}, windowFrom(0));
        QCOMPARE(chart.shown, QStringLiteral("p50 · p90 · p99"));
        QCOMPARE(chart.valueUnit, QStringLiteral("ms"));
        QCOMPARE(chart.series.size(), std::size_t(3));
        QCOMPARE(chart.series[0].name, QStringLiteral("p50"));
        QCOMPARE(chart.series[2].name, QStringLiteral("p99"));
        QVERIFY(chart.series[0].color.isValid());
        QCOMPARE(secondsOf(chart.series[0]), (QList<qint64>{10, 20, 30}));
        // p50: 17.5 (see tst_histogram_math); all 4 in (10,20] → 15; all 10 in [0,10] → 5.
        QCOMPARE(valuesOf(chart.series[0]), (QList<double>{17.5, 15, 5}));
        QCOMPARE(valuesOf(chart.series[1]), (QList<double>{50, 19, 9}));
    }
}

void TestMetricSeriesBuilder::histogramQuantilesGroupedMergeBuckets()
{
    MetricChartOptions options = windowFrom(0);
    options.groupByKey = "requests.missing";
    const MetricChart chart = MetricSeriesBuilder::build(
        {latencyHistogram(1, "/a", AggregationTemporality::Delta),
         latencyHistogram(2, "/b", AggregationTemporality::Cumulative)},
        options);
    QCOMPARE(chart.series.size(), std::size_t(3));
    QCOMPARE(chart.series[0].name, QStringLiteral("p50"));
    // Twice the same distribution: the same quantiles.
    QCOMPARE(valuesOf(chart.series[0]), (QList<double>{17.5, 15, 5}));
    // Per stream: names carry the stream's label.
    const MetricChart perStream = MetricSeriesBuilder::build(
        {latencyHistogram(1, "/a", AggregationTemporality::Delta),
         latencyHistogram(2, "/b", AggregationTemporality::Cumulative)},
        windowFrom(0));
    QCOMPARE(perStream.series.size(), std::size_t(6));
    QCOMPARE(perStream.series[0].name, QStringLiteral("route=/a p50"));
    QCOMPARE(perStream.series[5].name, QStringLiteral("route=/b p99"));
}

void TestMetricSeriesBuilder::histogramChosenQuantiles()
{
    MetricChartOptions options = windowFrom(0);
    options.quantiles = {0.5, 0.95};
    const MetricChart chart = MetricSeriesBuilder::build(
        {latencyHistogram(1, "/a", AggregationTemporality::Cumulative)}, options);
    QCOMPARE(chart.shown, QStringLiteral("p50 · p95"));
    QCOMPARE(chart.series.size(), std::size_t(2));
    QCOMPARE(chart.series[1].name, QStringLiteral("p95"));
    QCOMPARE(valuesOf(chart.series[0]), (QList<double>{17.5, 15, 5}));
}

void TestMetricSeriesBuilder::histogramObservationRate()
{
    MetricChartOptions options = windowFrom(0);
    options.histogramMode = MetricChartOptions::HistogramMode::CountRate;
    for (AggregationTemporality temporality :
         {AggregationTemporality::Cumulative, AggregationTemporality::Delta}) {
        // 10, 4 and 10 observations in three 10 s intervals.
        const MetricChart chart
            = MetricSeriesBuilder::build({latencyHistogram(1, "/a", temporality)}, options);
        QCOMPARE(chart.shown, QStringLiteral("rate /s"));
        QCOMPARE(chart.valueUnit, QStringLiteral("1/s"));
        QCOMPARE(chart.series.size(), std::size_t(1));
        QCOMPARE(secondsOf(chart.series[0]), (QList<qint64>{10, 20, 30}));
        QCOMPARE(valuesOf(chart.series[0]), (QList<double>{1, 0.4, 1}));
    }
    // A group adds its streams' rates up.
    options.groupByKey = "service.name";
    const MetricChart grouped = MetricSeriesBuilder::build(
        {latencyHistogram(1, "/a", AggregationTemporality::Delta),
         latencyHistogram(2, "/b", AggregationTemporality::Cumulative)},
        options);
    QCOMPARE(grouped.series.size(), std::size_t(1));
    QCOMPARE(grouped.series[0].name, QStringLiteral("service.name=shop"));
    QCOMPARE(valuesOf(grouped.series[0]), (QList<double>{2, 0.8, 2}));
    // The first cumulative point of a series older than the window counts nothing.
    options = windowFrom(5);
    options.histogramMode = MetricChartOptions::HistogramMode::CountRate;
    const MetricChart late = MetricSeriesBuilder::build(
        {latencyHistogram(1, "/a", AggregationTemporality::Cumulative)}, options);
    QCOMPARE(valuesOf(late.series[0]), (QList<double>{0.4, 1}));
}

void TestMetricSeriesBuilder::histogramErrorShare()
{
    auto withStatus = [](std::int64_t id, const std::string &route, std::int64_t status) {
        MetricStreamWithPoints data
            = latencyHistogram(id, route, AggregationTemporality::Cumulative);
        data.stream.attributes.push_back({"http.response.status_code", AnyValue::fromInt(status)});
        return data;
    };
    MetricChartOptions options = windowFrom(0);
    options.histogramMode = MetricChartOptions::HistogramMode::ErrorShare;
    options.groupByKey = "route";
    // /a: as many 503s as 200s; /b: only 200s; /c: 404s, errors only for a client (from 400).
    const std::vector<MetricStreamWithPoints> streams{
        withStatus(1, "/a", 200), withStatus(2, "/a", 503), withStatus(3, "/b", 200),
        withStatus(4, "/c", 404)};
    const MetricChart server = MetricSeriesBuilder::build(streams, options);
    QCOMPARE(server.shown, QStringLiteral("error share"));
    QCOMPARE(server.valueUnit, QStringLiteral("%"));
    QCOMPARE(server.series.size(), std::size_t(3));
    QCOMPARE(server.series[0].name, QStringLiteral("route=/a"));
    QCOMPARE(valuesOf(server.series[0]), (QList<double>{50, 50, 50}));
    QCOMPARE(valuesOf(server.series[1]), (QList<double>{0, 0, 0}));
    QCOMPARE(valuesOf(server.series[2]), (QList<double>{0, 0, 0}));
    options.errorStatusFrom = 400;
    const MetricChart client = MetricSeriesBuilder::build(streams, options);
    QCOMPARE(valuesOf(client.series[2]), (QList<double>{100, 100, 100}));
    // No observations in an interval: no share (a gap), not 0 %.
    MetricStreamWithPoints idle = withStatus(5, "/d", 500);
    for (HistogramDataPoint &point : idle.metric.histogramPoints)
        point.bucketCounts = {0, 0, 0, 0};
    const MetricChart gap = MetricSeriesBuilder::build({idle}, options);
    QCOMPARE(gap.series.size(), std::size_t(1));
    QVERIFY(std::isnan(gap.series[0].values.at(1)));
}

void TestMetricSeriesBuilder::errorStreams_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<int>("errorStatusFrom");
    QTest::addColumn<bool>("failed");
    QTest::newRow("5xx") << QStringLiteral("http.response.status_code") << QVariant(503) << 500
                         << true;
    QTest::newRow("2xx") << QStringLiteral("http.response.status_code") << QVariant(200) << 500
                         << false;
    QTest::newRow("4xx server") << QStringLiteral("http.response.status_code") << QVariant(404)
                                << 500 << false;
    QTest::newRow("4xx client") << QStringLiteral("http.response.status_code") << QVariant(404)
                                << 400 << true;
    QTest::newRow("status as text") << QStringLiteral("http.response.status_code")
                                    << QVariant(QStringLiteral("502")) << 500 << true;
    QTest::newRow("older key") << QStringLiteral("http.status_code") << QVariant(500) << 500
                               << true;
    QTest::newRow("error.type") << QStringLiteral("error.type")
                                << QVariant(QStringLiteral("timeout")) << 500 << true;
    QTest::newRow("empty error.type")
        << QStringLiteral("error.type") << QVariant(QString()) << 500 << false;
    QTest::newRow("other attribute")
        << QStringLiteral("http.route") << QVariant(QStringLiteral("/500")) << 500 << false;
}

void TestMetricSeriesBuilder::errorStreams()
{
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    QFETCH(int, errorStatusFrom);
    QFETCH(bool, failed);
    MetricStream info;
    info.attributes.push_back(
        {key.toStdString(), value.typeId() == QMetaType::Int
                                ? AnyValue::fromInt(value.toInt())
                                : AnyValue::fromString(value.toString().toStdString())});
    QCOMPARE(MetricSeriesBuilder::isErrorStream(info, errorStatusFrom), failed);
}

void TestMetricSeriesBuilder::histogramHeatmap()
{
    MetricChartOptions options;
    options.range = {at(0), at(40)};
    options.heatmapColumns = 8; // 5 s columns, widened to the 10 s export interval
    options.histogramMode = MetricChartOptions::HistogramMode::Heatmap;
    const MetricChart chart
        = MetricSeriesBuilder::build({latencyHistogram(1, "/a", AggregationTemporality::Cumulative),
                                      latencyHistogram(2, "/b", AggregationTemporality::Delta)},
                                     options);
    QVERIFY(chart.isHeatmap());
    QVERIFY(chart.series.empty());
    const ChartHeatmap &map = chart.heatmap;
    QCOMPARE(map.columns, 4);
    QCOMPARE(map.columnWidthNs, 10 * second);
    QCOMPARE(map.startNs, at(0));
    QCOMPARE(map.rows(), 4);
    QCOMPARE(map.rowBounds.front(), 0.0);
    QCOMPARE(map.rowBounds[1], 10.0);
    QVERIFY(std::isinf(map.rowBounds.back()));
    // The interval (0, 10] of both streams is column 0, (20, 30] column 2; nothing after 30.
    auto column = [&map](int index) {
        return std::vector<double>(map.cells.begin() + index * 4,
                                   map.cells.begin() + (index + 1) * 4);
    };
    QCOMPARE(column(0), (std::vector<double>{4, 8, 6, 2}));
    QCOMPARE(column(1), (std::vector<double>{0, 8, 0, 0}));
    QCOMPARE(column(2), (std::vector<double>{20, 0, 0, 0}));
    QCOMPARE(column(3), (std::vector<double>{0, 0, 0, 0}));

    // 40 s over at most 3 columns is 13.4 s each, rounded up to whole 10 s exports: 20 s.
    options.heatmapColumns = 3;
    const ChartHeatmap wide
        = MetricSeriesBuilder::build({latencyHistogram(1, "/a", AggregationTemporality::Delta)},
                                     options)
              .heatmap;
    QCOMPARE(wide.columnWidthNs, 20 * second);
    QCOMPARE(wide.columns, 2);
    QCOMPARE(std::vector<double>(wide.cells.begin(), wide.cells.begin() + 4),
             (std::vector<double>{2, 8, 3, 1}));
    QCOMPARE(std::vector<double>(wide.cells.begin() + 4, wide.cells.end()),
             (std::vector<double>{10, 0, 0, 0}));
}

namespace {

MetricStreamWithPoints exponentialStream()
{
    MetricStreamWithPoints data
        = stream(1, MetricType::ExponentialHistogram, {}, AggregationTemporality::Delta);
    data.metric.unit = "s";
    ExponentialHistogramDataPoint point;
    point.startTimeNs = at(0);
    point.timeNs = at(10);
    point.scale = 0;
    point.zeroCount = 1;
    point.positive.offset = 0;
    point.positive.bucketCounts = {1, 2, 1};
    data.metric.exponentialHistogramPoints.push_back(point);
    point.startTimeNs = at(10);
    point.timeNs = at(20);
    point.scale = 1; // finer: indexes 6, 7 = (8, 11.3], (11.3, 16]
    point.zeroCount = 0;
    point.positive.offset = 6;
    point.positive.bucketCounts = {1, 1};
    data.metric.exponentialHistogramPoints.push_back(point);
    return data;
}

} // namespace

void TestMetricSeriesBuilder::exponentialHistogramLines()
{
    const MetricChart chart = MetricSeriesBuilder::build({exponentialStream()}, windowFrom(0));
    QCOMPARE(chart.series.size(), std::size_t(3));
    // Point 1: zero:1, (1,2]:1, (2,4]:2, (4,8]:1; rank 2.5 → (2,4] at 0.5 of its 2 → 2.5.
    QCOMPARE(chart.series[0].values[0], 2.5);
    // Point 2 at scale 1: rank 1 of 2 → top of (8, 8√2].
    QVERIFY(std::abs(chart.series[0].values[1] - 8 * std::sqrt(2.0)) < 1e-9);
}

void TestMetricSeriesBuilder::exponentialHistogramHeatmap()
{
    MetricChartOptions options;
    options.range = {at(0), at(20)};
    options.heatmapColumns = 2;
    options.histogramMode = MetricChartOptions::HistogramMode::Heatmap;
    options.heatmapRows = 40;
    MetricChart chart = MetricSeriesBuilder::build({exponentialStream()}, options);
    QVERIFY(chart.isHeatmap());
    const ChartHeatmap &map = chart.heatmap;
    QCOMPARE(map.columns, 2);
    // Scale 0 (the coarser of the two): a zero row, then buckets 0..3 = (1,2] … (8,16].
    QCOMPARE(map.rows(), 5);
    QVERIFY(std::isinf(map.rowBounds[0]));
    QCOMPARE(map.rowBounds[1], 1.0);
    QCOMPARE(map.rowBounds[5], 16.0);
    QCOMPARE(std::vector<double>(map.cells.begin(), map.cells.begin() + 5),
             (std::vector<double>{1, 1, 2, 1, 0}));
    QCOMPARE(std::vector<double>(map.cells.begin() + 5, map.cells.end()),
             (std::vector<double>{0, 0, 0, 0, 2}));

    // Fewer rows allowed: scale -1 (base 4): buckets 0..1 = (1,4], (4,16].
    options.heatmapRows = 3;
    chart = MetricSeriesBuilder::build({exponentialStream()}, options);
    QCOMPARE(chart.heatmap.rows(), 3);
    QCOMPARE(chart.heatmap.rowBounds[2], 4.0);
    QCOMPARE(std::vector<double>(chart.heatmap.cells.begin(), chart.heatmap.cells.begin() + 3),
             (std::vector<double>{1, 3, 1}));
}

void TestMetricSeriesBuilder::summaryQuantiles()
{
    MetricStreamWithPoints data
        = stream(1, MetricType::Summary, {{"db", AnyValue::fromString("main")}},
                 AggregationTemporality::Unspecified, false);
    SummaryDataPoint point;
    point.timeNs = at(10);
    point.quantileValues = {{0.5, 12}, {0.99, 40}, {1, 55}};
    data.metric.summaryPoints.push_back(point);
    point.timeNs = at(20);
    point.quantileValues = {{0.5, 14}, {1, 60}, {7, 1}}; // p99 missing, a bogus quantile
    data.metric.summaryPoints.push_back(point);
    MetricChartOptions options = windowFrom(0);
    options.groupByKey = "db"; // ignored: summaries do not merge
    const MetricChart chart = MetricSeriesBuilder::build({data}, options);
    QCOMPARE(chart.shown, QStringLiteral("quantiles"));
    QCOMPARE(chart.series.size(), std::size_t(3));
    QCOMPARE(chart.series[0].name, QStringLiteral("p50"));
    QCOMPARE(valuesOf(chart.series[0]), (QList<double>{12, 14}));
    QCOMPARE(chart.series[1].name, QStringLiteral("p99"));
    QCOMPARE(chart.series[1].values[0], 40.0);
    QVERIFY(std::isnan(chart.series[1].values[1]));
    QCOMPARE(chart.series[2].name, QStringLiteral("max"));
}

void TestMetricSeriesBuilder::groupByKeys()
{
    std::vector<MetricStream> infos;
    for (const MetricStreamWithPoints &data : counters())
        infos.push_back(data.stream);
    // host.name differs between the streams; service.name does not.
    QCOMPARE(MetricSeriesBuilder::groupByKeys(infos),
             (QStringList{QStringLiteral("method"), QStringLiteral("status"),
                          QStringLiteral("host.name")}));
    QCOMPARE(MetricSeriesBuilder::groupByKeys({}), QStringList());
}

void TestMetricSeriesBuilder::duplicateLabelsMadeUnique()
{
    MetricStreamWithPoints a
        = stream(7, MetricType::Gauge, {}, AggregationTemporality::Unspecified);
    addNumber(a, 0, 10, 1);
    MetricStreamWithPoints b
        = stream(9, MetricType::Gauge, {}, AggregationTemporality::Unspecified);
    addNumber(b, 0, 10, 2);
    const MetricChart chart = MetricSeriesBuilder::build({a, b}, windowFrom(0));
    QCOMPARE(chart.series[0].name, QStringLiteral("requests #7"));
    QCOMPARE(chart.series[1].name, QStringLiteral("requests #9"));
}

void TestMetricSeriesBuilder::tooManySeriesAreCounted()
{
    std::vector<MetricStreamWithPoints> streams;
    for (int i = 0; i < 5; ++i) {
        MetricStreamWithPoints data = stream(i, MetricType::Gauge, {{"n", AnyValue::fromInt(i)}},
                                             AggregationTemporality::Unspecified);
        addNumber(data, 0, 10, i);
        streams.push_back(data);
    }
    MetricChartOptions options = windowFrom(0);
    options.maxSeries = 3;
    const MetricChart chart = MetricSeriesBuilder::build(streams, options);
    QCOMPARE(chart.series.size(), std::size_t(3));
    QCOMPARE(chart.omittedSeries, 2);
    QCOMPARE(chart.series[2].name, QStringLiteral("n=2"));
}

void TestMetricSeriesBuilder::quantileLabels()
{
    QCOMPARE(MetricSeriesBuilder::quantileLabel(0.5), QStringLiteral("p50"));
    QCOMPARE(MetricSeriesBuilder::quantileLabel(0.999), QStringLiteral("p99.9"));
    QCOMPARE(MetricSeriesBuilder::quantileLabel(0), QStringLiteral("min"));
    QCOMPARE(MetricSeriesBuilder::quantileLabel(1), QStringLiteral("max"));
}

void TestMetricSeriesBuilder::exemplarsOnTheChartedAxis()
{
    Exemplar exemplar;
    exemplar.traceId.bytes[0] = 0x4b;
    exemplar.spanId.bytes[0] = 0x7f;

    // Histograms: the measurement on the quantile lines' axis, in quantile mode only.
    MetricStreamWithPoints latency = latencyHistogram(1, "/a", AggregationTemporality::Cumulative);
    exemplar.timeNs = at(15);
    exemplar.value = 42.0;
    latency.metric.histogramPoints[1].exemplars = {exemplar};
    MetricChartOptions options = windowFrom(0);
    MetricChart chart = MetricSeriesBuilder::build({latency}, options);
    QCOMPARE(chart.exemplars.size(), std::size_t(1));
    QCOMPARE(chart.exemplars[0].timeNs, at(15));
    QCOMPARE(chart.exemplars[0].value, 42.0);
    QCOMPARE(chart.exemplars[0].traceId, exemplar.traceId);
    QCOMPARE(chart.exemplars[0].spanId, exemplar.spanId);
    QVERIFY(chart.exemplars[0].series.contains(QStringLiteral("/a")));
    for (MetricChartOptions::HistogramMode mode :
         {MetricChartOptions::HistogramMode::Heatmap, MetricChartOptions::HistogramMode::CountRate,
          MetricChartOptions::HistogramMode::ErrorShare}) {
        options.histogramMode = mode;
        QVERIFY(!MetricSeriesBuilder::build({latency}, options).hasExemplars());
    }

    // Sums: the rate axis is not the measurement's, so the marker sits on its line. GET's rate
    // is 10/s at 20 s and 20/s at 30 s; an exemplar at 25 s of the point at 30 s is at 15/s.
    std::vector<MetricStreamWithPoints> sums = counters();
    exemplar.timeNs = at(25);
    exemplar.value = std::int64_t(7);
    sums[1].metric.numberPoints[2].exemplars = {exemplar};
    chart = MetricSeriesBuilder::build(sums, windowFrom(0));
    QCOMPARE(chart.exemplars.size(), std::size_t(1));
    QCOMPARE(chart.exemplars[0].value, 15.0);
    QCOMPARE(chart.exemplars[0].valueText, QStringLiteral("7 requests"));
    QCOMPARE(chart.exemplars[0].series, QStringLiteral("GET"));
}

QTEST_GUILESS_MAIN(TestMetricSeriesBuilder)
#include "tst_metric_series_builder.moc"
