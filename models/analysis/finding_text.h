// How findings write their figures into titles and facts: shares as percentages, rates and
// factors with a few significant digits. Pure functions, any thread.
#pragma once

#include <string>

namespace kansoku {

// A share of 0..1 as a percentage: whole percents ("12%", "100%"), one decimal where rounding
// would say 0% or 100% of something that is neither ("0.4%", "99.6%"), "<0.1%" below that.
std::string formatShare(double share);
// Events per second with at most three significant digits: "120/s", "12.5/s", "0.25/s".
std::string formatRatePerSecond(double perSecond);
// A ratio such as "10×" or "3.5×" (three significant digits at most).
std::string formatFactor(double factor);

} // namespace kansoku
