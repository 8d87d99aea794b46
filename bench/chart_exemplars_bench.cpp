// Prints what exemplars cost a metric chart: MetricSeriesBuilder::build over 20 histogram streams
// of 3 hours at a 15 s export interval (14,400 points), without exemplars and with one per bucket
// (10 per point, 144,000), and how many markers the chart keeps. Figures, not asserts.
#include "analysis/metric_series_builder.h"

#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kansoku;

namespace {

constexpr std::int64_t secondNs = 1'000'000'000LL;
constexpr std::int64_t startNs = 1'795'500'000LL * secondNs;
constexpr int streamCount = 20;
constexpr int exportCount = 720;

std::vector<MetricStreamWithPoints> histograms(bool withExemplars)
{
    const std::vector<double> bounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
    std::vector<MetricStreamWithPoints> streams;
    for (int s = 0; s < streamCount; ++s) {
        MetricStreamWithPoints stream;
        stream.stream.streamId = s + 1;
        stream.stream.name = "http.server.request.duration";
        stream.stream.type = MetricType::Histogram;
        stream.stream.temporality = AggregationTemporality::Cumulative;
        stream.stream.attributes = {{"http.route", AnyValue::fromString("/r" + std::to_string(s))}};
        stream.metric.name = stream.stream.name;
        stream.metric.unit = "s";
        stream.metric.type = MetricType::Histogram;
        stream.metric.temporality = AggregationTemporality::Cumulative;
        std::vector<std::uint64_t> counts(bounds.size() + 1, 0);
        for (int e = 0; e < exportCount; ++e) {
            HistogramDataPoint point;
            point.attributes = stream.stream.attributes;
            point.startTimeNs = startNs;
            point.timeNs = startNs + (e + 1) * 15 * secondNs;
            point.explicitBounds = bounds;
            for (std::size_t b = 0; b < counts.size(); ++b) {
                counts[b] += 1 + (b * 7 + std::size_t(e)) % 5;
                if (withExemplars) {
                    Exemplar exemplar;
                    exemplar.timeNs = point.timeNs - std::int64_t(b + 1) * secondNs;
                    exemplar.value = b < bounds.size() ? bounds[b] * 0.9 : 4.0;
                    exemplar.traceId.bytes[0] = std::uint8_t(s);
                    exemplar.traceId.bytes[1] = std::uint8_t(e);
                    exemplar.traceId.bytes[2] = std::uint8_t(e >> 8);
                    exemplar.traceId.bytes[3] = std::uint8_t(b + 1);
                    exemplar.spanId.bytes[0] = 1;
                    point.exemplars.push_back(exemplar);
                }
            }
            point.bucketCounts = counts;
            for (std::uint64_t count : counts)
                point.count += count;
            stream.metric.histogramPoints.push_back(std::move(point));
        }
        streams.push_back(std::move(stream));
    }
    return streams;
}

double medianMs(const std::vector<MetricStreamWithPoints> &streams,
                const MetricChartOptions &options, std::size_t *markers)
{
    std::vector<double> samples;
    for (int run = 0; run < 9; ++run) {
        QElapsedTimer timer;
        timer.start();
        const MetricChart chart = MetricSeriesBuilder::build(streams, options);
        samples.push_back(double(timer.nsecsElapsed()) / 1e6);
        *markers = chart.exemplars.size();
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

} // namespace

int main()
{
    MetricChartOptions options;
    options.range = {startNs, startNs + (exportCount + 1) * 15 * secondNs};
    std::printf("MetricSeriesBuilder::build, %d histogram streams x %d points, p50/p90/p99, median "
                "of 9\n",
                streamCount, exportCount);
    for (bool withExemplars : {false, true}) {
        const std::vector<MetricStreamWithPoints> streams = histograms(withExemplars);
        std::size_t markers = 0;
        const double ms = medianMs(streams, options, &markers);
        std::printf("  %-36s %8.2f ms  %zu markers\n",
                    withExemplars ? "10 exemplars per point (144,000)" : "no exemplars", ms,
                    markers);
    }
    return 0;
}
