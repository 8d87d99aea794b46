// Turns metric_points rows back into model points (and adds delta-sum points into bucket totals).
// Stateless; any thread.
#pragma once

#include "core/metric.h"

namespace kansoku {

class SqliteStatement;

class MetricPointReader
{
public:
    // The columns appendPoint() expects, in this order, at the start of the row.
    static constexpr const char *columns
        = "time_ns, start_time_ns, flags, value, count, sum, min, max, detail, exemplars";

    // Appends the row's point to the vector matching metric->type; attributes are the stream's.
    static void appendPoint(const SqliteStatement &row, Metric *metric,
                            const Attributes &attributes);
    // Adds point to a bucket total: integer while both are integers, the later time and flags,
    // the exemplars of both.
    static void accumulate(NumberDataPoint &total, NumberDataPoint &&point);
};

} // namespace kansoku
