#include "analysis/number_series_math.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kansoku {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double nsPerSecond = 1e9;
constexpr std::uint32_t noRecordedValueFlag = 1;

bool hasValue(const NumberDataPoint &point)
{
    return !(point.flags & noRecordedValueFlag) && std::isfinite(point.asDouble());
}

double perSecond(double increase, std::int64_t intervalNs)
{
    if (intervalNs <= 0)
        return notANumber;
    return std::max(0.0, increase) / (static_cast<double>(intervalNs) / nsPerSecond);
}

std::int64_t bucketOf(std::int64_t timeNs, std::int64_t originNs, std::int64_t resolutionNs)
{
    // Floor division, so times before the origin land in negative buckets.
    const std::int64_t offset = timeNs - originNs;
    std::int64_t bucket = offset / resolutionNs;
    if (offset % resolutionNs != 0 && offset < 0)
        --bucket;
    return bucket;
}

} // namespace

std::vector<TimedValue> NumberSeriesMath::raw(const std::vector<NumberDataPoint> &points)
{
    std::vector<TimedValue> result;
    result.reserve(points.size());
    for (const NumberDataPoint &point : points)
        result.push_back({point.timeNs, hasValue(point) ? point.asDouble() : notANumber});
    return result;
}

std::vector<TimedValue> NumberSeriesMath::cumulativeRate(const std::vector<NumberDataPoint> &points,
                                                         std::int64_t windowStartNs)
{
    std::vector<TimedValue> result;
    result.reserve(points.size());
    const NumberDataPoint *previous = nullptr;
    for (const NumberDataPoint &point : points) {
        if (!hasValue(point)) {
            result.push_back({point.timeNs, notANumber});
            continue;
        }
        const double value = point.asDouble();
        if (previous && point.timeNs <= previous->timeNs)
            continue; // a duplicate or out-of-order point says nothing new
        if (!previous) {
            if (point.startTimeNs > 0 && point.startTimeNs >= windowStartNs
                && point.startTimeNs < point.timeNs)
                result.push_back(
                    {point.timeNs, perSecond(value, point.timeNs - point.startTimeNs)});
        } else if (point.startTimeNs == previous->startTimeNs && value >= previous->asDouble()) {
            result.push_back({point.timeNs, perSecond(value - previous->asDouble(),
                                                      point.timeNs - previous->timeNs)});
        } else {
            const std::int64_t since
                = point.startTimeNs > previous->timeNs && point.startTimeNs < point.timeNs
                      ? point.startTimeNs
                      : previous->timeNs;
            result.push_back({point.timeNs, perSecond(value, point.timeNs - since)});
        }
        previous = &point;
    }
    return result;
}

std::vector<TimedValue> NumberSeriesMath::deltaRate(const std::vector<NumberDataPoint> &points)
{
    std::vector<TimedValue> result;
    result.reserve(points.size());
    const NumberDataPoint *previous = nullptr;
    for (const NumberDataPoint &point : points) {
        if (!hasValue(point)) {
            result.push_back({point.timeNs, notANumber});
            continue;
        }
        std::int64_t intervalNs = 0;
        if (point.startTimeNs > 0 && point.startTimeNs < point.timeNs)
            intervalNs = point.timeNs - point.startTimeNs;
        else if (previous)
            intervalNs = point.timeNs - previous->timeNs;
        // Unlike a counter, a delta of a non-monotonic sum may be negative: keep its sign.
        const double rate = intervalNs > 0
                                ? point.asDouble() / (static_cast<double>(intervalNs) / nsPerSecond)
                                : notANumber;
        result.push_back({point.timeNs, rate});
        previous = &point;
    }
    return result;
}

std::vector<TimedValue>
NumberSeriesMath::combine(const std::vector<std::vector<TimedValue>> &series, Combine how,
                          std::int64_t originNs, std::int64_t resolutionNs)
{
    std::vector<std::int64_t> times;
    for (const std::vector<TimedValue> &values : series) {
        for (const TimedValue &value : values)
            times.push_back(value.timeNs);
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    if (resolutionNs > 0) {
        // Keep the last time of each bucket.
        std::vector<std::int64_t> bucketed;
        for (std::size_t i = 0; i < times.size(); ++i) {
            if (i + 1 == times.size()
                || bucketOf(times[i], originNs, resolutionNs)
                       != bucketOf(times[i + 1], originNs, resolutionNs))
                bucketed.push_back(times[i]);
        }
        times = std::move(bucketed);
    }

    std::vector<TimedValue> result;
    result.reserve(times.size());
    std::vector<std::size_t> cursor(series.size(), 0);
    for (std::int64_t time : times) {
        double total = 0;
        int contributors = 0;
        for (std::size_t s = 0; s < series.size(); ++s) {
            const std::vector<TimedValue> &values = series[s];
            if (values.empty() || time < values.front().timeNs)
                continue;
            // A series that ended stops contributing, except in the bucket of its last point.
            if (time > values.back().timeNs
                && (resolutionNs <= 0
                    || bucketOf(time, originNs, resolutionNs)
                           != bucketOf(values.back().timeNs, originNs, resolutionNs)))
                continue;
            std::size_t &at = cursor[s];
            while (at + 1 < values.size() && values[at + 1].timeNs <= time)
                ++at;
            const double value = values[at].value;
            if (std::isnan(value))
                continue;
            total += value;
            ++contributors;
        }
        double combined = notANumber;
        if (contributors > 0)
            combined = how == Combine::Sum ? total : total / contributors;
        result.push_back({time, combined});
    }
    return result;
}

} // namespace kansoku
