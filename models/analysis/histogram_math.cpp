#include "analysis/histogram_math.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace kansoku {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint32_t noRecordedValueFlag = 1;

struct Bucket
{
    double lower = 0;
    double upper = 0;
    double count = 0;
};

// Linear interpolation over buckets in ascending value order; the caller's buckets are finite.
double interpolate(const std::vector<Bucket> &buckets, double q)
{
    if (!(q >= 0 && q <= 1))
        return notANumber;
    double total = 0;
    for (const Bucket &bucket : buckets)
        total += bucket.count;
    if (!(total > 0))
        return notANumber;
    const double rank = q * total;
    double cumulative = 0;
    for (const Bucket &bucket : buckets) {
        if (bucket.count <= 0)
            continue;
        if (cumulative + bucket.count >= rank) {
            const double fraction = std::clamp((rank - cumulative) / bucket.count, 0.0, 1.0);
            return bucket.lower + (bucket.upper - bucket.lower) * fraction;
        }
        cumulative += bucket.count;
    }
    // Only reachable through rounding at q = 1: the top of the last non-empty bucket.
    for (auto it = buckets.rbegin(); it != buckets.rend(); ++it) {
        if (it->count > 0)
            return it->upper;
    }
    return notANumber;
}

double clampToKnown(double value, const std::optional<double> &min,
                    const std::optional<double> &max)
{
    if (std::isnan(value))
        return value;
    if (min && std::isfinite(*min))
        value = std::max(value, *min);
    if (max && std::isfinite(*max))
        value = std::min(value, *max);
    return value;
}

std::optional<double> combinedMin(const std::optional<double> &a, const std::optional<double> &b)
{
    if (!a || !b)
        return std::nullopt;
    return std::min(*a, *b);
}

std::optional<double> combinedMax(const std::optional<double> &a, const std::optional<double> &b)
{
    if (!a || !b)
        return std::nullopt;
    return std::max(*a, *b);
}

// Sums known only when both are.
std::optional<double> sumOf(const std::optional<double> &a, const std::optional<double> &b)
{
    return a && b ? std::optional<double>(*a + *b) : std::nullopt;
}

std::optional<double> differenceOf(const std::optional<double> &later,
                                   const std::optional<double> &earlier)
{
    return later && earlier ? std::optional<double>(*later - *earlier) : std::nullopt;
}

std::vector<double> toDoubles(const std::vector<std::uint64_t> &counts)
{
    std::vector<double> result;
    result.reserve(counts.size());
    for (std::uint64_t count : counts)
        result.push_back(static_cast<double>(count));
    return result;
}

// Adds counts at absolute indexes [offset, offset + counts.size()) into (offset, target).
void addBuckets(std::int32_t *targetOffset, std::vector<double> *target, std::int32_t offset,
                const std::vector<double> &counts)
{
    if (counts.empty())
        return;
    if (target->empty()) {
        *targetOffset = offset;
        *target = counts;
        return;
    }
    const std::int64_t first = std::min<std::int64_t>(*targetOffset, offset);
    const std::int64_t end
        = std::max<std::int64_t>(*targetOffset + static_cast<std::int64_t>(target->size()),
                                 offset + static_cast<std::int64_t>(counts.size()));
    std::vector<double> merged(static_cast<std::size_t>(end - first), 0.0);
    for (std::size_t i = 0; i < target->size(); ++i)
        merged[static_cast<std::size_t>(*targetOffset - first) + i] += (*target)[i];
    for (std::size_t i = 0; i < counts.size(); ++i)
        merged[static_cast<std::size_t>(offset - first) + i] += counts[i];
    *targetOffset = static_cast<std::int32_t>(first);
    *target = std::move(merged);
}

