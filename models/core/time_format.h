// Human-readable durations and timestamps for trace views. Pure functions; any thread.
#pragma once

#include <QString>
#include <cstdint>
#include <optional>

namespace kansoku {

// "0 ns", "850 ns", "12.3 µs", "4.56 ms", "1.25 s", "2m 05s"; three significant digits.
QString formatDurationNs(std::int64_t durationNs);
// Local time with microseconds, "2024-05-01 12:00:00.123456".
QString formatTimestampNs(std::int64_t epochNs);
// UTC ISO 8601 with all nine fraction digits, "2024-05-01T12:00:00.123456789Z", for files.
QString formatIsoTimestampNs(std::int64_t epochNs);
// ISO 8601 date and time ("2026-12-03T10:00:00Z", "2026-12-03T19:00:00.250+09:00"; without an
// offset, local time) to Unix epoch ns, millisecond precision; nullopt when it is not one (a bare
// date is not a time: "2026-12-03" would quietly mean its local midnight).
std::optional<std::int64_t> parseIsoTimestampNs(const QString &text);

} // namespace kansoku
