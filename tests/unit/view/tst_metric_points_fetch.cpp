#include "support/empty_telemetry_queries.h"
#include "view/metric_points_fetch.h"

#include <QTest>
#include <mutex>

using namespace kansoku;

namespace {

constexpr std::int64_t second = 1'000'000'000LL;
constexpr std::int64_t base = 1'760'000'000LL * second;

// Records what was asked; answers stream 3 as missing (gone from the store).
class RecordingQueries : public test::EmptyTelemetryQueries
{
public:
    std::optional<Metric> metricPoints(const MetricPointQuery &query) const override
    {
        const std::lock_guard lock(m_mutex);
        m_queries.push_back(query);
        if (query.streamId == 3)
            return std::nullopt;
        Metric metric;
        metric.name.push_back('m'); // (operator+ trips GCC 12's -Wrestrict false positive)
        metric.name.append(std::to_string(query.streamId));
        return metric;
    }
    std::vector<MetricPointQuery> queries() const
    {
        const std::lock_guard lock(m_mutex);
        return m_queries;
    }

private:
    mutable std::mutex m_mutex;
    mutable std::vector<MetricPointQuery> m_queries;
};

MetricStream stream(std::int64_t id, MetricType type, AggregationTemporality temporality,
                    std::int64_t points = 100)
{
    MetricStream info;
    info.streamId = id;
    info.type = type;
    info.temporality = temporality;
    info.pointCount = points;
    return info;
}

} // namespace

class TestMetricPointsFetch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onePointPerPixel();
    void openRangeFetchesEverything();
};

void TestMetricPointsFetch::onePointPerPixel()
{
    const TimeRange range{base, base + 1000 * second};
    const MetricPointsFetch fetch = MetricPointsFetch::plan(
        {stream(1, MetricType::Sum, AggregationTemporality::Cumulative),
         stream(2, MetricType::Histogram, AggregationTemporality::Delta),
         stream(3, MetricType::Gauge, AggregationTemporality::Unspecified),
         stream(4, MetricType::Histogram, AggregationTemporality::Delta,
                MetricPointsFetch::maxExactDeltaHistogramPoints + 1)},
        range, range, 500);
    QCOMPARE(fetch.resolutionNs(), 2 * second);
    QCOMPARE(fetch.windowStartNs(), base);
    QCOMPARE(fetch.display(), range);
    RecordingQueries queries;
    const std::vector<MetricStreamWithPoints> data = fetch.run(queries);
    QCOMPARE(data.size(), std::size_t(3)); // stream 3 is gone
    QCOMPARE(data[1].metric.name, std::string("m2"));
    QCOMPARE(data[1].stream.streamId, std::int64_t(2));
    const std::vector<MetricPointQuery> asked = queries.queries();
    QCOMPARE(asked.size(), std::size_t(4));
    // One bucket more on the left, for the first rate's predecessor.
    QCOMPARE(asked[0].range.startNs, base - 2 * second);
    QCOMPARE(asked[0].range.endNs, range.endNs);
    QCOMPARE(asked[0].resolutionNs, 2 * second);
    // Delta histograms exactly, unless there are too many points.
    QCOMPARE(asked[1].resolutionNs, std::int64_t(0));
    QCOMPARE(asked[3].resolutionNs, 2 * second);
    MetricChartOptions mine;
    mine.groupByKey = "route";
    const MetricChartOptions options = fetch.options(mine);
    QCOMPARE(options.groupByKey, std::string("route"));
    QCOMPARE(options.resolutionNs, 2 * second);
    QCOMPARE(options.windowStartNs, base);
    QCOMPARE(options.range, range);
}

void TestMetricPointsFetch::openRangeFetchesEverything()
{
    const TimeRange all;
    const MetricPointsFetch fetch = MetricPointsFetch::plan(
        {stream(1, MetricType::Gauge, AggregationTemporality::Unspecified)}, all, all, 500);
    QCOMPARE(fetch.resolutionNs(), std::int64_t(0));
    RecordingQueries queries;
    fetch.run(queries);
    QCOMPARE(queries.queries().at(0).range, all);
    QCOMPARE(queries.queries().at(0).resolutionNs, std::int64_t(0));
}

QTEST_GUILESS_MAIN(TestMetricPointsFetch)
#include "tst_metric_points_fetch.moc"
