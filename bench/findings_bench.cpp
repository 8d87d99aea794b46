// What each findings detector costs: synthetic traces held in memory (request traces with an
// N+1 of database calls, HTTP calls that open a connection, a few stalling, and job traces whose
// pods start late sometimes), each prepared once (PreparedTrace, timed apart), then fed to one
// detector at a time, which also makes its findings. Prints the CPU time of each detector,
// medians and ranges over the repeats; then the service map and its layout over the same traces,
// and the traffic spike detector fed a day of the HTTP server request metric instead of spans.
// Usage: kansoku_findings_bench [spans, default 1000000] [repeats, default 5]
#include "analysis/connect_stall_detector.h"
#include "analysis/endpoint_statistics.h"
#include "analysis/error_hotspot_detector.h"
#include "analysis/fan_out_detector.h"
#include "analysis/http_server_request_metric.h"
#include "analysis/lock_wait_detector.h"
#include "analysis/n_plus_one_detector.h"
#include "analysis/prepared_trace.h"
#include "analysis/redundant_call_detector.h"
#include "analysis/service_map_builder.h"
#include "analysis/service_map_layout.h"
#include "analysis/slow_query_detector.h"
#include "analysis/start_delay_detector.h"
#include "analysis/traffic_spike_detector.h"
#include "analysis/version_regression_detector.h"
#include "bench_endpoints.h"
#include "cpu_figures.h"
#include "support/analysis_trace_builder.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace kansoku;
using kansoku::bench::operations;
using kansoku::bench::printCpuFigure;
using kansoku::bench::services;
using kansoku::bench::threadCpuNs;
using kansoku::test::AnalysisTraceBuilder;

