// Synthetic metrics for the metrics pane tests and screenshots: three hours at a 15 s export
// interval of two services, every metric type, several attribute sets and a counter reset.
#pragma once

#include "core/telemetry_batch.h"

#include <cmath>

namespace kansoku::metricsdata {

constexpr std::int64_t secondNs = 1'000'000'000LL;
constexpr std::int64_t startNs = 1'795'500'000LL * secondNs; // the SDKs' start time
constexpr std::int64_t intervalNs = 15 * secondNs;
constexpr int exportCount = 720; // 3 h
// The /pay route's process restarts after this export: its counter starts over 5 s later.
constexpr int payResetExport = 360;

inline std::int64_t exportTime(int index)
{
    return startNs + (index + 1) * intervalNs;
}

inline Resource serviceResource(const std::string &name)
{
    Resource resource;
    resource.attributes = {{"service.name", AnyValue::fromString(name)},
                           {"host.name", AnyValue::fromString(name + "-1")}};
    return resource;
}

// Requests per second of each route: /cart 20, /pay 5, /search 10 ± 5 (slow sine).
inline double requestRate(int route, double seconds)
{
    switch (route) {
    case 0:
        return 20;
    case 1:
        return 5;
    default:
        return 10 + 5 * std::sin(seconds / 1200.0);
    }
}

inline const char *routeName(int route)
{
    static const char *const names[] = {"/cart", "/pay", "/search"};
    return names[route];
}

// The exports [first, last) of both services as one batch per export.
inline std::vector<TelemetryBatchPtr> batches(int first, int last, int routes = 3)
{
    std::vector<TelemetryBatchPtr> result;
    std::vector<double> requestTotals(static_cast<std::size_t>(routes), 0.0);
    std::vector<std::vector<std::uint64_t>> latencyTotals(static_cast<std::size_t>(routes),
                                                          std::vector<std::uint64_t>(9, 0));
    const std::vector<double> bounds{5, 10, 25, 50, 100, 250, 500, 1000};
    for (int index = 0; index < last; ++index) {
        const std::int64_t timeNs = exportTime(index);
        const double seconds = static_cast<double>(timeNs - startNs) / 1e9;
        const double previousSeconds = seconds - 15;

        Metric requests;
        requests.name = "http.server.requests";
        requests.description = "Handled HTTP requests";
        requests.unit = "{request}";
        requests.type = MetricType::Sum;
        requests.temporality = AggregationTemporality::Cumulative;
        requests.isMonotonic = true;
        Metric latency;
        latency.name = "http.server.duration";
        latency.description = "Time to answer a request";
        latency.unit = "ms";
        latency.type = MetricType::Histogram;
        latency.temporality = AggregationTemporality::Cumulative;
        for (int route = 0; route < routes; ++route) {
            const auto r = static_cast<std::size_t>(route);
            const bool pay = route == 1;
            std::int64_t routeStart = startNs;
            if (pay && index >= payResetExport) {
                routeStart = exportTime(payResetExport - 1) + 5 * secondNs;
                if (index == payResetExport)
                    requestTotals[r] = requestRate(route, seconds) * 10; // 10 s since restart
                else
                    requestTotals[r] += requestRate(route, seconds) * 15;
            } else {
                requestTotals[r]
                    += (requestRate(route, seconds) + requestRate(route, previousSeconds)) / 2 * 15;
            }
            NumberDataPoint point;
            point.attributes = {{"http.route", AnyValue::fromString(routeName(route))},
                                {"http.method", AnyValue::fromString(pay ? "POST" : "GET")}};
            point.startTimeNs = routeStart;
            point.timeNs = timeNs;
            point.value = std::round(requestTotals[r]);
            requests.numberPoints.push_back(point);

            // Latency: a bump that moves to slower buckets in the second hour.
            const int slowShift = (index / 240) % 3;
            for (std::size_t bucket = 0; bucket < 9; ++bucket) {
                const double centre = 2.0 + route + slowShift;
                const double weight
                    = std::exp(-std::pow(static_cast<double>(bucket) - centre, 2) / 2);
                latencyTotals[r][bucket] += static_cast<std::uint64_t>(std::round(60 * weight));
            }
            HistogramDataPoint histogram;
            histogram.attributes = point.attributes;
            histogram.startTimeNs = startNs;
            histogram.timeNs = timeNs;
            histogram.explicitBounds = bounds;
            histogram.bucketCounts = latencyTotals[r];
            for (std::uint64_t count : histogram.bucketCounts)
                histogram.count += count;
            latency.histogramPoints.push_back(histogram);
        }

        Metric memory;
        memory.name = "process.memory.usage";
        memory.description = "Resident memory";
        memory.unit = "By";
        memory.type = MetricType::Gauge;
        NumberDataPoint used;
        used.timeNs = timeNs;
        used.value = std::int64_t((200 + (index % 120)) * 1048576LL);
        memory.numberPoints.push_back(used);

        Metric queue;
        queue.name = "queue.depth";
        queue.unit = "{job}";
        queue.type = MetricType::Sum;
        queue.temporality = AggregationTemporality::Cumulative;
        queue.isMonotonic = false;
        NumberDataPoint depth;
        depth.startTimeNs = startNs;
        depth.timeNs = timeNs;
        depth.value = std::int64_t(20 + (index * 7) % 13);
        queue.numberPoints.push_back(depth);

        Metric jobs;
        jobs.name = "jobs.processed";
        jobs.description = "Jobs finished";
        jobs.unit = "{job}";
        jobs.type = MetricType::Sum;
        jobs.temporality = AggregationTemporality::Delta;
        jobs.isMonotonic = true;
        for (const char *name : {"email", "billing"}) {
            NumberDataPoint delta;
            delta.attributes = {{"queue", AnyValue::fromString(name)}};
            delta.startTimeNs = timeNs - intervalNs;
            delta.timeNs = timeNs;
            delta.value = std::int64_t(name[0] == 'e' ? 30 : 45); // 2/s and 3/s
            jobs.numberPoints.push_back(delta);
        }

        Metric jobDuration;
        jobDuration.name = "job.duration";
        jobDuration.unit = "s";
        jobDuration.type = MetricType::ExponentialHistogram;
        jobDuration.temporality = AggregationTemporality::Delta;
        ExponentialHistogramDataPoint exponential;
        exponential.startTimeNs = timeNs - intervalNs;
        exponential.timeNs = timeNs;
        exponential.scale = 2;
        exponential.zeroCount = 1;
        exponential.positive.offset = -8 + (index / 180); // drifts slower over time
        exponential.positive.bucketCounts = {1, 3, 6, 9, 6, 3, 1, 1};
        exponential.count = 31;
        jobDuration.exponentialHistogramPoints.push_back(exponential);

        Metric dbLatency;
        dbLatency.name = "db.query.latency";
        dbLatency.unit = "ms";
        dbLatency.type = MetricType::Summary;
        SummaryDataPoint summary;
        summary.startTimeNs = startNs;
        summary.timeNs = timeNs;
        summary.count = 100;
        summary.sum = 900;
        const double wave = std::sin(seconds / 900.0);
        summary.quantileValues = {{0.5, 8 + wave}, {0.9, 15 + 2 * wave}, {0.99, 40 + 6 * wave}};
        dbLatency.summaryPoints.push_back(summary);

        if (index < first)
            continue;
        auto batch = std::make_shared<TelemetryBatch>();
        auto add = [&batch](const std::string &service, std::vector<Metric> metrics) {
            ResourceMetrics resourceMetrics;
            resourceMetrics.resource = serviceResource(service);
            ScopeMetrics scope;
            scope.scope.name = "test-meter";
            scope.metrics = std::move(metrics);
            resourceMetrics.scopeMetrics.push_back(std::move(scope));
            batch->resourceMetrics.push_back(std::move(resourceMetrics));
        };
        add("checkout", {requests, latency, memory, queue});
        add("worker", {jobs, jobDuration, dbLatency});
        result.push_back(std::move(batch));
    }
    return result;
}

} // namespace kansoku::metricsdata
