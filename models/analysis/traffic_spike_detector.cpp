#include "analysis/traffic_spike_detector.h"

#include "analysis/finding_text.h"
#include "analysis/span_failure.h"
#include "core/time_format.h"

#include <algorithm>
#include <deque>
#include <limits>

namespace kansoku {

namespace {

std::string duration(std::int64_t ns)
{
    return formatDurationNs(ns).toStdString();
}

double shareOf(std::int64_t part, std::int64_t whole)
{
    return whole > 0 ? double(part) / double(whole) : 0.0;
}

// The requests, errors and latency of a set of buckets.
struct BucketTotals
{
    std::int64_t requests = 0;
    std::int64_t errors = 0;
    std::int64_t traces = 0;
    DurationSample latency;
};

std::int64_t meanNs(const DurationSample &sample)
{
    return sample.count() > 0 ? sample.totalNs() / sample.count() : 0;
}

// "120 ms (baseline 80 ms)", or without the baseline when it had no requests.
std::string againstBaseline(const std::string &inside, const std::string &baseline,
                            bool hasBaseline)
{
    return hasBaseline ? inside + " (baseline " + baseline + ')' : inside + " (no baseline)";
}

} // namespace

TrafficSpikeDetector::TrafficSpikeDetector(const FindingThresholds &thresholds)
    : m_thresholds(thresholds)
{
    m_thresholds.spikeBucketNs = std::max<std::int64_t>(m_thresholds.spikeBucketNs, 1);
    m_thresholds.spikeBaselineBuckets = std::max(m_thresholds.spikeBaselineBuckets, 1);
    m_thresholds.spikeMinBaselineBuckets
        = std::clamp(m_thresholds.spikeMinBaselineBuckets, 1, m_thresholds.spikeBaselineBuckets);
}

std::int64_t TrafficSpikeDetector::bucketOf(std::int64_t timeNs) const
{
    const std::int64_t size = m_thresholds.spikeBucketNs;
    return timeNs / size - (timeNs % size < 0 ? 1 : 0);
}

void TrafficSpikeDetector::addTrace(const PreparedTrace &trace)
{
    m_bucketsOfTrace.clear();
    for (int index : trace.endpointSpans()) {
        const AnalysisSpan &span = trace.span(index);
        m_keyBuffer.assign(span.service);
        m_keyBuffer += '\x1f';
        m_keyBuffer += span.name;
        auto found = m_endpoints.find(m_keyBuffer);
        if (found == m_endpoints.end())
            found = m_endpoints.emplace(m_keyBuffer, Endpoint{{span.service, span.name}, {}}).first;
        Bucket &bucket = found->second.buckets[bucketOf(span.startTimeNs)];
        ++bucket.requests;
        bucket.errors += spanFailed(span) ? 1 : 0;
        bucket.latency.add(span.durationNs());
        if (bucket.examples.admits(span.durationNs()))
            bucket.examples.offer({trace.traceId(), {span.spanId}, span.durationNs()});
        m_bucketsOfTrace.push_back(&bucket);
    }
    std::sort(m_bucketsOfTrace.begin(), m_bucketsOfTrace.end());
    const auto end = std::unique(m_bucketsOfTrace.begin(), m_bucketsOfTrace.end());
    for (auto bucket = m_bucketsOfTrace.begin(); bucket != end; ++bucket)
        ++(*bucket)->traces;
}

std::vector<TrafficSpikeDetector::Spike>
TrafficSpikeDetector::spikesOf(const SortedBuckets &buckets, std::int64_t firstBucket) const
{
    // The trailing baseline: the request counts of the latest buckets that were not spikes
    // (empty buckets count 0). Spike buckets stay out of it, so a spike longer than the window
    // is still measured against the traffic before it, not against itself.
    struct Entry
    {
        std::int64_t requests;
        const Bucket *bucket; // nullptr for an empty bucket
    };
    const auto capacity = std::size_t(m_thresholds.spikeBaselineBuckets);
    std::deque<Entry> window;
    const auto push = [&](Entry entry) {
        window.push_back(entry);
        if (window.size() > capacity)
            window.pop_front();
    };
    std::vector<std::int64_t> counts;
    const auto median = [&] {
        counts.clear();
        for (const Entry &entry : window)
            counts.push_back(entry.requests);
        // The lower median, as DurationSample::medianNs: nearest rank of 50%.
        const auto middle = counts.begin() + std::ptrdiff_t((counts.size() + 1) / 2 - 1);
        std::nth_element(counts.begin(), middle, counts.end());
        return *middle;
    };

    std::vector<Spike> spikes;
    bool inSpike = false;
    std::int64_t previous = firstBucket - 1;
    for (const auto &[index, data] : buckets) {
        const Bucket &bucket = *data;
        const std::int64_t gap = index - previous - 1;
        if (gap > 0) {
            inSpike = false;
            for (std::int64_t i = 0; i < std::min<std::int64_t>(gap, std::int64_t(capacity)); ++i)
                push({0, nullptr});
        }
        previous = index;
        if (window.size() < std::size_t(m_thresholds.spikeMinBaselineBuckets)) {
            push({bucket.requests, &bucket});
            continue;
        }
        const std::int64_t baseline = median();
        const bool isSpike
            = bucket.requests >= std::max(m_thresholds.spikeMinRequests, 1)
              && double(bucket.requests) >= m_thresholds.spikeFactor * double(baseline);
        if (!isSpike) {
            inSpike = false;
            push({bucket.requests, &bucket});
            continue;
        }
        if (inSpike) {
            spikes.back().lastBucket = index;
            continue;
        }
        inSpike = true;
        Spike spike{index, index, baseline, {}, int(window.size())};
        for (const Entry &entry : window) {
            if (entry.bucket)
                spike.baselineData.push_back(entry.bucket);
        }
        spikes.push_back(std::move(spike));
    }
    return spikes;
}

std::vector<Finding> TrafficSpikeDetector::findings(const EndpointStatistics &endpoints) const
{
    std::vector<std::pair<const Endpoint *, SortedBuckets>> sorted;
    std::int64_t firstBucket = std::numeric_limits<std::int64_t>::max();
    for (const auto &[key, endpoint] : m_endpoints) {
        SortedBuckets buckets;
        buckets.reserve(endpoint.buckets.size());
        for (const auto &[index, bucket] : endpoint.buckets)
            buckets.emplace_back(index, &bucket);
        std::sort(buckets.begin(), buckets.end());
        firstBucket = std::min(firstBucket, buckets.front().first);
        sorted.emplace_back(&endpoint, std::move(buckets));
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto &a, const auto &b) { return a.first->key < b.first->key; });