namespace {

constexpr std::int64_t Ms = 1'000'000;

const char *const podSuffixes[] = {"7f9c2", "xkzlp", "q2w4z", "h8m5t", "b9d2k"};

// A request: 30 queries one by one, then 4 HTTP calls that each open their connection (in one
// request of five, two connects stall a second), then rendering after a second of the handler's
// own work; 40 spans.
AnalysisTrace request(std::uint64_t number)
{
    AnalysisTraceBuilder trace{number};
    const std::int64_t start = std::int64_t(number) * 10 * Ms;
    const int root = trace.server(services[number % 8], operations[(number / 8) % 4], start,
                                  start + 1'200 * Ms);
    for (int k = 0; k < 30; ++k) {
        const std::int64_t callStart = start + Ms + k * Ms;
        trace.db(root, "postgresql",
                 "SELECT id, name, price FROM items WHERE id = "
                     + std::to_string(number * 50 + std::uint64_t(k)),
                 callStart, callStart + Ms - 1000);
    }
    for (int k = 0; k < 4; ++k) {
        const std::int64_t callStart = start + 40 * Ms + k * 10 * Ms;
        const std::int64_t connectNs = k < 2 && number % 5 == 0 ? 1'010 * Ms : 2 * Ms;
        const int call = trace.http(root, "GET", "http://pricing:8080/prices/" + std::to_string(k),
                                    callStart, callStart + connectNs + 5 * Ms);
        trace.connect(call, "pricing", 8080, callStart, callStart + connectNs);
    }
    trace.add(root, "render", SpanKind::Internal, start + 1'100 * Ms, start + 1'200 * Ms);
    return trace.build();
}

// A job and its pod, which waits 3 s for the scheduler in one run of three.
AnalysisTrace job(std::uint64_t number)
{
    AnalysisTraceBuilder trace{number};
    const std::int64_t start = std::int64_t(number) * 10 * Ms;
    const std::int64_t waitNs = number % 3 == 0 ? 3'000 * Ms : 5 * Ms;
    const int root
        = trace.add(-1, "job batch-report", SpanKind::Internal, start, start + waitNs + 2'000 * Ms);
    trace.span(root).service = "batch-report";
    trace.add(root, "pod batch-report-" + std::string(podSuffixes[number % 5]) + " run",
              SpanKind::Internal, start + waitNs, start + waitNs + 2'000 * Ms);
    return trace.build();
}

std::vector<AnalysisTrace> makeTraces(std::int64_t spanTarget)
{
    std::vector<AnalysisTrace> traces;
    std::int64_t spans = 0;
    for (std::uint64_t number = 1; spans < spanTarget; ++number) {
        traces.push_back(number % 10 == 0 ? job(number) : request(number));
        spans += std::int64_t(traces.back().spans.size());
    }
    return traces;
}

// A day of http.server.request.duration from 32 endpoints (8 services × 4 routes), each a 2xx
// and a 5xx stream, cumulative, exported every 60 s with the advisory buckets, or as exponential
// histograms of 40 buckets at scale 4 (5 ms to 28 ms, the SDKs' ExponentialHistogram
// aggregation): what a server fleet's SDKs send whether or not its traces are sampled.
struct MetricDay
{
    std::vector<MetricStream> streams;
    std::vector<Metric> metrics;
};

MetricDay makeMetricDay(bool exponential)
{
    constexpr std::int64_t Minute = 60'000 * Ms;
    const std::vector<double> bounds{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25,
                                     0.5,   0.75, 1,     2.5,  5,     7.5, 10};
    MetricDay day;
    for (int service = 0; service < 8; ++service) {
        for (int route = 0; route < 4; ++route) {
            for (const int status : {200, 503}) {
                MetricStream stream;
                stream.name = HttpServerRequestMetric::CurrentName;
                stream.unit = "s";
                stream.type
                    = exponential ? MetricType::ExponentialHistogram : MetricType::Histogram;
                stream.temporality = AggregationTemporality::Cumulative;
                stream.resource.attributes.push_back(
                    {"service.name", AnyValue::fromString("service-" + std::to_string(service))});
                stream.attributes
                    = {{"http.request.method", AnyValue::fromString("GET")},
                       {"http.route", AnyValue::fromString("/route-" + std::to_string(route))},
                       {"http.response.status_code", AnyValue::fromInt(status)}};
                Metric metric;
                metric.type = stream.type;
                metric.temporality = AggregationTemporality::Cumulative;
                std::vector<std::uint64_t> counts(exponential ? 40 : bounds.size() + 1, 0);
                for (std::int64_t minute = 1; minute <= 1440; ++minute) {
                    // 10 requests a second, 100 in the eleventh hour; 1% failing.
                    const std::uint64_t requests = minute / 60 == 10 ? 6000 : 600;
                    const std::size_t bucket
                        = exponential ? std::size_t(minute % 7) * 6 : std::size_t(minute % 7) + 3;
                    counts[bucket] += status == 200 ? requests - requests / 100 : requests / 100;
                    if (exponential) {
                        ExponentialHistogramDataPoint point;
                        point.startTimeNs = AnalysisTraceBuilder::Base;
                        point.timeNs = AnalysisTraceBuilder::Base + minute * Minute;
                        point.scale = 4;
                        point.positive.offset = -123; // 2^(-123/16) s = 4.8 ms
                        point.positive.bucketCounts = counts;
                        metric.exponentialHistogramPoints.push_back(std::move(point));
                        continue;
                    }
                    HistogramDataPoint point;
                    point.startTimeNs = AnalysisTraceBuilder::Base;
                    point.timeNs = AnalysisTraceBuilder::Base + minute * Minute;
                    point.bucketCounts = counts;
                    point.explicitBounds = bounds;
                    metric.histogramPoints.push_back(std::move(point));
                }
                day.streams.push_back(std::move(stream));
                day.metrics.push_back(std::move(metric));
            }
        }
    }
    return day;
}

} // namespace

int main(int argc, char **argv)
{
    const std::int64_t spanTarget = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;

    const std::vector<AnalysisTrace> traces = makeTraces(spanTarget);
    std::int64_t spans = 0;
    for (const AnalysisTrace &trace : traces)
        spans += std::int64_t(trace.spans.size());
    std::printf("%zu traces, %lld spans, %d repeats\n", traces.size(),
                static_cast<long long>(spans), repeats);

    const std::int64_t prepareStartNs = threadCpuNs();
    std::vector<PreparedTrace> prepared;
    prepared.reserve(traces.size());
    for (const AnalysisTrace &trace : traces)
        prepared.emplace_back(trace);
    EndpointStatistics endpoints;
    for (const PreparedTrace &trace : prepared)
        endpoints.addTrace(trace);
    std::printf("  %-34s %9.2f ms CPU, once\n", "PreparedTrace + endpoints",
                double(threadCpuNs() - prepareStartNs) / 1e6);

    using Factory = std::function<std::unique_ptr<FindingDetector>(const FindingThresholds &)>;
    const std::vector<std::pair<std::string, Factory>> detectors = {
        {"n_plus_one",
         [](auto &t) {
             return std::make_unique<NPlusOneDetector>(t);
         }},
        {"redundant_call",
         [](auto &t) {
             return std::make_unique<RedundantCallDetector>(t);
         }},
        {"error_hotspot",
         [](auto &t) {
             return std::make_unique<ErrorHotspotDetector>(t);
         }},
        {"traffic_spike",
         [](auto &t) {
             return std::make_unique<TrafficSpikeDetector>(t);
         }},
        {"slow_query",
         [](auto &t) {
             return std::make_unique<SlowQueryDetector>(t);
         }},
        {"lock_wait",
         [](auto &t) {
             return std::make_unique<LockWaitDetector>(t);
         }},
        {"version_regression",
         [](auto &t) {
             return std::make_unique<VersionRegressionDetector>(t);
         }},
        {"fan_out",
         [](auto &t) {
             return std::make_unique<FanOutDetector>(t);
         }},
        {"connect_stall",
         [](auto &t) {
             return std::make_unique<ConnectStallDetector>(t);
         }},
        {"start_delay",
         [](auto &t) {
             return std::make_unique<StartDelayDetector>(t);
         }},
    };
    std::vector<std::vector<double>> timings(detectors.size());
    std::vector<std::size_t> found(detectors.size());
    std::vector<double> totals;
    const FindingThresholds thresholds;
    for (int repeat = 0; repeat < repeats; ++repeat) {
        double totalMs = 0;
        for (std::size_t d = 0; d < detectors.size(); ++d) {
            const std::int64_t startNs = threadCpuNs();
            const std::unique_ptr<FindingDetector> detector = detectors[d].second(thresholds);
            for (const PreparedTrace &trace : prepared)
                detector->addTrace(trace);
            found[d] = detector->findings(endpoints).size();
            const double ms = double(threadCpuNs() - startNs) / 1e6;
            timings[d].push_back(ms);
            totalMs += ms;
        }
        totals.push_back(totalMs);
    }
    for (std::size_t d = 0; d < detectors.size(); ++d)
        printCpuFigure(detectors[d].first + " (" + std::to_string(found[d]) + " found)",
                       timings[d]);
    printCpuFigure("all detectors", totals);

    // The Service map pane's work over the same traces (less the load): the map and its layout.
    std::vector<double> mapTimings;
    std::vector<double> layoutTimings;
    ServiceMap map;
    ServiceMapGeometry geometry;
    for (int repeat = 0; repeat < repeats; ++repeat) {
        std::int64_t startNs = threadCpuNs();
        ServiceMapBuilder builder(60'000 * Ms);
        for (const PreparedTrace &trace : prepared)
            builder.addTrace(trace);
        map = builder.build();
        mapTimings.push_back(double(threadCpuNs() - startNs) / 1e6);
        startNs = threadCpuNs();
        geometry = ServiceMapLayout::layOut(map);
        layoutTimings.push_back(double(threadCpuNs() - startNs) / 1e6);
    }
    printCpuFigure("service map (" + std::to_string(map.nodes.size()) + " nodes, "
                       + std::to_string(map.edges.size()) + " edges)",
                   mapTimings);
    printCpuFigure("service map layout (" + std::to_string(int(geometry.size.width())) + " x "
                       + std::to_string(int(geometry.size.height())) + " px)",
                   layoutTimings);

    // The traffic spike detector on the metric alone: converting each stream (cumulative points
    // to intervals) and spreading its intervals over the 10 s buckets, then the findings.
    for (const bool exponential : {false, true}) {
        const MetricDay day = makeMetricDay(exponential);
        std::vector<double> metricTimings;
        std::size_t metricFindings = 0;
        for (int repeat = 0; repeat < repeats; ++repeat) {
            const std::int64_t startNs = threadCpuNs();
            TrafficSpikeDetector detector(thresholds);
            for (std::size_t i = 0; i < day.streams.size(); ++i) {
                if (const auto series = HttpServerRequestMetric::seriesOf(
                        day.streams[i], day.metrics[i], AnalysisTraceBuilder::Base))
                    detector.addRequestMetric(*series);
            }
            metricFindings = detector.findings(EndpointStatistics()).size();
            metricTimings.push_back(double(threadCpuNs() - startNs) / 1e6);
        }
        printCpuFigure(std::string("traffic_spike, a day of ")
                           + (exponential ? "exponential" : "explicit") + " metric ("
                           + std::to_string(day.streams.size()) + " streams, "
                           + std::to_string(metricFindings) + " found)",
                       metricTimings);
    }
    return 0;
}
