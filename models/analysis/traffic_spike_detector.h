// Finds traffic spikes: each endpoint's requests counted in buckets of
// FindingThresholds::spikeBucketNs; a bucket with at least spikeFactor times the median of the
// spikeBaselineBuckets buckets before it, and spikeMinRequests, is a spike, adjacent spike buckets
// one finding with the latency and error rate inside against the baseline's. The requests are the
// endpoint spans (EndpointStatistics') by start time, or, for an endpoint whose server exports
// http.server.request.duration (or the older http.server.duration), that histogram's counts
// (explicit-bucket or exponential), which hold every request even where traces are sampled. Traces
// and series may come in any time order. Runs on one worker thread.
#pragma once

#include "analysis/duration_sample.h"
#include "analysis/finding_detector.h"
#include "analysis/finding_examples.h"
#include "analysis/finding_thresholds.h"
#include "analysis/http_server_request_metric.h"

#include <functional>
#include <string>
#include <unordered_map>

namespace kansoku {

class TrafficSpikeDetector final : public FindingDetector
{
public:
    explicit TrafficSpikeDetector(const FindingThresholds &thresholds);

    FindingKind kind() const override { return FindingKind::TrafficSpike; }
    void addTrace(const PreparedTrace &trace) override;
    // The requests of one stream of the HTTP server metric, before, between or after the traces.
    // An endpoint with such a stream is judged on the metric's counts and latency buckets, its
    // spans give only the examples; where a server sends both names, only the current one counts
    // (the same requests twice otherwise).
    void addRequestMetric(const HttpServerRequestSeries &series);
    std::vector<Finding> findings(const EndpointStatistics &endpoints) const override;

private:
    struct Bucket
    {
        std::int64_t requests = 0;
        std::int64_t errors = 0;  // requests that failed (spanFailed)
        std::int64_t traces = 0;  // traces with a request in the bucket
        DurationSample latency;   // of the requests
        FindingExamples examples; // the slowest requests
    };
    // The metric's requests in a bucket: an interval's counts spread over the buckets it covers in
    // proportion to the overlap, so they may be fractions.
    struct MetricBucket
    {
        double requests = 0;
        double errors = 0; // of streams with a 5xx status (or an error.type)
        // Per histogram bucket of the endpoint's metricBounds; empty while no interval of that
        // layout came.
        std::vector<double> latencyCounts;
        // The same for an endpoint whose latency layout is exponential: the intervals' shares
        // merged (at the coarsest scale among them), in the unit of exponentialSecondsPerUnit.
        std::optional<ExponentialDistribution> exponentialLatency;
        double latencySumSeconds = 0;  // of the intervals that sent a sum ...
        double latencySumRequests = 0; // ... and their requests
    };
    enum class LatencyLayout : std::uint8_t { None, Explicit, Exponential };
    // Bucket index (start time / spikeBucketNs, rounded down) to its requests; only buckets with
    // requests are kept, so memory grows with the requests (8 bytes each) and the buckets used.
    // Hashed, as requests come in any time order; sorted once when the findings are made.
    using Buckets = std::unordered_map<std::int64_t, Bucket>;
    using MetricBuckets = std::unordered_map<std::int64_t, MetricBucket>;
    struct Endpoint
    {
        EndpointKey key;
        Buckets buckets;
        MetricBuckets metricBuckets;
        std::string metricName; // of metricBuckets; empty when the server sent no such metric
        // The latency layout of the first interval with requests: explicit buckets of
        // metricBounds (seconds), or exponential buckets of any scale in a unit of
        // exponentialSecondsPerUnit seconds. Intervals of another layout count their requests
        // and errors, not their latency (their buckets cannot be added).
        LatencyLayout latencyLayout = LatencyLayout::None;
        std::vector<double> metricBounds;
        double exponentialSecondsPerUnit = 0;
    };
    // Bucket index and the share of an interval's requests that fell into it.
    using Shares = std::vector<std::pair<std::int64_t, double>>;
    // Bucket index and its requests, in index order.
    using Counts = std::vector<std::pair<std::int64_t, double>>;
    // Adjacent spike buckets, and the baseline buckets they were judged against.
    struct Spike
    {
        std::int64_t firstBucket = 0;
        std::int64_t lastBucket = 0;
        double baselineMedian = 0;              // requests per bucket
        std::vector<std::int64_t> baselineData; // the baseline buckets that had requests
        int baselineBuckets = 0;                // including those without
    };
    // Requests, failures and latency of some buckets of one endpoint, from either source.
    struct Totals
    {
        double requests = 0;
        double errors = 0;
        std::int64_t p50Ns = 0;
        std::int64_t p95Ns = 0;
        std::int64_t meanNs = 0;
    };

    std::int64_t bucketOf(std::int64_t timeNs) const;
    Endpoint &endpointOf(const std::string &service, const std::string &operation);
    // The buckets an interval of the metric covers, each with its share of the interval's
    // requests (in proportion to the overlap, so they may be fractions); none for an interval
    // without requests or of more than MaxIntervalBuckets.
    Shares sharesOf(std::int64_t startNs, std::int64_t timeNs, double requests) const;
    // Adds an interval's requests, errors and sum of latencies (when sent) to the buckets of its
    // shares, and, unless addLatency is empty, its latency buckets by addLatency(bucket, share).
    static void addShares(Endpoint &endpoint, const Shares &shares, double requests,
                          std::optional<double> sumSeconds, bool serverErrors,
                          const std::function<void(MetricBucket &, double)> &addLatency);
    void addInterval(Endpoint &endpoint, const ExplicitDistribution &interval, bool serverErrors);
    void addInterval(Endpoint &endpoint, const ExponentialDistribution &interval,
                     double secondsPerUnit, bool serverErrors);
    // Whether the endpoint is judged on the metric: it sent one with requests in it (a stream
    // whose intervals all fell outside the analysis leaves it to its spans).
    static bool usesMetric(const Endpoint &endpoint);
    std::vector<Spike> spikesOf(const Counts &counts, std::int64_t firstBucket) const;
    static Totals spanTotals(const Endpoint &endpoint, const std::vector<std::int64_t> &buckets);
    static Totals metricTotals(const Endpoint &endpoint, const std::vector<std::int64_t> &buckets);
    Finding findingOf(const Endpoint &endpoint, const Spike &spike,
                      const EndpointStatistics &endpoints) const;

    FindingThresholds m_thresholds;
    std::unordered_map<std::string, Endpoint> m_endpoints; // by service '\x1f' operation
    std::string m_keyBuffer;
    std::vector<Bucket *> m_bucketsOfTrace; // scratch: the buckets one trace's requests went to
};

} // namespace kansoku