    std::vector<Finding> found;
    for (const auto &[endpoint, buckets] : sorted) {
        for (const Spike &spike : spikesOf(buckets, firstBucket))
            found.push_back(findingOf(*endpoint, buckets, spike, endpoints));
    }
    return found;
}

Finding TrafficSpikeDetector::findingOf(const Endpoint &endpoint, const SortedBuckets &buckets,
                                        const Spike &spike,
                                        const EndpointStatistics &endpoints) const
{
    const std::int64_t bucketNs = m_thresholds.spikeBucketNs;
    BucketTotals inside;
    FindingExamples examples;
    for (auto bucket = std::lower_bound(buckets.begin(), buckets.end(),
                                        std::make_pair(spike.firstBucket, (const Bucket *)nullptr));
         bucket != buckets.end() && bucket->first <= spike.lastBucket; ++bucket) {
        inside.requests += bucket->second->requests;
        inside.errors += bucket->second->errors;
        inside.traces += bucket->second->traces;
        inside.latency.add(bucket->second->latency);
        for (FindingExample &example : bucket->second->examples.worstFirst())
            examples.offer(std::move(example));
    }
    BucketTotals baseline;
    for (const Bucket *bucket : spike.baselineData) {
        baseline.requests += bucket->requests;
        baseline.errors += bucket->errors;
        baseline.latency.add(bucket->latency);
    }
    const bool hasBaseline = baseline.requests > 0;

    const std::int64_t spikeBuckets = spike.lastBucket - spike.firstBucket + 1;
    const std::int64_t durationNs = spikeBuckets * bucketNs;
    const double insideRate = double(inside.requests) * 1e9 / double(durationNs);
    const double baselineRate = double(spike.baselineMedian) * 1e9 / double(bucketNs);
    const std::int64_t insideMeanNs = meanNs(inside.latency);
    // The cost: how much slower the requests inside were on average than the baseline's.
    const std::int64_t extraNs
        = hasBaseline ? std::max<std::int64_t>(insideMeanNs - meanNs(baseline.latency), 0) : 0;
    const double insideErrorRate = shareOf(inside.errors, inside.requests);
    const double baselineErrorRate = shareOf(baseline.errors, baseline.requests);

    Finding finding;
    finding.kind = FindingKind::TrafficSpike;
    finding.service = endpoint.key.service;
    finding.operation = endpoint.key.operation;
    finding.occurrences = inside.requests;
    finding.affectedTraces = inside.traces;
    finding.endpointTraces = endpoints.totals(endpoint.key).traces;
    finding.costNsPerRequest = double(extraNs);
    finding.totalCostNs = extraNs * inside.requests;
    finding.latencyShare = insideMeanNs > 0 ? double(extraNs) / double(insideMeanNs) : 0.0;
    finding.severity = m_thresholds.severityFor(finding.costNsPerRequest, finding.latencyShare);
    finding.examples = examples.worstFirst();
    finding.range = {spike.firstBucket * bucketNs, (spike.lastBucket + 1) * bucketNs};

    const std::string insideP95 = duration(inside.latency.quantileNs(0.95));
    const std::string insideErrors = formatShare(insideErrorRate);
    std::string title = endpoint.key.service + ' ' + endpoint.key.operation + ": traffic ";
    if (spike.baselineMedian > 0) {
        title += formatFactor(double(inside.requests) / double(spikeBuckets * spike.baselineMedian))
                 + " its baseline for " + duration(durationNs) + " ("
                 + formatRatePerSecond(insideRate) + " vs " + formatRatePerSecond(baselineRate)
                 + ')';
    } else {
        title += "from next to none to " + formatRatePerSecond(insideRate) + " for "
                 + duration(durationNs);
    }
    if (hasBaseline) {
        title += "; p95 " + duration(baseline.latency.quantileNs(0.95)) + " → " + insideP95
                 + ", errors " + formatShare(baselineErrorRate) + " → " + insideErrors;
    } else {
        title += "; p95 " + insideP95 + ", errors " + insideErrors;
    }
    finding.title = title + " — traffic spike";

    finding.facts.push_back(
        {"requests", std::to_string(inside.requests) + " in " + duration(durationNs)});
    finding.facts.push_back({"rate", formatRatePerSecond(insideRate) + " (baseline "
                                         + formatRatePerSecond(baselineRate) + ')'});
    for (const auto &[label, q] : {std::pair{"p50", 0.5}, std::pair{"p95", 0.95}}) {
        finding.facts.push_back(
            {label, againstBaseline(duration(inside.latency.quantileNs(q)),
                                    duration(baseline.latency.quantileNs(q)), hasBaseline)});
    }
    finding.facts.push_back(
        {"error rate", againstBaseline(insideErrors, formatShare(baselineErrorRate), hasBaseline)
                           + ", " + std::to_string(inside.errors) + " failed"});
    finding.facts.push_back({"baseline", "median of the " + std::to_string(spike.baselineBuckets)
                                             + " buckets of " + duration(bucketNs)
                                             + " before it that were not spikes"});
    finding.fixHint = "Narrow the panes to this range and find what sent the extra requests (a "
                      "retry storm, a batch job, a client loop or real load); if latency or errors "
                      "rose with it, add capacity or rate-limit and back off in the callers.";
    return finding;
}

} // namespace kansoku