// later - earlier per absolute index; false when any bucket went down (a reset).
bool subtractBuckets(std::int32_t laterOffset, const std::vector<double> &later,
                     std::int32_t earlierOffset, const std::vector<double> &earlier,
                     std::vector<double> *difference)
{
    *difference = later;
    for (std::size_t i = 0; i < earlier.size(); ++i) {
        if (earlier[i] == 0)
            continue;
        const std::int64_t index
            = static_cast<std::int64_t>(earlierOffset) + static_cast<std::int64_t>(i) - laterOffset;
        if (index < 0 || index >= static_cast<std::int64_t>(later.size()))
            return false;
        double &value = (*difference)[static_cast<std::size_t>(index)];
        value -= earlier[i];
        if (value < 0)
            return false;
    }
    return true;
}

ExplicitDistribution explicitFromPoint(const HistogramDataPoint &point)
{
    ExplicitDistribution d;
    d.startNs = point.startTimeNs;
    d.timeNs = point.timeNs;
    d.bounds = point.explicitBounds;
    d.counts = toDoubles(point.bucketCounts);
    d.min = point.min;
    d.max = point.max;
    d.sum = point.sum;
    return d;
}

ExponentialDistribution exponentialFromPoint(const ExponentialHistogramDataPoint &point)
{
    ExponentialDistribution d;
    d.startNs = point.startTimeNs;
    d.timeNs = point.timeNs;
    d.scale = point.scale;
    d.zeroCount = static_cast<double>(point.zeroCount);
    d.positiveOffset = point.positive.offset;
    d.positive = toDoubles(point.positive.bucketCounts);
    d.negativeOffset = point.negative.offset;
    d.negative = toDoubles(point.negative.bucketCounts);
    d.min = point.min;
    d.max = point.max;
    d.sum = point.sum;
    return d;
}

// The shared walk over cumulative points: difference to the previous point of the same series,
// the point itself after a reset, the first point only when its series started in the window.
template<typename Point, typename Distribution, typename FromPoint, typename Subtract>
std::vector<Distribution> intervals(const std::vector<Point> &points,
                                    AggregationTemporality temporality, std::int64_t windowStartNs,
                                    FromPoint fromPoint, Subtract subtract)
{
    std::vector<Distribution> result;
    std::optional<Distribution> previous;
    for (const Point &point : points) {
        if (point.flags & noRecordedValueFlag)
            continue;
        Distribution current = fromPoint(point);
        if (temporality != AggregationTemporality::Cumulative) {
            result.push_back(std::move(current));
            continue;
        }
        if (previous && current.timeNs <= previous->timeNs)
            continue;
        std::optional<Distribution> difference;
        if (previous && previous->startNs == current.startNs)
            difference = subtract(current, *previous);
        if (difference) {
            difference->startNs = previous->timeNs;
            difference->timeNs = current.timeNs;
            difference->min.reset();
            difference->max.reset();
            result.push_back(std::move(*difference));
        } else if (previous || (current.startNs > 0 && current.startNs >= windowStartNs)) {
            result.push_back(current);
        }
        previous = std::move(current);
    }
    return result;
}

} // namespace

double ExplicitDistribution::total() const
{
    return std::accumulate(counts.begin(), counts.end(), 0.0);
}

double ExponentialDistribution::total() const
{
    return zeroCount + std::accumulate(positive.begin(), positive.end(), 0.0)
           + std::accumulate(negative.begin(), negative.end(), 0.0);
}

