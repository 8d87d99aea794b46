// The thresholds of the findings detectors, with their documented defaults (docs/FINDINGS.md).
// A plain value: the command line and the settings change fields of a default-constructed one.
#pragma once

#include "analysis/finding.h"

#include <cstdint>

namespace kansoku {

struct FindingThresholds
{
    // N+1: at least this many sequential calls of one statement under one parent span.
    int nPlusOneMinCalls = 5;
    // N+1 calls run one after another: their summed durations are at most this many times the
    // wall time they cover (1 for a strict loop, n for n calls at once). Above it the burst is
    // parallel, a fan-out rather than an N+1.
    double nPlusOneMaxAverageConcurrency = 1.5;
    // Redundant: the identical call (statement and parameters) at least this often in one trace.
    int redundantMinCalls = 2;
    // Slow query: a statement whose p95 is at least this, or that takes at least
    // slowShareOfLatency of the latency of the requests that run it, with at least slowMinCalls.
    std::int64_t slowQueryP95Ns = 100'000'000;
    double slowShareOfLatency = 0.5;
    int slowMinCalls = 3;
    // The share rule alone flags a statement only when it takes at least this per request: a
    // statement that is most of a fast request (a 1 ms lookup behind a 2 ms endpoint) is that
    // request's work, not a problem.
    std::int64_t slowShareMinNsPerRequest = 20'000'000;
    // Lock wait: calls of one statement that queue behind each other in at least this many
    // requests (each starting within lockChainGapNs of the previous one's end), or a write whose
    // duration is lockOutlierFactor times its statement's median.
    int lockMinQueuedCalls = 3;
    std::int64_t lockChainGapNs = 2'000'000;
    double lockOutlierFactor = 10.0;
    // A call queues behind the one before it only if its request was waiting through at least
    // this share of that call: one that became ready as the other was ending lined up by chance.
    double lockMinWaitShare = 0.5;
    // The outlier rule needs at least this many calls of the statement: the median of fewer says
    // little about its typical duration.
    int lockOutlierMinCalls = 10;
    // A lock-taking statement (SELECT ... FOR UPDATE, LOCK TABLE) whose call takes at least this
    // waited for its lock: such statements are keyed lookups that are fast when nothing holds it.
    std::int64_t lockSlowCallNs = 100'000'000;
    // Version regression: a version's p95 at least this factor of the best other version's, or
    // its error rate higher by versionErrorRateDelta, each version with versionMinSamples.
    double versionLatencyFactor = 1.5;
    double versionErrorRateDelta = 0.05;
    int versionMinSamples = 20;
    // Error hotspot: at least this many errors of one (service, operation, exception type).
    int errorMinCount = 3;
    // Traffic spike: a bucket's request rate at least spikeFactor times the trailing median over
    // spikeBaselineBuckets buckets of spikeBucketNs, with at least spikeMinRequests in the bucket.
    double spikeFactor = 3.0;
    std::int64_t spikeBucketNs = 10'000'000'000;
    int spikeBaselineBuckets = 12;
    int spikeMinRequests = 20;
    // A bucket is judged only with at least this many buckets of history before it (since the
    // first request of the analysis): the first buckets have no baseline to be a spike against.
    int spikeMinBaselineBuckets = 3;
    // Fan-out: a span with at least this many direct children calling the same downstream.
    int fanOutMinChildren = 20;
    // Connect stall: a client connect (or HTTP/RPC call) that took [k, k + this) for k = 1, 3, 7
    // or 15 s waited for SYN retransmits (initial RTO 1 s, doubling). The normal connect time plus
    // the call's own processing must fit in it: a group whose normal (non-stalled) calls take
    // this long or longer is not judged. Below 2 s, so the windows stay apart.
    std::int64_t connectStallToleranceNs = 250'000'000;
    // ... reported for a (service, target) with at least this many stalled spans, that are at
    // least connectStallMinShare of its connects (or calls),
    int connectStallMinSpans = 3;
    double connectStallMinShare = 0.05;
    // ... and at least this share of its slow spans (from 500 ms up): SYN stalls are steps from
    // milliseconds to a window, a slow server's durations spread across and between the windows.
    double connectStallMinStepShare = 0.5;
    // Start delay: a span (not an outgoing call) starting at least startDelayMinNs after its
    // parent became idle (its start, or its last earlier child's end), the wait being at least
    // startDelayMinShare of the parent's time (to the child's end, if the child outlives it), in
    // at least startDelayMinSpans spans of one (service, name).
    std::int64_t startDelayMinNs = 500'000'000;
    double startDelayMinShare = 0.25;
    int startDelayMinSpans = 3;
    // Severity from cost per request and share of latency (either one reaching a level).
    std::int64_t severityHighNs = 100'000'000;
    std::int64_t severityMediumNs = 20'000'000;
    std::int64_t severityLowNs = 5'000'000;
    double severityHighShare = 0.5;
    double severityMediumShare = 0.2;
    double severityLowShare = 0.05;

    // The severity of a cost: the highest level either figure reaches, Info below both.
    FindingSeverity severityFor(double costNsPerRequest, double latencyShare) const;
};

} // namespace kansoku
