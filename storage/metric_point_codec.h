// Compact binary encoding of the bucket/quantile parts of histogram, exponential-histogram and
// summary points (varints for counts, raw IEEE-754 bytes for doubles, so every value is exact).
// Stateless; any thread.
#pragma once

#include "core/metric.h"

#include <string>
#include <string_view>

namespace kansoku {

class MetricPointCodec
{
public:
    static std::string encodeHistogram(const HistogramDataPoint &point);
    static bool decodeHistogram(std::string_view blob, HistogramDataPoint *point);

    // Everything but count/sum/min/max, which live in their own columns.
    static std::string encodeExponentialHistogram(const ExponentialHistogramDataPoint &point);
    static bool decodeExponentialHistogram(std::string_view blob,
                                           ExponentialHistogramDataPoint *point);

    static std::string encodeSummary(const SummaryDataPoint &point);
    static bool decodeSummary(std::string_view blob, SummaryDataPoint *point);
};

} // namespace kansoku