std::vector<ExplicitDistribution>
HistogramMath::explicitIntervals(const std::vector<HistogramDataPoint> &points,
                                 AggregationTemporality temporality, std::int64_t windowStartNs)
{
    std::vector<HistogramDataPoint> valid;
    valid.reserve(points.size());
    for (const HistogramDataPoint &point : points) {
        // OTLP allows no buckets at all (count and sum only): nothing to draw quantiles from.
        if (!point.bucketCounts.empty()
            && point.bucketCounts.size() == point.explicitBounds.size() + 1)
            valid.push_back(point);
    }
    return intervals<HistogramDataPoint, ExplicitDistribution>(
        valid, temporality, windowStartNs, explicitFromPoint,
        [](const ExplicitDistribution &later,
           const ExplicitDistribution &earlier) -> std::optional<ExplicitDistribution> {
            if (later.bounds != earlier.bounds)
                return std::nullopt;
            ExplicitDistribution difference = later;
            for (std::size_t i = 0; i < later.counts.size(); ++i) {
                difference.counts[i] -= earlier.counts[i];
                if (difference.counts[i] < 0)
                    return std::nullopt;
            }
            difference.sum = differenceOf(later.sum, earlier.sum);
            return difference;
        });
}

std::vector<ExponentialDistribution>
HistogramMath::exponentialIntervals(const std::vector<ExponentialHistogramDataPoint> &points,
                                    AggregationTemporality temporality, std::int64_t windowStartNs)
{
    return intervals<ExponentialHistogramDataPoint, ExponentialDistribution>(
        points, temporality, windowStartNs, exponentialFromPoint,
        [](const ExponentialDistribution &later,
           const ExponentialDistribution &earlier) -> std::optional<ExponentialDistribution> {
            const std::int32_t scale = std::min(later.scale, earlier.scale);
            const ExponentialDistribution a = downscaled(later, scale);
            const ExponentialDistribution b = downscaled(earlier, scale);
            ExponentialDistribution difference = a;
            difference.zeroCount = a.zeroCount - b.zeroCount;
            if (difference.zeroCount < 0
                || !subtractBuckets(a.positiveOffset, a.positive, b.positiveOffset, b.positive,
                                    &difference.positive)
                || !subtractBuckets(a.negativeOffset, a.negative, b.negativeOffset, b.negative,
                                    &difference.negative))
                return std::nullopt;
            difference.sum = differenceOf(later.sum, earlier.sum);
            return difference;
        });
}

bool HistogramMath::merge(ExplicitDistribution &a, const ExplicitDistribution &b)
{
    if (a.bounds != b.bounds || a.counts.size() != b.counts.size())
        return false;
    for (std::size_t i = 0; i < a.counts.size(); ++i)
        a.counts[i] += b.counts[i];
    a.startNs = std::min(a.startNs, b.startNs);
    a.timeNs = std::max(a.timeNs, b.timeNs);
    a.min = combinedMin(a.min, b.min);
    a.max = combinedMax(a.max, b.max);
    a.sum = sumOf(a.sum, b.sum);
    return true;
}

void HistogramMath::merge(ExponentialDistribution &a, const ExponentialDistribution &b)
{
    const std::int32_t scale = std::min(a.scale, b.scale);
    a = downscaled(a, scale);
    const ExponentialDistribution other = downscaled(b, scale);
    a.zeroCount += other.zeroCount;
    addBuckets(&a.positiveOffset, &a.positive, other.positiveOffset, other.positive);
    addBuckets(&a.negativeOffset, &a.negative, other.negativeOffset, other.negative);
    a.startNs = std::min(a.startNs, other.startNs);
    a.timeNs = std::max(a.timeNs, other.timeNs);
    a.min = combinedMin(a.min, other.min);
    a.max = combinedMax(a.max, other.max);
    a.sum = sumOf(a.sum, other.sum);
}

