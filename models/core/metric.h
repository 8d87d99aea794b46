// OTLP metrics: one Metric holds the data points of one of the five point types.
// Times are Unix epoch nanoseconds.
#pragma once

#include "core/any_value.h"
#include "core/telemetry_ids.h"

#include <optional>

namespace kansoku {

enum class MetricType : std::uint8_t {
    Gauge = 1,
    Sum = 2,
    Histogram = 3,
    ExponentialHistogram = 4,
    Summary = 5
};

// Numeric values are the OTLP wire values.
enum class AggregationTemporality : std::uint8_t { Unspecified = 0, Delta = 1, Cumulative = 2 };

struct Exemplar
{
    Attributes filteredAttributes;
    std::int64_t timeNs = 0;
    std::variant<double, std::int64_t> value = 0.0;
    SpanId spanId;
    TraceId traceId;
    bool operator==(const Exemplar &) const = default;
};

// Shared by all point types.
struct DataPointBase
{
    Attributes attributes;
    std::int64_t startTimeNs = 0;
    std::int64_t timeNs = 0;
    std::vector<Exemplar> exemplars;
    std::uint32_t flags = 0; // bit 0: no recorded value
    bool operator==(const DataPointBase &) const = default;
};

struct NumberDataPoint : DataPointBase
{
    std::variant<double, std::int64_t> value = 0.0;
    double asDouble() const
    {
        return std::holds_alternative<double>(value)
                   ? std::get<double>(value)
                   : static_cast<double>(std::get<std::int64_t>(value));
    }
    bool operator==(const NumberDataPoint &) const = default;
};

struct HistogramDataPoint : DataPointBase
{
    std::uint64_t count = 0;
    std::optional<double> sum;
    std::vector<std::uint64_t> bucketCounts;
    std::vector<double> explicitBounds;
    std::optional<double> min;
    std::optional<double> max;
    bool operator==(const HistogramDataPoint &) const = default;
};

struct ExponentialHistogramBuckets
{
    std::int32_t offset = 0;
    std::vector<std::uint64_t> bucketCounts;
    bool operator==(const ExponentialHistogramBuckets &) const = default;
};

struct ExponentialHistogramDataPoint : DataPointBase
{
    std::uint64_t count = 0;
    std::optional<double> sum;
    std::int32_t scale = 0;
    std::uint64_t zeroCount = 0;
    ExponentialHistogramBuckets positive;
    ExponentialHistogramBuckets negative;
    std::optional<double> min;
    std::optional<double> max;
    double zeroThreshold = 0;
    bool operator==(const ExponentialHistogramDataPoint &) const = default;
};

struct SummaryQuantile
{
    double quantile = 0;
    double value = 0;
    bool operator==(const SummaryQuantile &) const = default;
};

struct SummaryDataPoint : DataPointBase
{
    std::uint64_t count = 0;
    double sum = 0;
    std::vector<SummaryQuantile> quantileValues;
    bool operator==(const SummaryDataPoint &) const = default;
};

struct Metric
{
    std::string name;
    std::string description;
    std::string unit;
    Attributes metadata;
    MetricType type = MetricType::Gauge;
    // Sum, Histogram and ExponentialHistogram only.
    AggregationTemporality temporality = AggregationTemporality::Unspecified;
    bool isMonotonic = false; // Sum only
    // Exactly the vector matching `type` is used; the others stay empty.
    std::vector<NumberDataPoint> numberPoints; // Gauge, Sum
    std::vector<HistogramDataPoint> histogramPoints;
    std::vector<ExponentialHistogramDataPoint> exponentialHistogramPoints;
    std::vector<SummaryDataPoint> summaryPoints;

    std::size_t pointCount() const
    {
        return numberPoints.size() + histogramPoints.size() + exponentialHistogramPoints.size()
               + summaryPoints.size();
    }
    bool operator==(const Metric &) const = default;
};

} // namespace kansoku
