#include "analysis/exemplar_marker_builder.h"
#include "analysis/metric_units.h"

#include <QTest>
#include <cmath>

using namespace kansoku;

namespace {

constexpr std::int64_t second = 1'000'000'000LL;
constexpr std::int64_t base = 1'760'000'000LL * second;

std::int64_t at(double seconds)
{
    return base + static_cast<std::int64_t>(seconds * second);
}

TraceId traceNumber(int number)
{
    TraceId id;
    id.bytes[0] = 0xab;
    id.bytes[15] = static_cast<std::uint8_t>(number);
    return id;
}

SpanId spanNumber(int number)
{
    SpanId id;
    id.bytes[7] = static_cast<std::uint8_t>(number);
    return id;
}

ExemplarSample sample(double seconds, double value, int number, const QString &series = {})
{
    return {at(seconds), value, traceNumber(number), spanNumber(number), series};
}

ExemplarMarkerBuilder::Options within(double fromS, double toS,
                                      ExemplarMarkerBuilder::Placement placement
                                      = ExemplarMarkerBuilder::Placement::AtValue)
{
    ExemplarMarkerBuilder::Options options;
    options.placement = placement;
    options.unit = QStringLiteral("ms");
    options.range = {at(fromS), at(toS)};
    return options;
}

QList<double> valuesOf(const std::vector<ChartExemplar> &markers)
{
    QList<double> values;
    for (const ChartExemplar &marker : markers)
        values.append(marker.value);
    return values;
}

} // namespace

class TestExemplarMarkerBuilder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void collectKeepsExemplarsOfTraces();
    void atValueKeepsTheMeasurement();
    void onSeriesSitsOnTheLine_data();
    void onSeriesSitsOnTheLine();
    void capKeepsTheLargestOfEveryStretch();
    void noCapNeededKeepsAll();
};

void TestExemplarMarkerBuilder::collectKeepsExemplarsOfTraces()
{
    HistogramDataPoint point;
    point.timeNs = at(30);
    Exemplar traced;
    traced.timeNs = at(12);
    traced.value = std::int64_t(250);
    traced.traceId = traceNumber(1);
    traced.spanId = spanNumber(1);
    Exemplar untimed = traced;
    untimed.timeNs = 0;
    untimed.value = 0.5;
    Exemplar untraced = traced; // no trace to open: left out
    untraced.traceId = TraceId{};
    point.exemplars = {traced, untraced, untimed};

    std::vector<ExemplarSample> samples;
    ExemplarMarkerBuilder::collect(point, QStringLiteral("GET /cart"), &samples);
    QCOMPARE(samples.size(), std::size_t(2));
    QCOMPARE(samples[0].timeNs, at(12));
    QCOMPARE(samples[0].value, 250.0);
    QCOMPARE(samples[0].traceId, traceNumber(1));
    QCOMPARE(samples[0].spanId, spanNumber(1));
    QCOMPARE(samples[0].series, QStringLiteral("GET /cart"));
    QCOMPARE(samples[1].timeNs, at(30)); // the point's time
    QCOMPARE(samples[1].value, 0.5);
}

void TestExemplarMarkerBuilder::atValueKeepsTheMeasurement()
{
    // Out of order, one sent twice (a cumulative stream repeats it), one outside the range.
    const std::vector<ExemplarSample> samples{
        sample(20, 812.5, 2, QStringLiteral("/pay")), sample(10, 4.25, 1, QStringLiteral("/cart")),
        sample(20, 812.5, 2, QStringLiteral("/pay")), sample(70, 9, 3, QStringLiteral("/cart"))};
    const std::vector<ChartExemplar> markers
        = ExemplarMarkerBuilder::build(samples, {}, within(0, 60));
    QCOMPARE(markers.size(), std::size_t(2));
    QCOMPARE(markers[0].timeNs, at(10));
    QCOMPARE(markers[0].value, 4.25);
    QCOMPARE(markers[0].valueText, MetricUnits::formatValue(4.25, QStringLiteral("ms")));
    QCOMPARE(markers[0].series, QStringLiteral("/cart"));
    QCOMPARE(markers[0].traceId, traceNumber(1));
    QCOMPARE(markers[0].spanId, spanNumber(1));
    QCOMPARE(markers[1].timeNs, at(20));
    QCOMPARE(markers[1].value, 812.5);
    QCOMPARE(markers[1].traceId, traceNumber(2));
}

