// Human-readable values for OpenTelemetry (UCUM) units: durations scaled to ns…h, bytes to
// KiB/MiB/…, "1" as a plain number, annotations like {requests} as words, "/s" rates.
// Stateless; any thread.
#pragma once

#include <QString>

namespace kansoku {

class MetricUnits
{
public:
    // "12.5 ms", "3.2 MiB/s", "1.2k requests", "42 %"; NaN gives "–".
    static QString formatValue(double value, const QString &unit);
    // For axis ticks, where the axis title names the unit: like formatValue() but annotation
    // units ({requests}, {requests}/s) give the bare number.
    static QString formatTick(double value, const QString &unit);
    // The unit as a reader says it, for titles: "By" → "bytes", "{requests}" → "requests",
    // "s" → "seconds"; "1" and "" give "".
    static QString describe(const QString &unit);
    // The unit of a per-second rate of this unit: "By" → "By/s", "1" or "" → "1/s".
    static QString perSecond(const QString &unit);
    // A plain number with k/M/G/T above ten thousand, at most three decimals.
    static QString compactNumber(double value);
};

} // namespace kansoku
