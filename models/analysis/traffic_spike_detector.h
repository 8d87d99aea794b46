// Finds traffic spikes: each endpoint's requests (EndpointStatistics' endpoint spans) counted by
// start time in buckets of FindingThresholds::spikeBucketNs; a bucket with at least spikeFactor
// times the median of the spikeBaselineBuckets buckets before it, and spikeMinRequests, is a
// spike, adjacent spike buckets one finding with the latency and error rate inside against the
// baseline's. Traces may come in any time order. Runs on one worker thread.
#pragma once

#include "analysis/duration_sample.h"
#include "analysis/finding_detector.h"
#include "analysis/finding_examples.h"
#include "analysis/finding_thresholds.h"

#include <string>
#include <unordered_map>

namespace kansoku {

class TrafficSpikeDetector final : public FindingDetector
{
public:
    explicit TrafficSpikeDetector(const FindingThresholds &thresholds);

    FindingKind kind() const override { return FindingKind::TrafficSpike; }
    void addTrace(const PreparedTrace &trace) override;
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
    // Bucket index (start time / spikeBucketNs, rounded down) to its requests; only buckets with
    // requests are kept, so memory grows with the requests (8 bytes each) and the buckets used.
    // Hashed, as requests come in any time order; sorted once when the findings are made.
    using Buckets = std::unordered_map<std::int64_t, Bucket>;
    using SortedBuckets = std::vector<std::pair<std::int64_t, const Bucket *>>;
    struct Endpoint
    {
        EndpointKey key;
        Buckets buckets;
    };
    // Adjacent spike buckets, and the baseline buckets they were judged against.
    struct Spike
    {
        std::int64_t firstBucket = 0;
        std::int64_t lastBucket = 0;
        std::int64_t baselineMedian = 0;          // requests per bucket
        std::vector<const Bucket *> baselineData; // the baseline buckets that had requests
        int baselineBuckets = 0;                  // including those without
    };

    std::int64_t bucketOf(std::int64_t timeNs) const;
    std::vector<Spike> spikesOf(const SortedBuckets &buckets, std::int64_t firstBucket) const;
    Finding findingOf(const Endpoint &endpoint, const SortedBuckets &buckets, const Spike &spike,
                      const EndpointStatistics &endpoints) const;

    FindingThresholds m_thresholds;
    std::unordered_map<std::string, Endpoint> m_endpoints; // by service '\x1f' operation
    std::string m_keyBuffer;
    std::vector<Bucket *> m_bucketsOfTrace; // scratch: the buckets one trace's requests went to
};

} // namespace kansoku