void TestExemplarMarkerBuilder::onSeriesSitsOnTheLine_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<double>("expected"); // NaN: left out

    // The line: 10 at 10 s, 20 at 20 s, a gap at 30 s, 40 at 40 s.
    QTest::newRow("on a point") << 20.0 << 20.0;
    QTest::newRow("between points") << 15.0 << 15.0;
    QTest::newRow("before the first") << 5.0 << 10.0;
    QTest::newRow("after the last") << 50.0 << 40.0;
    QTest::newRow("next to the gap") << 25.0 << 20.0;
    QTest::newRow("in the gap") << 30.0 << 20.0;
}

void TestExemplarMarkerBuilder::onSeriesSitsOnTheLine()
{
    QFETCH(double, seconds);
    QFETCH(double, expected);
    ChartSeries line;
    line.name = QStringLiteral("method=GET");
    line.label = QStringLiteral("GET");
    line.timesNs = {at(10), at(20), at(30), at(40)};
    line.values = {10, 20, std::nan(""), 40};
    ChartSeries other;
    other.name = QStringLiteral("method=POST");
    other.timesNs = {at(10)};
    other.values = {1000};

    const std::vector<ChartExemplar> markers = ExemplarMarkerBuilder::build(
        {sample(seconds, 3, 1, line.name), sample(seconds, 3, 2, QStringLiteral("unknown"))},
        {other, line}, within(0, 60, ExemplarMarkerBuilder::Placement::OnSeries));
    QCOMPARE(markers.size(), std::size_t(1)); // no line named "unknown"
    QCOMPARE(markers[0].value, expected);
    QCOMPARE(markers[0].measurement, 3.0);
    // The measurement itself, not the line's value.
    QCOMPARE(markers[0].valueText, MetricUnits::formatValue(3, QStringLiteral("ms")));
    QCOMPARE(markers[0].series, QStringLiteral("GET")); // as the legend says it
}

void TestExemplarMarkerBuilder::capKeepsTheLargestOfEveryStretch()
{
    // 0..60 s in 6 stretches of 10 s. Stretch 0 is crowded (50 exemplars valued 1..50), the
    // others hold 2 each (100 + stretch, 200 + stretch); 9 markers allowed.
    std::vector<ExemplarSample> samples;
    int number = 0;
    for (int i = 1; i <= 50; ++i)
        samples.push_back(sample(i * 0.1, i, ++number));
    for (int stretch = 1; stretch < 6; ++stretch) {
        samples.push_back(sample(stretch * 10 + 1, 100 + stretch, ++number));
        samples.push_back(sample(stretch * 10 + 2, 200 + stretch, ++number));
    }
    ExemplarMarkerBuilder::Options options = within(0, 60);
    options.maxMarkers = 9;
    options.timeBuckets = 6;
    const std::vector<ChartExemplar> markers = ExemplarMarkerBuilder::build(samples, {}, options);
    // First round: every stretch's largest (50, 201..205); second round until 9: 49, 101, 102.
    QCOMPARE(valuesOf(markers), (QList<double>{49, 50, 101, 201, 102, 202, 203, 204, 205}));
    for (std::size_t i = 1; i < markers.size(); ++i)
        QVERIFY(markers[i - 1].timeNs <= markers[i].timeNs);
}

void TestExemplarMarkerBuilder::noCapNeededKeepsAll()
{
    std::vector<ExemplarSample> samples;
    for (int i = 0; i < 240; ++i)
        samples.push_back(sample(i * 0.25, i, i));
    // An open range: the stretches span the samples.
    ExemplarMarkerBuilder::Options options;
    QCOMPARE(ExemplarMarkerBuilder::build(samples, {}, options).size(), std::size_t(240));
    samples.push_back(sample(61, 1000, 240));
    const std::vector<ChartExemplar> capped = ExemplarMarkerBuilder::build(samples, {}, options);
    QCOMPARE(capped.size(), std::size_t(240));
    QCOMPARE(capped.back().value, 1000.0); // the largest of the last stretch stays
}

QTEST_GUILESS_MAIN(TestExemplarMarkerBuilder)
#include "tst_exemplar_marker_builder.moc"
