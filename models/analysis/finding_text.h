// The figures and statements detectors write into finding titles and facts, formatted one way
// for every detector: durations ("850 ms"), shares ("92%") and statements cut to a glanceable
// length. Pure functions, any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kansoku {

// formatDurationNs as a std::string: "850 ms", "12.3 µs".
std::string findingDurationText(std::int64_t durationNs);
// A 0..1 share as a percentage: whole percent from 10% up ("92%"), one decimal below ("4.5%",
// "0.3%"), "0%" for nothing.
std::string findingPercentText(double share);
// The statement when it has at most maxChars characters, else its first characters and "…"
// (cut on a UTF-8 character boundary), so a title stays one readable line; 0 keeps it whole.
std::string abbreviatedStatement(std::string_view statement, std::size_t maxChars = 80);

} // namespace kansoku
