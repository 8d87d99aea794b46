// Human-readable durations and timestamps for trace views. Pure functions; any thread.
#pragma once

#include <QString>
#include <cstdint>

namespace kansoku {

// "0 ns", "850 ns", "12.3 µs", "4.56 ms", "1.25 s", "2m 05s"; three significant digits.
QString formatDurationNs(std::int64_t durationNs);
// Local time with microseconds, "2024-05-01 12:00:00.123456".
QString formatTimestampNs(std::int64_t epochNs);
// UTC ISO 8601 with all nine fraction digits, "2024-05-01T12:00:00.123456789Z", for files.
QString formatIsoTimestampNs(std::int64_t epochNs);

} // namespace kansoku
