#include "analysis/traffic_spike_detector.h"

#include "analysis/finding_text.h"
#include "analysis/span_failure.h"
#include "core/time_format.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace kansoku {

namespace {

// An interval of the metric longer than this many buckets is not spread over them: a point whose
// start time is far back (a bad clock, a delta point "since 1970") says nothing about when its
// requests came, and would fill a bucket map of days.
constexpr std::int64_t MaxIntervalBuckets = 8640;

std::string duration(std::int64_t ns)
{
    return formatDurationNs(ns).toStdString();
}

double shareOf(double part, double whole)
{
    return whole > 0 ? part / whole : 0.0;
}

std::int64_t nsOfSeconds(double seconds)
{
    return std::isfinite(seconds) ? std::llround(seconds * 1e9) : 0;
}

// "120 ms (baseline 80 ms)", or without the baseline when it had no requests.
std::string againstBaseline(const std::string &inside, const std::string &baseline,
                            bool hasBaseline)
{
    return hasBaseline ? inside + " (baseline " + baseline + ')' : inside + " (no baseline)";
}

// The current name wins over the older one where a server sends both (semconv's "http/dup").
int precedenceOf(std::string_view metricName)
{
    return metricName == HttpServerRequestMetric::CurrentName ? 2 : 1;
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

TrafficSpikeDetector::Endpoint &TrafficSpikeDetector::endpointOf(const std::string &service,
                                                                 const std::string &operation)
{
    m_keyBuffer.assign(service);
    m_keyBuffer += '\x1f';
    m_keyBuffer += operation;
    auto found = m_endpoints.find(m_keyBuffer);
    if (found == m_endpoints.end())
        found = m_endpoints.emplace(m_keyBuffer, Endpoint{{service, operation}, {}, {}, {}}).first;
    return found->second;
}

void TrafficSpikeDetector::addTrace(const PreparedTrace &trace)
{
    m_bucketsOfTrace.clear();
    for (int index : trace.endpointSpans()) {
        const AnalysisSpan &span = trace.span(index);
        Bucket &bucket = endpointOf(span.service, span.name).buckets[bucketOf(span.startTimeNs)];
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

void TrafficSpikeDetector::addRequestMetric(const HttpServerRequestSeries &series)
{
    Endpoint &endpoint = endpointOf(series.endpoint.service, series.endpoint.operation);
    if (!endpoint.metricName.empty()
        && precedenceOf(series.metricName) < precedenceOf(endpoint.metricName))
        return;
    if (endpoint.metricName.empty()
        || precedenceOf(series.metricName) > precedenceOf(endpoint.metricName)) {
        endpoint.metricBuckets.clear();
        endpoint.latencyLayout = LatencyLayout::None;
        endpoint.metricBounds.clear();
        endpoint.metricName = series.metricName;
    }
    for (const ExplicitDistribution &interval : series.intervals)
        addInterval(endpoint, interval, series.serverErrors);
    for (const ExponentialDistribution &interval : series.exponentialIntervals)
        addInterval(endpoint, interval, series.exponentialSecondsPerUnit, series.serverErrors);
}

TrafficSpikeDetector::Shares
TrafficSpikeDetector::sharesOf(std::int64_t startNs, std::int64_t timeNs, double requests) const
{
    Shares shares;
    if (!(requests > 0))
        return shares;
    const std::int64_t bucketNs = m_thresholds.spikeBucketNs;
    startNs = std::min(startNs, timeNs);
    const std::int64_t endNs = timeNs;
    // An instant (or a point without a start time): all of it in the bucket of its time.
    const std::int64_t first = endNs > startNs ? bucketOf(startNs) : bucketOf(endNs);
    const std::int64_t last = endNs > startNs ? bucketOf(endNs - 1) : first;
    if (last - first >= MaxIntervalBuckets)
        return shares;
    // In doubles: a bad point's times near the ends of int64 must not overflow (a bucket's share
    // needs no nanosecond precision).
    const double lengthNs = double(endNs) - double(startNs);
    for (std::int64_t index = first; index <= last; ++index) {
        const double bucketStartNs = double(index) * double(bucketNs);
        const double fraction = last == first
                                    ? 1.0
                                    : (std::min(double(endNs), bucketStartNs + double(bucketNs))
                                       - std::max(double(startNs), bucketStartNs))
                                          / lengthNs;
        if (fraction > 0)
            shares.emplace_back(index, fraction);
    }
    return shares;
}

void TrafficSpikeDetector::addShares(Endpoint &endpoint, const Shares &shares, double requests,
                                     std::optional<double> sumSeconds, bool serverErrors,
                                     const std::function<void(MetricBucket &, double)> &addLatency)
{
    for (const auto &[index, fraction] : shares) {
        MetricBucket &bucket = endpoint.metricBuckets[index];
        bucket.requests += requests * fraction;
        bucket.errors += serverErrors ? requests * fraction : 0.0;
        if (sumSeconds) {
            bucket.latencySumSeconds += *sumSeconds * fraction;
            bucket.latencySumRequests += requests * fraction;
        }
        if (addLatency)
            addLatency(bucket, fraction);
    }
}

void TrafficSpikeDetector::addInterval(Endpoint &endpoint, const ExplicitDistribution &interval,
                                       bool serverErrors)
{
    const double requests = interval.total();
    const Shares shares = sharesOf(interval.startNs, interval.timeNs, requests);
    if (shares.empty())
        return;
    if (endpoint.latencyLayout == LatencyLayout::None) {
        endpoint.latencyLayout = LatencyLayout::Explicit;
        endpoint.metricBounds = interval.bounds;
    }
    std::function<void(MetricBucket &, double)> addLatency;
    if (endpoint.latencyLayout == LatencyLayout::Explicit
        && interval.bounds == endpoint.metricBounds) {
        addLatency = [&interval](MetricBucket &bucket, double fraction) {
            bucket.latencyCounts.resize(interval.counts.size(), 0.0);
            for (std::size_t i = 0; i < interval.counts.size(); ++i)
                bucket.latencyCounts[i] += interval.counts[i] * fraction;
        };
    }
    addShares(endpoint, shares, requests, interval.sum, serverErrors, addLatency);
}

void TrafficSpikeDetector::addInterval(Endpoint &endpoint, const ExponentialDistribution &interval,
                                       double secondsPerUnit, bool serverErrors)
{
    const double requests = interval.total();
    const Shares shares = sharesOf(interval.startNs, interval.timeNs, requests);
    if (shares.empty())
        return;
    if (endpoint.latencyLayout == LatencyLayout::None) {
        endpoint.latencyLayout = LatencyLayout::Exponential;
        endpoint.exponentialSecondsPerUnit = secondsPerUnit;
    }
    std::function<void(MetricBucket &, double)> addLatency;
    if (endpoint.latencyLayout == LatencyLayout::Exponential
        && secondsPerUnit == endpoint.exponentialSecondsPerUnit) {
        addLatency = [&interval](MetricBucket &bucket, double fraction) {
            ExponentialDistribution share = interval;
            share.zeroCount *= fraction;
            for (std::vector<double> *counts : {&share.positive, &share.negative}) {
                for (double &count : *counts)
                    count *= fraction;
            }
            if (share.sum)
                *share.sum *= fraction;
            if (bucket.exponentialLatency)
                HistogramMath::merge(*bucket.exponentialLatency, share);
            else
                bucket.exponentialLatency = std::move(share);
        };
    }
    const std::optional<double> sumSeconds
        = interval.sum ? std::optional<double>(*interval.sum * secondsPerUnit) : std::nullopt;
    addShares(endpoint, shares, requests, sumSeconds, serverErrors, addLatency);
}

bool TrafficSpikeDetector::usesMetric(const Endpoint &endpoint)
{
    return !endpoint.metricName.empty() && !endpoint.metricBuckets.empty();
}

std::vector<TrafficSpikeDetector::Spike>
TrafficSpikeDetector::spikesOf(const Counts &counts, std::int64_t firstBucket) const
{
    // The trailing baseline: the request counts of the latest buckets that were not spikes
    // (empty buckets count 0). Spike buckets stay out of it, so a spike longer than the window
    // is still measured against the traffic before it, not against itself.
    struct Entry
    {
        double requests;
        std::int64_t bucket; // -1 (with hasData false) for an empty bucket
        bool hasData;
    };
    const auto capacity = std::size_t(m_thresholds.spikeBaselineBuckets);
    std::deque<Entry> window;
    const auto push = [&](Entry entry) {
        window.push_back(entry);
        if (window.size() > capacity)
            window.pop_front();
    };
    std::vector<double> values;
    const auto median = [&] {
        values.clear();
        for (const Entry &entry : window)
            values.push_back(entry.requests);
        // The lower median, as DurationSample::medianNs: nearest rank of 50%.
        const auto middle = values.begin() + std::ptrdiff_t((values.size() + 1) / 2 - 1);
        std::nth_element(values.begin(), middle, values.end());
        return *middle;
    };

    std::vector<Spike> spikes;
    bool inSpike = false;
    std::int64_t previous = firstBucket - 1;
    for (const auto &[index, requests] : counts) {
        const std::int64_t gap = index - previous - 1;
        if (gap > 0) {
            inSpike = false;
            for (std::int64_t i = 0; i < std::min<std::int64_t>(gap, std::int64_t(capacity)); ++i)
                push({0, -1, false});
        }
        previous = index;
        if (window.size() < std::size_t(m_thresholds.spikeMinBaselineBuckets)) {
            push({requests, index, true});
            continue;
        }
        const double baseline = median();
        const bool isSpike = requests >= double(std::max(m_thresholds.spikeMinRequests, 1))
                             && requests >= m_thresholds.spikeFactor * baseline;
        if (!isSpike) {
            inSpike = false;
            push({requests, index, true});
            continue;
        }
        if (inSpike) {
            spikes.back().lastBucket = index;
            continue;
        }
        inSpike = true;
        Spike spike{index, index, baseline, {}, int(window.size())};
        for (const Entry &entry : window) {
            if (entry.hasData)
                spike.baselineData.push_back(entry.bucket);
        }
        spikes.push_back(std::move(spike));
    }
    return spikes;
}

std::vector<Finding> TrafficSpikeDetector::findings(const EndpointStatistics &endpoints) const
{
    std::vector<std::pair<const Endpoint *, Counts>> sorted;
    std::int64_t firstBucket = std::numeric_limits<std::int64_t>::max();
    for (const auto &[key, endpoint] : m_endpoints) {
        Counts counts;
        if (!usesMetric(endpoint)) {
            counts.reserve(endpoint.buckets.size());
            for (const auto &[index, bucket] : endpoint.buckets)
                counts.emplace_back(index, double(bucket.requests));
        } else {
            counts.reserve(endpoint.metricBuckets.size());
            for (const auto &[index, bucket] : endpoint.metricBuckets)
                counts.emplace_back(index, bucket.requests);
        }
        if (counts.empty())
            continue;
        std::sort(counts.begin(), counts.end());
        firstBucket = std::min(firstBucket, counts.front().first);
        sorted.emplace_back(&endpoint, std::move(counts));
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto &a, const auto &b) { return a.first->key < b.first->key; });

    std::vector<Finding> found;
    for (const auto &[endpoint, counts] : sorted) {
        for (const Spike &spike : spikesOf(counts, firstBucket))
            found.push_back(findingOf(*endpoint, spike, endpoints));
    }
    return found;
}

TrafficSpikeDetector::Totals
TrafficSpikeDetector::spanTotals(const Endpoint &endpoint, const std::vector<std::int64_t> &buckets)
{
    Totals totals;
    DurationSample latency;
    for (std::int64_t index : buckets) {
        const auto bucket = endpoint.buckets.find(index);
        if (bucket == endpoint.buckets.end())
            continue;
        totals.requests += double(bucket->second.requests);
        totals.errors += double(bucket->second.errors);
        latency.add(bucket->second.latency);
    }
    totals.p50Ns = latency.quantileNs(0.5);
    totals.p95Ns = latency.quantileNs(0.95);
    totals.meanNs = latency.count() > 0 ? latency.totalNs() / latency.count() : 0;
    return totals;
}

TrafficSpikeDetector::Totals
TrafficSpikeDetector::metricTotals(const Endpoint &endpoint,
                                   const std::vector<std::int64_t> &buckets)
{
    Totals totals;
    ExplicitDistribution latency;
    latency.bounds = endpoint.metricBounds;
    latency.counts.assign(endpoint.metricBounds.size() + 1, 0.0);
    std::optional<ExponentialDistribution> exponentialLatency;
    double sumSeconds = 0;
    double sumRequests = 0;
    for (std::int64_t index : buckets) {
        const auto bucket = endpoint.metricBuckets.find(index);
        if (bucket == endpoint.metricBuckets.end())
            continue;
        const MetricBucket &data = bucket->second;
        totals.requests += data.requests;
        totals.errors += data.errors;
        sumSeconds += data.latencySumSeconds;
        sumRequests += data.latencySumRequests;
        for (std::size_t i = 0; i < data.latencyCounts.size(); ++i)
            latency.counts[i] += data.latencyCounts[i];
        if (data.exponentialLatency && exponentialLatency)
            HistogramMath::merge(*exponentialLatency, *data.exponentialLatency);
        else if (data.exponentialLatency)
            exponentialLatency = data.exponentialLatency;
    }
    const auto quantileSeconds = [&](double q) {
        if (endpoint.latencyLayout != LatencyLayout::Exponential)
            return HistogramMath::quantile(latency, q);
        return exponentialLatency ? HistogramMath::quantile(*exponentialLatency, q)
                                        * endpoint.exponentialSecondsPerUnit
                                  : std::numeric_limits<double>::quiet_NaN();
    };
    totals.p50Ns = nsOfSeconds(quantileSeconds(0.5));
    totals.p95Ns = nsOfSeconds(quantileSeconds(0.95));
    totals.meanNs = sumRequests > 0 ? nsOfSeconds(sumSeconds / sumRequests) : 0;
    return totals;
}

Finding TrafficSpikeDetector::findingOf(const Endpoint &endpoint, const Spike &spike,
                                        const EndpointStatistics &endpoints) const
{
    const std::int64_t bucketNs = m_thresholds.spikeBucketNs;
    const bool fromMetric = usesMetric(endpoint);
    std::vector<std::int64_t> insideBuckets;
    for (std::int64_t index = spike.firstBucket; index <= spike.lastBucket; ++index)
        insideBuckets.push_back(index);
    const Totals inside
        = fromMetric ? metricTotals(endpoint, insideBuckets) : spanTotals(endpoint, insideBuckets);
    const Totals baseline = fromMetric ? metricTotals(endpoint, spike.baselineData)
                                       : spanTotals(endpoint, spike.baselineData);
    const bool hasBaseline = baseline.requests > 0;

    // The traces and examples come from the spans either way (with sampled traces, a few).
    std::int64_t tracedRequests = 0;
    std::int64_t traces = 0;
    FindingExamples examples;
    for (std::int64_t index : insideBuckets) {
        const auto bucket = endpoint.buckets.find(index);
        if (bucket == endpoint.buckets.end())
            continue;
        tracedRequests += bucket->second.requests;
        traces += bucket->second.traces;
        for (FindingExample &example : bucket->second.examples.worstFirst())
            examples.offer(std::move(example));
    }

    const std::int64_t spikeBuckets = spike.lastBucket - spike.firstBucket + 1;
    const std::int64_t durationNs = spikeBuckets * bucketNs;
    const std::int64_t requests = std::llround(inside.requests);
    const double insideRate = inside.requests * 1e9 / double(durationNs);
    const double baselineRate = spike.baselineMedian * 1e9 / double(bucketNs);
    // The cost: how much slower the requests inside were on average than the baseline's.
    const std::int64_t extraNs = hasBaseline && inside.meanNs > 0 && baseline.meanNs > 0
                                     ? std::max<std::int64_t>(inside.meanNs - baseline.meanNs, 0)
                                     : 0;
    const double insideErrorRate = shareOf(inside.errors, inside.requests);
    const double baselineErrorRate = shareOf(baseline.errors, baseline.requests);

    Finding finding;
    finding.kind = FindingKind::TrafficSpike;
    finding.service = endpoint.key.service;
    finding.operation = endpoint.key.operation;
    finding.occurrences = requests;
    finding.affectedTraces = traces;
    finding.endpointTraces = endpoints.totals(endpoint.key).traces;
    finding.costNsPerRequest = double(extraNs);
    finding.totalCostNs = extraNs * requests;
    finding.latencyShare = inside.meanNs > 0 ? double(extraNs) / double(inside.meanNs) : 0.0;
    finding.severity = m_thresholds.severityFor(finding.costNsPerRequest, finding.latencyShare);
    finding.examples = examples.worstFirst();
    finding.range = {spike.firstBucket * bucketNs, (spike.lastBucket + 1) * bucketNs};

    const std::string insideP95 = duration(inside.p95Ns);
    const std::string insideErrors = formatShare(insideErrorRate);
    std::string title = endpoint.key.service + ' ' + endpoint.key.operation + ": traffic ";
    if (spike.baselineMedian > 0) {
        title += formatFactor(inside.requests / (double(spikeBuckets) * spike.baselineMedian))
                 + " its baseline for " + duration(durationNs) + " ("
                 + formatRatePerSecond(insideRate) + " vs " + formatRatePerSecond(baselineRate)
                 + ')';
    } else {
        title += "from next to none to " + formatRatePerSecond(insideRate) + " for "
                 + duration(durationNs);
    }
    if (hasBaseline) {
        title += "; p95 " + duration(baseline.p95Ns) + " → " + insideP95 + ", errors "
                 + formatShare(baselineErrorRate) + " → " + insideErrors;
    } else {
        title += "; p95 " + insideP95 + ", errors " + insideErrors;
    }
    finding.title = title + " — traffic spike";

    finding.facts.push_back({"requests", std::to_string(requests) + " in " + duration(durationNs)});
    finding.facts.push_back({"rate", formatRatePerSecond(insideRate) + " (baseline "
                                         + formatRatePerSecond(baselineRate) + ')'});
    finding.facts.push_back(
        {"p50", againstBaseline(duration(inside.p50Ns), duration(baseline.p50Ns), hasBaseline)});
    finding.facts.push_back(
        {"p95", againstBaseline(insideP95, duration(baseline.p95Ns), hasBaseline)});
    finding.facts.push_back(
        {"error rate", againstBaseline(insideErrors, formatShare(baselineErrorRate), hasBaseline)
                           + ", " + std::to_string(std::llround(inside.errors)) + " failed"});
    finding.facts.push_back({"baseline", "median of the " + std::to_string(spike.baselineBuckets)
                                             + " buckets of " + duration(bucketNs)
                                             + " before it that were not spikes"});
    if (fromMetric) {
        finding.facts.push_back({"source", "from " + endpoint.metricName + "; "
                                               + std::to_string(tracedRequests) + " of the "
                                               + std::to_string(requests) + " requests traced"});
    }
    finding.fixHint = "Narrow the panes to this range and find what sent the extra requests (a "
                      "retry storm, a batch job, a client loop or real load); if latency or errors "
                      "rose with it, add capacity or rate-limit and back off in the callers.";
    return finding;
}

} // namespace kansoku