ExponentialDistribution HistogramMath::downscaled(const ExponentialDistribution &d,
                                                  std::int32_t scale)
{
    if (scale >= d.scale)
        return d;
    const int shift = std::min(62, d.scale - scale);
    ExponentialDistribution result = d;
    result.scale = scale;
    auto rebucket = [shift](std::int32_t offset, const std::vector<double> &counts,
                            std::int32_t *newOffset, std::vector<double> *newCounts) {
        newCounts->clear();
        if (counts.empty()) {
            *newOffset = static_cast<std::int32_t>(static_cast<std::int64_t>(offset) >> shift);
            return;
        }
        // >> on a negative number is a floor division by 2^shift (arithmetic shift, C++20).
        const std::int64_t first = static_cast<std::int64_t>(offset) >> shift;
        const std::int64_t last
            = (static_cast<std::int64_t>(offset) + static_cast<std::int64_t>(counts.size()) - 1)
              >> shift;
        newCounts->assign(static_cast<std::size_t>(last - first + 1), 0.0);
        for (std::size_t i = 0; i < counts.size(); ++i) {
            const std::int64_t index
                = (static_cast<std::int64_t>(offset) + static_cast<std::int64_t>(i)) >> shift;
            (*newCounts)[static_cast<std::size_t>(index - first)] += counts[i];
        }
        *newOffset = static_cast<std::int32_t>(first);
    };
    rebucket(d.positiveOffset, d.positive, &result.positiveOffset, &result.positive);
    rebucket(d.negativeOffset, d.negative, &result.negativeOffset, &result.negative);
    return result;
}

double HistogramMath::quantile(const ExplicitDistribution &d, double q)
{
    if (d.counts.empty() || d.counts.size() != d.bounds.size() + 1)
        return notANumber;
    std::vector<Bucket> buckets;
    buckets.reserve(d.counts.size());
    const bool knownMin = d.min && std::isfinite(*d.min);
    const bool knownMax = d.max && std::isfinite(*d.max);
    for (std::size_t i = 0; i < d.counts.size(); ++i) {
        Bucket bucket;
        bucket.count = d.counts[i];
        const bool first = i == 0;
        const bool overflow = i == d.bounds.size();
        if (first && overflow) {
            // One bucket over all values: only min and max say anything.
            if (!knownMin || !knownMax)
                return notANumber;
            bucket.lower = *d.min;
            bucket.upper = *d.max;
        } else if (first) {
            bucket.upper = d.bounds[0];
            if (knownMin && *d.min < bucket.upper)
                bucket.lower = *d.min;
            else
                bucket.lower = bucket.upper > 0 ? 0 : bucket.upper;
        } else if (overflow) {
            bucket.lower = d.bounds.back();
            bucket.upper = knownMax && *d.max > bucket.lower ? *d.max : bucket.lower;
        } else {
            bucket.lower = d.bounds[i - 1];
            bucket.upper = d.bounds[i];
        }
        buckets.push_back(bucket);
    }
    return clampToKnown(interpolate(buckets, q), d.min, d.max);
}

double HistogramMath::quantile(const ExponentialDistribution &d, double q)
{
    std::vector<Bucket> buckets;
    buckets.reserve(d.negative.size() + d.positive.size() + 1);
    // Ascending values: the most negative bucket (highest index) first.
    for (std::size_t i = d.negative.size(); i-- > 0;) {
        const auto index
            = static_cast<std::int32_t>(d.negativeOffset + static_cast<std::int64_t>(i));
        buckets.push_back({-exponentialLowerBound(d.scale, index + 1),
                           -exponentialLowerBound(d.scale, index), d.negative[i]});
    }
    buckets.push_back({0, 0, d.zeroCount});
    for (std::size_t i = 0; i < d.positive.size(); ++i) {
        const auto index
            = static_cast<std::int32_t>(d.positiveOffset + static_cast<std::int64_t>(i));
        buckets.push_back({exponentialLowerBound(d.scale, index),
                           exponentialLowerBound(d.scale, index + 1), d.positive[i]});
    }
    return clampToKnown(interpolate(buckets, q), d.min, d.max);
}

double HistogramMath::exponentialBase(std::int32_t scale)
{
    return std::exp2(std::ldexp(1.0, -scale));
}

double HistogramMath::exponentialLowerBound(std::int32_t scale, std::int32_t index)
{
    // base^index = 2^(index * 2^-scale), computed in one step so large scales stay exact.
    return std::exp2(std::ldexp(static_cast<double>(index), -scale));
}

} // namespace kansoku
