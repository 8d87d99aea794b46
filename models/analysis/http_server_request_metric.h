// The requests an HTTP server's SDK counted: a stream of the histogram
// http.server.request.duration (seconds), or of the older http.server.duration (milliseconds),
// explicit-bucket or exponential, turned into the endpoint it measures and its per-interval
// latency distributions, for the traffic spike detector. Counts every request even where traces
// are sampled. Pure; any thread.
#pragma once

#include "analysis/endpoint_statistics.h"
#include "analysis/histogram_math.h"
#include "core/telemetry_queries.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kansoku {

// One stream (one attribute set: method, route, status, ...) of one service.
struct HttpServerRequestSeries
{
    std::string metricName;
    // The service's service.name and the operation as the server span of its requests is named:
    // "{method} {route}", "{method}" without a route, "HTTP" for the method "_OTHER".
    EndpointKey endpoint;
    // Every request of the stream is a server error: an HTTP status >= 500 or an error.type.
    bool serverErrors = false;
    // One of the two, by the stream's type, in time order. A cumulative stream's intervals are
    // the differences of its points (a reset starts over), a delta stream's its points.
    // Explicit buckets: bounds, min, max and sum in seconds.
    std::vector<ExplicitDistribution> intervals;
    // Exponential buckets: in the stream's unit, as base-2 buckets do not convert (min, max and
    // sum too); times exponentialSecondsPerUnit in seconds. No negative buckets: a negative
    // duration (a clock step) counts as 0, in the zero bucket.
    std::vector<ExponentialDistribution> exponentialIntervals;
    double exponentialSecondsPerUnit = 1.0;
};

class HttpServerRequestMetric
{
public:
    static constexpr std::string_view CurrentName = "http.server.request.duration";
    static constexpr std::string_view OlderName = "http.server.duration";

    // Either name.
    static bool isRequestDurationMetric(std::string_view metricName);
    // The stream's series, from its points in metric (HistogramMath::explicitIntervals or
    // exponentialIntervals with windowStartNs); nullopt when the stream is not a histogram
    // (explicit or exponential) of either name, or names no request method.
    static std::optional<HttpServerRequestSeries>
    seriesOf(const MetricStream &stream, const Metric &metric, std::int64_t windowStartNs);
    // The series of the streams of one metric of one resource (a server process), metrics[i]
    // holding the points of streams[i]: each stream's seriesOf after addNoRequestsBefore with the
    // export times of all of them. A stream exported both as an explicit and as an exponential
    // histogram (the same attributes; two readers, or a collector that adds one) counts its
    // requests once: where their intervals overlap in time, the exponential ones (the finer
    // buckets) count and the explicit ones are left out; a switch from one to the other (a
    // restart with another aggregation) keeps both, each for its own time.
    static std::vector<HttpServerRequestSeries>
    seriesOfProcess(const std::vector<MetricStream> &streams, std::vector<Metric> metrics,
                    std::int64_t windowStartNs);
    // For a cumulative stream that first shows up after other streams of its metric and resource
    // were exported (a first 5xx, a new route): adds a point of no requests at the export before
    // its first point. Cumulative SDKs export every attribute set they have seen at each
    // collection, so it had none then; without it the first point's requests would be spread
    // from the process start, or, with that before the window, not counted at all.
    // exportTimesNs: every point time of the resource's streams of the metric, in order. Either
    // kind of histogram.
    static void addNoRequestsBefore(Metric &metric, const std::vector<std::int64_t> &exportTimesNs);
};

} // namespace kansoku
