// How findings write their figures into titles and facts, one way for every detector: durations
// ("850 ms"), shares ("92%", "4.5%"), rates, factors and counts with a few significant digits,
// statements cut to a glanceable length, and how widespread a finding is. Pure functions, any
// thread.
#pragma once

#include "analysis/finding.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kansoku {

// formatDurationNs as a std::string: "850 ms", "12.3 µs".
std::string findingDurationText(std::int64_t durationNs);
// A share of 0..1 as a percentage: whole percents from 10% up ("12%"), one decimal below ("4.5%",
// "0.4%", "5%"), "<0.1%" for a little that would read as none; "100%" only for all of it (a
// share just below reads "99.6%", "99.9%").
std::string formatShare(double share);
// Events per second with at most three significant digits: "120/s", "12.5/s", "0.25/s".
std::string formatRatePerSecond(double perSecond);
// A ratio such as "10×" or "3.5×" (three significant digits at most).
std::string formatFactor(double factor);
// The statement when it has at most maxChars characters, else its first characters and "…"
// (cut on a UTF-8 character boundary), so a title stays one readable line; 0 keeps it whole.
std::string abbreviatedStatement(std::string_view statement, std::size_t maxChars = 80);
// A count that may be an average, three significant digits at most: "50", "12.5", "2.04".
std::string formatCount(double count);
// "50 on average, 62 at most".
std::string formatAverageAndMost(double average, std::int64_t most);
// How widespread a finding is, for the end of its title: "in 100% of these requests" (the share
// of the endpoint's traces), or "in 3 traces" when the endpoint's traces are unknown.
std::string formatReach(const Finding &finding);
// "3 of 4": the affected traces of the endpoint's.
std::string formatTracesAffected(const Finding &finding);

} // namespace kansoku
