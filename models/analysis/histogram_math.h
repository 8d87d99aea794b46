// Pure histogram arithmetic for metric charts: per-interval distributions from cumulative or
// delta OTLP histogram points, merging, and quantiles by linear interpolation inside buckets.
// Stateless; any thread. Counts are doubles so merged and differenced counts never overflow.
#pragma once

#include "core/metric.h"

#include <optional>
#include <vector>

namespace kansoku {

// Observations of one interval [startNs, timeNs] in explicit buckets: counts has bounds.size() + 1
// entries, bucket i covering (bounds[i-1], bounds[i]] and the last one (bounds.back(), +inf).
struct ExplicitDistribution
{
    std::int64_t startNs = 0;
    std::int64_t timeNs = 0;
    std::vector<double> bounds;
    std::vector<double> counts;
    // Only known for points taken as is; a difference of cumulative points has none.
    std::optional<double> min;
    std::optional<double> max;
    // The sum of the observations, when every point it came from sent one.
    std::optional<double> sum;
    double total() const;
};

// Observations of one interval in base-2 exponential buckets: base = 2^(2^-scale), positive bucket
// index i covering (base^i, base^(i+1)], negative bucket i covering [-base^(i+1), -base^i).
struct ExponentialDistribution
{
    std::int64_t startNs = 0;
    std::int64_t timeNs = 0;
    std::int32_t scale = 0;
    double zeroCount = 0;
    std::int32_t positiveOffset = 0;
    std::vector<double> positive;
    std::int32_t negativeOffset = 0;
    std::vector<double> negative;
    std::optional<double> min;
    std::optional<double> max;
    // The sum of the observations, when every point it came from sent one.
    std::optional<double> sum;
    double total() const;
};

class HistogramMath
{
public:
    // One distribution per point. Delta points are taken as is. Cumulative points become the
    // difference to the previous point of the same start time; a new start time or a count that
    // went down is a reset, after which the point itself is the interval's distribution. The
    // first cumulative point is only used when its series started at or after windowStartNs
    // (else it holds everything since an unknown, possibly much earlier, start).
    static std::vector<ExplicitDistribution>
    explicitIntervals(const std::vector<HistogramDataPoint> &points,
                      AggregationTemporality temporality, std::int64_t windowStartNs);
    static std::vector<ExponentialDistribution>
    exponentialIntervals(const std::vector<ExponentialHistogramDataPoint> &points,
                         AggregationTemporality temporality, std::int64_t windowStartNs);

    // Adds b into a; false (a unchanged) when the bucket bounds differ.
    static bool merge(ExplicitDistribution &a, const ExplicitDistribution &b);
    // Adds b into a, both brought to the smaller scale first.
    static void merge(ExponentialDistribution &a, const ExponentialDistribution &b);
    // The same observations at a coarser scale (scale <= d.scale): bucket i becomes i >> shift.
    static ExponentialDistribution downscaled(const ExponentialDistribution &d, std::int32_t scale);

    // The q-quantile (0..1) by linear interpolation inside the bucket holding rank q * total.
    // The first bucket starts at min when known, else at 0 (or at its upper bound when that is
    // not positive); the overflow bucket ends at max when known, else the quantile is the last
    // finite bound. The result is clamped to [min, max] when known. NaN when empty.
    static double quantile(const ExplicitDistribution &d, double q);
    // Same for exponential buckets; the zero bucket is the value 0.
    static double quantile(const ExponentialDistribution &d, double q);

    static double exponentialBase(std::int32_t scale);
    // Lower bound base^index of positive bucket index at scale.
    static double exponentialLowerBound(std::int32_t scale, std::int32_t index);
};

} // namespace kansoku
